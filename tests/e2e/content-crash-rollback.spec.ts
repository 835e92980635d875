/**
 * Issue 15: a new content version under which the visitor screen keeps failing is rolled back by itself,
 * and the staff screen says so. The page's renderer is crashed for real (CDP Page.crash, a real renderer
 * process gone). The loopback host has no Electron events, so the test stands where Electron's host stands:
 * Playwright's `crash` event goes to the same watchdog (main/kiosk/watchdog.ts) with the same wiring as
 * main/electron/index.ts — the renderer gone is told to the packages runtime (`rendererGone`), the watchdog's
 * reload opens the kiosk page again (a new renderer, as Electron's reload makes one), its relaunch waits for
 * the rollback first. Real packages published and installed by the kiosk's own code, the real backend.
 */
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { relaunchAfterRollback } from '../../main/kiosk/hostEvents';
import { createWatchdog } from '../../main/kiosk/watchdog';
import { exhibitVersion, openStaff, packagedKiosk } from '../support/packagedKiosk';
import { expect, serve, test, type KioskProblems } from './fixtures';

const SUBTITLE = { 1: 'A small test exhibit', 2: 'A small test exhibit, revised' } as const;
let root = '';
let configDir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Version 1 is live; version 2 is staged, and the kiosk switches to it as it starts.
  ({ root, configDir } = await packagedKiosk({
    prefix: 'kiosk-crash-rollback-',
    second: 'stage',
    subtitles: SUBTITLE,
    packagesYaml: ['  crashRollback:', '    crashes: 3', '    withinMinutes: 10'],
  }));
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The fixture's watch over a page (console errors, requests leaving the machine), for each new page. */
function watch(page: Page, problems: KioskProblems): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.consoleErrors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== '127.0.0.1')
      problems.offlineViolations.push(r.url());
  });
}

/** Crash the page's renderer process for real, and wait until Chromium reports it gone. */
async function crash(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const gone = page.waitForEvent('crash');
  // The command never answers: its renderer is gone before it can.
  void cdp.send('Page.crash').catch(() => undefined);
  await gone;
}

test('three renderer crashes soon after a switch: the kiosk goes back by itself and tells staff', async ({
  kiosk,
  problems,
}, info) => {
  test.slow();
  const context = kiosk.context();
  const { server, cleanup } = await serve('tests/fixtures/valid', configDir);
  const packages = server.backend.packages;
  if (!packages) throw new Error('the packages runtime is not on');
  let page = kiosk;
  const log: string[] = [];
  // The watchdog asks for the page again (reload, or relaunch after too many failures): the next page.
  let pageAsked: () => void = () => undefined;
  const askForPage = () => pageAsked();
  // The same wiring as main/electron/index.ts.
  const watchdog = createWatchdog({
    settings: () => server.settings.watchdog,
    now: () => Date.now(),
    reload: askForPage,
    relaunch: () =>
      void relaunchAfterRollback({
        settled: packages.settled(),
        waitMs: 15_000,
        wait: () => new Promise<void>(() => undefined),
        relaunch: askForPage,
      }),
    log: (m) => log.push(m),
    rendererFailed: (at) => void packages.rendererGone(at),
  });
  const follow = (p: Page) =>
    p.on('crash', () => watchdog.report({ type: 'render-process-gone', reason: 'crashed' }));
  follow(page);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('attract')).toBeVisible();
    await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[2]);
    expect(await exhibitVersion(page, server.url)).toBe('1.0.2');

    for (let n = 1; n <= 3; n++) {
      const asked = new Promise<void>((resolve) => (pageAsked = resolve));
      await crash(context, page);
      await asked;
      // The crashed tab goes (the context's clock would otherwise still reach for it); a new renderer comes.
      await page.close();
      page = await context.newPage();
      watch(page, problems);
      follow(page);
      watchdog.report({ type: 'loaded' });
      await page.goto(server.url);
      await expect(page.getByTestId('attract')).toBeVisible();
      // Two crashes: still version 2. The third: version 1, before the page came back.
      await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[n < 3 ? 2 : 1]);
    }
    expect(log.map((m) => m.replace(/ in \d+ ms$/, ''))).toEqual([
      'watchdog: renderer process gone (crashed) → reload',
      'watchdog: renderer process gone (crashed) → reload',
      'watchdog: renderer process gone (crashed); 3 failures within 10 min → relaunch',
    ]);
    expect(await exhibitVersion(page, server.url)).toBe('1.0.1');

    await openStaff(page);
    const note =
      'The visitor screen stopped 3 times within 10 minutes of version 2 going on screen; the kiosk went back to version 1 by itself.';
    await expect(page.locator('.staff-panel > .staff-warning')).toHaveText([note]);
    const versions = page.getByTestId('staff-versions');
    await expect(versions.locator('.staff-warning')).toHaveText([note]);
    await expect(versions.locator('.staff-version')).toHaveText([
      /Version 1\s*On screen/,
      /Version 2\s*Left by going back; not shown again by itself/,
    ]);
    await expect(page.getByTestId('staff-rollback')).toHaveCount(0);
    await page.screenshot({ path: info.outputPath('crash-rollback-landscape.png') });
    await page.setViewportSize({ width: 1080, height: 1920 });
    await expect(versions).toBeVisible();
    await page.screenshot({ path: info.outputPath('crash-rollback-portrait.png') });
  } finally {
    watchdog.stop();
    await cleanup(page);
  }
});
