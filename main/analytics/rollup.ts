/**
 * The dashboard's figures kept per day as visits arrive, so that a period of a year answers as fast as a
 * day (issue 16: every chart ≤ 200 ms on a million events).
 *
 * Every figure of the dashboard is a sum over visits: a visit belongs to the day (and hour) it started on,
 * and what it adds to each figure depends on its own events only (a language it was read in, the chapters
 * it reached, its length…). So each visit's contribution is worked out once, from its events, and added to
 * `day_figures` (day, figure, key, sub → n) in the kiosk's time zone; a period's figures are the sums of
 * its days, plus the contributions of the visits not rolled up yet (`visits.day IS NULL`), worked out from
 * their events at query time exactly as they would be rolled up.
 *
 * - A visit is rolled up when its end event arrives (in the same transaction as the insert), and any
 *   visit left pending (a kiosk switched off mid-visit) by `rollUpPending`, a few hundred at a time.
 * - An event that arrives for a visit already rolled up first takes the visit's contribution back out
 *   (worked out from the events it had), and the visit is rolled up again later: late or out-of-order
 *   batches never count twice.
 * - Deleting events (retention, size cap) takes the contributions of the visits they belong to out first.
 * - Each change is one transaction with the events it follows from: a crash in the middle leaves the
 *   summary as it was before, never half-added. Rolling a visit up twice is impossible (its `day` marks it).
 * - The days are the kiosk's local days in one time zone (kept in `rollup_meta`); when the kiosk's zone
 *   changes, the summary is rebuilt; a query in another zone reads the events instead.
 *
 * queries.test.ts / rollup.test.ts compare the figures from here with the figures read from the events
 * alone (queries.ts `summarizeFromEvents`) on a generated data set.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { localDayHour } from './days';

/** Migration 3 (appended to store.ts's list): the summary tables, every visit so far pending. */
export const ROLLUP_MIGRATION = `
  CREATE TABLE visits (
    visit   TEXT PRIMARY KEY,
    started INTEGER NOT NULL,  -- its first visitStart event (seconds since 1970)
    day     TEXT               -- the local day it was rolled up into; NULL while pending
  ) WITHOUT ROWID;
  CREATE INDEX visits_pending ON visits(started) WHERE day IS NULL;
  CREATE TABLE day_figures (
    day    TEXT NOT NULL,      -- YYYY-MM-DD, local to rollup_meta's time zone
    figure TEXT NOT NULL,
    key    TEXT NOT NULL,
    sub    TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (day, figure, key, sub)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO visits (visit, started)
    SELECT visit, min(at) FROM events WHERE name = 'visitStart' GROUP BY visit;`;

/**
 * Migration 4: the same figures summed per month, so that a year reads twelve months and the days at its
 * edges. Visit counts keep their day in the key ('DD HH', day of the month and hour).
 */
export const MONTH_MIGRATION = `
  CREATE TABLE month_figures (
    month  TEXT NOT NULL,      -- YYYY-MM
    figure TEXT NOT NULL,
    key    TEXT NOT NULL,
    sub    TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (month, figure, key, sub)
  ) WITHOUT ROWID;
  INSERT INTO month_figures (month, figure, key, sub, n)
    SELECT substr(day, 1, 7), figure, CASE WHEN figure = 'visits' THEN substr(day, 9, 2) || ' ' || key ELSE key END,
           sub, sum(n)
    FROM day_figures GROUP BY 1, 2, 3, 4;`;

