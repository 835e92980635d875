import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildManifest,
  chooseVersion,
  listPackageFiles,
  publishedVersions,
  publishWarnings,
} from './publish';
import { countPlaceholders } from './checker';

describe('chooseVersion', () => {
  it.each<[number[], number | undefined, number | string]>([
    [[], undefined, 1],
    [[1, 2, 3], undefined, 4],
    [[1, 2, 3], 7, 7],
    [[1, 2, 3], 3, 'already published'],
    [[1, 2, 3], 2, 'already published'],
    [[1, 5], 3, 'older than version 5'],
    [[], 0, 'whole number'],
    [[], 1.5, 'whole number'],
  ])('published %j, asked %s → %s', (published, requested, expected) => {
    const result = chooseVersion(published, requested);
    if (typeof expected === 'number') expect(result).toEqual({ ok: true, version: expected });
    else expect(result.ok ? '' : result.message).toContain(expected);
  });
});

it('publishedVersions reads the versions of one exhibit from file names', () => {
  expect(
    publishedVersions(
      [
        'nanjing-3.kioskpkg',
        'nanjing-12.kioskpkg',
        'nanjing-x.kioskpkg',
        'other-9.kioskpkg',
        'nanjing-4.kioskpkg.part',
        'nanjing-zone-5.kioskpkg',
      ],
      'nanjing',
    ),
  ).toEqual([3, 12]);
});

it('buildManifest sorts the files and keeps every field', () => {
  const m = buildManifest({
    exhibitId: 'nanjing',
    version: 2,
    exhibitVersion: '1.0.1',
    created: new Date('2026-12-01T12:00:00Z'),
    createdBy: 'curator',
    minKioskVersion: '0.1.0',
    checker: { errors: 0, warnings: 1, drafts: 2, placeholders: 3 },
    files: [
      { path: 'photos/b.jpg', size: 1, sha256: 'b'.repeat(64) },
      { path: 'exhibit.yaml', size: 2, sha256: 'a'.repeat(64) },
    ],
  });
  expect(m.files.map((f) => f.path)).toEqual(['exhibit.yaml', 'photos/b.jpg']);
  expect(m).toMatchObject({ format: 1, created: '2026-12-01T12:00:00.000Z', createdBy: 'curator' });
});

it.each([
  [{ errors: 0, warnings: 0, drafts: 0, placeholders: 0 }, []],
  [{ errors: 0, warnings: 0, drafts: 1, placeholders: 0 }, [/1 translation is marked as draft/]],
  [
    { errors: 0, warnings: 0, drafts: 3, placeholders: 2 },
    [/3 translations are/, /2 photographs or narrations are placeholders/],
  ],
])('publishWarnings %j', (checker, expected) => {
  const warnings = publishWarnings(checker);
  expect(warnings).toHaveLength(expected.length);
  expected.forEach((re, i) => expect(warnings[i]).toMatch(re));
});

it('countPlaceholders counts every placeholder: true in an exhibit', () => {
  expect(
    countPlaceholders({
      photos: [{ placeholder: true }, { placeholder: false }],
      stories: [{ narration: { en: { placeholder: true } } }],
    }),
  ).toBe(2);
  expect(countPlaceholders(null)).toBe(0);
});

describe('listPackageFiles', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'publish-list-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists regular files, sorted, skipping hidden ones', async () => {
    await mkdir(path.join(dir, 'photos'));
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, 'exhibit.yaml'), 'id: x\n');
    await writeFile(path.join(dir, 'photos', 'a.jpg'), 'jpg');
    await writeFile(path.join(dir, '.DS_Store'), '');
    await writeFile(path.join(dir, '.git', 'HEAD'), '');
    expect((await listPackageFiles(dir)).map((f) => [f.path, f.size])).toEqual([
      ['exhibit.yaml', 6],
      ['photos/a.jpg', 3],
    ]);
  });

  it('refuses a symbolic link in the folder', async () => {
    await symlink('/etc/passwd', path.join(dir, 'passwd'));
    await expect(listPackageFiles(dir)).rejects.toThrow(/passwd is a symbolic link/);
  });
});
