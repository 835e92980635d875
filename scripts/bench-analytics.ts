/**
 * `npm run bench:analytics [-- --events 1000000 --days 365 --runs 20 --keep DIR]` (also `npm run bench -- --only
 * analytics`): the analytics store on a real SQLite file in a temporary folder.
 *
 *  - insert throughput: a year of generated visits (tests/support/analyticsData.ts), each sent in two
 *    batches as the recorder sends them, through `store.record` (the per-day summary kept as they arrive)
 *  - the dashboard's figures for the last 1, 7, 30 and 365 days: p50 / p95 over `--runs` runs, from the
 *    per-day summary (`summarize`, what the dashboard uses) and from the events alone
 *    (`summarizeFromEvents`, what it used before; fewer runs, it is slow), and that both agree
 *  - the database's size on disk, and the number of summary rows
 *
 * Aim (issue 16): every chart ≤ 200 ms on a million events.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { summarize, summarizeFromEvents } from '../main/analytics/queries';
import { localDayHour, startOfDay } from '../main/analytics/days';
import { ANALYTICS_FILE_NAME, openAnalyticsStore } from '../main/analytics/store';
import { DEFAULT_SETTINGS } from '../main/common/settings';
import { random, visitEvents } from '../tests/support/analyticsData';

export interface AnalyticsBenchOptions {
  events: number;
  days: number;
  runs: number;
  /** Keep the database in this folder (else a temporary one, deleted after). */
  keep?: string;
  report(name: string, value: number | string, unit?: string): void;
}

const TIME_ZONE = 'Asia/Shanghai';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

export function benchAnalytics(options: AnalyticsBenchOptions): void {
  const { report } = options;
  const dir = options.keep ?? mkdtempSync(path.join(tmpdir(), 'bench-analytics-'));
  const nowMs = Date.UTC(2026, 11, 1, 10);
  const nowSeconds = Math.floor(nowMs / 1000);
  // Local midnight of the first day, so that the last day of the year is today.
  const first = startOfDay(localDayHour(nowSeconds - (options.days - 1) * 86_400, TIME_ZONE).day, TIME_ZONE);
  const store = openAnalyticsStore({
    dataDir: dir,
    settings: { ...DEFAULT_SETTINGS.analytics, maxMegabytes: 10_000 },
    log: { info: () => undefined, warn: (m) => console.warn(m) },
    now: () => nowMs,
    timeZone: TIME_ZONE,
  });
  report('analytics: load average at start', loadavg()[0] ?? 0);

  // A year of visits started 09:00–17:00 local time, each sent in two batches.
  const rnd = random(1);
  let stored = 0;
  let batches = 0;
  let visit = 0;
  const started = performance.now();
  const insertMs: number[] = [];
  while (stored < options.events) {
    visit += 1;
    const day = Math.floor(rnd() * options.days);
    const start = first + day * 86_400 + 9 * 3_600 + Math.floor(rnd() * 8 * 3_600);
    const events = visitEvents(rnd, visit.toString(16).padStart(32, '0'), start);
    const cut = Math.max(1, Math.floor(events.length / 2));
    for (const part of [events.slice(0, cut), events.slice(cut)]) {
      if (part.length === 0) continue;
      const t0 = performance.now();
      stored += store.record(part).stored;
      insertMs.push(performance.now() - t0);
      batches += 1;
    }
  }
  const insertSeconds = (performance.now() - started) / 1000;
  report('analytics: events inserted', stored);
  report('analytics: visits', visit);
  report('analytics: batches (two per visit)', batches);
  report('analytics: insert throughput', stored / insertSeconds, 'events/s');
  report('analytics: record() per batch p50', quantile(insertMs, 0.5), 'ms');
  report('analytics: record() per batch p95', quantile(insertMs, 0.95), 'ms');
  const rolled = store.rollUp();
  report('analytics: visits rolled up after the inserts (never ended)', rolled);

  const db = store.database();
  if (!db) throw new Error('no database');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const file = path.join(dir, ANALYTICS_FILE_NAME);
  const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  report('analytics: database size', size / 1024 / 1024, 'MB');
  const rows = (db.prepare('SELECT count(*) AS n FROM day_figures').get() as { n: number }).n;
  report('analytics: summary rows (day_figures)', rows);

  const today = localDayHour(nowSeconds, TIME_ZONE).day;
  for (const days of [1, 7, 30, 365]) {
    const from = localDayHour(nowSeconds - (days - 1) * 86_400, TIME_ZONE).day;
    const period = { from, to: today, timeZone: TIME_ZONE };
    const fast: number[] = [];
    let figures = summarize(db, period);
    for (let i = 0; i < options.runs; i++) {
      const t0 = performance.now();
      figures = summarize(db, period);
      fast.push(performance.now() - t0);
    }
    const slow: number[] = [];
    let reference = summarizeFromEvents(db, period);
    for (let i = 0; i < Math.max(1, Math.min(5, Math.floor(options.runs / 4))); i++) {
      const t0 = performance.now();
      reference = summarizeFromEvents(db, period);
      slow.push(performance.now() - t0);
    }
    report(`analytics: ${days} d, visits in the period`, figures.visits);
    report(`analytics: ${days} d from the summary p50`, quantile(fast, 0.5), 'ms');
    report(`analytics: ${days} d from the summary p95`, quantile(fast, 0.95), 'ms');
    report(`analytics: ${days} d from the events p50`, quantile(slow, 0.5), 'ms');
    report(`analytics: ${days} d from the events p95`, quantile(slow, 0.95), 'ms');
    report(`analytics: ${days} d both ways identical`, isDeepStrictEqual(figures, reference) ? 'yes' : 'NO');
  }
  report('analytics: load average at end', loadavg()[0] ?? 0);
  store.close();
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
}

// Run on its own: `tsx scripts/bench-analytics.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      days: { type: 'string', default: '365' },
      runs: { type: 'string', default: '20' },
      keep: { type: 'string' },
    },
  });
  console.log('Memorial Kiosk bench — analytics store\n');
  benchAnalytics({
    events: Number(values.events),
    days: Number(values.days),
    runs: Number(values.runs),
    ...(values.keep ? { keep: path.resolve(values.keep) } : {}),
    report: (name, value, unit = '') =>
      console.log(`${name.padEnd(60)} ${typeof value === 'number' ? value.toFixed(1) : value} ${unit}`),
  });
}
