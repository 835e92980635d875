/**
 * The dashboard's figures from the analytics database over a period of days in the kiosk's time zone.
 *
 * `summarize` reads them from the per-day summary (rollup.ts) when it is kept in the period's time zone:
 * a year answers as fast as a day. `summarizeFromEvents` reads the same figures from the events alone,
 * each one SQL query (grouped in SQLite) plus a little arithmetic here: it answers for any other time zone
 * and is the reference the summary is tested against (rollup.test.ts). Days and hours of day are found
 * from quarter-hour counts so that every time zone (including those a half or three quarters of an hour
 * off UTC, and days with a daylight-saving change) is exact.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { AnalyticsSummary } from '../common/analytics';
import { daysOf, localDayHour, nextDay, startOfDay } from './days';
import { periodRows, resolvedZone, rollupZone, type FigureRow } from './rollup';

export { daysOf, localDayHour, startOfDay } from './days';

export interface Period {
  /** First day, YYYY-MM-DD, in the kiosk's time zone. */
  from: string;
  /** Last day (included), YYYY-MM-DD. */
  to: string;
  /** IANA time zone of the kiosk (opening hours' timeZone); the computer's own when absent. */
  timeZone?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A valid period, or why not: both days written YYYY-MM-DD, from ≤ to, at most 1000 days. */
export function checkPeriod(from: string | null, to: string | null): { from: string; to: string } | string {
  if (
    !from ||
    !to ||
    !DAY.test(from) ||
    !DAY.test(to) ||
    Number.isNaN(Date.parse(from)) ||
    Number.isNaN(Date.parse(to))
  ) {
    return 'expected from= and to= written like 2026-12-01';
  }
  if (from > to) return 'the first day is after the last';
  if (daysOf(from, to).length >= 1000) return 'at most 1000 days at a time';
  return { from, to };
}

/** Visit lengths are shown in these buckets (upper bounds in seconds, exclusive). */
export const VISIT_LENGTH_BUCKETS: readonly { label: string; under: number }[] = [
  { label: '< 1 min', under: 60 },
  { label: '1–2 min', under: 120 },
  { label: '2–5 min', under: 300 },
  { label: '5–10 min', under: 600 },
  { label: '10–20 min', under: 1200 },
  { label: '≥ 20 min', under: Infinity },
];

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

type Row = Record<string, SQLInputValue>;

export function emptySummary(period: Period, enabled: boolean): AnalyticsSummary {
  return {
    from: period.from,
    to: period.to,
    enabled,
    visits: 0,
    visitsPerDay: daysOf(period.from, period.to).map((day) => ({ day, visits: 0 })),
    visitsPerHour: Array.from({ length: 24 }, () => 0),
    medianVisitSeconds: null,
    visitLength: VISIT_LENGTH_BUCKETS.map((b) => ({ bucket: b.label, visits: 0 })),
    languages: [],
    mostOpened: [],
    mostCompleted: [],
    storyFunnel: [],
    visitEnds: [],
    lastScreens: [],
    narration: { play: 0, pause: 0, finish: 0, visitsWithNarration: 0 },
    captions: { on: 0, off: 0 },
    accessibility: [],
    contentNotes: [],
    idleWarnings: { answered: 0, timedOut: 0 },
    dropped: 0,
  };
}

/**
 * The figures for the period. A visit belongs to the period when it started in it (its first start event);
 * its events are counted with it. Counts of visits are distinct visits (a story opened twice in one visit
 * is one). From the per-day summary when it is kept in the period's time zone, else from the events.
 */
export function summarize(db: DatabaseSync, period: Period, dropped = 0): AnalyticsSummary {
  const zone = resolvedZone(period.timeZone);
  if (rollupZone(db) !== zone) return summarizeFromEvents(db, period, dropped);
  const summary = emptySummary(period, true);
  summary.dropped = dropped;
  const lo = startOfDay(period.from, period.timeZone);
  const hi = startOfDay(nextDay(period.to), period.timeZone);
  figuresFromRows(summary, periodRows(db, zone, { from: period.from, to: period.to, lo, hi }));
  return summary;
}

