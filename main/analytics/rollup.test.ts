/**
 * The per-day summary (rollup.ts) against the events themselves (queries.ts `summarizeFromEvents`), on a
 * real SQLite file holding a generated data set: two months of visits in random batches, some of them late
 * or out of order, some never ended, across a daylight-saving change (Europe/Berlin) and in a zone half an
 * hour off (Asia/Kolkata). Every figure of every period asked must be identical, after every kind of
 * change: inserts, late events, the retention, the size cap, a change of time zone, a roll-up that fails
 * half-way, and a process killed in the middle of one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsEvent } from '../common/analytics';
import { random, visitEvents } from '../../tests/support/analyticsData';
import { DEFAULT_SETTINGS } from '../common/settings';
import { summarize, summarizeFromEvents, type Period } from './queries';
import { MIGRATIONS } from './store';
import { monthsAndDays, rollupZone } from './rollup';
import { ANALYTICS_FILE_NAME, openAnalyticsStore, type AnalyticsStore } from './store';

const dirs: string[] = [];
const stores: AnalyticsStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Visits over `days` days from `firstDay` (UTC midnight, seconds), as batches in arrival order. */
function dataSet(seed: number, firstDay: number, days: number, perDay: number): AnalyticsEvent[][] {
  const rnd = random(seed);
  const batches: { at: number; events: AnalyticsEvent[] }[] = [];
  let n = 0;
  for (let d = 0; d < days; d++) {
    for (let v = 0; v < perDay; v++) {
      n += 1;
      const id = (seed * 1_000_000 + n).toString(16).padStart(32, '0');
      const events = visitEvents(rnd, id, firstDay + d * 86_400 + Math.floor(rnd() * 86_400));
      // Sent in one to three batches; now and then a batch is late, after the visit's end.
      const cuts = [0, ...[rnd(), rnd()].map((x) => Math.floor(x * events.length)).sort((a, b) => a - b)];
      const parts = cuts.map((c, i) => events.slice(c, cuts[i + 1] ?? events.length)).filter((p) => p.length);
      if (parts.length > 1 && rnd() < 0.15) parts.push(parts.splice(0, 1)[0] ?? []);
      parts.forEach((p, i) =>
        batches.push({ at: (p[0]?.at ?? 0) + i * 300 + (rnd() < 0.05 ? 86_400 : 0), events: p }),
      );
    }
  }
  return batches.sort((a, b) => a.at - b.at).map((b) => b.events);
}

const MARCH_1 = Date.UTC(2026, 2, 1) / 1000;
const NOW = Date.UTC(2026, 4, 15) / 1000;

function open(dir: string, timeZone: string, settings: Partial<typeof DEFAULT_SETTINGS.analytics> = {}) {
  const store = openAnalyticsStore({
    dataDir: dir,
    settings: { ...DEFAULT_SETTINGS.analytics, ...settings },
    log: { info: () => undefined, warn: () => undefined },
    now: () => NOW * 1000,
    timeZone,
  });
  stores.push(store);
  return store;
}

const PERIODS: [string, string][] = [
  ['2026-03-01', '2026-03-01'],
  ['2026-03-01', '2026-03-31'], // a whole month
  ['2026-02-15', '2026-04-09'], // days, a whole month, days
  ['2026-03-28', '2026-03-30'], // Berlin's clocks go forward on 29 March
  ['2026-03-10', '2026-04-09'],
  ['2026-02-01', '2026-05-14'],
  ['2026-04-05', '2026-04-05'],
];

/** Every period's figures from the summary equal those from the events. */
function expectSame(store: AnalyticsStore, timeZone: string): number {
  const db = store.database();
  if (!db) throw new Error('no database');
  expect(rollupZone(db)).toBe(timeZone);
  let visits = 0;
  for (const [from, to] of PERIODS) {
    const period: Period = { from, to, timeZone };
    const fromEvents = summarizeFromEvents(db, period);
    expect(summarize(db, period), `${from}..${to} in ${timeZone}`).toEqual(fromEvents);
    visits = Math.max(visits, fromEvents.visits);
  }
  return visits;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-rollup-'));
  dirs.push(dir);
  return dir;
}

/** These tests write thousands of batches to a real file: generous limits for a busy machine. */
const SLOW = 120_000;

