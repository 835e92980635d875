/**
 * Issue 17: a visit by keyboard alone with the audio guide. No touch, no mouse: the audio key starts the
 * guide, the arrow keys move, Enter chooses, Escape goes back. A recording speaker
 * (tests/support/recordingSpeaker.ts) stands in for the machine's voices, so each step's speech is asserted
 * as text and language. Real voices are checked by ear on a machine that has them (docs/accessibility.md).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { clearSpoken, installRecordingSpeaker, spoken, speechStops } from '../support/recordingSpeaker';
import { expect, test } from './fixtures';

/** tests/e2e/kiosk-config/kiosk.yaml: 30 s idle for a sighted visitor. */
const USUAL_IDLE_MS = 30_000;
/** In audio mode the schema's defaults apply (visitor.accessibility): 180 s idle, then a 30 s warning. */
const AUDIO_IDLE_MS = 180_000;
const AUDIO_WARNING_MS = 30_000;

/** A photograph's Japanese alt text and caption, from the sample exhibit's own file. */
function photoJa(id: string): { alt: string; caption: string } {
  const file = parse(readFileSync(`media/photos/${id}.yaml`, 'utf8')) as {
    alt: Record<string, string>;
    caption: Record<string, string>;
  };
  return { alt: file.alt.ja ?? '', caption: file.caption.ja ?? '' };
}

/** A machine with Chinese, English and Japanese voices; its only Indonesian voice is remote. */
const VOICES = [
  { name: 'Huihui', lang: 'zh-CN', localService: true },
  { name: 'Zira', lang: 'en-US', localService: true },
  { name: 'Haruka', lang: 'ja-JP', localService: true },
  { name: 'Cloud Indonesian', lang: 'id-ID', localService: false },
];

/** What has focus: never the page itself. */
async function focused(page: Page): Promise<{ tag: string; testId: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? 'none',
      testId: el?.getAttribute('data-testid') ?? null,
      text: (el?.textContent ?? '').trim().slice(0, 80),
    };
  });
}

async function expectFocusSomewhere(page: Page): Promise<void> {
  await expect.poll(async () => (await focused(page)).tag).not.toMatch(/^(BODY|HTML|none)$/);
}

/** The arrow key until the element with this test id (or text) has focus (at most 40 presses). */
async function arrowTo(page: Page, target: string | RegExp, key = 'ArrowDown'): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const now = await focused(page);
    seen.push(`${now.tag}:${now.testId}:${now.text.slice(0, 15)}`);
    if (typeof target === 'string' ? now.testId === target : target.test(now.text)) return;
    await page.keyboard.press(key);
    await expectFocusSomewhere(page);
  }
  throw new Error(`${String(target)} never received focus: ${seen.join(' | ')}`);
}

/** The texts said so far, with their language and voice. */
async function saidTexts(page: Page): Promise<[string, string, string][]> {
  return (await spoken(page)).map((s) => [s.text, s.lang, s.voice]);
}

/** The last thing said. */
async function lastSaid(page: Page) {
  const all = await spoken(page);
  return all[all.length - 1];
}

