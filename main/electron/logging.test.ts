import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveName, archivesToDelete, rotateLogFile } from './logging';

describe('archiveName', () => {
  it.each([
    ['main.log', '2026-05-04T10:00:00.123Z', 'main.2026-05-04T10-00-00-123Z.log'],
    ['kiosk.txt', '2026-12-31T23:59:59.000Z', 'kiosk.2026-12-31T23-59-59-000Z.txt'],
  ])('%s at %s → %s', (name, iso, expected) => {
    const archived = archiveName(name, new Date(iso));
    expect(archived).toBe(expected);
    expect(archived).not.toMatch(/[:\\/*?"<>|]/);
  });
});

describe('archivesToDelete', () => {
  const day = (d: number) => `main.2026-05-${String(d).padStart(2, '0')}T10-00-00-000Z.log`;

  it.each([
    [3, 7, []],
    [7, 7, []],
    [9, 7, [day(1), day(2)]],
    [3, 0, [day(1), day(2), day(3)]],
  ])('%i archives keeping %i', (count, keep, expected) => {
    const files = Array.from({ length: count }, (_, i) => day(i + 1)).reverse();
    expect(
      archivesToDelete(
        [...files, 'main.log', 'renderer.log', 'other.2026-05-01T10-00-00-000Z.log', 'main.old.log'],
        'main.log',
        keep,
      ),
    ).toEqual(expected);
  });
});

describe('rotateLogFile', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('moves the full log aside and keeps only the newest seven archives', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-logs-'));
    const log = path.join(dir, 'main.log');
    for (let i = 1; i <= 9; i++) {
      writeFileSync(log, `day ${i}`);
      rotateLogFile(log, new Date(Date.UTC(2026, 4, i, 10)), 7);
    }
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(7);
    expect(files[0]).toBe('main.2026-05-03T10-00-00-000Z.log');
    expect(files[6]).toBe('main.2026-05-09T10-00-00-000Z.log');
    expect(existsSync(log)).toBe(false);
  });
});