/** Strings in SQLite's own order (BINARY), as the queries on the events sort them. */
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The figures from the summary's rows (rollup.ts `periodRows`), ordered as `summarizeFromEvents` orders them. */
export function figuresFromRows(summary: AnalyticsSummary, rows: readonly FigureRow[]): void {
  const of = (figure: string) => rows.filter((r) => r.figure === figure);

  const perDay = new Map(summary.visitsPerDay.map((d) => [d.day, d]));
  for (const r of of('visits')) {
    summary.visits += r.n;
    const entry = perDay.get(r.day);
    if (entry) entry.visits += r.n;
    const hour = Number(r.key);
    summary.visitsPerHour[hour] = (summary.visitsPerHour[hour] ?? 0) + r.n;
  }

  // Visit lengths as (seconds, visits), shortest first: the median and the buckets.
  const lengths = of('length')
    .map((r) => ({ seconds: Number(r.key), visits: r.n }))
    .sort((a, b) => a.seconds - b.seconds);
  const total = lengths.reduce((n, l) => n + l.visits, 0);
  const nth = (index: number): number => {
    let seen = 0;
    for (const l of lengths) {
      seen += l.visits;
      if (index < seen) return l.seconds;
    }
    return 0;
  };
  if (total > 0) {
    const mid = Math.floor(total / 2);
    summary.medianVisitSeconds = total % 2 === 1 ? nth(mid) : Math.round((nth(mid - 1) + nth(mid)) / 2);
  }
  for (const l of lengths) {
    const bucket = summary.visitLength[VISIT_LENGTH_BUCKETS.findIndex((b) => l.seconds < b.under)];
    if (bucket) bucket.visits += l.visits;
  }

  const byCount = <T extends { n: number; k: string }>(a: T, b: T) => b.n - a.n || binary(a.k, b.k);
  summary.languages = of('lang')
    .map((r) => ({ n: r.n, k: r.key }))
    .sort(byCount)
    .map((r) => ({ lang: r.k, visits: r.n }));

  const stories = of('story');
  summary.mostOpened = [
    ...stories
      .filter((r) => r.sub === 'opened')
      .map((r) => ({ item: r.key, kind: 'story' as const, opened: r.n })),
    ...of('photo').map((r) => ({ item: r.key, kind: 'photo' as const, opened: r.n })),
  ]
    .sort((a, b) => b.opened - a.opened || binary(a.item, b.item) || binary(a.kind, b.kind))
    .slice(0, 10);
  summary.mostCompleted = stories
    .filter((r) => r.sub === 'end')
    .map((r) => ({ n: r.n, k: r.key }))
    .sort(byCount)
    .slice(0, 10)
    .map((r) => ({ item: r.k, completed: r.n }));

  const funnel = new Map<string, { item: string; opened: number; chapters: number[]; ended: number }>();
  for (const r of stories) {
    let f = funnel.get(r.key);
    if (!f) funnel.set(r.key, (f = { item: r.key, opened: 0, chapters: [], ended: 0 }));
    if (r.sub === 'opened') f.opened = r.n;
    else if (r.sub === 'end') f.ended = r.n;
    else {
      const chapter = Number(r.sub);
      while (f.chapters.length < chapter) f.chapters.push(0);
      f.chapters[chapter - 1] = r.n;
    }
  }
  summary.storyFunnel = [...funnel.values()].sort(
    (a, b) => b.opened - a.opened || a.item.localeCompare(b.item),
  );

  summary.visitEnds = of('end')
    .map((r) => ({ n: r.n, k: r.key }))
    .sort(byCount)
    .map((r) => ({ how: r.k, visits: r.n }));
  summary.lastScreens = of('lastScreen')
    .map((r) => ({ n: r.n, k: r.key }))
    .sort(byCount)
    .map((r) => ({ screen: r.k, visits: r.n }));

  for (const r of of('narration')) {
    if (r.key === 'play') summary.narration.play = r.n;
    else if (r.key === 'pause') summary.narration.pause = r.n;
    else if (r.key === 'finish') summary.narration.finish = r.n;
  }
  for (const r of of('narrationVisits')) summary.narration.visitsWithNarration = r.n;
  for (const r of of('captions')) {
    if (r.key === 'on') summary.captions.on = r.n;
    else if (r.key === 'off') summary.captions.off = r.n;
  }
  summary.accessibility = of('accessibility')
    .sort((a, b) => binary(a.key, b.key) || binary(a.sub, b.sub))
    .map((r) => ({ choice: r.key, value: r.sub, times: r.n }));

  const notes = new Map<string, { item: string; continued: number; declined: number }>();
  for (const r of of('contentNote')) {
    const entry = notes.get(r.key) ?? { item: r.key, continued: 0, declined: 0 };
    if (r.sub === 'continue') entry.continued = r.n;
    else entry.declined = r.n;
    notes.set(r.key, entry);
  }
  summary.contentNotes = [...notes.values()].sort(
    (a, b) => b.declined - a.declined || a.item.localeCompare(b.item),
  );

  for (const r of of('idleWarning')) {
    if (r.key === 'answered') summary.idleWarnings.answered = r.n;
    else if (r.key === 'timedOut') summary.idleWarnings.timedOut = r.n;
  }
}