const pendingCount = (store: AnalyticsStore) =>
  (store.database()?.prepare('SELECT count(*) AS n FROM visits WHERE day IS NULL').get() as { n: number }).n;

describe.each(['Europe/Berlin', 'Asia/Kolkata'])('the per-day summary in %s', (timeZone) => {
  it(
    'gives the same figures as the events, with late batches, pending visits, retention and a new zone',
    () => {
      const dir = tempDir();
      const store = open(dir, timeZone);
      const batches = dataSet(7, MARCH_1, 40, 20);
      // Half the batches, then the figures (some visits pending, some rolled up).
      const half = Math.floor(batches.length / 2);
      for (const b of batches.slice(0, half)) store.record(b);
      expectSame(store, timeZone);
      for (const b of batches.slice(half)) store.record(b);
      expect(pendingCount(store)).toBeGreaterThan(0); // visits never ended
      const visits = expectSame(store, timeZone);
      expect(visits).toBeGreaterThan(500);

      // Visits left pending are rolled up; the figures stay the same.
      expect(store.rollUp()).toBeGreaterThan(0);
      expect(pendingCount(store)).toBe(0);
      expectSame(store, timeZone);

      // Late events for visits rolled up long ago: taken back out and counted once.
      const db = store.database();
      const old = db
        ?.prepare("SELECT visit, at FROM events WHERE name = 'visitStart' ORDER BY at LIMIT 3")
        .all() as {
        visit: string;
        at: number;
      }[];
      store.record(
        old.flatMap((v) => [
          { visit: v.visit, at: v.at + 30, name: 'photoOpened', item: 'armband' } as const,
          { visit: v.visit, at: v.at + 40, name: 'storyEnd', item: 'rabe' } as const,
        ]),
      );
      expectSame(store, timeZone);
      store.close();

      // The retention deletes the first weeks (a visit cut in two by it loses its start and is no longer counted).
      const kept = open(dir, timeZone, { retentionDays: 60 });
      expectSame(kept, timeZone);
      kept.close();

      // The kiosk moves to another time zone: the summary is rebuilt for it.
      const moved = open(dir, 'America/New_York');
      moved.rollUp();
      expect(pendingCount(moved)).toBe(0);
      expectSame(moved, 'America/New_York');
    },
    SLOW,
  );
});

describe('the per-day summary when things go wrong', () => {
  it(
    'a large catch-up at start is done a chunk at a time, after the kiosk has started',
    async () => {
      const dir = tempDir();
      const first = open(dir, 'Asia/Shanghai');
      for (const b of dataSet(19, MARCH_1, 20, 30)) first.record(b.filter((e) => e.name !== 'visitEnd'));
      first.close();
      const store = open(dir, 'Asia/Shanghai');
      expect(pendingCount(store)).toBe(600); // opening did not wait for it
      expectSameShanghai(store);
      await vi.waitFor(() => expect(pendingCount(store)).toBe(0), { timeout: 60_000, interval: 50 });
      expectSameShanghai(store);
    },
    SLOW,
  );

  it(
    'a roll-up that fails half-way leaves the summary as it was, and a second one finishes it',
    () => {
      const store = open(tempDir(), 'Asia/Shanghai');
      // No end events: every visit stays pending until rolled up.
      for (const b of dataSet(11, MARCH_1, 20, 30)) store.record(b.filter((e) => e.name !== 'visitEnd'));
      const db = store.database();
      if (!db) throw new Error('no database');
      const pending = pendingCount(store);
      expect(pending).toBe(600);
      const victim = (
        db.prepare('SELECT visit FROM visits ORDER BY started LIMIT 1 OFFSET 550').get() as { visit: string }
      ).visit;
      db.exec(`CREATE TEMP TRIGGER fail_half_way AFTER UPDATE OF day ON visits WHEN NEW.visit = '${victim}'
             BEGIN SELECT RAISE(ABORT, 'the roll-up stopped half-way'); END`);
      expect(() => store.rollUp()).toThrow(/half-way/);
      // The first chunk (500 visits) was committed; the second rolled back as a whole.
      expect(pendingCount(store)).toBe(pending - 500);
      expectSameShanghai(store);
      db.exec('DROP TRIGGER temp.fail_half_way');
      expect(store.rollUp()).toBe(pending - 500);
      expectSameShanghai(store);
    },
    SLOW,
  );

  it(
    'a kiosk killed in the middle of a roll-up starts again with the summary whole',
    () => {
      const dir = tempDir();
      const store = open(dir, 'Asia/Shanghai');
      for (const b of dataSet(13, MARCH_1, 20, 30)) store.record(b.filter((e) => e.name !== 'visitEnd'));
      store.close();
      // Another process opens the file, starts rolling up, and is killed (SIGKILL) in the middle.
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/killedRollUp.ts', dir], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.signal).toBe('SIGKILL');
      expect(child.stdout).toContain('rolling up');
      // Before the kiosk starts again: the first chunk is there, the one in progress was never committed.
      const file = new DatabaseSync(path.join(dir, ANALYTICS_FILE_NAME));
      expect(file.prepare('SELECT count(*) AS n FROM visits WHERE day IS NULL').get()).toEqual({ n: 100 });
      for (const [from, to] of PERIODS) {
        const period = { from, to, timeZone: 'Asia/Shanghai' };
        expect(summarize(file, period)).toEqual(summarizeFromEvents(file, period));
      }
      file.close();
      // The kiosk starts again and rolls the rest up.
      const again = open(dir, 'Asia/Shanghai');
      again.rollUp();
      expect(pendingCount(again)).toBe(0);
      expectSameShanghai(again);
    },
    SLOW,
  );

  it(
    'the size cap takes deleted visits out of the summary too',
    () => {
      const store = open(tempDir(), 'Asia/Shanghai', { maxMegabytes: 1 });
      for (const b of dataSet(17, MARCH_1, 40, 20)) store.record(b);
      const db = store.database();
      const first = (db?.prepare('SELECT min(at) AS at FROM events').get() as { at: number }).at;
      expect(first).toBeGreaterThan(MARCH_1 + 86_400); // the oldest events were deleted to make room
      expectSameShanghai(store);
    },
    SLOW,
  );
});

