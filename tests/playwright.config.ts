import { defineConfig } from '@playwright/test';
import { chooseChromium, chromiumArgs } from './chromium';

const port = Number(process.env.E2E_PORT ?? 4317);
const chromium = chooseChromium();

/**
 * End-to-end tests: real Chromium with touch, against the real backend (`npm run preview`'s server, the
 * same request handler Electron mounts), on the sample exhibit in media/ with a test device config.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous limits: the suite must pass with both cores busy (a first paint there took over 10 s). A
  // limit is only how long a failing test waits; a passing one goes on as soon as what it expects shows.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./e2e/summaryReporter.ts']],
  globalSetup: './e2e/globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    hasTouch: true,
    isMobile: false,
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath: chromium.executablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'landscape', use: { viewport: { width: 1920, height: 1080 } } },
    { name: 'portrait', use: { viewport: { width: 1080, height: 1920 } } },
  ],
  webServer: {
    command: `node --import tsx scripts/preview.ts --no-build --port ${port} --config tests/e2e/kiosk-config`,
    url: `http://127.0.0.1:${port}/api/settings`,
    cwd: process.cwd(),
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
