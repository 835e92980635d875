/**
 * Issue 16, done when: known visits driven in Chromium (three languages, a story read to the end, one read
 * to its second chapter, a declined content note, idle warnings timed out) come out of the staff dashboard
 * and the CSV export exactly as they were driven. The page clock is paused and moved by hand, so every
 * visit's length is known to the second: a visit ended by the idle reset ends at its last touch.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AnalyticsSummary } from '../../main/common/analytics';
import { api, STAFF_TOKEN_HEADER, type UnlockResult } from '../../main/common/api';
import { hashPin } from '../../main/kiosk/staff';
import { expect, serve, test, touchCentre } from './fixtures';

const PIN = '1357';
/** tests/e2e/kiosk-config/kiosk.yaml: 30 s idle, then a 10 s warning, then the reset. */
const PAST_THE_RESET_MS = 41_000;

async function configWithPin(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-analytics-'));
  await cp('tests/e2e/kiosk-config', dir, { recursive: true });
  const file = path.join(dir, 'kiosk.yaml');
  const hash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
  // A "USB stick": the folder the kiosk saves the figures onto.
  await mkdir(path.join(dir, 'stick'));
  await writeFile(
    file,
    `${await readFile(file, 'utf8')}staffPinHash: '${hash}'\npackages:\n  watchFolders: [stick]\n`,
  );
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Five seconds pass on the page's clock. */
const fiveSeconds = (page: Page) => page.clock.runFor(5_000);

/**
 * One visit: attract → language → stories → a story → its content note, then `reading` (touches or not),
 * then the visitor walks away and the idle warning times out. Its length is the time to its last touch.
 */
async function visit(
  page: Page,
  lang: string,
  story: string,
  answer: 'continue' | 'back',
  reading: (page: Page) => Promise<void> = async () => undefined,
): Promise<void> {
  // Every touch is followed by five seconds (which also let React show what loaded on first use).
  await touchCentre(page, page.getByTestId('attract'));
  await fiveSeconds(page);
  await touchCentre(page, page.getByTestId(`choose-${lang}`));
  await fiveSeconds(page);
  await expect(page.getByTestId('home')).toBeVisible();
  await touchCentre(page, page.getByTestId('section-stories'));
  await fiveSeconds(page);
  await touchCentre(page, page.getByTestId(`story-${story}`));
  await fiveSeconds(page);
  await expect(page.getByTestId('content-note')).toBeVisible();
  await touchCentre(page, page.getByTestId(`content-note-${answer}`));
  await fiveSeconds(page);
  if (answer === 'continue') await expect(page.getByTestId('screen-story')).toBeVisible();
  await reading(page);
  await page.clock.runFor(PAST_THE_RESET_MS);
  await expect(page.getByTestId('attract')).toBeVisible();
}

/** Scrolled to the last line of the story (a scroll is not a touch). */
async function readToTheEnd(page: Page): Promise<void> {
  await page.locator('.visit-main').evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
  await page.clock.runFor(1_000);
}

/** The second chapter, from the story's chapter list (a touch, 25 s into the visit). */
async function secondChapter(page: Page): Promise<void> {
  await touchCentre(page, page.getByTestId('chapter-2'));
  await page.clock.runFor(1_000);
}

async function unlock(page: Page): Promise<string> {
  for (let i = 0; i < 5; i++) await touchCentre(page, page.getByTestId('staff-corner'));
  await page.clock.runFor(1_000);
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  for (const digit of PIN) await touchCentre(page, page.getByTestId(`pin-${digit}`));
  const answer = page.waitForResponse((r) => r.url().endsWith(api.staffUnlock));
  await touchCentre(page, page.getByTestId('pin-enter'));
  await page.clock.runFor(1_000);
  const result = (await (await answer).json()) as UnlockResult;
  await expect(page.getByTestId('staff-message')).toHaveText('Unlocked.');
  return result.token ?? '';
}

const rowsOf = async (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent ?? '')));