function expectSameShanghai(store: AnalyticsStore): void {
  expectSame(store, 'Asia/Shanghai');
}

describe('whole months and the days at the edges of a period', () => {
  it.each([
    ['2026-03-01', '2026-03-31', ['2026-03', '2026-03'], []],
    ['2026-03-02', '2026-03-31', null, [['2026-03-02', '2026-03-31']]],
    [
      '2026-02-15',
      '2026-04-09',
      ['2026-03', '2026-03'],
      [
        ['2026-02-15', '2026-02-28'],
        ['2026-04-01', '2026-04-09'],
      ],
    ],
    [
      '2025-12-02',
      '2026-12-01',
      ['2026-01', '2026-11'],
      [
        ['2025-12-02', '2025-12-31'],
        ['2026-12-01', '2026-12-01'],
      ],
    ],
    ['2024-02-01', '2024-02-29', ['2024-02', '2024-02'], []],
    ['2026-12-31', '2027-01-01', null, [['2026-12-31', '2027-01-01']]],
  ])('%s to %s', (from, to, months, dayRanges) => {
    expect(monthsAndDays(from, to)).toEqual({ months, dayRanges });
  });

  it('a database with only the per-day summary (version 3) gets the per-month one from it', () => {
    const dir = tempDir();
    const old = new DatabaseSync(path.join(dir, ANALYTICS_FILE_NAME));
    for (const m of MIGRATIONS.slice(0, 3)) old.exec(m);
    old.exec(`PRAGMA user_version = 3;
      INSERT INTO rollup_meta VALUES ('zone', 'Asia/Shanghai');
      INSERT INTO day_figures VALUES ('2026-03-01', 'visits', '9', '', 2), ('2026-03-02', 'visits', '14', '', 1),
        ('2026-03-01', 'lang', 'en', '', 2), ('2026-03-02', 'lang', 'en', '', 1), ('2026-04-01', 'lang', 'ja', '', 1);`);
    old.close();
    const db = open(dir, 'Asia/Shanghai').database();
    expect(
      db?.prepare('SELECT month, figure, key, n FROM month_figures ORDER BY month, figure, key').all(),
    ).toEqual([
      { month: '2026-03', figure: 'lang', key: 'en', n: 3 },
      { month: '2026-03', figure: 'visits', key: '01 9', n: 2 },
      { month: '2026-03', figure: 'visits', key: '02 14', n: 1 },
      { month: '2026-04', figure: 'lang', key: 'ja', n: 1 },
    ]);
  });
});
