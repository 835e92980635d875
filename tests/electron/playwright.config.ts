import { defineConfig } from '@playwright/test';

/**
 * The real Electron app, driven by Playwright's `_electron`. Needs the Electron binary, which is downloaded
 * on first run (internet); where it is missing the whole suite is skipped with one line saying so.
 * Run with `npm run test:electron` (it builds first if out/ is missing).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['../e2e/summaryReporter.ts']],
  globalSetup: './globalSetup.ts',
});
