import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { badItemId, itemFiles, ItemError, placeProblem, revisionOf } from './items';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('item ids', () => {
  it.each([
    ['photo', 'harbour-view', true],
    ['photo', '../kiosk-config/kiosk', false],
    ['photo', '..', false],
    ['person', 'a/b', false],
    ['story', 'a\\b', false],
    ['story', '%2e%2e', false],
    ['diary', '.history', false],
    ['exhibit', 'exhibit', true],
    ['exhibit', 'other', false],
  ] as const)('%s %s → %s', (kind, id, ok) => expect(badItemId(kind, id) === null).toBe(ok));

  it('refuses traversal and links out of the package when reading', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'editor-items-'));
    const pkg = path.join(root, 'pkg');
    await mkdir(path.join(pkg, 'photos'), { recursive: true });
    await writeFile(path.join(root, 'secret.yaml'), 'secret: 1\n');
    await symlink(path.join(root, 'secret.yaml'), path.join(pkg, 'photos', 'leak.yaml'));
    await expect(itemFiles(pkg, 'photo', '../secret')).rejects.toThrow(ItemError);
    await expect(itemFiles(pkg, 'photo', 'leak')).rejects.toThrow(/outside/);
  });
});

describe('revisionOf', () => {
  it('changes with any byte or name', () => {
    const a = revisionOf(new Map([['x.yaml', Buffer.from('a: 1\n')]]));
    expect(revisionOf(new Map([['x.yaml', Buffer.from('a: 1\n')]]))).toBe(a);
    expect(revisionOf(new Map([['x.yaml', Buffer.from('a: 2\n')]]))).not.toBe(a);
    expect(revisionOf(new Map([['y.yaml', Buffer.from('a: 1\n')]]))).not.toBe(a);
  });
});

describe('placeProblem', () => {
  const p = (file: string, field?: string) => ({
    severity: 'error' as const,
    file,
    message: 'm',
    code: 'c',
    ...(field ? { field } : {}),
  });
  it.each([
    [p('photos/a.yaml', 'caption.en'), { kind: 'photo', id: 'a', field: 'caption.en' }],
    [p('photos/a.jpg'), { kind: 'photo', id: 'a' }],
    [p('people/ada-park.yaml', 'name.ja'), { kind: 'person', id: 'ada-park', field: 'name.ja' }],
    [p('stories/s/ja.md', 'title'), { kind: 'story', id: 's', field: 'ja.title' }],
    [p('stories/s/ja.md'), { kind: 'story', id: 's', field: 'ja.body' }],
    [p('timeline.yaml', 'events[2].title.en'), { kind: 'timeline', id: 'second', field: 'title.en' }],
    [p('exhibit.yaml', 'languages'), { kind: 'exhibit', id: 'exhibit', field: 'languages' }],
  ])('%j', (problem, expected) => {
    const placed = placeProblem(problem, ['first', 'second']);
    expect(
      placed && {
        kind: placed.kind,
        id: placed.id,
        ...(placed.problem.field ? { field: placed.problem.field } : {}),
      },
    ).toEqual(expected);
  });
  it('leaves a problem no item owns', () => {
    expect(placeProblem(p('audio/x.ogg'), [])).toBeNull();
    expect(placeProblem(p('timeline.yaml', 'events[9]'), ['a'])).toBeNull();
  });
});