/** The figures for the period, read from the events alone (any time zone; the summary's reference). */
export function summarizeFromEvents(db: DatabaseSync, period: Period, dropped = 0): AnalyticsSummary {
  const summary = emptySummary(period, true);
  summary.dropped = dropped;
  const lo = startOfDay(period.from, period.timeZone);
  const hi = startOfDay(nextDay(period.to), period.timeZone);
  // The visits that started in the period and their events, gathered once into temporary tables (the
  // connection's own, never written to the file) that every figure below reads. A visit is the period's
  // when its first start is: a start in the period and none before it (looked up by the visit's own index,
  // `+p.name` keeps SQLite from scanning every earlier start instead).
  db.exec('DROP TABLE IF EXISTS temp.period_visits; DROP TABLE IF EXISTS temp.period_events;');
  db.prepare(
    `CREATE TEMP TABLE period_visits AS
       SELECT e.visit AS visit, min(e.at) AS started FROM events e
       WHERE e.name = 'visitStart' AND e.at >= ? AND e.at < ?
       GROUP BY e.visit
       HAVING NOT EXISTS (SELECT 1 FROM events p WHERE p.visit = e.visit AND +p.name = 'visitStart' AND p.at < ?)`,
  ).run(lo, hi, lo);
  db.exec(`CREATE TEMP TABLE period_events AS
             SELECT e.visit, e.at, e.name, e.screen, e.item, e.lang, e.value, e.detail, e.number
             FROM period_visits v JOIN events e ON e.visit = v.visit;
           CREATE INDEX temp.period_events_name ON period_events(name);`);
  try {
    figuresInto(summary, db, period.timeZone);
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.period_visits; DROP TABLE IF EXISTS temp.period_events;');
  }
  return summary;
}

