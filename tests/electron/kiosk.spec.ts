/**
 * The shell, for real: the kiosk window is full-screen and in kiosk mode, it refuses to navigate away or
 * open windows, the page has no Node, every response carries the CSP, a crashed renderer comes back, the
 * content loads in its worker, the page's own POSTs are accepted, and a hung page is reloaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Set by globalSetup.ts: the Electron binary's path, or empty when it is not installed. */
const executablePath = process.env.KIOSK_ELECTRON_BINARY ?? '';

test.skip(
  !executablePath,
  'Skipped: the Electron binary is not installed on this machine (it is downloaded on first run, which needs the internet). On a connected machine run `npx electron --version` once, then `npm run test:electron`.',
);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  if (!executablePath) return;
  if (
    !existsSync(path.join(root, 'out/main/index.cjs')) ||
    !existsSync(path.join(root, 'out/renderer/index.html'))
  ) {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
      cwd: root,
      stdio: 'inherit',
    });
    expect(build.status).toBe(0);
  }
  userData = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-test-'));
  app = await electron.launch({
    executablePath,
    args: [root, `--user-data-dir=${userData}`],
    cwd: root,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

/**
 * What the window's page answers to `script`, asked from the main process: "not yet" while it is crashed
 * or loading, "hung" when it does not answer within 2 s.
 */
function askPage(script: string): Promise<string> {
  return app.evaluate(async ({ BrowserWindow }, js) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents;
    if (!contents || contents.isCrashed() || contents.isLoading()) return 'not yet';
    const answer = contents.executeJavaScript(js) as Promise<string>;
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 2_000));
    return Promise.race([answer, late]);
  }, script);
}

async function windowCount(): Promise<number> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
}

test('the kiosk window is full-screen, in kiosk mode, menu-less, on kiosk://app/', async () => {
  await expect.poll(() => page.url()).toMatch(/^kiosk:\/\/app\//);
  const state = await app.evaluate(({ BrowserWindow, screen }) => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return null;
    const display = screen.getDisplayMatching(win.getBounds());
    return {
      kiosk: win.isKiosk(),
      fullScreen: win.isFullScreen(),
      menuBar: win.isMenuBarVisible(),
      bounds: win.getBounds(),
      display: display.bounds,
      zoom: win.webContents.getZoomFactor(),
    };
  });
  expect(state).not.toBeNull();
  expect(state?.kiosk).toBe(true);
  expect(state?.fullScreen).toBe(true);
  expect(state?.menuBar).toBe(false);
  expect(state?.bounds).toEqual(state?.display);
  expect(state?.zoom).toBe(1);
});

test('the page has no Node and every response carries the CSP', async () => {
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return [typeof w.require, typeof w.process, typeof w.module, typeof w.Buffer];
  });
  expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  const csp = await page.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
});

for (const target of [
  'https://example.com/',
  'file:///etc/passwd',
  'kiosk://evil/',
  'data:text/html,hello',
]) {
  test(`navigation to ${target} is refused`, async () => {
    const probe = `#probe-${Math.random().toString(36).slice(2)}`;
    // The main process records every main-frame navigation that starts until a same-document probe the
    // page makes in a later task arrives: by then the attempt has reached the main process and been
    // decided. An event to wait for, not a sleep followed by "nothing happened".
    const started = app.evaluate(
      ({ BrowserWindow }, probeHash) =>
        new Promise<string[]>((resolve) => {
          const contents = BrowserWindow.getAllWindows()[0]!.webContents;
          const seen: string[] = [];
          const onStart = (details: { url: string; isMainFrame: boolean; isSameDocument: boolean }) => {
            if (details.isMainFrame && !details.isSameDocument) seen.push(details.url);
          };
          const onInPage = (_event: unknown, url: string) => {
            if (!url.endsWith(probeHash)) return;
            contents.off('did-start-navigation', onStart);
            contents.off('did-navigate-in-page', onInPage);
            resolve(seen);
          };
          contents.on('did-start-navigation', onStart);
          contents.on('did-navigate-in-page', onInPage);
        }),
      probe,
    );
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, probe);
    expect(await started).toEqual([]);
    expect(page.url()).toMatch(/^kiosk:\/\/app\//);
  });
}

test('window.open is refused and no second window appears', async () => {
  const opened = await page.evaluate(() => [
    window.open('https://example.com/') === null,
    window.open('kiosk://app/#elsewhere') === null,
    window.open('about:blank') === null,
  ]);
  // window.open answers only after the main process has decided, so a window it let through would exist now.
  expect(opened).toEqual([true, true, true]);
  expect(await windowCount()).toBe(1);
});

// Issue 10's checks that only Electron can make: the content worker under Electron's Node, the Origin the
// page's own POSTs carry on kiosk://app, and the watchdog recovering a page that no longer beats. After a
// hang or a crash, only the main process is asked (Playwright's page object may not survive either).

test('the exhibit loads in its content worker under Electron, and the attract loop shows it', async () => {
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: 60_000 });
  const exhibit = (await page.evaluate("fetch('/api/exhibit').then((r) => r.json())")) as {
    status: string;
    exhibit?: { id: string };
  };
  expect(exhibit.status).toBe('ok');
  expect(exhibit.exhibit?.id).toBe('nanjing-safety-zone');
});

test("the page's own POST is accepted: its Origin is kiosk://app", async () => {
  const answer = (await page.evaluate(
    "fetch('/api/log', { method: 'POST', body: JSON.stringify({ level: 'info', message: 'electron test' }) }).then((r) => r.status)",
  )) as number;
  expect(answer).toBe(204);
});

test('a page that hangs stops its heartbeat, and the watchdog reloads it', async () => {
  test.setTimeout(180_000);
  // A mark on this page, then an endless loop in it: the page never beats again.
  await page.evaluate('window.__beforeHang = true');
  await app.evaluate(({ BrowserWindow }) => {
    void BrowserWindow.getAllWindows()[0]?.webContents.executeJavaScript('for (;;) {}');
  });
  // The watchdog's heartbeat timeout (30 s by default), then the reload: a new page, without the mark.
  await expect
    .poll(() => askPage('`${document.readyState} ${typeof window.__beforeHang}`'), {
      timeout: 120_000,
      intervals: [2_000],
    })
    .toBe('complete undefined');
});

test('a crashed renderer comes back', async () => {
  await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer(),
  );
  await expect
    .poll(() => askPage('`${document.readyState} ${location.href}`'), { timeout: 30_000 })
    .toMatch(/^complete kiosk:\/\/app\//);
  expect(await windowCount()).toBe(1);
});
