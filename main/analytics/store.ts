/**
 * The analytics store (issue 16): what visitors do, counted on the device in one SQLite file
 * (`node:sqlite`, built into Node 24 and into Electron's Node: no native module to rebuild).
 *
 * - WAL mode, a schema version (`PRAGMA user_version`) and migrations run in order on open.
 * - Retention: events older than `retentionDays` are deleted on open and then once an hour.
 * - Size cap: `PRAGMA max_page_count` stops the file at `maxMegabytes`; when it is reached, the oldest
 *   tenth of the events is deleted and the batch stored after all.
 * - A corrupted file (truncated, garbage) never stops the kiosk: it is moved aside as
 *   `analytics.sqlite.broken-<time>` (named in the log and in a staff warning) and a new one starts.
 * - A full disk drops the batch and counts it; the visitor notices nothing (the route answers 204 alike).
 * - Analytics off: no file is opened or created, and nothing is recorded.
 *
 * Only events that passed the contract's zod schema (main/common/analytics.ts) reach `record`.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { AnalyticsEvent } from '../common/analytics';
import type { AnalyticsSettings } from '../common/settings';
import {
  afterDelete,
  afterInsert,
  beforeDelete,
  beforeInsert,
  resolvedZone,
  rollUpPending,
  MONTH_MIGRATION,
  ROLLUP_MIGRATION,
  useZone,
} from './rollup';

export const ANALYTICS_FILE_NAME = 'analytics.sqlite';

/** The schema's migrations, in order: `user_version` is how many have run. Never edit one; append. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     id     INTEGER PRIMARY KEY,
     at     INTEGER NOT NULL,  -- seconds since 1970, UTC
     visit  TEXT NOT NULL,     -- random id made for one visit
     name   TEXT NOT NULL,     -- the event (closed list)
     screen TEXT,
     item   TEXT,              -- a content id
     lang   TEXT,
     value  TEXT,              -- a choice from a closed list (how, action, answer, outcome, on/off, choice)
     detail TEXT,              -- the accessibility choice's value
     number INTEGER            -- dwell seconds or chapter number
   );
   CREATE INDEX events_at ON events(at);
   CREATE INDEX events_visit ON events(visit, at);`,
  // 2: the dashboard finds the visits of a period by their start events.
  `CREATE INDEX events_name_at ON events(name, at);`,
  // 3: the dashboard's figures kept per day as visits arrive (rollup.ts).
  ROLLUP_MIGRATION,
  // 4: the same summed per month (rollup.ts).
  MONTH_MIGRATION,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface AnalyticsLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface AnalyticsStoreOptions {
  /** The kiosk's data folder; the database is `<dataDir>/analytics.sqlite`. */
  dataDir: string;
  settings: AnalyticsSettings;
  log: AnalyticsLog;
  /** Clock (ms); Date.now by default. */
  now?: () => number;
  /** The kiosk's time zone (opening hours), the days of the per-day summary; the computer's own when absent. */
  timeZone?: string;
}

export interface RecordResult {
  stored: number;
  /** Events not stored because the disk is full (or the file could not be written). */
  dropped: number;
}

export interface AnalyticsStore {
  readonly enabled: boolean;
  readonly file: string;
  record(events: readonly AnalyticsEvent[]): RecordResult;
  /** Events dropped since start (full disk). */
  dropped(): number;
  /** For staff: a broken file moved aside, events dropped. */
  staffWarnings(): string[];
  /** The open database for the read-only queries (null when analytics is off). */
  database(): DatabaseSync | null;
  /** Delete events older than the retention period; returns how many. */
  prune(): number;
  /** Roll up visits left pending (no end event) that started more than two hours ago; returns how many. */
  rollUp(): number;
  /**
   * Write the WAL back into the file and close it, for good: afterwards nothing is recorded (a batch is
   * dropped, uncounted) and `database()` is null. The kiosk calls it when it quits.
   */
  close(): void;
  /** Whether `close` has been called. */
  closed(): boolean;
}

interface SqliteError {
  errcode?: number;
  message?: string;
}
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_NOTADB = 26;

function errcodeOf(error: unknown): number | undefined {
  const code = (error as SqliteError | null)?.errcode;
  // Extended codes carry the primary code in the low byte.
  return typeof code === 'number' ? code & 0xff : undefined;
}

