/**
 * Voices, end to end: real Chromium, the real howler streaming a real Ogg Opus file (html5 audio, HTTP Range
 * from the preview server), real WebVTT captions.
 *
 * Two clocks are in play. The audio element plays in real time; the page clock (`page.clock.install()`)
 * drives the session's timers (idle warning, reset) and the narration's position ticks, and flows in real
 * time too unless a test advances it. So the tests let the sound play for real, and jump the page clock
 * past the idle time *while it plays* (no warning may appear), then again *after it has ended* (the
 * warning must appear). No fixed sleeps: every wait is for something the page shows.
 */
import type { Page } from '@playwright/test';
import { expect, startVisit, test } from './fixtures';

/** The e2e device config: 30 s idle, 10 s warning (tests/e2e/kiosk-config/kiosk.yaml). */
const IDLE_MS = 30_000;
const WARNING_MS = 10_000;

/** The sample excerpt with the longest narration (≈ 20.6 s, five cues). */
const EXCERPT = 'rabe-garden-gate';
const FIRST_CUE = 'When the gates to my garden are opened to let my car leave the grounds';
const LAST_CUE = 'You simply cannot conceive of the misery.';

async function openExcerpt(page: Page, id: string): Promise<void> {
  await page.getByTestId('section-diary').tap();
  await page.getByTestId(`diary-${id}`).tap();
  const note = page.getByTestId('content-note');
  const excerpt = page.getByTestId('screen-diary-entry');
  await expect(note.or(excerpt).first()).toBeVisible();
  if (await note.isVisible()) await page.getByTestId('content-note-continue').tap();
  await expect(excerpt).toBeVisible();
}

/** Seconds shown as elapsed ("0:17" → 17). */
async function elapsedSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('narration-elapsed').textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

/** Loaded and silent: exactly one Howl, held by the controller, and no audio element playing. */
const READY_ONE_HOWL = { status: 'ready', activeHowls: 1, ownedHowls: 1, audioPlaying: 0 };

async function narrationState(page: Page) {
  return page.evaluate(() => {
    const debug = window.__kioskNarration;
    return {
      status: debug?.status() ?? 'missing',
      activeHowls: debug?.activeHowls() ?? -1,
      ownedHowls: debug?.ownedHowls() ?? -1,
      audioPlaying: [...document.querySelectorAll('audio')].filter((a) => !a.paused).length,
    };
  });
}

test('narration: captions follow the voice, the scrubber seeks, the idle warning waits until the end, reset leaves silence', async ({
  kiosk: page,
}, testInfo) => {
  test.setTimeout(90_000);
  const timings: string[] = [];
  const audioResponses: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith(`${EXCERPT}.en.ogg`)) audioResponses.push(response.status());
  });
  await page.clock.install();
  await page.goto('/');
  await startVisit(page, 'en');
  await openExcerpt(page, EXCERPT);

  // Loaded, not playing: the visitor presses play.
  const player = page.getByTestId('narration-player');
  await expect(player).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('narration-placeholder')).toBeVisible();
  await expect(page.getByTestId('narration-total')).toHaveText(/^0:2\d$/);
  const caption = page.getByTestId('narration-caption');
  await expect(caption).toHaveText(FIRST_CUE);
  await expect(caption).toHaveAttribute('aria-live', 'off');
  const play = page.getByTestId('narration-play');
  await expect(play).toHaveAccessibleName('Listen');
  const scrubber = page.getByTestId('narration-scrubber');
  await expect(scrubber).toHaveAccessibleName('Position in the narration');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /^0:00 of 0:2\d$/);
  expect((await narrationState(page)).audioPlaying).toBe(0);

  // Play: the caption changes as the voice reaches the second cue (4.479 s into the file).
  let started = Date.now();
  await play.tap();
  await expect(player).toHaveAttribute('data-status', 'playing');
  await expect(play).toHaveAccessibleName('Pause');
  await expect(caption).toHaveText(/^where I have already taken in over a hundred/, { timeout: 15_000 });
  timings.push(`second caption after ${Date.now() - started} ms of real playback (cue at 4479 ms)`);
  expect(await elapsedSeconds(page)).toBeGreaterThanOrEqual(4);
  // It is heard: faded in to the device volume (0.8), not left at the 0 it was loaded with.
  expect(await page.evaluate(() => window.__kioskNarration?.element()?.volume)).toBeCloseTo(0.8, 2);

  // While it plays, the idle time passes on the page clock and no warning comes.
  await page.clock.runFor(IDLE_MS + WARNING_MS + 1000);
  await expect(page.getByTestId('idle-warning')).toBeHidden();
  await expect(page.getByTestId('attract')).toBeHidden();
  expect((await narrationState(page)).status).toBe('playing');
  timings.push(
    `page clock advanced ${(IDLE_MS + WARNING_MS + 1000) / 1000} s during playback: no idle warning`,
  );

  // The scrubber seeks (a touch on the track near its end); the elapsed time jumps and the voice goes on
  // from there, so the last caption appears.
  const before = await elapsedSeconds(page);
  const box = await scrubber.boundingBox();
  if (!box) throw new Error('the scrubber has no box');
  await scrubber.tap({ position: { x: box.width * 0.85, y: box.height / 2 } });
  await expect.poll(() => elapsedSeconds(page), { timeout: 5000 }).toBeGreaterThanOrEqual(15);
  timings.push(`seek by touch: elapsed ${before} s → ${await elapsedSeconds(page)} s`);
  // howler streams through an audio element: the server answered its byte-range requests.
  expect(audioResponses).toContain(206);
  started = Date.now();
  await expect(caption).toHaveText(LAST_CUE, { timeout: 10_000 });
  expect((await narrationState(page)).status).toBe('playing');

  // The end: the hold is released, the player offers to play again.
  await expect(player).toHaveAttribute('data-status', 'ended', { timeout: 15_000 });
  timings.push(`ended ${Date.now() - started} ms after the last caption appeared`);
  await expect(play).toHaveAccessibleName('Play');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /^0:2\d of 0:2\d$/);
  await expect(page.getByTestId('idle-warning')).toBeHidden();
  expect(await narrationState(page)).toMatchObject({ status: 'ended', activeHowls: 1, ownedHowls: 1 });

  // Now the idle time counts again: the warning, then the reset to the attract loop.
  await page.clock.runFor(IDLE_MS + 100);
  await expect(page.getByTestId('idle-warning')).toBeVisible();
  await page.clock.runFor(WARNING_MS + 100);
  await expect(page.getByTestId('attract')).toBeVisible();
  expect(await narrationState(page)).toEqual({
    status: 'idle',
    activeHowls: 0,
    ownedHowls: 0,
    audioPlaying: 0,
  });

  timings.push(`audio responses: ${audioResponses.join(', ')}`);
  testInfo.annotations.push({ type: 'timings', description: timings.join('; ') });
  console.log(`narration e2e timings: ${timings.join('; ')}`);
});

