/**
 * The dashboard's figures from the analytics database: read-only aggregation queries over a period of
 * days in the kiosk's time zone. Each figure is one SQL query (grouped in SQLite) plus a little arithmetic
 * here; days and hours of day are found from quarter-hour counts so that every time zone (including those
 * a half or three quarters of an hour off UTC, and days with a daylight-saving change) is exact.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { AnalyticsSummary } from '../common/analytics';

export interface Period {
  /** First day, YYYY-MM-DD, in the kiosk's time zone. */
  from: string;
  /** Last day (included), YYYY-MM-DD. */
  to: string;
  /** IANA time zone of the kiosk (opening hours' timeZone); the computer's own when absent. */
  timeZone?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Local calendar day and hour of an instant (seconds) in a time zone. */
export function localDayHour(atSeconds: number, timeZone?: string): { day: string; hour: number } {
  const parts = formatter(timeZone).formatToParts(new Date(atSeconds * 1000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const hour = Number(get('hour')) % 24;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone?: string): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Seconds (UTC) of local midnight at the start of `day` in the time zone. */
export function startOfDay(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
  // Find the instant whose local time is that midnight: step by the zone's offset until it holds.
  let guess = utcMidnight;
  for (let i = 0; i < 3; i++) {
    const offset = offsetSeconds(guess, timeZone);
    const next = utcMidnight - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

function offsetSeconds(atSeconds: number, timeZone?: string): number {
  const f = new Intl.DateTimeFormat('en-CA', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const parts = f.formatToParts(new Date(atSeconds * 1000));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local =
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second')) / 1000;
  return local - atSeconds;
}

/** Every day from `from` to `to`, inclusive (at most 1000). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end && days.length < 1000; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

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
 * The figures for the period. A visit belongs to the period when it started in it; its events are
 * counted with it. Counts of visits are distinct visits (a story opened twice in one visit is one).
 */
export function summarize(db: DatabaseSync, period: Period, dropped = 0): AnalyticsSummary {
  const summary = emptySummary(period, true);
  summary.dropped = dropped;
  const lo = startOfDay(period.from, period.timeZone);
  const hi = startOfDay(nextDay(period.to), period.timeZone);
  // The visits that started in the period and their events, gathered once into temporary tables (the
  // connection's own, never written to the file) that every figure below reads.
  db.exec('DROP TABLE IF EXISTS temp.period_visits; DROP TABLE IF EXISTS temp.period_events;');
  db.prepare(
    `CREATE TEMP TABLE period_visits AS
       SELECT visit, at AS started FROM events WHERE name = 'visitStart' AND at >= ? AND at < ?`,
  ).run(lo, hi);
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
       GROUP BY item, name ORDER BY n DESC, item LIMIT 10`,
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

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