test('the audio guide: a visit in Japanese by keyboard alone, ended by the idle reset', async ({
  kiosk: page,
}) => {
  await installRecordingSpeaker(page, VOICES);
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();

  // The audio key wakes the attract loop and starts the guide: a welcome in every language it can speak,
  // then that Indonesian has no voice here (the remote one is never used), then the first language.
  await page.keyboard.press('a');
  await expect(page.getByTestId('language-choice')).toBeVisible();
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThanOrEqual(5);
  const welcome = await spoken(page);
  expect(welcome.slice(0, 4).map((s) => [s.lang, s.voice])).toEqual([
    ['zh-Hans', 'Huihui'],
    ['en', 'Zira'],
    ['ja', 'Haruka'],
    ['zh-Hans', 'Huihui'],
  ]);
  expect(welcome[1]?.text).toBe(
    'Audio guide. Move with the arrow keys and choose with Enter. Choose your language.',
  );
  expect(welcome[2]?.text).toBe(
    '音声ガイドです。矢印キーで移動し、Enterキーで選びます。言語を選んでください。',
  );
  expect(welcome[3]?.text).toMatch(/^本机没有以下语言的语音：印度尼西亚/);
  expect(welcome.some((s) => s.voice === 'Cloud Indonesian')).toBe(false);
  // The first language has focus and is said after the welcome, not over it.
  expect(welcome[4]).toMatchObject({ lang: 'zh-Hans', queued: true });
  expect(welcome[4]?.text).toMatch(/^中文.*、按钮$/);
  expect((await focused(page)).testId).toBe('choose-zh-Hans');

  // Japanese, by the arrow key and Enter: each language is said in its own language as it gets focus.
  await clearSpoken(page);
  await arrowTo(page, 'choose-ja');
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja', voice: 'Haruka', queued: false });
  expect((await lastSaid(page))?.text).toMatch(/^日本語.*、ボタン$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('home')).toBeVisible();
  await expectFocusSomewhere(page);
  expect((await focused(page)).tag).toBe('H1');
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja' });
  expect((await lastSaid(page))?.text).toMatch(/、見出し$/);

  // The stories, then the founding of the zone.
  await arrowTo(page, 'section-stories');
  expect((await lastSaid(page))?.text).toMatch(/、ボタン$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-stories')).toBeVisible();
  await arrowTo(page, 'story-founding-the-zone');
  expect((await lastSaid(page))?.text).toMatch(/^安全区の設立/);
  await page.keyboard.press('Enter');

  // The content note is said before the content, with the keys to go on; the move keys do not pass it.
  await expect(page.getByTestId('content-note')).toBeVisible();
  await expectFocusSomewhere(page);
  const note = (await spoken(page)).slice(-4);
  expect(note.map((s) => s.text)).toEqual([
    'ご覧になる前に',
    '安全区の設立',
    'このストーリーには、南京陥落後に起きた殺害についての記述があります。',
    '続けるにはEnterキーを、戻るにはEscapeキーを押してください。',
  ]);
  expect(note.every((s) => s.lang === 'ja')).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-story')).toBeVisible();
  await expectFocusSomewhere(page);
  expect((await focused(page)).tag).toBe('H1');
  expect(await lastSaid(page)).toMatchObject({ text: '安全区の設立、見出し', lang: 'ja' });

  // Paragraph by paragraph: the summary, then the story's first paragraph, then back again.
  await page.keyboard.press('ArrowDown');
  expect(await lastSaid(page)).toMatchObject({
    text: '南京陥落を目前にして、少数の外国人が中国の市民とともに、一般市民のための避難の場をどのように設けたのか。',
    lang: 'ja',
  });
  // The draft mark is read too: the visitor hears that the translation awaits review.
  await page.keyboard.press('ArrowDown');
  expect(await lastSaid(page)).toMatchObject({ text: '翻訳草稿・確認待ち', lang: 'ja' });
  await page.keyboard.press('ArrowDown');
  expect((await lastSaid(page))?.text).toMatch(
    /^1937年秋、日本軍は当時の中国の首都であった南京に迫っていました。/,
  );
  await page.keyboard.press('ArrowUp');
  expect((await lastSaid(page))?.text).toBe('翻訳草稿・確認待ち');
  // The next chapter.
  await page.keyboard.press('PageDown');
  expect(await lastSaid(page)).toMatchObject({ text: '上海の先例、見出し', lang: 'ja' });
  await page.keyboard.press('ArrowDown');
  expect((await lastSaid(page))?.text).toMatch(/^彼らがよりどころとした構想は/);

  // A photograph in the story, opened with Enter: the viewer says it (its alt text, then its caption, in
  // Japanese), then what has focus in the viewer, after it rather than over it.
  const map = photoJa('safety-zone-map-scan');
  const headquarters = photoJa('committee-headquarters');
  await page.keyboard.press('PageDown');
  expect(await lastSaid(page)).toMatchObject({ text: '安全区の形成、見出し', lang: 'ja' });
  await arrowTo(page, 'photo-safety-zone-map-scan');
  await clearSpoken(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-viewer')).toBeVisible();
  await expectFocusSomewhere(page);
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThanOrEqual(4);
  const opened = await spoken(page);
  expect(opened.slice(0, 3).map((s) => [s.text, s.lang, s.voice, s.queued])).toEqual([
    ['写真', 'ja', 'Haruka', false],
    [map.alt, 'ja', 'Haruka', true],
    [map.caption, 'ja', 'Haruka', true],
  ]);
  expect(opened[3]).toMatchObject({ lang: 'ja', queued: true });
  expect(
    await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="photo-viewer"]'))),
  ).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-viewer')).toBeHidden();
  await expectFocusSomewhere(page);

  // The story's related photographs open the viewer on a list of two: the next and previous photograph
  // are said as they come, with their place in the list.
  await arrowTo(page, /^写真.*大判の資料スキャン/);
  await clearSpoken(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-viewer')).toBeVisible();
  await expectFocusSomewhere(page);
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThanOrEqual(3);
  expect((await saidTexts(page)).slice(0, 3)).toEqual([
    ['写真、2枚中1枚目', 'ja', 'Haruka'],
    [map.alt, 'ja', 'Haruka'],
    [map.caption, 'ja', 'Haruka'],
  ]);
  await arrowTo(page, 'viewer-next');
  expect(await lastSaid(page)).toMatchObject({ text: '次の写真、ボタン', lang: 'ja' });
  await clearSpoken(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('.viewer-count')).toHaveText('2枚中2枚目');
  expect(await saidTexts(page)).toEqual([
    ['写真、2枚中2枚目', 'ja', 'Haruka'],
    [headquarters.alt, 'ja', 'Haruka'],
    [headquarters.caption, 'ja', 'Haruka'],
  ]);
  await arrowTo(page, 'viewer-prev', 'ArrowUp');
  await clearSpoken(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('.viewer-count')).toHaveText('2枚中1枚目');
  expect((await saidTexts(page))[0]).toEqual(['写真、2枚中1枚目', 'ja', 'Haruka']);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-viewer')).toBeHidden();
  await expectFocusSomewhere(page);

  // Volume and help are spoken in Japanese.
  await page.keyboard.press('-');
  expect(await lastSaid(page)).toMatchObject({ text: '音量、10段階の9', lang: 'ja' });
  await page.keyboard.press('h');
  expect((await lastSaid(page))?.text).toMatch(/^矢印キーで移動/);

  // Escape goes back to the list, and focus lands on its heading.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('screen-story')).toBeHidden();
  await expectFocusSomewhere(page);
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja' });
  expect((await lastSaid(page))?.text).toMatch(/、見出し$/);

  // In audio mode the sighted visitor's 30 s pass without a warning: a blind visitor gets longer.
  await clearSpoken(page);
  await page.clock.runFor(USUAL_IDLE_MS + 5_000);
  await expect(page.getByTestId('idle-warning')).toBeHidden();
  expect(await spoken(page)).toEqual([]);
  // At 180 s the warning is spoken in Japanese with its countdown; the warning's own focus is not said.
  await page.clock.runFor(AUDIO_IDLE_MS - USUAL_IDLE_MS - 5_000 + 500);
  await expect(page.getByTestId('idle-warning')).toBeVisible();
  // The page's clock runs on between the steps, so the screen may already count 29 or 28; what was said
  // is exact.
  await expect(page.getByTestId('idle-countdown')).toContainText(/あと(30|2\d)秒/);
  expect(await saidTexts(page)).toEqual([
    ['まだいらっしゃいますか？続けるには、どれかキーを押してください。あと30秒。', 'ja', 'Haruka'],
  ]);
  // Any key answers it as a touch does, and only answers it: the visit and the guide go on.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('idle-warning')).toBeHidden();
  await expect(page.getByTestId('screen-stories')).toBeVisible();
  await expectFocusSomewhere(page);
  expect(await lastSaid(page)).toMatchObject({ lang: 'ja' });

  // The visitor walks away: the warning again, its seconds said every ten, then at five, not every second.
  await clearSpoken(page);
  await page.clock.runFor(AUDIO_IDLE_MS + 500);
  await expect(page.getByTestId('idle-warning')).toBeVisible();
  // 30 s of warning: 10 s to twenty left, 10 s to ten, 5 s to five.
  await page.clock.runFor(10_000);
  await page.clock.runFor(10_000);
  await page.clock.runFor(5_000);
  expect(await saidTexts(page)).toEqual([
    ['まだいらっしゃいますか？続けるには、どれかキーを押してください。あと30秒。', 'ja', 'Haruka'],
    ['あと20秒。', 'ja', 'Haruka'],
    ['あと10秒。', 'ja', 'Haruka'],
    ['あと5秒。', 'ja', 'Haruka'],
  ]);
  // The end of the countdown: the attract loop, the guide ended and its speech stopped.
  const stopsBefore = await speechStops(page);
  await page.clock.runFor(AUDIO_WARNING_MS - 25_000);
  await expect(page.getByTestId('attract')).toBeVisible();
  expect(await speechStops(page)).toBeGreaterThan(stopsBefore);
  expect((await spoken(page)).length).toBe(4);
  await clearSpoken(page);
  // The next visitor's first key wakes the kiosk without the guide: nothing is said.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('language-choice')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expectFocusSomewhere(page);
  expect(await spoken(page)).toEqual([]);
});

test('the audio guide reads an excerpt with its recorded narration, not the synthetic voice', async ({
  kiosk: page,
}) => {
  await installRecordingSpeaker(page, VOICES);
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.keyboard.press('a');
  await expect(page.getByTestId('language-choice')).toBeVisible();
  await arrowTo(page, 'choose-en');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('home')).toBeVisible();
  await arrowTo(page, 'section-diary');
  await page.keyboard.press('Enter');
  await arrowTo(page, 'diary-rabe-garden-gate');
  await page.keyboard.press('Enter');
  // Its content note, passed by a deliberate key.
  await expect(page.getByTestId('content-note')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-diary-entry')).toBeVisible();
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'ready');

  // The excerpt's words get focus: the reader's recording plays, faded in, and nothing synthetic is said
  // over it (what was being said stops).
  const words = (await page.getByTestId('diary-text-words').innerText()).trim();
  await clearSpoken(page);
  const stopsBefore = await speechStops(page);
  await arrowTo(page, 'diary-text-words');
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'playing');
  await expect
    .poll(() => page.evaluate(() => window.__kioskNarration?.element()?.volume ?? 0))
    .toBeGreaterThan(0.5);
  expect(await speechStops(page)).toBeGreaterThan(stopsBefore);
  expect((await spoken(page)).some((s) => s.text.includes(words.slice(0, 30)))).toBe(false);

  // Focus moves on: the recording pauses and the guide says what has focus now.
  await clearSpoken(page);
  await page.keyboard.press('ArrowDown');
  await expectFocusSomewhere(page);
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'paused');
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
  expect(await lastSaid(page)).toMatchObject({ lang: 'en', voice: 'Zira' });

  // Back to the words: the recording goes on where it paused.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'playing');
});
