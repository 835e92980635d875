/**
 * A package carries its photographs' derivatives, and a kiosk that installs it builds none: real files, the
 * real publish (sharp building the fixture's derivatives), the real store installing the package, and the
 * content pipeline's own ensureDerivatives telling what it would still build.
 */
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDerivatives, readDerivativeManifest } from '../content/derive';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { makeTestKey, type TestKey } from '../../tests/support/packageCraft';
import {
  adoptDerivatives,
  adoptionText,
  BUILDS_ENTRY,
  buildsFileSchema,
  DERIVED_FOLDER,
  isDerivedPath,
  type Adoption,
} from './derivatives';
import { publishFolder } from './publish';
import { createPackageStore } from './store';

let root = '';
let key: TestKey;
/** The installed version's content folder, as the kiosk loads it. */
let installed = '';
let publisherDerived = '';

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kioskpkg-derived-'));
  key = makeTestKey();
  const content = path.join(root, 'exhibit');
  await cp('tests/fixtures/valid', content, { recursive: true });
  publisherDerived = path.join(root, 'publisher-media-cache');
  const outcome = await publishFolder({
    contentDir: content,
    outDir: path.join(root, 'published'),
    privateKey: key.privateKey,
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
    createdBy: 'tests',
    derivedDir: publisherDerived,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  const store = createPackageStore({
    packagesDir: path.join(root, 'kiosk-packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  });
  const staged = await store.install(outcome.file);
  if (!staged.ok) throw new Error(staged.refusal.message);
  installed = path.join(root, 'kiosk-packages', 'versions', staged.version.folder, 'content');
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('publishing with the derivatives folder', () => {
  it('puts both photographs’ derivatives in the package, signed and listed like every file', async () => {
    const manifest = JSON.parse(await readFile(path.join(installed, '..', 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    const derived = manifest.files.map((f) => f.path).filter(isDerivedPath);
    expect(derived).toContain(BUILDS_ENTRY);
    const builds = buildsFileSchema.parse(
      JSON.parse(await readFile(path.join(installed, BUILDS_ENTRY), 'utf8')),
    );
    const hashes = Object.keys(builds.builds);
    expect(hashes).toHaveLength(2);
    for (const [hash, build] of Object.entries(builds.builds)) {
      expect(derived).toContain(`${DERIVED_FOLDER}/${hash}/${build.thumbnail}`);
      expect(derived).toContain(`${DERIVED_FOLDER}/${hash}/${build.display}`);
    }
    // The exhibit's own files are all there as before.
    expect(manifest.files.filter((f) => !isDerivedPath(f.path))).toHaveLength(14);
  });
});

describe('a kiosk loading the installed version', () => {
  it('takes the derivatives in and builds none; a second load finds them already there', async () => {
    const kioskDerived = path.join(root, 'kiosk-media-cache');
    expect(await adoptDerivatives(installed, kioskDerived)).toEqual({ adopted: 2, present: 0 });
    const summary = await ensureDerivatives(installed, kioskDerived);
    expect({ built: summary.built, upToDate: summary.upToDate, failed: summary.failed }).toEqual({
      built: 0,
      upToDate: 2,
      failed: [],
    });
    // What the kiosk shows is what the publisher built, byte for byte.
    const manifest = await readDerivativeManifest(kioskDerived);
    for (const [hash, build] of Object.entries(manifest.builds))
      expect(await readFile(path.join(kioskDerived, hash, build.display))).toEqual(
        await readFile(path.join(publisherDerived, hash, build.display)),
      );
    expect(await adoptDerivatives(installed, kioskDerived)).toEqual({ adopted: 0, present: 2 });
    // Nothing half-made is left beside them.
    expect((await readdir(kioskDerived)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('content that did not come from a package with derivatives: nothing to take, they are built', async () => {
    const kioskDerived = path.join(root, 'kiosk-media-cache-plain');
    expect(await adoptDerivatives('tests/fixtures/valid', kioskDerived)).toBeNull();
  });

  it('derivatives made with other settings are left unused and built here', async () => {
    const copy = path.join(root, 'other-settings');
    await cp(installed, copy, { recursive: true });
    const file = path.join(copy, BUILDS_ENTRY);
    const builds = JSON.parse(await readFile(file, 'utf8')) as { settings: string };
    await writeFile(file, JSON.stringify({ ...builds, settings: 'v0 thumb=320' }));
    const kioskDerived = path.join(root, 'kiosk-media-cache-other');
    const adoption = await adoptDerivatives(copy, kioskDerived);
    expect(adoption).toEqual({ adopted: 0, present: 0, note: expect.stringContaining('other settings') });
    expect((await ensureDerivatives(copy, kioskDerived)).built).toBe(2);
  }, 60_000);

  it('a list naming a file outside its folder is not read: nothing is taken', async () => {
    const copy = path.join(root, 'hostile-list');
    await cp(installed, copy, { recursive: true });
    const file = path.join(copy, BUILDS_ENTRY);
    const builds = JSON.parse(await readFile(file, 'utf8')) as {
      builds: Record<string, { display: string }>;
    };
    for (const b of Object.values(builds.builds)) b.display = '../../../kiosk.yaml';
    await writeFile(file, JSON.stringify(builds));
    const kioskDerived = path.join(root, 'kiosk-media-cache-hostile');
    const adoption = await adoptDerivatives(copy, kioskDerived);
    expect(adoption?.adopted).toBe(0);
    expect(adoption?.note).toMatch(/cannot be read/);
    expect(await stat(kioskDerived).catch(() => null)).toBeNull();
  });
});

describe('adoptionText: the log line of a load', () => {
  it.each<[string, Adoption | null, string]>([
    ['no derivatives in the content', null, ''],
    ['all there already', { adopted: 0, present: 2 }, ''],
    [
      'one taken in',
      { adopted: 1, present: 0 },
      'content: the derivatives of 1 image came with the package and were taken in; they are not built here.',
    ],
    [
      'three taken in',
      { adopted: 3, present: 1 },
      'content: the derivatives of 3 images came with the package and were taken in; they are not built here.',
    ],
    [
      'not usable',
      {
        adopted: 0,
        present: 0,
        note: 'the package’s derivatives were made with other settings; they are built here',
      },
      'content: derivatives: the package’s derivatives were made with other settings; they are built here.',
    ],
  ])('%s', (_, adoption, expected) => {
    expect(adoptionText(adoption)).toBe(expected);
  });

  it.each([
    ['.derived/builds.json', true],
    ['.derived/0123/thumb.webp', true],
    ['photos/harbour-view.jpg', false],
    ['.derivedness', false],
  ])('isDerivedPath(%s) is %s', (p, expected) => {
    expect(isDerivedPath(p)).toBe(expected);
  });
});