/** The time zone a zone option stands for: the computer's own when absent. */
export function resolvedZone(timeZone?: string): string {
  return timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** One summed figure: `visits` rows carry the hour of day as key; `day` is '' once summed over days. */
export interface FigureRow {
  day: string;
  figure: string;
  key: string;
  sub: string;
  n: number;
}

/**
 * What the visits in `temp.roll_set` add to every figure, by the quarter hour they started in. Visits are
 * counted distinct within a quarter, so the counts add up across quarters and days.
 */
const CONTRIBUTIONS = `
  WITH ev AS MATERIALIZED (
    SELECT s.started / 900 AS q, s.started, e.visit, e.at, e.name, e.screen, e.item, e.lang, e.value,
           e.detail, e.number
    FROM temp.roll_set s CROSS JOIN events e ON e.visit = s.visit
  )
  SELECT started / 900 AS q, 'visits' AS figure, '' AS key, '' AS sub, count(*) AS n
    FROM temp.roll_set GROUP BY q
  UNION ALL
  SELECT q, 'length', CAST(seconds AS TEXT), '', count(*) FROM (
    SELECT q, max(coalesce(max(CASE WHEN name = 'visitEnd' THEN at END), max(at)) - started, 0) AS seconds
    FROM ev GROUP BY visit
  ) GROUP BY q, seconds
  UNION ALL
  SELECT q, 'lang', coalesce(lang, ''), '', count(DISTINCT visit) FROM ev
    WHERE name IN ('languageChosen', 'languageChanged') GROUP BY q, lang
  UNION ALL
  SELECT q, 'story', coalesce(item, ''),
         CASE name WHEN 'storyOpened' THEN 'opened' WHEN 'storyEnd' THEN 'end' ELSE CAST(number AS TEXT) END,
         count(DISTINCT visit) FROM ev
    WHERE name IN ('storyOpened', 'storyChapter', 'storyEnd') GROUP BY q, item, name, number
  UNION ALL
  SELECT q, 'photo', coalesce(item, ''), '', count(DISTINCT visit) FROM ev
    WHERE name = 'photoOpened' GROUP BY q, item
  UNION ALL
  SELECT q, 'end', coalesce(value, ''), '', count(DISTINCT visit) FROM ev
    WHERE name = 'visitEnd' GROUP BY q, value
  UNION ALL
  SELECT q, 'lastScreen', screen, '', count(DISTINCT visit) FROM ev
    WHERE name = 'visitEnd' AND screen IS NOT NULL GROUP BY q, screen
  UNION ALL
  SELECT q, 'narration', coalesce(value, ''), '', count(*) FROM ev WHERE name = 'narration' GROUP BY q, value
  UNION ALL
  SELECT q, 'narrationVisits', '', '', count(DISTINCT visit) FROM ev
    WHERE name = 'narration' AND value = 'play' GROUP BY q
  UNION ALL
  SELECT q, 'captions', coalesce(value, ''), '', count(*) FROM ev WHERE name = 'captions' GROUP BY q, value
  UNION ALL
  SELECT q, 'accessibility', coalesce(value, ''), coalesce(detail, ''), count(*) FROM ev
    WHERE name = 'accessibility' GROUP BY q, value, detail
  UNION ALL
  SELECT q, 'contentNote', coalesce(item, ''), coalesce(value, ''), count(*) FROM ev
    WHERE name = 'contentNote' GROUP BY q, item, value
  UNION ALL
  SELECT q, 'idleWarning', coalesce(value, ''), '', count(*) FROM ev WHERE name = 'idleWarning' GROUP BY q, value`;

interface Statements {
  contributions: StatementSync;
  clearSet: StatementSync;
  addToSet: StatementSync;
  pendingToSet: StatementSync;
  add: StatementSync;
  dropZero: StatementSync;
  addMonth: StatementSync;
  dropZeroMonth: StatementSync;
  markRolled: StatementSync;
  markPending: StatementSync;
  visitOf: StatementSync;
  startOf: StatementSync;
  setRows: StatementSync;
  daySums: StatementSync;
  monthSums: StatementSync;
}

const statementsOf = new WeakMap<DatabaseSync, Statements>();

function statements(db: DatabaseSync): Statements {
  let s = statementsOf.get(db);
  if (!s) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS roll_set (visit TEXT PRIMARY KEY, started INTEGER NOT NULL)');
    s = {
      contributions: db.prepare(CONTRIBUTIONS),
      clearSet: db.prepare('DELETE FROM temp.roll_set'),
      addToSet: db.prepare(
        'INSERT OR IGNORE INTO temp.roll_set (visit, started) SELECT visit, started FROM visits WHERE visit = ?',
      ),
      pendingToSet: db.prepare(
        `INSERT INTO temp.roll_set (visit, started)
           SELECT visit, started FROM visits WHERE day IS NULL AND started >= ? AND started < ?
           ORDER BY started LIMIT ?`,
      ),
      add: db.prepare(
        `INSERT INTO day_figures (day, figure, key, sub, n) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (day, figure, key, sub) DO UPDATE SET n = n + excluded.n`,
      ),
      dropZero: db.prepare(
        'DELETE FROM day_figures WHERE day = ? AND figure = ? AND key = ? AND sub = ? AND n = 0',
      ),
      addMonth: db.prepare(
        `INSERT INTO month_figures (month, figure, key, sub, n) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (month, figure, key, sub) DO UPDATE SET n = n + excluded.n`,
      ),
      dropZeroMonth: db.prepare(
        'DELETE FROM month_figures WHERE month = ? AND figure = ? AND key = ? AND sub = ? AND n = 0',
      ),
      markRolled: db.prepare('UPDATE visits SET day = ? WHERE visit = ?'),
      markPending: db.prepare('UPDATE visits SET day = NULL WHERE visit = ?'),
      visitOf: db.prepare('SELECT started, day FROM visits WHERE visit = ?'),
      setRows: db.prepare('SELECT visit, started FROM temp.roll_set'),
      daySums: db.prepare(
        `SELECT CASE WHEN figure = 'visits' THEN day ELSE '' END AS d, figure, key, sub, sum(n) AS n
           FROM day_figures WHERE day >= ? AND day <= ? GROUP BY d, figure, key, sub`,
      ),
      monthSums: db.prepare(
        `SELECT CASE WHEN figure = 'visits' THEN month ELSE '' END AS m, figure, key, sub, sum(n) AS n
           FROM month_figures WHERE month >= ? AND month <= ? GROUP BY m, figure, key, sub`,
      ),
      startOf: db.prepare(
        `INSERT INTO visits (visit, started) VALUES (?, ?)
           ON CONFLICT (visit) DO UPDATE SET started = min(started, excluded.started)`,
      ),
    };
    statementsOf.set(db, s);
  }
  return s;
}

