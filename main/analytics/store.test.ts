/**
 * The analytics store on a real SQLite file in a temporary folder: WAL, migrations, retention, the size
 * cap, a corrupted file moved aside, a full disk (a real 256 KB tmpfs when this machine lets the test mount
 * one, as root in CI; otherwise SQLite's own max_page_count stands in, and the test name says which), and
 * analytics off.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../common/analytics';
import { DEFAULT_SETTINGS } from '../common/settings';
import {
  ANALYTICS_FILE_NAME,
  brokenName,
  MIGRATIONS,
  openAnalyticsStore,
  SCHEMA_VERSION,
  type AnalyticsStore,
} from './store';

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);
const VISIT = 'a'.repeat(32);
const dirs: string[] = [];
const stores: AnalyticsStore[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-store-'));
  dirs.push(dir);
  return dir;
}

function logLines() {
  const lines: string[] = [];
  return {
    lines,
    log: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) },
  };
}

function open(dataDir: string, settings: Partial<typeof DEFAULT_SETTINGS.analytics> = {}, now = () => NOW) {
  const { lines, log } = logLines();
  const store = openAnalyticsStore({
    dataDir,
    settings: { ...DEFAULT_SETTINGS.analytics, ...settings },
    log,
    now,
  });
  stores.push(store);
  return { store, lines };
}

function screenEvent(at: number, n = 0): AnalyticsEvent {
  return { visit: VISIT, at, name: 'screen', screen: 'story', item: `story-${n % 50}`, dwell: n % 300 };
}

function count(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('analytics store', () => {
  it('keeps events in a WAL-mode file at the current schema version', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const at = Math.floor(NOW / 1000);
    expect(store.record([{ visit: VISIT, at, name: 'visitStart' }, screenEvent(at, 3)])).toEqual({
      stored: 2,
      dropped: 0,
    });
    const db = store.database();
    expect(db?.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db?.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    expect(db?.prepare('SELECT name, screen, item, number FROM events ORDER BY id').all()).toEqual([
      { name: 'visitStart', screen: null, item: null, number: null },
      { name: 'screen', screen: 'story', item: 'story-3', number: 3 },
    ]);
    store.close();
    // Reopening runs no migration twice and keeps the events.
    const again = open(dir).store;
    expect(again.database()?.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 });
  });

  it('migrates a database written by an older kiosk and keeps its events', () => {
    const dir = tempDir();
    const old = new DatabaseSync(path.join(dir, ANALYTICS_FILE_NAME));
    old.exec(MIGRATIONS[0] ?? '');
    old.exec('PRAGMA user_version = 1');
    old
      .prepare("INSERT INTO events (at, visit, name) VALUES (?, ?, 'visitStart')")
      .run(Math.floor(NOW / 1000), VISIT);
    old.close();
    const db = open(dir).store.database();
    expect(db?.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    expect(db?.prepare("SELECT name FROM sqlite_master WHERE name = 'events_name_at'").get()).toEqual({
      name: 'events_name_at',
    });
    expect(db?.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
  });

  it('deletes events older than the retention period', () => {
    const dir = tempDir();
    const day = 86_400;
    const today = Math.floor(NOW / 1000);
    const { store } = open(dir, { retentionDays: 30 });
    store.record([screenEvent(today - 31 * day), screenEvent(today - 29 * day), screenEvent(today)]);
    expect(store.prune()).toBe(1);
    expect(count(path.join(dir, ANALYTICS_FILE_NAME))).toBe(2);
  });

  it('stays under the size cap by deleting the oldest events, and keeps recording', () => {
    const dir = tempDir();
    const { store, lines } = open(dir, { maxMegabytes: 1 });
    const at = Math.floor(NOW / 1000);
    let stored = 0;
    for (let batch = 0; batch < 400; batch++) {
      const events = Array.from({ length: 50 }, (_, i) => screenEvent(at + batch, batch * 50 + i));
      stored += store.record(events).stored;
    }
    expect(stored).toBe(400 * 50);
    expect(store.dropped()).toBe(0);
    const db = store.database();
    const pages = (db?.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    const pageSize = (db?.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    expect(pages * pageSize).toBeLessThanOrEqual(1024 * 1024);
    // The newest batch is there; the oldest is gone.
    expect(db?.prepare('SELECT min(at) AS first, max(at) AS last FROM events').get()).toMatchObject({
      last: at + 399,
    });
    expect(
      (db?.prepare('SELECT min(at) AS first FROM events').get() as { first: number }).first,
    ).toBeGreaterThan(at);
    expect(lines.some((l) => l.includes('size cap of 1 MB reached'))).toBe(true);
  });

  it.each([
    ['garbage', (file: string) => writeFileSync(file, Buffer.alloc(8192, 0x5a))],
    ['truncated', (file: string) => truncateSync(file, 40_000)],
  ])('a %s database file is moved aside, named in the log, and a new one starts', (_kind, damage) => {
    const dir = tempDir();
    const at = Math.floor(NOW / 1000);
    const first = open(dir).store;
    for (let b = 0; b < 20; b++)
      first.record(Array.from({ length: 50 }, (_, i) => screenEvent(at, b * 50 + i)));
    first.close();
    const file = path.join(dir, ANALYTICS_FILE_NAME);
    damage(file);

    const { store, lines } = open(dir);
    const aside = brokenName(file, NOW);
    expect(existsSync(aside)).toBe(true);
    expect(lines.filter((l) => l.startsWith('warn')).join('\n')).toContain(aside);
    expect(store.staffWarnings().join(' ')).toMatch(/damaged.*moved aside.*analytics\.sqlite\.broken-/);
    expect(store.record([screenEvent(at)])).toEqual({ stored: 1, dropped: 0 });
    expect(count(file)).toBe(1);
  });

  it('analytics off records nothing and creates no file', () => {
    const dir = tempDir();
    const { store } = open(dir, { enabled: false });
    expect(store.record([screenEvent(Math.floor(NOW / 1000))])).toEqual({ stored: 0, dropped: 0 });
    expect(readdirSync(dir)).toEqual([]);
    expect(store.database()).toBeNull();
  });
});

/** A real full disk: a 256 KB tmpfs, when this machine lets the test mount one (root, Linux). */
function mountTinyDisk(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const mountPoint = mkdtempSync(path.join(tmpdir(), 'analytics-full-disk-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]);
  if (result.status === 0) return mountPoint;
  rmSync(mountPoint, { recursive: true, force: true });
  return null;
}

const tinyDisk = mountTinyDisk();

describe.skipIf(tinyDisk === null)('analytics store on a real full disk (256 KB tmpfs)', () => {
  afterAll(() => {
    for (const s of stores.splice(0)) s.close();
    if (tinyDisk) {
      spawnSync('umount', [tinyDisk]);
      rmSync(tinyDisk, { recursive: true, force: true });
    }
  });

  it('drops events with a counter once the disk is full, and never throws', () => {
    const { store, lines } = open(tinyDisk ?? '', { maxMegabytes: 100 });
    const at = Math.floor(NOW / 1000);
    let stored = 0;
    let dropped = 0;
    for (let batch = 0; batch < 200; batch++) {
      const result = store.record(Array.from({ length: 50 }, (_, i) => screenEvent(at, batch * 50 + i)));
      stored += result.stored;
      dropped += result.dropped;
    }
    expect(stored).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    expect(stored + dropped).toBe(200 * 50);
    expect(store.dropped()).toBe(dropped);
    expect(store.staffWarnings().join(' ')).toContain(`${dropped} analytics events were not recorded`);
    expect(lines.filter((l) => l.includes('disk is full'))).toHaveLength(1);
  });
});

describe('analytics store on a disk made full by SQLite (max_page_count, when no tmpfs can be mounted)', () => {
  it('drops events with a counter when the file cannot grow and nothing can be deleted', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const db = store.database();
    // Stand-in for a full disk: the file may not grow by one page more than it has now.
    const pages = (db?.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db?.exec(`PRAGMA max_page_count = ${pages}`);
    const at = Math.floor(NOW / 1000);
    // A batch larger than the pages the file has: with the table empty there is nothing to delete, so
    // the events are dropped and counted.
    const events = Array.from({ length: 2000 }, (_, i) => screenEvent(at, i));
    expect(store.record(events)).toEqual({ stored: 0, dropped: 2000 });
    expect(store.dropped()).toBe(2000);
    expect(store.staffWarnings().join(' ')).toContain('2000 analytics events were not recorded');
  });
});
