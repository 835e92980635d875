/**
 * Issue 17, point 5: explore by touch, for a blind visitor without a keypad. Real touch events through the
 * Chrome DevTools Protocol (tests/support/touch.ts): three fingers held still start it from the attract
 * loop; a touch says what is under the finger and presses nothing; a double tap anywhere chooses what was
 * said; two fingers scroll; a photograph still zooms with a pinch; the idle reset ends it and nothing is
 * said after. A recording speaker (tests/support/recordingSpeaker.ts) stands in for the machine's voices.
 *
 * The page clock is paused and driven: the hold, the taps and the idle time are measured in the page's
 * time, so nothing depends on how fast the machine is. With EXPLORE_SHOTS=<folder> the screens are also
 * saved as PNGs there (docs/screenshots/).
 */
import AxeBuilder from '@axe-core/playwright';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { clearSpoken, installRecordingSpeaker, spoken, speechStops } from '../support/recordingSpeaker';
import { fingersDown, fingersUp, pinchOut, quickTap, twoFingerSwipeUp } from '../support/touch';
import { expect, test } from './fixtures';

/** The schema's defaults (visitor.accessibility): three fingers held 1.5 s; 180 s idle, a 30 s warning. */
const HOLD_MS = 1_500;
const AUDIO_IDLE_MS = 180_000;
const AUDIO_WARNING_MS = 30_000;

/** A machine with Chinese, English and Japanese voices; its only Indonesian voice is remote. */
const VOICES = [
  { name: 'Huihui', lang: 'zh-CN', localService: true },
  { name: 'Zira', lang: 'en-US', localService: true },
  { name: 'Haruka', lang: 'ja-JP', localService: true },
  { name: 'Cloud Indonesian', lang: 'id-ID', localService: false },
];

/**
 * Pause the page clock, a little ahead of the page's own time (pauseAt only moves forward; the page's time
 * runs on while the request travels, so the margin is generous — the pause must not depend on how busy the
 * machine is). Nothing under test waits on the time it skips: the idle time starts at the next touch.
 */
async function pauseClock(page: Page): Promise<void> {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 30_000);
}

/** axe waits on timers of its own: the page clock runs while it scans, and is paused again after. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.clock.resume();
  const results = await new AxeBuilder({ page }).analyze();
  await pauseClock(page);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A finger rests on the element (the guide speaks as it touches), then lifts after `restMs` of page time. */
async function touchAndListen(page: Page, cdp: CDPSession, locator: Locator, restMs = 800): Promise<void> {
  await fingersDown(cdp, [await centre(locator)]);
  await page.clock.runFor(restMs);
  await fingersUp(cdp);
}

/** Two quick taps at one point, in the same instant of page time. */
async function doubleTap(cdp: CDPSession, x: number, y: number): Promise<void> {
  await quickTap(cdp, x, y);
  await quickTap(cdp, x, y);
}

/**
 * The screen shows: React reveals a screen that was waiting for its code on a timer of its own, so the
 * paused page clock is moved on a little at a time until it does.
 */
async function shows(page: Page, testId: string): Promise<void> {
  await expect(async () => {
    await page.clock.runFor(100);
    await expect(page.getByTestId(testId)).toBeVisible({ timeout: 200 });
  }).toPass();
}

async function lastSaid(page: Page) {
  const all = await spoken(page);
  return all[all.length - 1];
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** How far every scroll container on the page has scrolled, together. */
async function scrolled(page: Page): Promise<number> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('*')).reduce((sum, el) => sum + el.scrollTop, 0),
  );
}

/** Whether the element with this test id overlaps, on screen, any element the selector finds. */
async function overlapsAny(page: Page, testId: string, selector: string): Promise<boolean> {
  return page.evaluate(
    ([id, sel]) => {
      const a = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
      if (!a) return false;
      return [...document.querySelectorAll(sel)].some((el) => {
        const b = el.getBoundingClientRect();
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      });
    },
    [testId, selector] as const,
  );
}