/** The contributions of the visits in `temp.roll_set`, by local day (and hour, for visit counts). */
function contributionRows(db: DatabaseSync, zone: string): FigureRow[] {
  const rows = statements(db).contributions.all() as Record<string, SQLInputValue>[];
  return rows.map((r) => {
    const { day, hour } = localDayHour(Number(r.q) * 900, zone);
    const figure = String(r.figure);
    return {
      day,
      figure,
      key: figure === 'visits' ? String(hour) : String(r.key ?? ''),
      sub: String(r.sub ?? ''),
      n: Number(r.n),
    };
  });
}

function addRows(db: DatabaseSync, rows: readonly FigureRow[], sign: 1 | -1): void {
  const s = statements(db);
  for (const r of rows) {
    s.add.run(r.day, r.figure, r.key, r.sub, sign * r.n);
    if (sign < 0) s.dropZero.run(r.day, r.figure, r.key, r.sub);
    const month = r.day.slice(0, 7);
    const key = r.figure === 'visits' ? `${r.day.slice(8)} ${r.key}` : r.key;
    s.addMonth.run(month, r.figure, key, r.sub, sign * r.n);
    if (sign < 0) s.dropZeroMonth.run(month, r.figure, key, r.sub);
  }
}

/** The local day of each visit in the set (its start's), for marking them rolled up. */
function daysOfSet(db: DatabaseSync, zone: string): { visit: string; day: string }[] {
  return (
    db.prepare('SELECT visit, started FROM temp.roll_set').all() as Record<string, SQLInputValue>[]
  ).map((r) => ({ visit: String(r.visit), day: localDayHour(Number(r.started), zone).day }));
}