function figuresInto(summary: AnalyticsSummary, db: DatabaseSync, timeZone: string | undefined): void {
  const all = (sql: string, ...params: SQLInputValue[]) => db.prepare(sql).all(...params) as Row[];
  const inPeriod = `WITH v AS (SELECT visit, started FROM period_visits)`;
  const num = (value: SQLInputValue | undefined) => Number(value ?? 0);
  const str = (value: SQLInputValue | undefined) => String(value ?? '');

  // Visits per day and hour of day, from counts per quarter hour.
  const perDay = new Map(summary.visitsPerDay.map((d) => [d.day, d]));
  for (const row of all(`${inPeriod} SELECT started / 900 AS q, count(*) AS n FROM v GROUP BY q`)) {
    const { day, hour } = localDayHour(num(row.q) * 900, timeZone);
    const n = num(row.n);
    summary.visits += n;
    const entry = perDay.get(day);
    if (entry) entry.visits += n;
    summary.visitsPerHour[hour] = (summary.visitsPerHour[hour] ?? 0) + n;
  }

  // Visit length: from the start to the end event (stamped at the last touch), else to the last event.
  const lengths = all(
    `SELECT max(coalesce(max(CASE WHEN e.name = 'visitEnd' THEN e.at END), max(e.at)) - v.started, 0) AS seconds
       FROM period_visits v JOIN period_events e ON e.visit = v.visit GROUP BY v.visit ORDER BY seconds`,
  ).map((r) => num(r.seconds));
  summary.medianVisitSeconds = median(lengths);
  for (const seconds of lengths) {
    const index = VISIT_LENGTH_BUCKETS.findIndex((b) => seconds < b.under);
    const bucket = summary.visitLength[index];
    if (bucket) bucket.visits += 1;
  }

  const eventsOf = `WITH ev AS (SELECT * FROM period_events)`;

  summary.languages = all(
    `${eventsOf} SELECT lang, count(DISTINCT visit) AS n FROM ev WHERE name IN ('languageChosen', 'languageChanged')
       GROUP BY lang ORDER BY n DESC, lang`,
  ).map((r) => ({ lang: str(r.lang), visits: num(r.n) }));

  summary.mostOpened = all(
    `${eventsOf} SELECT item, name, count(DISTINCT visit) AS n FROM ev WHERE name IN ('storyOpened', 'photoOpened')
       GROUP BY item, name ORDER BY n DESC, item, name LIMIT 10`,
  ).map((r) => ({ item: str(r.item), kind: r.name === 'storyOpened' ? 'story' : 'photo', opened: num(r.n) }));

  summary.mostCompleted = all(
    `${eventsOf} SELECT item, count(DISTINCT visit) AS n FROM ev WHERE name = 'storyEnd'
       GROUP BY item ORDER BY n DESC, item LIMIT 10`,
  ).map((r) => ({ item: str(r.item), completed: num(r.n) }));

  const funnel = new Map<string, { item: string; opened: number; chapters: number[]; ended: number }>();
  const story = (item: string) => {
    let f = funnel.get(item);
    if (!f) funnel.set(item, (f = { item, opened: 0, chapters: [], ended: 0 }));
    return f;
  };
  for (const r of all(
    `${eventsOf} SELECT item, name, number, count(DISTINCT visit) AS n FROM ev
       WHERE name IN ('storyOpened', 'storyChapter', 'storyEnd') GROUP BY item, name, number`,
  )) {
    const f = story(str(r.item));
    if (r.name === 'storyOpened') f.opened = num(r.n);
    else if (r.name === 'storyEnd') f.ended = num(r.n);
    else {
      const chapter = num(r.number);
      while (f.chapters.length < chapter) f.chapters.push(0);
      f.chapters[chapter - 1] = num(r.n);
    }
  }
  summary.storyFunnel = [...funnel.values()].sort(
    (a, b) => b.opened - a.opened || a.item.localeCompare(b.item),
  );

  summary.visitEnds = all(
    `${eventsOf} SELECT value, count(DISTINCT visit) AS n FROM ev WHERE name = 'visitEnd' GROUP BY value ORDER BY n DESC, value`,
  ).map((r) => ({ how: str(r.value), visits: num(r.n) }));
  summary.lastScreens = all(
    `${eventsOf} SELECT screen, count(DISTINCT visit) AS n FROM ev WHERE name = 'visitEnd' AND screen IS NOT NULL
       GROUP BY screen ORDER BY n DESC, screen`,
  ).map((r) => ({ screen: str(r.screen), visits: num(r.n) }));

  for (const r of all(
    `${eventsOf} SELECT value, count(*) AS n, count(DISTINCT visit) AS visits FROM ev WHERE name = 'narration' GROUP BY value`,
  )) {
    if (r.value === 'play') {
      summary.narration.play = num(r.n);
      summary.narration.visitsWithNarration = num(r.visits);
    } else if (r.value === 'pause') summary.narration.pause = num(r.n);
    else if (r.value === 'finish') summary.narration.finish = num(r.n);
  }
  for (const r of all(
    `${eventsOf} SELECT value, count(*) AS n FROM ev WHERE name = 'captions' GROUP BY value`,
  )) {
    if (r.value === 'on') summary.captions.on = num(r.n);
    else if (r.value === 'off') summary.captions.off = num(r.n);
  }
  summary.accessibility = all(
    `${eventsOf} SELECT value, detail, count(*) AS n FROM ev WHERE name = 'accessibility'
       GROUP BY value, detail ORDER BY value, detail`,
  ).map((r) => ({ choice: str(r.value), value: str(r.detail), times: num(r.n) }));

  const notes = new Map<string, { item: string; continued: number; declined: number }>();
  for (const r of all(
    `${eventsOf} SELECT item, value, count(*) AS n FROM ev WHERE name = 'contentNote' GROUP BY item, value`,
  )) {
    const item = str(r.item);
    const entry = notes.get(item) ?? { item, continued: 0, declined: 0 };
    if (r.value === 'continue') entry.continued = num(r.n);
    else entry.declined = num(r.n);
    notes.set(item, entry);
  }
  summary.contentNotes = [...notes.values()].sort(
    (a, b) => b.declined - a.declined || a.item.localeCompare(b.item),
  );

  for (const r of all(
    `${eventsOf} SELECT value, count(*) AS n FROM ev WHERE name = 'idleWarning' GROUP BY value`,
  )) {
    if (r.value === 'answered') summary.idleWarnings.answered = num(r.n);
    else if (r.value === 'timedOut') summary.idleWarnings.timedOut = num(r.n);
  }
}