/** The order of a day field's three choices on screen. */
async function dayOrder(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('select')
    .evaluateAll((all) => all.map((el) => (el.getAttribute('data-testid') ?? '').split('-').pop() ?? ''));
}

/** A day's month as the language names it ("December", "十二月"). */
function monthName(lang: string, day: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A day chosen on the dashboard as staff choose it: year, month and day, each from its own list. */
async function chooseDay(page: Page, testId: string, day: string): Promise<void> {
  const [year, month, date] = day.split('-').map(Number);
  await page.getByTestId(`${testId}-year`).selectOption(String(year));
  await page.getByTestId(`${testId}-month`).selectOption(String(month));
  await page.getByTestId(`${testId}-day`).selectOption(String(date));
}

test('the dashboard and the CSV count exactly the visits driven', async ({ kiosk: page }) => {
  // Three whole visits, the staff panel and the dashboard: more steps than most tests, none of them slow.
  test.setTimeout(180_000);
  const config = await configWithPin();
  const { server, cleanup } = await serve('media', config.dir);
  try {
    // The clock stands still from now (today: the server accepts events within a week of its own clock).
    await page.clock.install();
    await page.goto(server.url);
    await expect(page.getByTestId('attract')).toBeVisible();
    await page.clock.pauseAt(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);

    // 1: English, the founding story read to its end; 20 s to the last touch.
    await visit(page, 'en', 'founding-the-zone', 'continue', readToTheEnd);
    // 2: Japanese, the same story to its second chapter; 25 s to the last touch.
    await visit(page, 'ja', 'founding-the-zone', 'continue', secondChapter);
    // 3: Chinese, the content note before the last story declined; 20 s to the last touch.
    await visit(page, 'zh-Hans', 'end-and-remembrance', 'back');

    const token = await unlock(page);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const period = `?from=${today}&to=${today}`;
    const headers = { [STAFF_TOKEN_HEADER]: token };
    // The last visit's events are sent at its reset, without waiting for the page; the figures follow.
    await expect
      .poll(async () => {
        const r = await page.request.get(`${server.url}${api.staffAnalytics}${period}`, { headers });
        return ((await r.json()) as AnalyticsSummary).idleWarnings.timedOut;
      })
      .toBe(3);
    const figures = (await (
      await page.request.get(`${server.url}${api.staffAnalytics}${period}`, { headers })
    ).json()) as AnalyticsSummary;
    expect(figures).toMatchObject({
      visits: 3,
      medianVisitSeconds: 20,
      languages: [
        { lang: 'en', visits: 1 },
        { lang: 'ja', visits: 1 },
        { lang: 'zh-Hans', visits: 1 },
      ],
      storyFunnel: [{ item: 'founding-the-zone', opened: 2, chapters: [2, 2, 1, 1], ended: 1 }],
      mostCompleted: [{ item: 'founding-the-zone', completed: 1 }],
      contentNotes: [
        { item: 'story:end-and-remembrance', continued: 0, declined: 1 },
        { item: 'story:founding-the-zone', continued: 2, declined: 0 },
      ],
      visitEnds: [{ how: 'idleReset', visits: 3 }],
      idleWarnings: { answered: 0, timedOut: 3 },
      dropped: 0,
    });

    // The dashboard on the staff screen shows the same figures.
    await touchCentre(page, page.getByTestId('staff-figures'));
    await page.clock.runFor(1_000);
    await expect(page.getByTestId('staff-dashboard')).toBeVisible();
    await chooseDay(page, 'dashboard-from', today);
    // It opens in the kiosk's language (the exhibit's default, Chinese); staff choose English.
    await expect(page.getByTestId('staff-dashboard')).toHaveAttribute('lang', 'zh-Hans');
    // The days are written as that language writes them: Chinese year, month (by name), day.
    expect(await dayOrder(page, 'dashboard-from')).toEqual(['year', 'month', 'day']);
    await expect(page.getByTestId('dashboard-from-month').locator('option:checked')).toHaveText(
      monthName('zh-Hans', today),
    );
    await expect(page.getByTestId('figure-median')).toHaveText('20秒');
    await touchCentre(page, page.getByTestId('dashboard-lang-en'));
    await expect(page.getByTestId('staff-dashboard')).toHaveAttribute('lang', 'en');
    expect(await dayOrder(page, 'dashboard-from')).toEqual(['month', 'day', 'year']);
    await expect(page.getByTestId('dashboard-from-month').locator('option:checked')).toHaveText(
      monthName('en', today),
    );
    await expect(page.getByTestId('figure-visits')).toHaveText('3');
    await expect(page.getByTestId('figure-median')).toHaveText('20 s');
    await expect(page.getByTestId('figure-declined')).toHaveText('1 of 3');
    await expect(page.getByTestId('figure-timedout')).toHaveText('3 of 3');
    expect(await rowsOf(page, 'table-funnel')).toEqual([
      ['Founding the Safety Zone', '2', '2 → 2 → 1 → 1', '1'],
    ]);
    expect(await rowsOf(page, 'table-notes')).toEqual([
      ['The End of the Zone, and Its Remembrance', '0', '1'],
      ['Founding the Safety Zone', '2', '0'],
    ]);
    expect(await rowsOf(page, 'table-endings')).toEqual([['Walked away (idle reset)', '3']]);
    await expect(page.getByTestId('chart-languages').locator('canvas')).toHaveAttribute(
      'aria-label',
      'Languages (visits): English 1, Japanese 1, Simplified Chinese 1',
    );
    // The same figures in Japanese: words, durations, story titles and language names.
    await touchCentre(page, page.getByTestId('dashboard-lang-ja'));
    await expect(page.getByTestId('figure-median')).toHaveText('20秒');
    await expect(page.getByTestId('figure-declined')).toHaveText('3件中1件');
    expect(await rowsOf(page, 'table-funnel')).toEqual([['安全区の設立', '2', '2 → 2 → 1 → 1', '1']]);
    expect(await rowsOf(page, 'table-endings')).toEqual([['立ち去り（無操作でリセット）', '3']]);
    // Language names as this browser's Intl writes them in Japanese.
    const inJapanese = await page.evaluate(() =>
      ['en', 'ja', 'zh-Hans'].map((tag) => new Intl.DisplayNames(['ja'], { type: 'language' }).of(tag)),
    );
    await expect(page.getByTestId('chart-languages').locator('canvas')).toHaveAttribute(
      'aria-label',
      `言語（利用回数）: ${inJapanese.map((name) => `${name} 1`).join(', ')}`,
    );

    // The CSV: one row per event, exactly the events driven.
    const csv = await (
      await page.request.get(`${server.url}${api.staffAnalytics}${period}&format=csv`, { headers })
    ).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time,visit,event,screen,item,lang,value,detail,number');
    const count = (event: string) => lines.filter((l) => l.split(',')[2] === event).length;
    expect(
      Object.fromEntries(
        [
          'visitStart',
          'languageChosen',
          'contentNote',
          'storyOpened',
          'storyChapter',
          'storyEnd',
          'idleWarning',
          'visitEnd',
        ].map((e) => [e, count(e)]),
      ),
    ).toEqual({
      visitStart: 3,
      languageChosen: 3,
      contentNote: 3,
      storyOpened: 2,
      storyChapter: 6,
      storyEnd: 1,
      idleWarning: 3,
      visitEnd: 3,
    });
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(3);
    const summary = await (
      await page.request.get(`${server.url}${api.staffAnalytics}${period}&format=summary.csv`, { headers })
    ).text();
    expect(summary.trim().split('\r\n')[1]).toBe(`${today},3,20,2,1,0,0,1,3`);

    // Saved onto a USB stick from the dashboard (the kiosk itself refuses downloads): the same two files.
    await touchCentre(page, page.getByTestId('dashboard-lang-en'));
    await touchCentre(page, page.getByTestId('dashboard-save-stick'));
    const folder = path.join(config.dir, 'stick', 'kiosk-analytics');
    await expect(page.getByTestId('dashboard-stick-message')).toHaveText(
      new RegExp(
        `^Saved ${lines.length - 1} events for this period to ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*-events\\.csv, .*-daily\\.csv\\. The stick can be taken out\\.$`,
      ),
    );
    await page.screenshot({
      path: test.info().outputPath(`dashboard-stick-${test.info().project.name}.png`),
    });
    const saved = (await readdir(folder)).sort();
    expect(await readFile(path.join(folder, saved[1] ?? ''), 'utf8')).toBe(csv);
    expect(await readFile(path.join(folder, saved[0] ?? ''), 'utf8')).toBe(summary);
  } finally {
    await cleanup(page);
    await config.cleanup();
  }
});

test('the dashboard names a photograph opened in a story by the start of its caption', async ({
  kiosk: page,
}, info) => {
  test.setTimeout(120_000);
  const config = await configWithPin();
  const { server, cleanup } = await serve('media', config.dir);
  try {
    await page.clock.install();
    await page.goto(server.url);
    await expect(page.getByTestId('attract')).toBeVisible();
    await page.clock.pauseAt(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);

    // One visit: the founding story, its map opened in the viewer and closed again, then walked away from.
    await touchCentre(page, page.getByTestId('attract'));
    await fiveSeconds(page);
    await touchCentre(page, page.getByTestId('choose-en'));
    await fiveSeconds(page);
    await touchCentre(page, page.getByTestId('section-stories'));
    await fiveSeconds(page);
    await touchCentre(page, page.getByTestId('story-founding-the-zone'));
    await fiveSeconds(page);
    await touchCentre(page, page.getByTestId('content-note-continue'));
    await fiveSeconds(page);
    const photo = page.getByTestId('photo-safety-zone-map-scan');
    await photo.scrollIntoViewIfNeeded();
    await touchCentre(page, photo);
    await fiveSeconds(page);
    await expect(page.getByTestId('photo-viewer')).toBeVisible();
    await touchCentre(page, page.getByTestId('viewer-close'));
    await fiveSeconds(page);
    await expect(page.getByTestId('photo-viewer')).toHaveCount(0);
    await page.clock.runFor(PAST_THE_RESET_MS);
    await expect(page.getByTestId('attract')).toBeVisible();

    const token = await unlock(page);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const period = `?from=${today}&to=${today}`;
    await expect
      .poll(async () => {
        const r = await page.request.get(`${server.url}${api.staffAnalytics}${period}`, {
          headers: { [STAFF_TOKEN_HEADER]: token },
        });
        return ((await r.json()) as AnalyticsSummary).visits;
      })
      .toBe(1);

    await touchCentre(page, page.getByTestId('staff-figures'));
    await page.clock.runFor(1_000);
    await chooseDay(page, 'dashboard-from', today);
    await touchCentre(page, page.getByTestId('dashboard-lang-en'));
    // Staff know a photograph by its caption, not by the file's id; a long first sentence is cut on a word.
    await expect
      .poll(() => rowsOf(page, 'table-opened'))
      .toEqual([
        ['Founding the Safety Zone', 'Story', '1'],
        ['Placeholder: a generated stand-in for a large archival scan…', 'Photograph', '1'],
      ]);
    await touchCentre(page, page.getByTestId('dashboard-lang-ja'));
    await expect
      .poll(() => rowsOf(page, 'table-opened'))
      .toEqual([
        ['安全区の設立', '物語', '1'],
        [
          '仮の画像：大判の資料スキャン（たとえば南京安全区の地図）の代わりに生成したもので、ディープズームの試験に使います。',
          '写真',
          '1',
        ],
      ]);
    await page.getByTestId('table-opened').scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('dashboard-most-opened.png') });
  } finally {
    await cleanup(page);
    await config.cleanup();
  }
});