/** Roll the visits in the set up (they must be pending). Call inside a transaction. */
function rollUpSet(db: DatabaseSync, zone: string): number {
  const s = statements(db);
  addRows(db, contributionRows(db, zone), 1);
  const visits = daysOfSet(db, zone);
  for (const v of visits) s.markRolled.run(v.day, v.visit);
  s.clearSet.run();
  return visits.length;
}

/** Take the visits in the set back out (they must be rolled up). Call inside a transaction. */
function unrollSet(db: DatabaseSync, zone: string): void {
  const s = statements(db);
  addRows(db, contributionRows(db, zone), -1);
  for (const v of daysOfSet(db, zone)) s.markPending.run(v.visit);
  s.clearSet.run();
}

/** The summary's time zone (null for a database that has none yet). */
export function rollupZone(db: DatabaseSync): string | null {
  try {
    const row = db.prepare("SELECT value FROM rollup_meta WHERE key = 'zone'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null; // a database from before the summary (read-only, not migrated)
  }
}

/**
 * At open: the summary is for `zone`; when it was kept for another (the kiosk's zone changed), it is
 * emptied and every visit is pending again, in one transaction.
 */
export function useZone(db: DatabaseSync, zone: string): void {
  if (rollupZone(db) === zone) return;
  db.exec('BEGIN');
  try {
    db.exec(`DELETE FROM day_figures; DELETE FROM month_figures;
             UPDATE visits SET day = NULL WHERE day IS NOT NULL;`);
    db.prepare(
      "INSERT INTO rollup_meta (key, value) VALUES ('zone', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(zone);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Before a batch is inserted (inside its transaction): the visits it adds to that are rolled up already
 * are taken back out, to be rolled up again with the new events.
 */
export function beforeInsert(db: DatabaseSync, zone: string, visits: Iterable<string>): void {
  const s = statements(db);
  s.clearSet.run();
  let any = false;
  for (const visit of visits) {
    const row = s.visitOf.get(visit) as { day: string | null } | undefined;
    if (row?.day) {
      s.addToSet.run(visit);
      any = true;
    }
  }
  if (any) unrollSet(db, zone);
}

/**
 * After a batch is inserted (inside its transaction): visits that started are listed; visits that ended
 * are rolled up.
 */
export function afterInsert(
  db: DatabaseSync,
  zone: string,
  events: readonly { visit: string; at: number; name: string }[],
): void {
  const s = statements(db);
  const ended = new Set<string>();
  for (const e of events) {
    if (e.name === 'visitStart') s.startOf.run(e.visit, e.at);
    else if (e.name === 'visitEnd') ended.add(e.visit);
  }
  if (ended.size === 0) return;
  s.clearSet.run();
  let any = false;
  for (const visit of ended) {
    const row = s.visitOf.get(visit) as { day: string | null } | undefined;
    if (row && row.day === null) {
      s.addToSet.run(visit);
      any = true;
    }
  }
  if (any) rollUpSet(db, zone);
}

/**
 * Before events are deleted (retention, size cap; inside the deleting transaction): `visitsSql` selects
 * the visits they belong to. Those rolled up are taken out; run `afterDelete` once the events are gone.
 */
export function beforeDelete(
  db: DatabaseSync,
  zone: string,
  visitsSql: string,
  ...params: SQLInputValue[]
): void {
  const s = statements(db);
  s.clearSet.run();
  db.exec('CREATE TEMP TABLE IF NOT EXISTS touched (visit TEXT PRIMARY KEY)');
  db.exec('DELETE FROM temp.touched');
  db.prepare(`INSERT OR IGNORE INTO temp.touched (visit) ${visitsSql}`).run(...params);
  db.exec(
    `INSERT INTO temp.roll_set (visit, started)
       SELECT v.visit, v.started FROM visits v JOIN temp.touched t ON t.visit = v.visit WHERE v.day IS NOT NULL`,
  );
  unrollSet(db, zone);
}

/** After the events are deleted: the touched visits' starts are read again (a visit left without one goes). */
export function afterDelete(db: DatabaseSync): void {
  db.exec(`DELETE FROM visits WHERE visit IN (SELECT visit FROM temp.touched);
           INSERT INTO visits (visit, started)
             SELECT e.visit, min(e.at) FROM events e JOIN temp.touched t ON t.visit = e.visit
             WHERE e.name = 'visitStart' GROUP BY e.visit;
           DELETE FROM temp.touched;`);
}

/**
 * Roll up visits still pending that started before `beforeSeconds`, `chunk` at a time, each chunk one
 * transaction, at most `maxChunks` chunks. Returns how many were rolled up.
 */
export function rollUpPending(
  db: DatabaseSync,
  zone: string,
  beforeSeconds: number,
  chunk = 500,
  maxChunks = Infinity,
): number {
  const s = statements(db);
  let total = 0;
  for (let done = 0; done < maxChunks; done++) {
    db.exec('BEGIN');
    try {
      s.clearSet.run();
      s.pendingToSet.run(0, beforeSeconds, chunk);
      const n = rollUpSet(db, zone);
      db.exec('COMMIT');
      total += n;
      if (n < chunk) return total;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return total;
}

/**
 * A period of days as whole months and the days at its edges: `months` is the first and last whole month
 * (YYYY-MM) or null; `dayRanges` the days before and after them (or the whole period), each [from, to].
 */
export function monthsAndDays(
  from: string,
  to: string,
): { months: [string, string] | null; dayRanges: [string, string][] } {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastWhole = lastDayOf(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstWhole > lastWhole) return { months: null, dayRanges: [[from, to]] };
  const dayRanges: [string, string][] = [];
  if (from < `${firstWhole}-01`) dayRanges.push([from, lastDayOf(previousMonth(firstWhole))]);
  if (to > lastDayOf(lastWhole)) dayRanges.push([`${nextMonth(lastWhole)}-01`, to]);
  return { months: [firstWhole, lastWhole], dayRanges };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 1)).toISOString().slice(0, 7);
}
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 2, 1)).toISOString().slice(0, 7);
}
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/**
 * A period's figures from the summary: its days summed, plus the visits of the period still pending.
 * `lo`/`hi` are the period's bounds in seconds, `from`/`to` its days (local to the summary's zone).
 * Visit counts keep their day; every other figure is summed over the period (day '').
 */
export function periodRows(
  db: DatabaseSync,
  zone: string,
  period: { from: string; to: string; lo: number; hi: number },
): FigureRow[] {
  const s = statements(db);
  const sums = new Map<string, FigureRow>();
  const add = (r: FigureRow) => {
    const day = r.figure === 'visits' ? r.day : '';
    const id = `${day}\u0000${r.figure}\u0000${r.key}\u0000${r.sub}`;
    const had = sums.get(id);
    if (had) had.n += r.n;
    else sums.set(id, { ...r, day });
  };
  db.exec('BEGIN');
  try {
    const { months, dayRanges } = monthsAndDays(period.from, period.to);
    const byDay = statements(db).daySums;
    for (const [from, to] of dayRanges) {
      for (const r of byDay.all(from, to) as Record<string, SQLInputValue>[]) {
        add({
          day: String(r.d),
          figure: String(r.figure),
          key: String(r.key),
          sub: String(r.sub),
          n: Number(r.n),
        });
      }
    }
    if (months) {
      for (const r of statements(db).monthSums.all(months[0], months[1]) as Record<string, SQLInputValue>[]) {
        const figure = String(r.figure);
        const key = String(r.key);
        // Visit counts: 'DD HH' → the day and the hour.
        const visits = figure === 'visits';
        add({
          day: visits ? `${String(r.m)}-${key.slice(0, 2)}` : '',
          figure,
          key: visits ? String(Number(key.slice(3))) : key,
          sub: String(r.sub),
          n: Number(r.n),
        });
      }
    }
    s.clearSet.run();
    s.pendingToSet.run(period.lo, period.hi, -1);
    for (const r of contributionRows(db, zone)) add(r);
    s.clearSet.run();
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return [...sums.values()].filter((r) => r.n !== 0);
}
