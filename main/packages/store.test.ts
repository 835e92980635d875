/**
 * Installing content packages with real files: real packages published from a real exhibit folder, the
 * real checker, hostile packages built byte by byte (tests/support/packageCraft.ts). Every refusal of the
 * issue names its reason and leaves the live version exactly as it was; a power cut at every step of an
 * install leaves a whole version, old or new.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageManifest, RefusalCode } from '../common/packages';
import {
  gzip,
  headEntries,
  makeTestKey,
  manifestFor,
  tarBytes,
  type CraftEntry,
  type TestKey,
} from '../../tests/support/packageCraft';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { listPackageFiles, publishFolder } from './publish';
import { createPackageStore, type InstallStep, type PackageStore } from './store';
import { verifyPackageFile } from './verify';

const checker = inProcessChecker;
let root = '';
let key: TestKey;
let foreign: TestKey;
/** The published packages, version → file. */
const published = new Map<number, string>();
/** Files of the v3 content, path → bytes (for crafted packages). */
let files: Record<string, Buffer> = {};
let v3Manifest: PackageManifest;

async function readTree(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const f of await listPackageFiles(dir)) out[f.path] = await readFile(f.absolute);
  return out;
}

function storeAt(dir: string): PackageStore {
  return createPackageStore({
    packagesDir: dir,
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker,
    kioskVersion: '0.1.0',
  });
}

