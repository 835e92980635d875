import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultWatchFolders,
  findSticks,
  FOLDER_LOOK_LIMITS,
  foundRef,
  isFolderToEnter,
  isPackageEntry,
  lookInFolders,
  stickLevel,
} from './folders';

const file = (name: string) => ({ name, isFile: () => true, isDirectory: () => false });
const folder = (name: string) => ({ name, isFile: () => false, isDirectory: () => true });

describe('isPackageEntry', () => {
  it.each([
    [file('nanjing-safety-zone-3.kioskpkg'), true],
    [file('NANJING-3.KIOSKPKG'), true],
    [file('.nanjing-3.kioskpkg'), false], // hidden (macOS leaves ._ copies on sticks)
    [file('.kioskpkg'), false],
    [file('nanjing-3.kioskpkg.part'), false],
    [file('nanjing-3.zip'), false],
    [folder('nanjing-3.kioskpkg'), false],
  ])('%o → %s', (entry, expected) => {
    expect(isPackageEntry(entry)).toBe(expected);
  });
});

describe('isFolderToEnter', () => {
  it.each([
    [folder('KIOSK'), true],
    [folder('.Trashes'), false],
    [folder('System Volume Information'), false],
    [folder('$RECYCLE.BIN'), false],
    [folder('lost+found'), false],
    [file('KIOSK'), false],
  ])('%o → %s', (entry, expected) => {
    expect(isFolderToEnter(entry)).toBe(expected);
  });
});

describe('defaultWatchFolders', () => {
  it.each([
    ['linux', ['/media', '/run/media', '/mnt'], FOLDER_LOOK_LIMITS.depth],
    ['darwin', ['/Volumes'], 2],
  ])('%s', (platform, folders, depth) => {
    expect(defaultWatchFolders(platform)).toEqual({ folders, depth });
  });

  it('win32: the drive letters after C, their top folders only', () => {
    const { folders, depth } = defaultWatchFolders('win32');
    expect(folders[0]).toBe('D:\\');
    expect(folders.at(-1)).toBe('Z:\\');
    expect(folders).not.toContain('C:\\');
    expect(depth).toBe(1);
  });
});

describe('foundRef', () => {
  const one = { path: '/media/staff/STICK/nanjing-3.kioskpkg', size: 1000, modifiedMs: 1_700_000_000_000.5 };
  it.each([
    ['another path', { ...one, path: '/media/staff/STICK/nanjing-4.kioskpkg' }],
    ['another size', { ...one, size: 1001 }],
    ['another time', { ...one, modifiedMs: one.modifiedMs + 1000 }],
  ])('changes with %s', (_, other) => {
    expect(foundRef(other)).not.toBe(foundRef(one));
  });
  it('is 24 hex digits and the same for the same file', () => {
    expect(foundRef(one)).toMatch(/^[0-9a-f]{24}$/);
    expect(foundRef({ ...one })).toBe(foundRef(one));
  });
});

describe('lookInFolders (real folders)', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiosk-folders-'));
    const put = async (rel: string, at: number) => {
      const full = path.join(root, rel);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, 'x');
      await utimes(full, at, at);
    };
    await put('media/staff/STICK/a-1.kioskpkg', 1000);
    await put('media/staff/STICK/KIOSK/a-2.kioskpkg', 2000);
    await put('media/staff/STICK/notes.txt', 3000);
    await put('media/staff/STICK/.hidden/a-9.kioskpkg', 3000);
    await put('media/staff/STICK/one/two/three/too-deep.kioskpkg', 3000);
    await put('elsewhere/b-1.kioskpkg', 4000);
    // A link out of the stick (to a folder with a package) is not followed.
    await symlink(path.join(root, 'elsewhere'), path.join(root, 'media/staff/STICK/link'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds package files up to the depth, newest first, never through a link or a hidden folder', async () => {
    const found = await lookInFolders([path.join(root, 'media'), path.join(root, 'not-there')]);
    expect(found.map((f) => path.relative(root, f.path))).toEqual([
      'media/staff/STICK/KIOSK/a-2.kioskpkg',
      'media/staff/STICK/a-1.kioskpkg',
    ]);
    expect(found[0]).toMatchObject({ size: 1, modifiedMs: 2_000_000 });
  });

  it('stops at the limits on files and entries', async () => {
    const media = [path.join(root, 'media')];
    expect(await lookInFolders(media, { ...FOLDER_LOOK_LIMITS, files: 1 })).toHaveLength(1);
    expect(await lookInFolders(media, { ...FOLDER_LOOK_LIMITS, entries: 2 })).toHaveLength(0);
    expect(await lookInFolders(media, { ...FOLDER_LOOK_LIMITS, depth: 2 })).toHaveLength(1);
  });
});

describe('stickLevel', () => {
  it.each([
    ['/media', false, 2],
    ['/run/media/', false, 2],
    ['/mnt', false, 1],
    ['/Volumes', false, 1],
    ['E:\\', false, 0],
    ['/media', true, 0],
    ['/srv/kiosk', true, 0],
  ])('%s (named in kiosk.yaml: %s) → %d', (folder, configured, level) => {
    expect(stickLevel(folder, configured)).toBe(level);
  });
});

describe('findSticks (real folders)', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiosk-sticks-'));
    for (const dir of ['media/staff/STICK', 'media/staff/.hidden', 'media/guard/CAMERA', 'mnt/BACKUP'])
      await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, 'media/staff/notes.txt'), 'x');
    await symlink(path.join(root, 'mnt'), path.join(root, 'media/staff/LINK'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds the folders at the stick level: no files, links or hidden folders; gone folders skipped; each once', async () => {
    const sticks = await findSticks([
      { folder: path.join(root, 'media'), level: 2 },
      { folder: path.join(root, 'mnt'), level: 1 },
      { folder: path.join(root, 'gone'), level: 1 },
      { folder: path.join(root, 'mnt/BACKUP'), level: 0 },
    ]);
    expect(sticks.map((s) => path.relative(root, s))).toEqual([
      'media/guard/CAMERA',
      'media/staff/STICK',
      'mnt/BACKUP',
    ]);
  });
});
