/**
 * Issue 10, point 1: five taps in the top-left corner used to blank the kiosk until someone restarted it.
 * Here: the staff PIN pad opens in every state (with and without staff warnings, with and without a PIN);
 * a screen that fails to render is logged and the kiosk returns to the attract loop at once; and a page
 * whose whole tree keeps failing shows a calm notice and stops its heartbeat, so the watchdog reloads it.
 *
 * Errors are provoked without any hook in the kiosk: the test changes what the real backend answers
 * (page.route), as a broken or hostile answer would.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { api, type KioskStatus } from '../../main/common/api';
import type { ExhibitResponse } from '../../main/common/exhibit';
import { expect, serve, startVisit, test } from './fixtures';

const PIN = '2468';
/** The e2e device config: 10 s idle warning (tests/e2e/kiosk-config/kiosk.yaml). */
const WARNING_MS = 10_000;
/** renderer/src/heartbeat.ts */
const HEARTBEAT_MS = 5_000;
/** App polls /api/status this often. */
const STATUS_POLL_MS = 30_000;

/** Nothing to tell staff: open around the clock, no daily restart. */
const QUIET_CONFIG = 'tests/fixtures/kiosk-config-quiet';
/** A word where a number belongs, a volume out of range: the staff screen lists the problems. */
const BROKEN_CONFIG = 'tests/fixtures/kiosk-config-broken';

/**
 * A copy of the quiet config with a staff PIN set the technician's way (`npm run set-pin`, the PIN piped
 * in), and then, if asked, a setting broken by hand afterwards (set-pin refuses to write a broken file).
 */
