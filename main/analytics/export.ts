/**
 * CSV export of the analytics database (`npm run analytics:export`, and the staff download): one row per
 * event, or with `summary` one row per day of summary figures. The columns are listed in docs/privacy.md.
 * Every value comes from a closed list or is a number, a content id or a time, so nothing needs more than
 * the usual CSV quoting.
 */
import type { DatabaseSync } from 'node:sqlite';
import { daysOf, startOfDay, summarize, type Period } from './queries';

export const EVENT_COLUMNS = [
  'time',
  'visit',
  'event',
  'screen',
  'item',
  'lang',
  'value',
  'detail',
  'number',
] as const;
export const SUMMARY_COLUMNS = [
  'day',
  'visits',
  'median_visit_seconds',
  'stories_opened',
  'stories_read_to_end',
  'photos_opened',
  'narration_played',
  'content_notes_declined',
  'idle_warnings_timed_out',
] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(cell).join(',') + '\r\n';
}

/** Every event in the period, oldest first: time is ISO 8601 UTC to the second. */
export function* eventRowsCsv(db: DatabaseSync, period: Period): Generator<string> {
  yield csvLine(EVENT_COLUMNS);
  const lo = startOfDay(period.from, period.timeZone);
  const end = startOfDay(dayAfter(period.to), period.timeZone);
  const statement = db.prepare(
    'SELECT at, visit, name, screen, item, lang, value, detail, number FROM events WHERE at >= ? AND at < ? ORDER BY at, id',
  );
  for (const row of statement.iterate(lo, end) as Iterable<Record<string, string | number | null>>) {
    yield csvLine([
      new Date(Number(row.at) * 1000).toISOString().replace('.000Z', 'Z'),
      row.visit,
      row.name,
      row.screen,
      row.item,
      row.lang,
      row.value,
      row.detail,
      row.number,
    ]);
  }
}

/** One row per day of the period with the day's summary figures. */
export function* summaryRowsCsv(db: DatabaseSync, period: Period): Generator<string> {
  yield csvLine(SUMMARY_COLUMNS);
  for (const day of daysOf(period.from, period.to)) {
    const s = summarize(db, { ...period, from: day, to: day });
    const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);
    yield csvLine([
      day,
      s.visits,
      s.medianVisitSeconds,
      sum(s.storyFunnel, (f) => f.opened),
      sum(s.storyFunnel, (f) => f.ended),
      photosOpened(db, day, period.timeZone),
      s.narration.play,
      sum(s.contentNotes, (c) => c.declined),
      s.idleWarnings.timedOut,
    ]);
  }
}

/** Distinct (visit, photo) openings in visits that started that day. */
function photosOpened(db: DatabaseSync, day: string, timeZone?: string): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM (SELECT DISTINCT e.visit, e.item FROM events e JOIN events s
         ON s.visit = e.visit AND s.name = 'visitStart' AND s.at >= ? AND s.at < ? WHERE e.name = 'photoOpened')`,
    )
    .get(startOfDay(day, timeZone), startOfDay(dayAfter(day), timeZone)) as { n: number };
  return row.n;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
