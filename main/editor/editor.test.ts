import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { imageOnlyProblems } from './checker';
import { missingLanguages, summarize } from './editor';
import { keepVersion, listVersions, versionName, versionRoot } from './history';
import { validateItem } from './validateItem';

const files = { yamlFile: 'photos/a.yaml', storyFolder: 'stories/s' };
const photo = {
  file: 'a.jpg',
  caption: { en: 'A', ja: 'あ' },
  alt: { en: 'A' },
  credit: { en: 'C' },
  rights: { en: 'R' },
  source: 'S',
};

describe('validateItem', () => {
  it.each([
    ['a valid photograph', 'photo', 'a', photo, []],
    ['a photograph without its source', 'photo', 'a', { ...photo, source: undefined }, ['source']],
    ['a file reference that leaves the package', 'photo', 'a', { ...photo, file: '../x.jpg' }, ['file']],
    ['an unknown field', 'photo', 'a', { ...photo, colour: 'red' }, [undefined]],
    [
      'a timeline event renamed',
      'timeline',
      'first',
      { id: 'second', date: '1937', title: { en: 'T' }, text: { en: 'T' }, sources: ['S'] },
      ['id'],
    ],
    [
      'a story with an empty title and a link in its text',
      'story',
      's',
      { en: { title: '', summary: 'S', body: '\n[a](https://example.org)\n' } },
      ['en.title', 'en.body'],
    ],
  ] as const)('%s', (_name, kind, id, data, fields) => {
    expect(validateItem(kind, id, data, files).map((p) => p.field)).toEqual(fields);
  });
});

describe('badges', () => {
  it('finds the languages missing from any text field', () => {
    expect(missingLanguages(photo, ['en', 'ja', 'id'])).toEqual(['ja', 'id']);
    expect(missingLanguages({ people: ['en'], related: { stories: [] } }, ['en'])).toEqual([]);
  });

  it('summarizes an item for the list', () => {
    const summary = summarize(
      'story',
      's',
      { en: { title: 'T', cover: 'a', draft: true, contentNote: 'N', body: 'Text' } },
      {
        languages: ['en', 'ja'],
        problems: [{ severity: 'warning', message: 'm', code: 'c', file: 'stories/s/en.md' }],
        thumbnails: new Map([['a', '/derived/a.jpg']]),
        placeholders: new Set(['a']),
        timelineDrafts: [],
      },
    );
    expect(summary).toMatchObject({
      title: { en: 'T' },
      thumbnail: '/derived/a.jpg',
      errors: 0,
      warnings: 1,
      drafts: ['en'],
      missing: ['ja'],
      placeholder: true,
      contentNote: true,
    });
    expect(summary.searchText).toContain('text');
  });
});

describe('the checker after a save', () => {
  it('keeps the problems only a full run finds', () => {
    const p = (file: string, code: string) => ({ severity: 'error' as const, file, message: 'm', code });
    expect(imageOnlyProblems([p('a', 'x'), p('b', 'corrupt-image')], [p('a', 'x')])).toEqual([
      p('b', 'corrupt-image'),
    ]);
  });
});

describe('history', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('keeps each version, lists them newest first per item, and refuses a made-up version', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'editor-history-'));
    const first = await keepVersion(
      root,
      { kind: 'photo', id: 'a' },
      'curator',
      new Map([['photos/a.yaml', Buffer.from('one\n')]]),
      Date.UTC(2026, 0, 1),
    );
    await keepVersion(
      root,
      { kind: 'photo', id: 'b' },
      'curator',
      new Map([['photos/b.yaml', Buffer.from('b\n')]]),
      Date.UTC(2026, 0, 2),
    );
    const third = await keepVersion(
      root,
      { kind: 'photo', id: 'a' },
      'translator',
      new Map([['photos/a.yaml', Buffer.from('two\n')]]),
      Date.UTC(2026, 0, 3),
    );
    const versions = await listVersions(root, { kind: 'photo', id: 'a' });
    expect(versions.map((v) => [v.version, v.role])).toEqual([
      [third, 'translator'],
      [first, 'curator'],
    ]);
    const folder = await versionRoot(root, first);
    expect(folder && (await readFile(path.join(folder, 'photos', 'a.yaml'), 'utf8'))).toBe('one\n');
    expect(await versionRoot(root, '../../etc')).toBeNull();
    expect(versionName(Date.UTC(2026, 0, 1))).toMatch(/^20260101T000000000Z-[0-9a-f]{8}$/);
  });
});
