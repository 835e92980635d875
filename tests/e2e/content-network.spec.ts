/**
 * Issue 15, over the museum's network: a kiosk whose kiosk.yaml names packages.updateUrl pulls a new
 * version from `npm run content:serve` (the real command, in its own process, on 127.0.0.1), stages it
 * while a visitor is at the screen, and shows it only once the visit has ended and the attract loop is
 * back. The staff screen says when the kiosk last checked and what came of it. Real packages published by
 * the kiosk's own code (which writes latest.json), the real backend and its polling loop, real Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { api } from '../../main/common/api';
import { exhibitVersion, openStaff, packagedKiosk } from '../support/packagedKiosk';
import { expect, serve, test } from './fixtures';

const SUBTITLE = { 1: 'A small test exhibit', 2: 'A small test exhibit, revised' } as const;
/** content:serve's port, one per project (they may run at once): E2E_PORT + 1 and + 2 (4331–4339 here). */
const servePort = (project: string) =>
  Number(process.env.E2E_PORT ?? 4333) + (project === 'portrait' ? 2 : 1);
let root = '';
let configDir = '';
let publishSecond: () => Promise<string> = () => Promise.reject(new Error('not set up'));
let contentServe: ChildProcess | null = null;
let served = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = servePort(test.info().project.name);
  ({ root, configDir, publishSecond } = await packagedKiosk({
    prefix: 'kiosk-network-',
    second: 'later',
    subtitles: SUBTITLE,
    packagesYaml: [`  updateUrl: http://127.0.0.1:${port}/latest.json`],
  }));
  // The publish folder, served as a small site serves it.
  contentServe = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/content-serve.ts', path.join(root, 'published'), '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const child = contentServe;
  child.stdout?.on('data', (d: Buffer) => (served += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (served += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (served.includes('Serving')) resolve();
    });
    child.on('close', (code) => reject(new Error(`content:serve ended (${code}): ${served}`)));
  });
});

async function stopContentServe(): Promise<void> {
  const child = contentServe;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.kill('SIGTERM');
  await closed;
}

test.afterAll(async () => {
  await stopContentServe();
  await rm(root, { recursive: true, force: true });
});

test('a new version pulled from content:serve goes on screen at the next attract loop, not during a visit', async ({
  kiosk: page,
}, info) => {
  test.setTimeout(240_000);
  const { server, cleanup } = await serve('tests/fixtures/valid', configDir);
  const packages = server.backend.packages;
  if (!packages) throw new Error('the kiosk has no packages runtime');
  try {
    // The polling loop checks at once when the kiosk starts: version 1 is the server's newest.
    await expect
      .poll(() => packages.health().updates?.last?.result ?? null, { timeout: 60_000 })
      .not.toBeNull();
    expect(packages.health().updates?.last).toMatchObject({ result: 'up-to-date', offered: 1 });
    expect(served).toMatch(/GET \/latest\.json 200\n/);

    await page.goto(server.url);
    await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[1]);
    // A visitor starts a visit.
    await page.getByTestId('attract').tap();
    // The visit's first screen: the choice of language.
    const visiting = page.getByRole('button', { name: /^English/ });
    await expect(visiting).toBeVisible();
    await page.waitForRequest(
      (r) => r.url().endsWith(api.heartbeat) && r.postData()?.includes('active') === true,
    );

    // The museum publishes version 2; the kiosk's next check pulls and stages it (the check the timer makes
    // every checkEveryMinutes, asked for now rather than waited for).
    await publishSecond();
    expect(await packages.checkForUpdates()).toMatchObject({ result: 'staged', offered: 2 });
    expect(served).toMatch(/GET \/harbour-memories-2\.kioskpkg 200\n/);
    expect(packages.health().versions.map((v) => `${v.state} ${v.version}`)).toEqual(['staged 2', 'live 1']);

    // Mid-visit, the next heartbeats leave it waiting: still version 1.
    for (let i = 0; i < 2; i++)
      await page.waitForRequest(
        (r) => r.url().endsWith(api.heartbeat) && r.postData()?.includes('active') === true,
      );
    await packages.check();
    expect(await exhibitVersion(page, server.url)).toBe('1.0.1');
    await expect(visiting).toBeVisible();

    // The visit ends (idle time, then the warning): the attract loop is back, and version 2 goes on screen.
    await expect(page.getByTestId('attract')).toBeVisible({ timeout: 90_000 });
    await expect.poll(() => exhibitVersion(page, server.url), { timeout: 90_000 }).toBe('1.0.2');
    expect(packages.health().versions.map((v) => `${v.state} ${v.version}`)).toEqual([
      'live 2',
      'previous 1',
    ]);
    // (Electron reloads the page when a version is shown; the loopback host leaves that to the test.)
    await page.reload();
    await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[2]);

    // The next check: nothing new (304).
    expect(await packages.checkForUpdates()).toMatchObject({ result: 'not-modified' });
    expect(served).toMatch(/GET \/latest\.json 304\n/);

    // Staff see the last check on the staff screen.
    await openStaff(page);
    const line = page.getByTestId('staff-update-check');
    await expect(line).toContainText('Last update check');
    await expect(line).toContainText(
      'Nothing new since the last check. The server answered 304: latest.json is unchanged.',
    );
    await expect(line).toContainText('Next check');
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`staff-update-check-${info.project.name}.png`) });

    // The server goes away: the next check fails, version 2 stays on screen, and staff see why.
    await stopContentServe();
    expect(await packages.checkForUpdates()).toMatchObject({
      result: 'server-error',
      reason: 'server-error',
    });
    expect(await exhibitVersion(page, server.url)).toBe('1.0.2');
    await page.getByTestId('staff-close').tap();
    await expect(page.getByTestId('staff-panel')).toBeHidden();
    await openStaff(page);
    await expect(line).toContainText('Server not reached or in error. The server could not be reached');
    await expect(line).toContainText('(waiting longer after 1 failed check in a row)');
    await expect(line.locator('.staff-warning')).toHaveCount(1);
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`staff-update-check-failed-${info.project.name}.png`) });
  } finally {
    packages.stopPolling();
    await cleanup(page);
  }
});
