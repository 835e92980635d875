/**
 * The analytics database closed on quit, with the real store on a real file: after `will-quit` the file is
 * whole by itself (the WAL written back and emptied) and holds every event; a batch arriving afterwards is
 * not stored and the file is not opened again; quitting twice, or with analytics off, is harmless.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../common/analytics';
import { DEFAULT_SETTINGS } from '../common/settings';
import { ANALYTICS_FILE_NAME, openAnalyticsStore } from '../analytics/store';
import { closeAnalyticsOnQuit, setupAnalyticsClose, type QuitEvents } from './analyticsClose';

const NOW = Date.UTC(2026, 11, 1, 10);
const VISIT = 'c'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(enabled = true) {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-close-'));
  dirs.push(dir);
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
  const store = openAnalyticsStore({
    dataDir: dir,
    settings: { ...DEFAULT_SETTINGS.analytics, enabled },
    log,
    now: () => NOW,
  });
  const app = new EventEmitter();
  const close = setupAnalyticsClose(app as QuitEvents, store, log);
  return { dir, file: path.join(dir, ANALYTICS_FILE_NAME), store, app, lines, log, close };
}

const visit = (at: number): AnalyticsEvent[] => [
  { visit: VISIT, at, name: 'visitStart' },
  { visit: VISIT, at: at + 5, name: 'languageChosen', lang: 'ja' },
  { visit: VISIT, at: at + 40, name: 'visitEnd', how: 'idleReset', screen: 'home' },
];

describe('closing the analytics database when the kiosk quits', () => {
  it('leaves a whole file with every event, and keeps nothing after', () => {
    const { file, store, app, lines } = setup();
    const at = Math.floor(NOW / 1000);
    expect(store.record(visit(at)).stored).toBe(3);
    // While the kiosk runs, the events are in the WAL beside the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    app.emit('will-quit');
    expect(store.closed()).toBe(true);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    expect(lines).toContain(`info analytics: database closed (${file})`);

    // The file alone (opened read-only, WAL ignored) holds the visit and its per-day summary.
    const alone = new DatabaseSync(file, { readOnly: true });
    expect(alone.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    expect(alone.prepare('SELECT count(*) AS n FROM visits WHERE day IS NOT NULL').get()).toEqual({ n: 1 });
    expect(alone.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    alone.close();

    // A batch arriving while the window goes away: not stored, the file not opened again.
    expect(store.record(visit(at + 100))).toEqual({ stored: 0, dropped: 0 });
    expect(store.database()).toBeNull();
    app.emit('will-quit');
    expect(lines.filter((l) => l.includes('closed'))).toHaveLength(1);
    const after = new DatabaseSync(file, { readOnly: true });
    expect(after.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    after.close();
  });

  it('the close the host calls before app.exit() does the same, once', () => {
    const { file, store, app, lines, close } = setup();
    store.record(visit(Math.floor(NOW / 1000)));
    close(); // staff's "Exit kiosk": app.exit() follows, and 'will-quit' never comes
    expect(store.closed()).toBe(true);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    app.emit('will-quit');
    expect(lines.filter((l) => l.includes('closed'))).toHaveLength(1);
  });

  it('with analytics off there is nothing to close and no file is made', () => {
    const { dir, store, app, lines } = setup(false);
    app.emit('will-quit');
    closeAnalyticsOnQuit(store, { info: () => undefined, warn: () => undefined });
    expect(readdirSync(dir)).toEqual([]);
    expect(lines.filter((l) => l.includes('closed'))).toEqual([]);
  });
});