async function configWithPin(breakVolume: boolean): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-pin-'));
  await cp(QUIET_CONFIG, dir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/set-pin.ts', '--config', dir], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(`${PIN}\n${PIN}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`set-pin failed (${code}): ${stderr}`);
  if (breakVolume) {
    const file = path.join(dir, 'kiosk.yaml');
    const text = await readFile(file, 'utf8');
    if (!text.includes('volume: 0.8')) throw new Error('the quiet config has no volume line to break');
    await writeFile(file, text.replace('volume: 0.8', 'volume: 3'));
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** What the page posts to /api/log and /api/heartbeat, in order. */
function watchPosts(page: Page): { logged: string[]; beats: () => number } {
  const logged: string[] = [];
  let beats = 0;
  page.on('request', (request: Request) => {
    if (request.method() !== 'POST') return;
    const { pathname } = new URL(request.url());
    if (pathname === api.heartbeat) beats += 1;
    if (pathname === api.log) logged.push(request.postData() ?? '');
  });
  return { logged, beats: () => beats };
}

/**
 * Every request the page made before this one has been reported: the browser sends them in order and
 * Playwright reports them in order. (No waiting on time.)
 */
async function requestsSoFar(page: Page): Promise<void> {
  const marker = `${api.settings}?marker=${Math.random()}`;
  const seen = page.waitForRequest((r) => r.url().endsWith(marker));
  await page.evaluate((url) => fetch(url).then(() => undefined), marker);
  await seen;
}

/**
 * Five taps on the staff corner. They count when they fall within three seconds: the page's clock stands
 * still from here on (its timers keep running), so a slow machine cannot spread them out.
 */
async function tapStaffCorner(page: Page): Promise<void> {
  await page.clock.setFixedTime(await page.evaluate(() => Date.now()));
  const box = await page.getByTestId('staff-corner').boundingBox();
  if (!box) throw new Error('the staff corner is not on the page');
  for (let i = 0; i < 5; i++) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

const states = [
  { name: 'no staff warnings, no PIN set', warnings: false, pin: false },
  { name: 'staff warnings, no PIN set', warnings: true, pin: false },
  { name: 'no staff warnings, a PIN set', warnings: false, pin: true },
  { name: 'staff warnings, a PIN set', warnings: true, pin: true },
];

for (const state of states) {
  test(`five corner taps open the staff PIN pad: ${state.name}`, async ({ kiosk: page }) => {
    // Each starts its own backend (and set-pin hashes with scrypt): more time on a busy machine.
    test.slow();
    const config = state.pin ? await configWithPin(state.warnings) : null;
    // A small package: these tests are about the staff corner, not the content.
    const { server, cleanup } = await serve(
      'tests/fixtures/valid',
      config?.dir ?? (state.warnings ? BROKEN_CONFIG : QUIET_CONFIG),
    );
    const posts = watchPosts(page);
    try {
      // The state under test, as the backend reports it.
      const status = (await (await page.request.get(`${server.url}${api.status}`)).json()) as KioskStatus;
      if (state.warnings) expect(status.staffWarnings?.join(' ')).toContain('kiosk-config has');
      // The normal state, which blanked the kiosk: no staffWarnings field at all.
      else expect(status.staffWarnings).toBeUndefined();
      await page.goto(server.url);
      await expect(page.getByTestId('attract')).toBeVisible();
      await tapStaffCorner(page);

      const panel = page.getByTestId('staff-panel');
      await expect(panel).toBeVisible();
      await expect(page.getByTestId('staff-message')).toHaveText('Enter the staff PIN.');
      await expect(page.getByTestId('pin-dots')).toBeVisible();
      if (state.warnings)
        await expect(panel.locator('.staff-warning', { hasText: 'kiosk-config has' })).toBeVisible();
      else await expect(panel.locator('.staff-warning')).toHaveCount(0);

      // The pad answers.
      for (const digit of PIN) await page.getByTestId(`pin-${digit}`).tap();
      await expect(page.getByTestId('pin-dots')).toHaveText('●●●●');
      await page.getByTestId('pin-enter').tap();
      if (state.pin) {
        await expect(page.getByTestId('staff-message')).toHaveText('Unlocked.');
        await expect(page.getByTestId('staff-health')).toContainText('uptimeSeconds');
      } else {
        await expect(page.getByTestId('staff-message')).toHaveText(
          'No staff PIN is set. Run npm run set-pin on this machine.',
        );
      }

      await page.getByTestId('staff-close').tap();
      await expect(panel).toBeHidden();
      await expect(page.getByTestId('attract')).toBeVisible();
      await requestsSoFar(page);
      expect(posts.logged, 'nothing failed to render').toEqual([]);
    } finally {
      // The page first: a status poll still in flight when its server closes is a console error.
      await cleanup(page);
      await config?.cleanup();
    }
  });
}

test('five corner taps during a visit open the PIN pad over the screen, and closing returns to it', async ({
  kiosk: page,
}) => {
  await page.goto('/');
  await startVisit(page, 'en');
  await tapStaffCorner(page);
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  await expect(page.getByTestId('pin-dots')).toBeVisible();
  await page.getByTestId('staff-close').tap();
  await expect(page.getByTestId('home')).toBeVisible();
});

test('a screen that fails to render is logged and the kiosk returns to the attract loop at once', async ({
  kiosk: page,
}) => {
  // The backend answers a story whose text cannot be rendered (its blocks are not a list).
  await page.route(`**${api.exhibit}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as ExhibitResponse;
    if (body.status === 'ok') {
      for (const story of body.exhibit.stories)
        for (const text of Object.values(story.text)) Object.assign(text ?? {}, { blocks: 'not a list' });
    }
    await route.fulfill({ response, json: body });
  });
  const posts = watchPosts(page);
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();
  const fresh = await page.evaluate(() => ({ lang: document.documentElement.lang }));

  await startVisit(page, 'en');
  await page.getByTestId('section-stories').tap();
  const first = page.locator('[data-testid^="story-"]').first();
  const storyId = ((await first.getAttribute('data-testid')) ?? '').replace(/^story-/, '');
  await first.tap();
  const note = page.getByTestId('content-note');
  if (await note.isVisible()) await page.getByTestId('content-note-continue').tap();
  const failedAt = await page.evaluate(() => Date.now());

  // Back at the attract loop, as a fresh kiosk, with no page time passing (well inside the idle warning).
  await expect(page.getByTestId('attract')).toBeVisible();
  expect((await page.evaluate(() => Date.now())) - failedAt).toBeLessThan(WARNING_MS);
  await expect(page.getByTestId('screen-story')).toHaveCount(0);
  expect(await page.evaluate(() => ({ lang: document.documentElement.lang }))).toEqual(fresh);

  // The technician reads why in the kiosk's log.
  await requestsSoFar(page);
  expect(posts.logged).toHaveLength(1);
  expect(JSON.parse(posts.logged[0] ?? '{}')).toMatchObject({
    level: 'error',
    message: expect.stringContaining(`screen story:${storyId} failed to render (back to the attract loop)`),
  });

  // The kiosk is alive: the next visitor starts a visit, and the heartbeat goes on.
  const beatsBefore = posts.beats();
  await page.clock.runFor(2 * HEARTBEAT_MS + 100);
  await requestsSoFar(page);
  expect(posts.beats() - beatsBefore).toBeGreaterThanOrEqual(2);
  await startVisit(page, 'en');
});

test('a page whose whole tree keeps failing shows a calm notice and stops its heartbeat', async ({
  kiosk: page,
}) => {
  const posts = watchPosts(page);
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();

  // Alive: a heartbeat at each interval.
  await page.clock.runFor(2 * HEARTBEAT_MS + 100);
  await requestsSoFar(page);
  expect(posts.beats()).toBeGreaterThanOrEqual(2);

  // The next status poll says "closed until" a time that is no time: the closed screen cannot format it, so
  // every render of the kiosk now fails (and keeps failing: nothing changes the status back).
  const unreadable: KioskStatus = { open: false, outsideHours: 'closedScreen', nextChange: 'not a time' };
  await page.route(`**${api.status}`, (route) => route.fulfill({ json: unreadable }));
  await page.clock.runFor(STATUS_POLL_MS);
  await expect(page.getByTestId('unavailable')).toBeVisible();
  await expect(page.getByTestId('unavailable')).toContainText('This exhibit is temporarily unavailable');
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await expect(page.getByTestId('staff-corner')).toHaveCount(0);

  // No kiosk rendered, no heartbeat: over a minute of page time, none goes out, so the watchdog (30 s
  // without one) reloads the page.
  await requestsSoFar(page);
  const beatsWhenDead = posts.beats();
  await page.clock.runFor(60_000);
  await requestsSoFar(page);
  expect(posts.beats()).toBe(beatsWhenDead);

  // It was logged: four failures, the last one giving up.
  const messages = posts.logged.map((line) => (JSON.parse(line) as { message: string }).message);
  expect(messages).toHaveLength(4);
  expect(messages.at(-1)).toContain('the kiosk failed to render (4 failures in a row;');
  expect(messages.at(-1)).toContain('RangeError');
});
