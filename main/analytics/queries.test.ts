/**
 * The dashboard's figures from a real SQLite file holding known visits, in a time zone eight hours ahead
 * of UTC (Asia/Shanghai) so that days and hours of day are the kiosk's, not UTC's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEvent, AnalyticsEventInput } from '../common/analytics';
import { DEFAULT_SETTINGS } from '../common/settings';
import { eventRowsCsv, summaryRowsCsv } from './export';
import { checkPeriod, localDayHour, median, startOfDay, summarize } from './queries';
import { openAnalyticsStore, type AnalyticsStore } from './store';

const TZ = 'Asia/Shanghai';
let dir = '';
let store: AnalyticsStore;

/** Local time in Shanghai → seconds since 1970. */
const at = (local: string) => Date.parse(`${local}+08:00`) / 1000;

let visitNumber = 0;
/** One visit: its events at offsets (seconds) from the start. */
function visit(start: string, steps: [number, AnalyticsEventInput][]): AnalyticsEvent[] {
  visitNumber += 1;
  const id = visitNumber.toString(16).padStart(32, '0');
  const t0 = at(start);
  return [
    { visit: id, at: t0, name: 'visitStart' },
    ...steps.map(([dt, e]) => ({ ...e, visit: id, at: t0 + dt }) as AnalyticsEvent),
  ];
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'analytics-queries-'));
  store = openAnalyticsStore({
    dataDir: dir,
    settings: DEFAULT_SETTINGS.analytics,
    log: { info: () => undefined, warn: () => undefined },
    now: () => Date.parse('2026-12-03T12:00:00+08:00'),
  });
  store.record([
    // 1 Dec, 09:10 local (01:10 UTC): English, the whole story, 4 minutes, ended by the idle reset.
    ...visit('2026-12-01T09:10:00', [
      [5, { name: 'languageChosen', lang: 'en' }],
      [20, { name: 'storyOpened', item: 'safety-zone' }],
      [60, { name: 'storyChapter', item: 'safety-zone', chapter: 1 }],
      [120, { name: 'storyChapter', item: 'safety-zone', chapter: 2 }],
      [200, { name: 'storyEnd', item: 'safety-zone' }],
      [210, { name: 'narration', item: 'rabe-1937-12-17', action: 'play' }],
      [230, { name: 'narration', item: 'rabe-1937-12-17', action: 'finish' }],
      [240, { name: 'idleWarning', outcome: 'timedOut' }],
      [240, { name: 'visitEnd', how: 'idleReset', screen: 'story' }],
    ]),
    // 1 Dec, 23:50 local (15:50 UTC): Chinese, declines a content note, 30 seconds.
    ...visit('2026-12-01T23:50:00', [
      [3, { name: 'languageChosen', lang: 'zh-Hans' }],
      [10, { name: 'contentNote', item: 'story:fall-of-nanjing', answer: 'decline' }],
      [12, { name: 'photoOpened', item: 'armband' }],
      [14, { name: 'photoZoomed', item: 'armband' }],
      [30, { name: 'visitEnd', how: 'explicitEnd', screen: 'photos' }],
    ]),
    // 2 Dec, 09:40 local: Japanese then English, first chapter only, captions off, larger text, 90 s.
    ...visit('2026-12-02T09:40:00', [
      [2, { name: 'languageChosen', lang: 'ja' }],
      [8, { name: 'languageChanged', lang: 'en' }],
      [9, { name: 'captions', on: false }],
      [10, { name: 'accessibility', choice: 'textSize', value: 'large' }],
      [15, { name: 'contentNote', item: 'story:safety-zone', answer: 'continue' }],
      [16, { name: 'storyOpened', item: 'safety-zone' }],
      [40, { name: 'storyChapter', item: 'safety-zone', chapter: 1 }],
      [60, { name: 'idleWarning', outcome: 'answered' }],
      [90, { name: 'visitEnd', how: 'idleReset', screen: 'story' }],
    ]),
    // 4 Dec: outside the period.
    ...visit('2026-12-04T10:00:00', [[5, { name: 'languageChosen', lang: 'id' }]]),
  ]);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard figures', () => {
  it('counts visits per local day and hour, and their lengths', () => {
    const s = summarize(store.database()!, { from: '2026-12-01', to: '2026-12-03', timeZone: TZ });
    expect(s.visits).toBe(3);
    expect(s.visitsPerDay).toEqual([
      { day: '2026-12-01', visits: 2 },
      { day: '2026-12-02', visits: 1 },
      { day: '2026-12-03', visits: 0 },
    ]);
    expect(s.visitsPerHour[9]).toBe(2);
    expect(s.visitsPerHour[23]).toBe(1);
    expect(s.visitsPerHour.reduce((a, b) => a + b, 0)).toBe(3);
    expect(s.medianVisitSeconds).toBe(90);
    expect(s.visitLength.filter((b) => b.visits > 0)).toEqual([
      { bucket: '< 1 min', visits: 1 },
      { bucket: '1–2 min', visits: 1 },
      { bucket: '2–5 min', visits: 1 },
    ]);
  });

  it('counts languages, items, the story funnel, endings and choices', () => {
    const s = summarize(store.database()!, { from: '2026-12-01', to: '2026-12-03', timeZone: TZ });
    expect(s.languages).toEqual([
      { lang: 'en', visits: 2 },
      { lang: 'ja', visits: 1 },
      { lang: 'zh-Hans', visits: 1 },
    ]);
    expect(s.mostOpened).toEqual([
      { item: 'safety-zone', kind: 'story', opened: 2 },
      { item: 'armband', kind: 'photo', opened: 1 },
    ]);
    expect(s.mostCompleted).toEqual([{ item: 'safety-zone', completed: 1 }]);
    expect(s.storyFunnel).toEqual([{ item: 'safety-zone', opened: 2, chapters: [2, 1], ended: 1 }]);
    expect(s.visitEnds).toEqual([
      { how: 'idleReset', visits: 2 },
      { how: 'explicitEnd', visits: 1 },
    ]);
    expect(s.lastScreens).toEqual([
      { screen: 'story', visits: 2 },
      { screen: 'photos', visits: 1 },
    ]);
    expect(s.narration).toEqual({ play: 1, pause: 0, finish: 1, visitsWithNarration: 1 });
    expect(s.captions).toEqual({ on: 0, off: 1 });
    expect(s.accessibility).toEqual([{ choice: 'textSize', value: 'large', times: 1 }]);
    expect(s.contentNotes).toEqual([
      { item: 'story:fall-of-nanjing', continued: 0, declined: 1 },
      { item: 'story:safety-zone', continued: 1, declined: 0 },
    ]);
    expect(s.idleWarnings).toEqual({ answered: 1, timedOut: 1 });
  });

  it('a period of one day holds only the visits that started that day', () => {
    const s = summarize(store.database()!, { from: '2026-12-02', to: '2026-12-02', timeZone: TZ });
    expect(s.visits).toBe(1);
    expect(s.languages.map((l) => l.lang)).toEqual(['en', 'ja']);
  });

  it('exports one CSV row per event and one per day of summary figures', () => {
    const period = { from: '2026-12-01', to: '2026-12-01', timeZone: TZ };
    const rows = [...eventRowsCsv(store.database()!, period)];
    expect(rows[0]).toBe('time,visit,event,screen,item,lang,value,detail,number\r\n');
    expect(rows).toHaveLength(1 + 10 + 6);
    expect(rows[1]).toBe(`2026-12-01T01:10:00Z,${'1'.padStart(32, '0')},visitStart,,,,,,\r\n`);
    const summary = [...summaryRowsCsv(store.database()!, { ...period, to: '2026-12-02' })];
    expect(summary).toEqual([
      'day,visits,median_visit_seconds,stories_opened,stories_read_to_end,photos_opened,narration_played,content_notes_declined,idle_warnings_timed_out\r\n',
      '2026-12-01,2,135,1,1,1,1,1,1\r\n',
      '2026-12-02,1,90,1,0,0,0,0,0\r\n',
    ]);
  });
});

