import { describe, expect, it } from 'vitest';
import type { PackageManifest } from '../common/packages';
import { decideLive, foldersToPrune, type Pointer, type WholeVersion } from './versions';

const v = (version: number, exhibitId = 'nanjing'): WholeVersion => ({
  folder: `${exhibitId}-${version}-abc`,
  manifest: { exhibitId, version } as PackageManifest,
});
const pointer = (version: number, rolledBack: number[] = []): Pointer => ({
  format: 1,
  folder: `nanjing-${version}-abc`,
  exhibitId: 'nanjing',
  version,
  switchedAt: '2026-12-01T00:00:00Z',
  rolledBack: rolledBack.map((r) => `nanjing-${r}-abc`),
});
const versionOf = (w: WholeVersion | null) => w?.manifest.version ?? null;

describe('decideLive', () => {
  it.each<
    [
      string,
      Pointer | null,
      string | null,
      WholeVersion[],
      number | null,
      number | null,
      number[],
      RegExp | null,
    ]
  >([
    ['nothing installed', null, null, [], null, null, [], null],
    ['first install staged, never switched', null, null, [v(1)], null, 1, [], null],
    ['pointer to a whole version', pointer(2), null, [v(1), v(2)], 2, null, [1], null],
    ['a newer version staged', pointer(2), null, [v(1), v(2), v(3)], 2, 3, [1], null],
    [
      'pointer to a missing folder: the last whole one below it',
      pointer(3),
      null,
      [v(1), v(2), v(4)],
      2,
      4,
      [1],
      /version 3 .* missing or incomplete; version 2/,
    ],
    [
      'pointer to a missing folder, nothing below: the newest',
      pointer(1),
      null,
      [v(2)],
      2,
      null,
      [],
      /version 1 .*version 2/,
    ],
    [
      'pointer damaged: the newest whole one',
      null,
      'live.json is damaged',
      [v(1), v(2)],
      2,
      null,
      [1],
      /live.json is damaged; version 2/,
    ],
    [
      'pointer damaged, nothing whole',
      null,
      'live.json is damaged',
      [],
      null,
      null,
      [],
      /no version is whole/,
    ],
    ['rolled back from 3: not staged again', pointer(2, [3]), null, [v(1), v(2), v(3)], 2, null, [1], null],
    [
      'rolled back from 3, then 4 arrives: 4 staged',
      pointer(2, [3]),
      null,
      [v(2), v(3), v(4)],
      2,
      4,
      [],
      null,
    ],
    ['another exhibit is never staged', pointer(2), null, [v(2), v(5, 'other')], 2, null, [], null],
  ])('%s', (_name, p, problem, whole, live, staged, previous, fellBack) => {
    const d = decideLive(p, problem, whole);
    expect(versionOf(d.live)).toBe(live);
    expect(versionOf(d.staged)).toBe(staged);
    expect(d.previous.map((w) => w.manifest.version)).toEqual(previous);
    if (fellBack) expect(d.fellBack).toMatch(fellBack);
    else expect(d.fellBack).toBeNull();
  });
});

describe('foldersToPrune', () => {
  it.each<[string, Pointer, WholeVersion[], number, number[]]>([
    ['three kept', pointer(4), [v(1), v(2), v(3), v(4)], 3, [1]],
    ['the staged one is kept too', pointer(4), [v(1), v(2), v(3), v(4), v(5)], 3, [1]],
    ['nothing to prune', pointer(2), [v(1), v(2)], 3, []],
    ['keep 1: only the live one', pointer(3), [v(1), v(2), v(3)], 1, [1, 2]],
  ])('%s', (_name, p, whole, keep, pruned) => {
    const d = decideLive(p, null, whole);
    expect(foldersToPrune(d, whole, keep)).toEqual(pruned.map((n) => `nanjing-${n}-abc`));
  });
});