async function shot(page: Page, name: string, projectName: string): Promise<void> {
  const folder = process.env.EXPLORE_SHOTS;
  if (folder) await page.screenshot({ path: `${folder}/touch-explore-${name}-${projectName}.png` });
}

test('explore by touch: three fingers start it, a touch speaks, a double tap chooses, the reset ends it', async ({
  kiosk: page,
}, testInfo) => {
  // A whole visit with two axe scans: about a minute on a quiet machine, so more than the usual limit.
  test.setTimeout(180_000);
  await installRecordingSpeaker(page, VOICES);
  await page.clock.install({ time: new Date('2026-12-02T10:00:00Z') });
  // The whole exhibit is fetched after the attract loop's first paint: in before the clock is paused.
  const exhibitIn = page.waitForResponse((r) => r.url().endsWith('/api/exhibit'));
  await page.goto('/');
  await shows(page, 'attract');
  await (await exhibitIn).finished();
  await pauseClock(page);
  const cdp = await page.context().newCDPSession(page);
  const size = page.viewportSize() ?? { width: 1920, height: 1080 };
  const mid = { x: size.width / 2, y: size.height / 2 };

  // Three fingers lifted too soon do nothing (a sighted visitor's accident).
  const three = [-150, 0, 150].map((dx) => ({ x: mid.x + dx, y: mid.y }));
  await fingersDown(cdp, three);
  await page.clock.runFor(HOLD_MS - 500);
  await fingersUp(cdp);
  await page.clock.runFor(1_000);
  await shows(page, 'attract');
  expect(await spoken(page)).toEqual([]);

  // Held still for 1.5 s, they wake the attract loop and start it: a welcome in every language the kiosk
  // can speak, explaining the two gestures in one sentence, then the first language, after it.
  await fingersDown(cdp, three);
  await page.clock.runFor(HOLD_MS);
  await shows(page, 'language-choice');
  await fingersUp(cdp);
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThanOrEqual(5);
  const welcome = await spoken(page);
  expect(welcome.slice(0, 3).map((s) => [s.text, s.lang, s.voice])).toEqual([
    [
      '触摸浏览已开启。触摸屏幕可听到手指下的内容，在任意位置点按两下即可选择。请选择语言。',
      'zh-Hans',
      'Huihui',
    ],
    [
      'Explore by touch. Touch the screen to hear what is under your finger, and double tap anywhere to choose it. Choose your language.',
      'en',
      'Zira',
    ],
    [
      'タッチ操作ガイドです。画面に触れると指の下の内容を読み上げ、どこでもダブルタップするとそれを選びます。言語を選んでください。',
      'ja',
      'Haruka',
    ],
  ]);
  expect(welcome[3]?.text).toMatch(/^本机没有以下语言的语音：印度尼西亚/);
  expect(welcome[4]).toMatchObject({ lang: 'zh-Hans', queued: true });
  await expect(page.getByTestId('explore-indicator')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.explore)).toBe('on');

  // A touch on Japanese says its name, in Japanese, as the finger lands; nothing is chosen, and the focus
  // ring is on it.
  await clearSpoken(page);
  const ja = page.getByTestId('choose-ja');
  await fingersDown(cdp, [await centre(ja)]);
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja', voice: 'Haruka', queued: false });
  expect((await lastSaid(page))?.text).toMatch(/^日本語.*、ボタン$/);
  expect(await focusedTestId(page)).toBe('choose-ja');
  await page.clock.runFor(800);
  await fingersUp(cdp);
  // A quick tap on it says it again and still chooses nothing.
  await page.clock.runFor(1_000);
  await quickTap(cdp, ...(Object.values(await centre(ja)) as [number, number]));
  await page.clock.runFor(1_000);
  await shows(page, 'language-choice');
  expect(await spoken(page)).toHaveLength(2);
  expect(await page.evaluate(() => document.documentElement.lang)).not.toBe('ja');

  // axe while the mode is on, and the screen as it looks.
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'language-ja', testInfo.project.name);

  // A double tap anywhere (here, the middle of the screen, on another language) chooses Japanese, the
  // language said last before it: home, its heading said in Japanese.
  await clearSpoken(page);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'home');
  await expect.poll(async () => (await lastSaid(page))?.text ?? '').toMatch(/、見出し$/);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  // In a visit the sign that the mode is on sits in the bar, not over the sections.
  await expect(page.getByTestId('explore-indicator-bar')).toBeVisible();
  await expect(page.getByTestId('explore-indicator')).toBeHidden();
  expect(await overlapsAny(page, 'explore-indicator-bar', '[data-testid^="section-"]')).toBe(false);

  // The stories section: a touch says it and does not open it.
  await clearSpoken(page);
  const stories = page.getByTestId('section-stories');
  const storiesName = (await stories.locator('.section-name').innerText()).trim();
  const photosName = (await page.getByTestId('section-photos').locator('.section-name').innerText()).trim();
  await touchAndListen(page, cdp, stories);
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja' });
  expect((await lastSaid(page))?.text.startsWith(storiesName)).toBe(true);
  expect((await lastSaid(page))?.text).toMatch(/、ボタン$/);
  await page.clock.runFor(1_000);
  await shows(page, 'home');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'home-ja', testInfo.project.name);

  // A finger sliding from it to the photographs says each as it arrives.
  await clearSpoken(page);
  const from = await centre(stories);
  const to = await centre(page.getByTestId('section-photos'));
  await fingersDown(cdp, [from]);
  for (let step = 1; step <= 8; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [
        { x: from.x + ((to.x - from.x) * step) / 8, y: from.y + ((to.y - from.y) * step) / 8, id: 0 },
      ],
    });
  }
  await page.clock.runFor(500);
  await fingersUp(cdp);
  const slid = (await spoken(page)).map((s) => s.text);
  expect(slid[0]?.startsWith(storiesName)).toBe(true);
  expect(slid[slid.length - 1]?.startsWith(photosName)).toBe(true);
  // Each is said once as the finger arrives, not again for every move within it.
  expect(slid.length).toBeLessThanOrEqual(3);
  expect(await focusedTestId(page)).toBe('section-photos');

  // Back to the stories, and a double tap: the list opens and its heading is said.
  await touchAndListen(page, cdp, stories);
  await page.clock.runFor(1_000);
  await clearSpoken(page);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'screen-stories');
  await expect.poll(async () => (await lastSaid(page))?.text ?? '').toMatch(/、見出し$/);

  // A heading is read where the finger is.
  const heading = page.locator('.visit-main h1').first();
  await clearSpoken(page);
  await touchAndListen(page, cdp, heading);
  expect((await lastSaid(page))?.text).toMatch(/、見出し$/);
  await page.clock.runFor(1_000);

  // A story, past its content note: the note is said before the content, and its Continue is chosen by a
  // touch and a double tap like any control.
  await touchAndListen(page, cdp, page.getByTestId('story-founding-the-zone'));
  expect((await lastSaid(page))?.text).toMatch(/^安全区の設立/);
  await page.clock.runFor(1_000);
  await clearSpoken(page);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'content-note');
  await expect
    .poll(async () => (await spoken(page)).map((said) => said.text))
    .toContain('このストーリーには、南京陥落後に起きた殺害についての記述があります。');
  await page.clock.runFor(1_000);
  await touchAndListen(page, cdp, page.getByTestId('content-note-continue'));
  await page.clock.runFor(1_000);
  await doubleTap(cdp, 40, size.height - 40);
  await shows(page, 'screen-story');
  await page.clock.runFor(1_000);

  // A paragraph is read where the finger is; two fingers scroll the story.
  const paragraph = page.locator('.visit-main p').nth(2);
  await clearSpoken(page);
  await touchAndListen(page, cdp, paragraph);
  expect((await lastSaid(page))?.text).toBe((await paragraph.innerText()).replace(/\s+/g, ' ').trim());
  await page.clock.runFor(1_000);
  const before = await scrolled(page);
  const stopsBeforeSwipe = await speechStops(page);
  await clearSpoken(page);
  await twoFingerSwipeUp(cdp, mid.x, size.height * 0.75, 400);
  await expect.poll(() => scrolled(page)).toBeGreaterThan(before);
  // Two fingers never land in the same instant: what the first landed on is begun, and stopped as the
  // second lands; the scroll itself says nothing.
  expect((await spoken(page)).length).toBeLessThanOrEqual(1);
  expect(await speechStops(page)).toBeGreaterThan(stopsBeforeSwipe);
  await page.clock.runFor(1_000);

  // The photographs: a photograph opened with a double tap is said; a pinch still zooms it.
  await page.getByTestId('nav-home').evaluate((el) => el.scrollIntoView());
  await touchAndListen(page, cdp, page.getByTestId('nav-home'));
  await page.clock.runFor(1_000);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'home');
  await page.clock.runFor(1_000);
  await touchAndListen(page, cdp, page.getByTestId('section-photos'));
  await page.clock.runFor(1_000);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'screen-photos');
  await page.clock.runFor(1_000);
  const firstPhoto = page.locator('[data-testid^="gallery-"]').first();
  await touchAndListen(page, cdp, firstPhoto);
  expect((await lastSaid(page))?.lang).toBe('ja');
  await page.clock.runFor(1_000);
  await clearSpoken(page);
  await doubleTap(cdp, mid.x, mid.y);
  await shows(page, 'photo-viewer');
  // (The double tap's first tap said the photograph under it; the second opened the one said before.)
  await expect
    .poll(async () => (await spoken(page)).some((said) => /^写真、\d+枚中1枚目$/.test(said.text)))
    .toBe(true);
  const stage = page.getByTestId('zoomable');
  const at = await centre(stage);
  await page.clock.runFor(2_000);
  // A finger sliding across the photograph explores: it does not turn to the next photograph.
  await expect(page.locator('.viewer-count')).toHaveText(/^\d+枚中1枚目$/);
  await fingersDown(cdp, [{ x: at.x + 200, y: at.y }]);
  for (let step = 1; step <= 8; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: at.x + 200 - step * 50, y: at.y, id: 0 }],
    });
  }
  await fingersUp(cdp);
  await page.clock.runFor(2_000);
  await expect(page.locator('.viewer-count')).toHaveText(/^\d+枚中1枚目$/);
  await pinchOut(page, at.x, at.y, cdp);
  await page.clock.runFor(2_000);
  await expect(stage).toHaveAttribute('data-zoomed', 'true');
  await shot(page, 'viewer-ja', testInfo.project.name);

  // The visitor walks away: the idle warning is spoken in Japanese, asking for a touch, with its
  // countdown; then the reset ends explore by touch, stops speech, and nothing is said after.
  await clearSpoken(page);
  await page.clock.runFor(AUDIO_IDLE_MS + 500);
  await shows(page, 'idle-warning');
  expect((await spoken(page)).map((s) => [s.text, s.lang])).toEqual([
    ['まだいらっしゃいますか？続けるには、画面に触れてください。あと30秒。', 'ja'],
  ]);
  const stopsBefore = await speechStops(page);
  await page.clock.runFor(AUDIO_WARNING_MS);
  await shows(page, 'attract');
  await expect(page.getByTestId('explore-indicator')).toBeHidden();
  await expect(page.getByTestId('explore-indicator-bar')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.dataset.explore)).toBe('off');
  expect(await speechStops(page)).toBeGreaterThan(stopsBefore);
  await clearSpoken(page);
  await page.clock.runFor(10_000);
  // The next visitor touches as usual: the attract loop wakes, a touch on a language chooses it, and the
  // guide says nothing.
  await quickTap(cdp, mid.x, mid.y);
  await shows(page, 'language-choice');
  await page.clock.runFor(1_000);
  await quickTap(cdp, ...(Object.values(await centre(page.getByTestId('choose-en'))) as [number, number]));
  await shows(page, 'home');
  expect(await spoken(page)).toEqual([]);
  await cdp.detach();
});
