/**
 * `npm run analytics:export` on a real data folder: the events of a visit come out as CSV rows, and the
 * summary as one row per day.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../main/common/settings';
import { openAnalyticsStore } from '../main/analytics/store';

const dir = mkdtempSync(path.join(tmpdir(), 'analytics-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportCsv(...args: string[]) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/analytics-export.ts',
      '--data',
      dir,
      '--config',
      'tests/e2e/kiosk-config',
      ...args,
    ],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
}

it('exports one row per event and one per day', () => {
  const store = openAnalyticsStore({
    dataDir: dir,
    settings: DEFAULT_SETTINGS.analytics,
    log: { info: () => undefined, warn: () => undefined },
  });
  const visit = 'f'.repeat(32);
  const at = Math.floor(Date.parse('2026-11-30T10:00:00Z') / 1000);
  store.record([
    { visit, at, name: 'visitStart' },
    { visit, at: at + 3, name: 'languageChosen', lang: 'en' },
    { visit, at: at + 42, name: 'visitEnd', how: 'idleReset', screen: 'home' },
  ]);
  store.close();

  const out = path.join(dir, 'events.csv');
  const result = exportCsv('--out', out, '--from', '2026-11-30', '--to', '2026-11-30');
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('Wrote 3 events (2026-11-30 to 2026-11-30)');
  expect(readFileSync(out, 'utf8').split('\r\n')).toEqual([
    'time,visit,event,screen,item,lang,value,detail,number',
    `2026-11-30T10:00:00Z,${visit},visitStart,,,,,,`,
    `2026-11-30T10:00:03Z,${visit},languageChosen,,,en,,,`,
    `2026-11-30T10:00:42Z,${visit},visitEnd,home,,,idleReset,,`,
    '',
  ]);

  const summary = path.join(dir, 'summary.csv');
  expect(exportCsv('--out', summary, '--summary', '--from', '2026-11-29', '--to', '2026-11-30').status).toBe(
    0,
  );
  expect(readFileSync(summary, 'utf8').split('\r\n').slice(1, 3)).toEqual([
    '2026-11-29,0,,0,0,0,0,0,0',
    '2026-11-30,1,42,0,0,0,0,0,0',
  ]);
});

it('says so when the folder holds no analytics database', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'analytics-export-empty-'));
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/analytics-export.ts', '--data', empty, '--out', path.join(empty, 'x.csv')],
    { encoding: 'utf8' },
  );
  rmSync(empty, { recursive: true, force: true });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('No analytics database');
});