/** Publish the valid fixture as `version`, with a line that tells the versions apart. */
async function publishVersion(version: number): Promise<string> {
  const content = path.join(root, `content-${version}`);
  await cp('tests/fixtures/valid', content, { recursive: true });
  await writeFile(path.join(content, 'README.md'), `Test exhibit, version ${version}.\n`);
  const outcome = await publishFolder({
    contentDir: content,
    outDir: path.join(root, 'published'),
    privateKey: key.privateKey,
    checker,
    kioskVersion: '0.1.0',
    createdBy: 'tests',
    version,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  published.set(version, outcome.file);
  return outcome.file;
}

async function craft(name: string, entries: CraftEntry[], end = true): Promise<string> {
  const file = path.join(root, 'crafted', `${name}.kioskpkg`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, gzip(tarBytes(entries, end)));
  return file;
}

const bodyOf = (fs: Record<string, Buffer>): CraftEntry[] =>
  Object.entries(fs).map(([name, data]) => ({ name, data }));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kioskpkg-'));
  key = makeTestKey();
  foreign = makeTestKey();
  for (const v of [1, 2, 3, 4, 5]) await publishVersion(v);
  files = await readTree(path.join(root, 'content-3'));
  v3Manifest = manifestFor(files, { exhibitId: 'harbour-memories', version: 3 });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('the fixture exhibit id is what the crafted manifests say', async () => {
  const text = await readFile('tests/fixtures/valid/exhibit.yaml', 'utf8');
  expect(text).toMatch(/^id: harbour-memories$/m);
});

describe('a package from content:publish', () => {
  it('verifies, installs, switches, keeps the last three, and rolls back', async () => {
    const dir = path.join(root, 'kiosk-lifecycle');
    const store = storeAt(dir);
    expect(
      await verifyPackageFile(published.get(1) ?? '', {
        trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
        checker,
        kioskVersion: '0.1.0',
      }),
    ).toMatchObject({ ok: true, manifest: { version: 1 } });

    for (const v of [1, 2, 3, 4])
      expect(await store.install(published.get(v) ?? '')).toMatchObject({ ok: true });
    let state = await store.state();
    expect(state.live?.manifest.version).toBe(4);
    expect(state.previous.map((p) => p.manifest.version)).toEqual([3, 2]);
    expect(state.whole).toHaveLength(3); // version 1 was pruned
    expect(await readFile(path.join(state.contentDir ?? '', 'README.md'), 'utf8')).toBe(
      'Test exhibit, version 4.\n',
    );

    // Staged but not switched: the live version stays until the switch.
    expect(await store.stage(published.get(5) ?? '')).toMatchObject({ ok: true });
    state = await store.state();
    expect([state.live?.manifest.version, state.staged?.manifest.version]).toEqual([4, 5]);
    expect((await store.list()).map((r) => `${r.state} ${r.version}`)).toEqual([
      'staged 5',
      'live 4',
      'previous 3',
      'previous 2',
    ]);
    await store.switchToStaged();
    state = await store.state();
    expect(state.live?.manifest.version).toBe(5);
    expect(state.whole.map((w) => w.manifest.version).sort()).toEqual([3, 4, 5]);

    // Rollback: back to 4, and 5 is not made live again by itself.
    expect(await store.rollback()).toMatchObject({ ok: true, version: { manifest: { version: 4 } } });
    state = await store.state();
    expect([state.live?.manifest.version, state.staged]).toEqual([4, null]);
    expect(await readFile(path.join(state.contentDir ?? '', 'README.md'), 'utf8')).toBe(
      'Test exhibit, version 4.\n',
    );
    expect(await store.switchToStaged()).toBeNull();
    expect((await store.list()).map((r) => `${r.state} ${r.version}`)).toEqual([
      'live 4',
      'previous 3',
      'rolledBack 5',
    ]);
    // Nothing is left in staging or incoming.
    expect((await readdir(dir)).sort()).toEqual(['live.json', 'versions']);
  }, 120_000);
});

describe('refused packages name their reason and leave the live version untouched', () => {
  let dir = '';
  let liveBefore: Record<string, Buffer> = {};
  let pointerBefore = '';

  beforeAll(async () => {
    dir = path.join(root, 'kiosk-refusals');
    const store = storeAt(dir);
    for (const v of [1, 2]) expect(await store.install(published.get(v) ?? '')).toMatchObject({ ok: true });
    liveBefore = await readTree((await store.state()).contentDir ?? '');
    pointerBefore = await readFile(path.join(dir, 'live.json'), 'utf8');
  }, 60_000);

  const flipped = () => {
    const changed = { ...files };
    const target =
      'stories/harbour-story/en.md' in changed
        ? 'stories/harbour-story/en.md'
        : (Object.keys(changed)[0] ?? '');
    const bytes = Buffer.from(changed[target] ?? '');
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    changed[target] = bytes;
    return changed;
  };

  const cases: [string, () => Promise<string>, RefusalCode, RegExp][] = [
    [
      'one byte changed in one file',
      () => craft('byte', [...headEntries(v3Manifest, key), ...bodyOf(flipped())]),
      'hash-mismatch',
      /differs from what was signed/,
    ],
    [
      'the signature removed',
      () => craft('unsigned', [...headEntries(v3Manifest, null), ...bodyOf(files)]),
      'unsigned',
      /not signed/,
    ],
    [
      'signed by another key',
      () => craft('foreign', [...headEntries(v3Manifest, foreign), ...bodyOf(files)]),
      'untrusted-key',
      /does not trust/,
    ],
    [
      'a signature of another manifest',
      async () => {
        const [manifestEntry] = headEntries(v3Manifest, null);
        const [, sigOfOther] = headEntries({ ...v3Manifest, version: 9 }, key);
        return craft('swapped-sig', [manifestEntry!, sigOfOther!, ...bodyOf(files)]);
      },
      'bad-signature',
      /changed after it was signed/,
    ],
    [
      'a ../ entry',
      () =>
        craft('dotdot', [
          ...headEntries(v3Manifest, key),
          { name: '../escaped.txt', data: 'x' },
          ...bodyOf(files),
        ]),
      'unsafe-path',
      /outside the package/,
    ],
    [
      'an absolute path',
      () =>
        craft('absolute', [
          ...headEntries(v3Manifest, key),
          { name: '/tmp/kiosk-escaped.txt', data: 'x' },
          ...bodyOf(files),
        ]),
      'unsafe-path',
      /absolute path/,
    ],
    [
      'a symlink entry',
      () =>
        craft('symlink', [
          ...headEntries(v3Manifest, key),
          { name: 'photos/link.jpg', type: '2', linkname: '/etc/passwd' },
          ...bodyOf(files),
        ]),
      'link-entry',
      /symbolic link/,
    ],
    [
      'a hard link entry',
      () =>
        craft('hardlink', [
          ...headEntries(v3Manifest, key),
          { name: 'photos/link.jpg', type: '1', linkname: 'exhibit.yaml' },
          ...bodyOf(files),
        ]),
      'link-entry',
      /hard link/,
    ],
    [
      'a device entry',
      () =>
        craft('device', [...headEntries(v3Manifest, key), { name: 'dev-zero', type: '3' }, ...bodyOf(files)]),
      'special-entry',
      /character device/,
    ],
    [
      'an entry declaring 10 GB',
      () => {
        const withBig = { ...files, 'audio/big.ogg': Buffer.from('small') };
        const manifest = manifestFor(withBig, { exhibitId: 'harbour-memories', version: 3 });
        return craft(
          'ten-gb',
          [
            ...headEntries(manifest, key),
            { name: 'audio/big.ogg', declaredSize: 10 * 1024 ** 3, data: 'small' },
          ],
          false,
        );
      },
      'too-large',
      /declares 10 GB/,
    ],
    [
      'a manifest promising 10 GB',
      () => {
        const manifest = manifestFor(files, { exhibitId: 'harbour-memories', version: 3 });
        manifest.files.push({ path: 'audio/big.ogg', size: 10 * 1024 ** 3, sha256: '0'.repeat(64) });
        return craft('ten-gb-manifest', [...headEntries(manifest, key), ...bodyOf(files)]);
      },
      'too-large',
      /more than 4 GB/,
    ],
    [
      '100,000 empty entries',
      () => {
        const empty: Record<string, string> = {};
        for (let i = 0; i < 100_000; i++) empty[`e/${i}`] = '';
        const manifest = manifestFor(empty, { exhibitId: 'harbour-memories', version: 3 });
        return craft('many', [
          ...headEntries(manifest, key, true),
          ...bodyOf(Object.fromEntries(Object.keys(empty).map((k) => [k, Buffer.alloc(0)]))),
        ]);
      },
      'too-many-entries',
      /100,000 files; a kiosk accepts at most 20,000/,
    ],
    [
      'a decompression bomb (64 MB of zeros in a few KB)',
      () => {
        const zeros = Buffer.alloc(64 * 1024 * 1024);
        const withBomb = { ...files, 'audio/zeros.ogg': zeros };
        const manifest = manifestFor(withBomb, { exhibitId: 'harbour-memories', version: 3 });
        return craft('bomb', [
          ...headEntries(manifest, key),
          { name: 'audio/zeros.ogg', data: zeros },
          ...bodyOf(files),
        ]);
      },
      'ratio',
      /decompression bomb/,
    ],
    [
      'a missing file',
      () => {
        const fewer = { ...files };
        delete fewer['exhibit.yaml'];
        return craft('missing', [...headEntries(v3Manifest, key), ...bodyOf(fewer)]);
      },
      'missing-file',
      /"exhibit.yaml", but the package does not hold it/,
    ],
    [
      'a file twice',
      () =>
        craft('duplicate', [
          ...headEntries(v3Manifest, key),
          ...bodyOf(files),
          { name: 'exhibit.yaml', data: files['exhibit.yaml'] },
        ]),
      'duplicate-entry',
      /twice/,
    ],
    [
      'a file not in the manifest',
      () =>
        craft('unlisted', [
          ...headEntries(v3Manifest, key),
          { name: 'extra.txt', data: 'x' },
          ...bodyOf(files),
        ]),
      'unlisted-entry',
      /not in its manifest/,
    ],
    [
      'a checker error',
      async () => {
        const broken = {
          ...files,
          'exhibit.yaml': Buffer.from(String(files['exhibit.yaml']).replace(/^defaultLanguage:.*$/m, '')),
        };
        const manifest = manifestFor(broken, { exhibitId: 'harbour-memories', version: 3 });
        return craft('checker', [...headEntries(manifest, key), ...bodyOf(broken)]);
      },
      'checker-errors',
      /content checker found errors: .*exhibit\.yaml/,
    ],
    ['an older version', async () => published.get(1) ?? '', 'older-version', /older than the version 2/],
    ['the same version again', async () => published.get(2) ?? '', 'same-version', /already/],
    [
      'another exhibit',
      () =>
        craft('other', [
          ...headEntries({ ...v3Manifest, exhibitId: 'another-exhibit' }, key),
          ...bodyOf(files),
        ]),
      'other-exhibit',
      /for the exhibit "another-exhibit"/,
    ],
    [
      'a newer kiosk needed',
      () =>
        craft('newer-kiosk', [
          ...headEntries({ ...v3Manifest, minKioskVersion: '9.0.0' }, key),
          ...bodyOf(files),
        ]),
      'kiosk-too-old',
      /9\.0\.0 or newer/,
    ],
    [
      'a download cut short',
      async () => {
        const whole = await readFile(published.get(3) ?? '');
        const file = path.join(root, 'crafted', 'truncated.kioskpkg');
        await writeFile(file, whole.subarray(0, Math.floor(whole.byteLength / 2)));
        return file;
      },
      'truncated',
      /ends early/,
    ],
    [
      'not a package at all',
      async () => {
        const f = path.join(root, 'crafted', 'noise.kioskpkg');
        await writeFile(f, 'hello, this is not gzip');
        return f;
      },
      'not-a-package',
      /not a readable content package/,
    ],
    [
      'a manifest that is not first',
      () => craft('late-manifest', [...bodyOf(files), ...headEntries(v3Manifest, key)]),
      'manifest-missing',
      /does not start with manifest.json/,
    ],
  ];

  it.each(cases)(
    '%s',
    async (_name, make, code, message) => {
      const file = await make();
      const store = storeAt(dir);
      const outcome = await store.stage(file);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.refusal.code).toBe(code);
      expect(outcome.refusal.message).toMatch(message);
      // The live version is untouched: same pointer, same files, nothing new staged, nothing escaped.
      expect(await readFile(path.join(dir, 'live.json'), 'utf8')).toBe(pointerBefore);
      const state = await store.state();
      expect(state.live?.manifest.version).toBe(2);
      expect(state.staged).toBeNull();
      expect(await readTree(state.contentDir ?? '')).toEqual(liveBefore);
      expect((await readdir(dir)).sort()).toEqual(['live.json', 'versions']);
      expect(await readdir(path.dirname(dir))).not.toContain('escaped.txt');
      // content:verify says the same.
      const verified = await verifyPackageFile(file, {
        trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
        checker,
        kioskVersion: '0.1.0',
        live: { exhibitId: 'harbour-memories', version: 2 },
      });
      expect(verified).toMatchObject({ ok: false, refusal: { code } });
    },
    60_000,
  );
});

describe('a power cut at every step of an install', () => {
  const child = path.resolve('tests/support/installChild.ts');
  let template = '';

  beforeAll(async () => {
    template = path.join(root, 'kiosk-template');
    expect(await storeAt(template).install(published.get(1) ?? '')).toMatchObject({ ok: true });
  }, 60_000);

  async function killAt(dir: string, step: InstallStep): Promise<string> {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, dir, published.get(2) ?? '', step, key.publicKey],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: proc.stdout });
    const [line] = (await once(lines, 'line')) as [string];
    proc.kill('SIGKILL');
    await once(proc, 'exit');
    return line;
  }

  const steps: [InstallStep, 1 | 2][] = [
    ['downloaded', 1],
    ['extracting', 1],
    ['staged', 1],
    ['switching', 1],
    ['switched', 2],
  ];

  it.each(steps)(
    'killed at "%s": the kiosk starts on a whole version (%i), and the next install completes',
    async (step, expected) => {
      const dir = path.join(root, `kiosk-kill-${step}`);
      await cp(template, dir, { recursive: true });
      expect(await killAt(dir, step)).toBe(`paused ${step}`);

      const store = storeAt(dir);
      const state = await store.state();
      expect(state.live?.manifest.version).toBe(expected);
      expect(state.fellBack).toBeNull();
      // Whole: every file of the live version is exactly what its manifest lists, and nothing else.
      const tree = await readTree(state.contentDir ?? '');
      expect(Object.keys(tree).sort()).toEqual(state.live?.manifest.files.map((f) => f.path).sort());
      expect(String(tree['README.md'])).toBe(`Test exhibit, version ${expected}.\n`);
      // A version staged before the cut waits to be switched to; otherwise the install starts again.
      if (step === 'staged' || step === 'switching') expect(state.staged?.manifest.version).toBe(2);
      if (expected === 1) {
        const next = state.staged
          ? await store.switchToStaged()
          : (await store.install(published.get(2) ?? '')).ok;
        expect(next).toBeTruthy();
      }
      expect((await store.state()).live?.manifest.version).toBe(2);
    },
    60_000,
  );

  it('a version folder lost from under the pointer falls back to the last whole one', async () => {
    const dir = path.join(root, 'kiosk-lost-folder');
    await cp(template, dir, { recursive: true });
    const store = storeAt(dir);
    expect(await store.install(published.get(2) ?? '')).toMatchObject({ ok: true });
    const live = (await store.state()).live;
    // A file of the live version vanishes (a disk error, a technician's hand).
    const victim = live?.manifest.files[0]?.path ?? '';
    await rm(path.join(dir, 'versions', live?.folder ?? '', 'content', victim));
    const state = await store.state();
    expect(state.live?.manifest.version).toBe(1);
    expect(state.fellBack).toMatch(/version 2 .* is missing or incomplete; version 1 is shown instead/);
  }, 60_000);
});