describe('periods and time zones', () => {
  it.each([
    ['2026-12-01', '2026-12-31', { from: '2026-12-01', to: '2026-12-31' }],
    ['2026-12-31', '2026-12-01', 'the first day is after the last'],
    ['2026-12-1', '2026-12-31', 'expected from= and to= written like 2026-12-01'],
    [null, '2026-12-31', 'expected from= and to= written like 2026-12-01'],
    ['2020-01-01', '2026-12-31', 'at most 1000 days at a time'],
  ])('checkPeriod(%s, %s)', (from, to, expected) => {
    expect(checkPeriod(from, to)).toEqual(expected);
  });

  it.each([
    ['2026-12-01', 'Asia/Shanghai', Date.parse('2026-11-30T16:00:00Z') / 1000],
    ['2026-03-29', 'Europe/Berlin', Date.parse('2026-03-28T23:00:00Z') / 1000],
    ['2026-03-30', 'Europe/Berlin', Date.parse('2026-03-29T22:00:00Z') / 1000],
    ['2026-12-01', 'Asia/Kolkata', Date.parse('2026-11-30T18:30:00Z') / 1000],
  ])('local midnight of %s in %s', (day, tz, expected) => {
    expect(startOfDay(day, tz)).toBe(expected);
    expect(localDayHour(expected, tz)).toEqual({ day, hour: 0 });
  });

  it.each([
    [[], null],
    [[5], 5],
    [[1, 2], 2],
    [[1, 2, 9], 2],
  ])('median of %j is %s', (list, expected) => {
    expect(median(list)).toBe(expected);
  });
});