test('narration stops on a language change and on leaving the excerpt; other languages are offered the English voice', async ({
  kiosk: page,
}) => {
  await page.goto('/');
  await startVisit(page, 'en');
  await openExcerpt(page, EXCERPT);
  const player = page.getByTestId('narration-player');
  await expect(player).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('narration-play').tap();
  await expect(player).toHaveAttribute('data-status', 'playing');
  await expect
    .poll(async () => (await narrationState(page)).audioPlaying + (await elapsedSeconds(page)))
    .toBeGreaterThan(1);

  // Captions can be switched off and on; the choice is the visit's.
  await page.getByTestId('narration-captions-toggle').tap();
  await expect(page.getByTestId('narration-captions-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('narration-caption')).toHaveCount(0);
  await page.getByTestId('narration-captions-toggle').tap();
  await expect(page.getByTestId('narration-caption')).toBeVisible();

  // Another language: the English voice stops; the page says plainly there is no Chinese narration and
  // offers the ones there are (English first, Indonesian where it has been recorded), not playing.
  await page.getByTestId('nav-language').tap();
  await page.getByTestId('language-zh-Hans').tap();
  await expect(page.getByTestId('narration-none')).toHaveText('本段摘录暂无您所选语言的朗读。');
  const offered = page.getByTestId('narration-offer').or(page.getByTestId('narration-choice-en'));
  await expect(offered).toContainText('英语朗读');
  await expect(player).toHaveAttribute('data-status', 'ready');
  expect(await narrationState(page)).toEqual(READY_ONE_HOWL);

  // Choosing another narration unloads the first: still one Howl.
  const indonesian = page.getByTestId('narration-choice-id');
  if ((await indonesian.count()) > 0) {
    await indonesian.tap();
    await expect(indonesian).toHaveAttribute('aria-pressed', 'true');
    await expect(player).toHaveAttribute('data-status', 'ready');
    expect(await narrationState(page)).toEqual(READY_ONE_HOWL);
  }

  // Play it, then leave the excerpt: it fades out and is unloaded.
  await page.getByTestId('narration-play').tap();
  await expect(player).toHaveAttribute('data-status', 'playing');
  await page.getByTestId('nav-back').tap();
  await expect(page.getByTestId('screen-diary')).toBeVisible();
  await expect
    .poll(async () => narrationState(page))
    .toEqual({ status: 'idle', activeHowls: 0, ownedHowls: 0, audioPlaying: 0 });
});

test('narrations started and reset at once leave nothing on the reused audio elements', async ({
  kiosk: page,
}) => {
  // howler reuses its html5 audio elements; a listener left on one keeps a whole narration alive.
  await page.goto('/');
  for (let visit = 0; visit < 12; visit += 1) {
    await startVisit(page);
    await openExcerpt(page, EXCERPT);
    await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'ready');
    // Play, and the visit ends while the sound is still starting (a visitor who walks away at once).
    await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid="narration-play"]')?.click();
      (window as unknown as { __kiosk: { forceReset(): void } }).__kiosk.forceReset();
    });
    await expect(page.getByTestId('attract')).toBeVisible();
  }
  const cdp = await page.context().newCDPSession(page);
  const pool = await cdp.send('Runtime.evaluate', {
    expression: 'Array.from(window.Howler._html5AudioPool)',
  });
  const { result } = await cdp.send('Runtime.getProperties', {
    objectId: pool.result.objectId ?? '',
    ownProperties: true,
  });
  const elements = result.filter((p) => /^\d+$/.test(p.name) && p.value?.objectId);
  expect(elements.length, 'howler keeps a pool of audio elements').toBeGreaterThan(0);
  const listeners: string[] = [];
  for (const element of elements) {
    const found = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: element.value?.objectId ?? '',
    });
    listeners.push(...found.listeners.map((l) => l.type));
  }
  expect(listeners).toEqual([]);
  expect(await narrationState(page)).toMatchObject({ activeHowls: 0, ownedHowls: 0, audioPlaying: 0 });
});
