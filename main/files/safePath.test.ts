/**
 * The one path rule, with real files: what the request handler serves and what the content loader reads.
 * Each row is a file of a package made by the test (links, a FIFO, a device) and what the rule says of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInside, findInsideSync, isInside, resolveInside, type Found } from './safePath';

let root: string;
let media: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'kiosk-safe-path-')));
  media = path.join(root, 'media');
  await mkdir(path.join(media, 'stories', 'a'), { recursive: true });
  await writeFile(path.join(media, 'stories', 'a', 'en.md'), 'inside');
  await writeFile(path.join(root, 'secret.md'), 'outside');
  await symlink('en.md', path.join(media, 'stories', 'a', 'ja.md'));
  await symlink(path.join(root, 'secret.md'), path.join(media, 'stories', 'a', 'id.md'));
  await symlink('/dev/zero', path.join(media, 'zero.yaml'));
  await symlink(root, path.join(media, 'up'));
  execFileSync('mkfifo', [path.join(media, 'exhibit.yaml')]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findInside: the rule, and why a path is refused', () => {
  const rows: [string, (r: Found) => void][] = [
    ['stories/a/en.md', (r) => expect(r).toMatchObject({ ok: true, size: 6 })],
    [
      'stories/a/ja.md',
      (r) => expect(r).toMatchObject({ ok: true, real: path.join(media, 'stories/a/en.md') }),
    ],
    ['stories/a/id.md', (r) => expect(r).toMatchObject({ ok: false, reason: 'outside' })],
    ['up/secret.md', (r) => expect(r).toMatchObject({ ok: false, reason: 'outside' })],
    ['zero.yaml', (r) => expect(r).toMatchObject({ ok: false, reason: 'outside' })],
    ['exhibit.yaml', (r) => expect(r).toEqual({ ok: false, reason: 'not-a-file', detail: 'a FIFO' })],
    ['stories', (r) => expect(r).toEqual({ ok: false, reason: 'not-a-file', detail: 'a folder' })],
    ['stories/a/fr.md', (r) => expect(r).toEqual({ ok: false, reason: 'missing' })],
    ['stories/a/en.md/x', (r) => expect(r).toEqual({ ok: false, reason: 'missing' })],
  ];
  it.each(rows)('%s', async (relative, expectation) => {
    const found = await findInside(media, relative);
    expectation(found);
    // The synchronous form (the loader's) and the handler's form give the same answer.
    expect(findInsideSync(media, relative)).toEqual(found);
    expect(await resolveInside(media, relative)).toBe(found.ok ? found.real : null);
  });

  it('a folder: found only when it is a folder inside', async () => {
    expect(await findInside(media, 'stories', 'folder')).toMatchObject({ ok: true });
    expect(await findInside(media, 'up', 'folder')).toMatchObject({ ok: false, reason: 'outside' });
    expect(await findInside(media, 'stories/a/en.md', 'folder')).toMatchObject({ reason: 'not-a-folder' });
  });
});

describe('isInside', () => {
  it.each([
    ['/m', '/m', true],
    ['/m', '/m/a', true],
    ['/m', '/m/a/b', true],
    ['/m', '/media/a', false],
    ['/m', '/', false],
    ['/m/a', '/m', false],
  ])('%s holds %s: %s', (rootPath, real, inside) => {
    expect(isInside(rootPath, real)).toBe(inside);
  });
});