/** Was this error the file being broken (as opposed to full or busy)? */
export function isCorruption(error: unknown): boolean {
  const code = errcodeOf(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

/** Was this error the disk (or the size cap) being full? */
export function isFull(error: unknown): boolean {
  const code = errcodeOf(error);
  return code === SQLITE_FULL || code === SQLITE_IOERR;
}

/** The name a broken file is moved aside to: `analytics.sqlite.broken-20261201T183000Z`. */
export function brokenName(file: string, nowMs: number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${file}.broken-${stamp}`;
}

/** One event as a row of the events table. */
export function rowOf(event: AnalyticsEvent): {
  at: number;
  visit: string;
  name: string;
  screen: string | null;
  item: string | null;
  lang: string | null;
  value: string | null;
  detail: string | null;
  number: number | null;
} {
  const row = {
    at: event.at,
    visit: event.visit,
    name: event.name,
    screen: null as string | null,
    item: null as string | null,
    lang: null as string | null,
    value: null as string | null,
    detail: null as string | null,
    number: null as number | null,
  };
  switch (event.name) {
    case 'visitStart':
      break;
    case 'visitEnd':
      row.value = event.how;
      row.screen = event.screen ?? null;
      break;
    case 'languageChosen':
    case 'languageChanged':
      row.lang = event.lang;
      break;
    case 'screen':
      row.screen = event.screen;
      row.item = event.item ?? null;
      row.number = event.dwell;
      break;
    case 'storyOpened':
    case 'storyEnd':
    case 'photoOpened':
    case 'photoZoomed':
      row.item = event.item;
      break;
    case 'storyChapter':
      row.item = event.item;
      row.number = event.chapter;
      break;
    case 'narration':
      row.item = event.item;
      row.value = event.action;
      break;
    case 'captions':
      row.value = event.on ? 'on' : 'off';
      break;
    case 'accessibility':
      row.value = event.choice;
      row.detail = event.value;
      break;
    case 'contentNote':
      row.item = event.item;
      row.value = event.answer;
      break;
    case 'idleWarning':
      row.value = event.outcome;
      break;
  }
  return row;
}

/** Run the migrations a database has not had yet. */
export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const version = row?.user_version ?? 0;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `the analytics database is version ${version}, newer than this kiosk (${SCHEMA_VERSION})`,
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[v] ?? '');
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** A visit still without its end this long after its start was left (the kiosk was switched off). */
const ABANDONED_AFTER_SECONDS = 2 * 60 * 60;
/** Visits added to the summary at a time between requests. */
const CATCH_UP_CHUNK = 200;

export function openAnalyticsStore(options: AnalyticsStoreOptions): AnalyticsStore {
  const { settings, log } = options;
  const now = options.now ?? Date.now;
  const zone = resolvedZone(options.timeZone);
  const file = path.join(options.dataDir, ANALYTICS_FILE_NAME);
  const warnings: string[] = [];
  let droppedCount = 0;
  let droppingSince: number | null = null;

  if (!settings.enabled) {
    log.info('analytics: off in kiosk.yaml; nothing is recorded');
    return {
      enabled: false,
      file,
      record: () => ({ stored: 0, dropped: 0 }),
      dropped: () => 0,
      staffWarnings: () => [],
      database: () => null,
      prune: () => 0,
      rollUp: () => 0,
      close: () => undefined,
      closed: () => false,
    };
  }

  let db: DatabaseSync | null = null;
  let insert: StatementSync | null = null;
  let lastPrune = 0;
  let closedForGood = false;

  const open = (): DatabaseSync => {
    mkdirSync(options.dataDir, { recursive: true });
    const opened = new DatabaseSync(file);
    try {
      opened.exec('PRAGMA journal_mode = WAL');
      opened.exec('PRAGMA synchronous = NORMAL');
      opened.exec('PRAGMA busy_timeout = 2000');
      const check = opened.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
        throw Object.assign(new Error(`quick_check: ${check.map((c) => c.quick_check).join('; ')}`), {
          errcode: SQLITE_CORRUPT,
        });
      }
      migrate(opened);
      useZone(opened, zone);
      const pageSize = (opened.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
      const maxPages = Math.max(16, Math.floor((settings.maxMegabytes * 1024 * 1024) / pageSize));
      opened.exec(`PRAGMA max_page_count = ${maxPages}`);
      return opened;
    } catch (error) {
      opened.close();
      throw error;
    }
  };

  /** Move a broken file (and its WAL and shared-memory files) aside, say so, and start a new one. */
  const moveAsideAndStartAgain = (error: unknown): void => {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    db = null;
    insert = null;
    const aside = brokenName(file, now());
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(
      `analytics: the database ${file} was damaged (${reason}); moved aside to ${aside}; a new one started`,
    );
    warnings.push(
      `The analytics database was damaged and has been moved aside (${path.basename(aside)}); counting started again from empty.`,
    );
  };

  const connect = (): DatabaseSync => {
    if (db) return db;
    if (closedForGood) throw new Error('the analytics database is closed');
    try {
      db = open();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      moveAsideAndStartAgain(error);
      db = open();
    }
    insert = db.prepare(
      'INSERT INTO events (at, visit, name, screen, item, lang, value, detail, number) VALUES (:at, :visit, :name, :screen, :item, :lang, :value, :detail, :number)',
    );
    return db;
  };

  /** Delete the events `where` selects, taking their visits out of the summary first (one transaction). */
  const deleteEvents = (database: DatabaseSync, where: string, ...params: SQLInputValue[]): number => {
    database.exec('BEGIN');
    try {
      beforeDelete(database, zone, `SELECT DISTINCT visit FROM events WHERE ${where}`, ...params);
      const result = database.prepare(`DELETE FROM events WHERE ${where}`).run(...params);
      afterDelete(database);
      database.exec('COMMIT');
      return Number(result.changes);
    } catch (error) {
      try {
        database.exec('ROLLBACK');
      } catch {
        // the transaction is already gone
      }
      throw error;
    }
  };

  const rollUp = (): number =>
    rollUpPending(connect(), zone, Math.floor(now() / 1000) - ABANDONED_AFTER_SECONDS);

  /**
   * The same, a chunk at a time between requests, so that a large catch-up (a database from before the
   * summary, a change of time zone: a year of visits) never holds the kiosk up. Until it is done, the
   * figures read the pending visits from their events: the same figures, only slower.
   */
  let catchUp: ReturnType<typeof setTimeout> | null = null;
  const rollUpLater = (): void => {
    if (catchUp !== null || closedForGood) return;
    catchUp = setTimeout(() => {
      catchUp = null;
      if (closedForGood) return;
      try {
        const before = Math.floor(now() / 1000) - ABANDONED_AFTER_SECONDS;
        if (rollUpPending(connect(), zone, before, CATCH_UP_CHUNK, 1) === CATCH_UP_CHUNK) rollUpLater();
      } catch (error) {
        log.warn(
          `analytics: visits could not be added to the summary (${String(error)}); they are read from the events`,
        );
      }
    }, 0);
    catchUp.unref?.();
  };

  const prune = (): number => {
    const database = connect();
    lastPrune = now();
    const cutoff = Math.floor(now() / 1000) - settings.retentionDays * 86_400;
    const deleted = deleteEvents(database, 'at < ?', cutoff);
    rollUpLater();
    return deleted;
  };

  /** The size cap was reached: delete the oldest tenth of the events. */
  const makeRoom = (database: DatabaseSync): boolean => {
    const count = (database.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    if (count === 0) return false;
    const cut = Math.max(1, Math.ceil(count / 10));
    deleteEvents(database, 'id IN (SELECT id FROM events ORDER BY at, id LIMIT ?)', cut);
    log.info(`analytics: size cap of ${settings.maxMegabytes} MB reached; the ${cut} oldest events deleted`);
    return true;
  };

  const atCap = (database: DatabaseSync): boolean => {
    const pages = (database.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    const max = (database.prepare('PRAGMA max_page_count').get() as { max_page_count: number })
      .max_page_count;
    return pages >= max - 2;
  };

  const insertAll = (database: DatabaseSync, events: readonly AnalyticsEvent[]): void => {
    database.exec('BEGIN');
    try {
      beforeInsert(database, zone, new Set(events.map((e) => e.visit)));
      for (const event of events) insert?.run(rowOf(event));
      afterInsert(database, zone, events);
      database.exec('COMMIT');
    } catch (error) {
      try {
        database.exec('ROLLBACK');
      } catch {
        // the transaction is already gone
      }
      throw error;
    }
  };

  const drop = (n: number, error: unknown): RecordResult => {
    droppedCount += n;
    if (droppingSince === null) {
      droppingSince = now();
      log.warn(
        `analytics: events dropped, the disk is full (${String((error as SqliteError)?.message ?? error)})`,
      );
    }
    return { stored: 0, dropped: n };
  };

  const record = (events: readonly AnalyticsEvent[]): RecordResult => {
    if (events.length === 0 || closedForGood) return { stored: 0, dropped: 0 };
    let database: DatabaseSync;
    try {
      database = connect();
      if (now() - lastPrune >= PRUNE_EVERY_MS) prune();
    } catch (error) {
      if (isFull(error)) return drop(events.length, error);
      throw error;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        insertAll(database, events);
        if (droppingSince !== null) {
          log.info(`analytics: recording again; ${droppedCount} events dropped so far`);
          droppingSince = null;
        }
        return { stored: events.length, dropped: 0 };
      } catch (error) {
        if (attempt === 0 && isCorruption(error)) {
          moveAsideAndStartAgain(error);
          database = connect();
          continue;
        }
        if (attempt === 0 && isFull(error) && atCap(database) && makeRoom(database)) continue;
        if (isFull(error)) return drop(events.length, error);
        throw error;
      }
    }
  };

  // Open now, so a broken file is found and moved aside at start (and the staff screen says so).
  try {
    connect();
    prune();
  } catch (error) {
    if (!isFull(error)) throw error;
    log.warn(`analytics: the database could not be opened (${String(error)}); events will be dropped`);
  }

  return {
    enabled: true,
    file,
    record,
    dropped: () => droppedCount,
    staffWarnings: () =>
      droppedCount > 0
        ? [...warnings, `${droppedCount} analytics events were not recorded because the disk is full.`]
        : [...warnings],
    database: () => {
      if (closedForGood) return null;
      try {
        return connect();
      } catch {
        return null;
      }
    },
    prune,
    rollUp,
    close: () => {
      closedForGood = true;
      if (catchUp !== null) clearTimeout(catchUp);
      catchUp = null;
      try {
        // Everything in the WAL back into the file, and the WAL emptied: the file is whole on its own.
        db?.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch {
        // a broken or full file: closing it is all that is left to do
      }
      try {
        db?.close();
      } catch {
        // closing a broken file
      }
      db = null;
      insert = null;
    },
    closed: () => closedForGood,
  };
}
