/**
 * The kiosk's test fixture: every test fails on a console error, an uncaught page error, or any request to
 * a host other than 127.0.0.1 (the offline guarantee).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { contentWorkerBuilt } from '../../main/content/load/workerLocation';
import { startPreviewServer, type PreviewServer } from '../../main/preview/previewServer';

export interface KioskProblems {
  consoleErrors: string[];
  offlineViolations: string[];
}

export const test = base.extend<{ kiosk: Page; problems: KioskProblems }>({
  // Playwright fixtures must destructure their dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  problems: async ({}, use) => {
    await use({ consoleErrors: [], offlineViolations: [] });
  },
  kiosk: async ({ page, problems }, use) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => problems.consoleErrors.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.hostname !== '127.0.0.1') problems.offlineViolations.push(request.url());
    });
    await use(page);
    expect(problems.offlineViolations, 'requests left the machine').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
  },
});

export { expect };

/** Tap the element (a real touch: pointerdown with pointerType touch, touchstart, touchend, click). */
export async function tap(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).tap();
}

/** From the attract loop to the home screen in a language. */
export async function startVisit(page: Page, lang = 'en'): Promise<void> {
  await page.getByTestId('attract').tap();
  await page.getByTestId(`choose-${lang}`).tap();
  await expect(page.getByTestId('home')).toBeVisible();
}

/**
 * A real touch at the centre of an element, without Playwright's hit-target check. Used where the page
 * clock is installed: after OpenSeadragon has run under the fake clock, that check misreads the target
 * even though the touch lands on the element (the event targets are asserted by the tests' outcomes).
 */
export async function touchCentre(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A content package served by the real backend on its own loopback server. A package from tests/fixtures
 * gets its own derivative cache (removed by cleanup()); the sample in media/ keeps its usual one.
 */
export async function serve(
  mediaDir: string,
  configDir = 'tests/e2e/kiosk-config',
): Promise<{ server: PreviewServer; cleanup(page?: Page): Promise<void> }> {
  const derivedDir = mediaDir.startsWith('tests/fixtures/')
    ? await mkdtemp(path.join(tmpdir(), `kiosk-derived-${path.basename(mediaDir)}-`))
    : undefined;
  const builtWorker = contentWorkerBuilt();
  const server = await startPreviewServer({
    rendererDir: path.resolve('out/renderer'),
    mediaDir: path.resolve(mediaDir),
    configDir: path.resolve(configDir),
    derivedDir,
    log: quiet,
    // The worker `npm run build` bundled beside the renderer served here (as the preview and Electron).
    ...(builtWorker ? { contentWorker: builtWorker } : {}),
  });
  return {
    server,
    // The page closes before its server: a request still in flight would otherwise end in a connection
    // reset that the page reports as a console error (seen with both cores busy).
    cleanup: async (page?: Page) => {
      if (page && !page.isClosed()) await page.close();
      await server.close();
      if (derivedDir) await rm(derivedDir, { recursive: true, force: true });
    },
  };
}

export { pinchOut } from '../support/touch';
