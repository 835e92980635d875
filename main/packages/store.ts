/**
 * A kiosk's packages folder: installed versions, each in its own folder, and one small pointer file naming
 * the live one. Every change is a rename or an atomic write, so a power cut at any moment leaves the kiosk
 * on a whole version, old or new, never a mix:
 *
 *   <packages>/incoming/   a package being copied in from a USB stick or a download (then verified from here)
 *   <packages>/staging/    a version being unpacked (a fresh folder each time; what is left here is debris)
 *   <packages>/versions/<exhibit>-<version>-<hash>/manifest.json, manifest.sig, content/…   whole versions
 *   <packages>/live.json   the pointer (main/files/atomicWrite.ts)
 *
 * Install = stage (copy in, verify while unpacking into staging, run the checker, flush, rename into
 * versions/) then switch (rewrite the pointer). The kiosk stages at once and switches between visits
 * (switchPolicy.ts). One install at a time per packages folder: the kiosk runs them in turn.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  packageManifestSchema,
  type InstalledVersion,
  type PackageManifest,
  type Refusal,
} from '../common/packages';
import { flushFolder, writeFileAtomically } from '../files/atomicWrite';
import { checkerRefusal, type Checker } from './checker';
import type { TrustPolicy } from './keys';
import { extractPackage } from './reader';
import { verifyPackageFile, type VerifyOutcome } from './verify';
import { checkVersionRule, DEFAULT_CAPS, formatBytes, type PackageCaps } from './rules';
import {
  decideLive,
  foldersToPrune,
  POINTER_FILE,
  pointerSchema,
  versionFolderName,
  type LiveDecision,
  type Pointer,
  type WholeVersion,
} from './versions';

/** The named moments of an install, where a test may stop the process (tests/support/installChild.ts). */
export type InstallStep = 'downloaded' | 'extracting' | 'staged' | 'switching' | 'switched';

export interface StoreOptions {
  packagesDir: string;
  trust: TrustPolicy;
  checker: Checker;
  /** This kiosk's software version (package.json), for the manifest's minKioskVersion. */
  kioskVersion: string;
  caps?: PackageCaps;
  /** Versions kept, the live one included (default 3). */
  keep?: number;
  /**
   * Called at each named step of an install. In the kiosk this is absent (nothing happens); the
   * power-cut test passes one that stops the process there.
   */
  onStep?(step: InstallStep): Promise<void> | void;
  now?: () => Date;
}

export type StageOutcome = { ok: true; version: WholeVersion } | { ok: false; refusal: Refusal };

const VERSIONS = 'versions';
const STAGING = 'staging';
const INCOMING = 'incoming';
/** Where `verify` unpacks a package it only checks (emptied before each check: one at a time). */
const CHECKING = 'checking';

/** Flush every folder under `dir` (the files were flushed as they were written), deepest first. */
async function flushTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true }))
    if (entry.isDirectory()) await flushTree(path.join(dir, entry.name));
  await flushFolder(dir);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Whether a version folder is whole: its manifest reads, and every file it lists is there with its size.
 * (Hashes were checked when it was staged; a start does not read every byte again.)
 */
async function readWholeVersion(folderPath: string): Promise<WholeVersion | null> {
  try {
    const manifest = packageManifestSchema.parse(
      JSON.parse(await readFile(path.join(folderPath, 'manifest.json'), 'utf8')),
    );
    const content = path.join(folderPath, 'content');
    for (const file of manifest.files) {
      const info = await stat(path.join(content, ...file.path.split('/')));
      if (!info.isFile() || info.size !== file.size) return null;
    }
    return { folder: path.basename(folderPath), manifest };
  } catch {
    return null;
  }
}

export interface StoreState extends LiveDecision {
  whole: WholeVersion[];
  /** The live version's content folder (what the content service loads), or null when none is installed. */
  contentDir: string | null;
}

export function createPackageStore(options: StoreOptions) {
  const dir = path.resolve(options.packagesDir);
  const caps = options.caps ?? DEFAULT_CAPS;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const step = async (name: InstallStep) => {
    await options.onStep?.(name);
  };
  const versionPath = (folder: string) => path.join(dir, VERSIONS, folder);
  /**
   * Changes to the folder run one at a time in this process: a download staged by the kiosk itself must not
   * meet a switch's pruning (which empties staging/) or another install's clean-up.
   */
  let queue: Promise<unknown> = Promise.resolve();
  function oneAtATime<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      const run = queue.then(() => fn(...args));
      queue = run.catch(() => undefined);
      return run;
    };
  }

  async function readPointer(): Promise<{ pointer: Pointer | null; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(path.join(dir, POINTER_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pointer: null, problem: null };
      return { pointer: null, problem: `${POINTER_FILE} cannot be read` };
    }
    const parsed = pointerSchema.safeParse(
      (() => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return null;
        }
      })(),
    );
    return parsed.success
      ? { pointer: parsed.data, problem: null }
      : { pointer: null, problem: `${POINTER_FILE} is damaged` };
  }

  async function wholeVersions(): Promise<WholeVersion[]> {
    let names: string[];
    try {
      names = await readdir(path.join(dir, VERSIONS));
    } catch {
      return [];
    }
    const found: WholeVersion[] = [];
    for (const name of names.sort()) {
      const version = await readWholeVersion(versionPath(name));
      if (version) found.push(version);
    }
    return found;
  }

  /** What is live, staged and kept, as on disk now. */
  async function state(): Promise<StoreState> {
    const [{ pointer, problem }, whole] = await Promise.all([readPointer(), wholeVersions()]);
    const decision = decideLive(pointer, problem, whole);
    return {
      ...decision,
      whole,
      contentDir: decision.live ? path.join(versionPath(decision.live.folder), 'content') : null,
    };
  }

  /** Remove what an interrupted install left: unfinished copies and unpacked folders. */
  async function clearDebris(): Promise<void> {
    await rm(path.join(dir, STAGING), { recursive: true, force: true });
    await rm(path.join(dir, INCOMING), { recursive: true, force: true });
  }

  async function enoughDisk(manifest: PackageManifest): Promise<Refusal | null> {
    const needed = manifest.files.reduce((n, f) => n + f.size, 0);
    try {
      const fs = await statfs(dir);
      const free = Number(fs.bavail) * Number(fs.bsize);
      // Room for the version, and as much again for the copy and a margin.
      if (free < needed * 1.1 + 64 * 1024 * 1024)
        return {
          code: 'disk-full',
          message: `The package needs ${formatBytes(needed)} and the kiosk's disk has ${formatBytes(free)} free.`,
        };
    } catch {
      // A file system that cannot say: the write itself will tell.
    }
    return null;
  }

  /**
   * Verify and unpack a package into its own version folder, without making it live. `source` is a
   * package file (copied into incoming/ first, so a USB stick pulled out halfway cannot matter) or a stream
   * already on this disk.
   */
  async function stage(source: string | { stream: Readable; name: string }): Promise<StageOutcome> {
    await clearDebris();
    await mkdir(path.join(dir, VERSIONS), { recursive: true });
    await mkdir(path.join(dir, INCOMING), { recursive: true });
    const work = path.join(dir, STAGING, randomBytes(8).toString('hex'));
    await mkdir(path.join(work, 'content'), { recursive: true });
    try {
      let stream: Readable;
      if (typeof source === 'string') {
        const localCopy = path.join(dir, INCOMING, path.basename(source));
        await copyFile(source, `${localCopy}.part`);
        const handle = await open(`${localCopy}.part`, 'r+');
        await handle.sync();
        await handle.close();
        await rename(`${localCopy}.part`, localCopy);
        stream = createReadStream(localCopy);
      } else stream = source.stream;
      await step('downloaded');

      const before = await state();
      const live = before.live
        ? { exhibitId: before.live.manifest.exhibitId, version: before.live.manifest.version }
        : null;
      const outcome = await extractPackage(stream, {
        trust: options.trust,
        caps,
        destDir: path.join(work, 'content'),
        onManifest: async (manifest) => {
          const rule = checkVersionRule(manifest, live, options.kioskVersion);
          if (rule) return rule;
          const already = before.whole.find(
            (w) => w.manifest.exhibitId === manifest.exhibitId && w.manifest.version === manifest.version,
          );
          if (already)
            return {
              code: 'same-version',
              message: `Version ${manifest.version} is already installed on this kiosk${before.staged?.folder === already.folder ? ' and waits for the next attract loop' : ''}.`,
            };
          return enoughDisk(manifest);
        },
        onFileWritten: async (count) => {
          if (count === 1) await step('extracting');
        },
      });
      if (!outcome.ok) return outcome;
      const summary = await options.checker(path.join(work, 'content'));
      const refusal = checkerRefusal(summary, outcome.manifest);
      if (refusal) return { ok: false, refusal };

      await writeFileAtomically(path.join(work, 'manifest.json'), outcome.manifestBytes);
      if (outcome.signatureBytes)
        await writeFileAtomically(path.join(work, 'manifest.sig'), outcome.signatureBytes);
      await flushTree(work);
      const folder = versionFolderName(outcome.manifest, sha256(outcome.manifestBytes));
      await rename(work, versionPath(folder));
      await flushFolder(path.join(dir, VERSIONS));
      await step('staged');
      return { ok: true, version: { folder, manifest: outcome.manifest } };
    } finally {
      // What is left of this install (the unpacked folder when refused, the copy) goes; one install at a time.
      await clearDebris();
    }
  }

  /** Rewrite the pointer atomically; the "switching" step falls between its two halves. */
  async function writePointer(pointer: Pointer): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(pointer, null, 2)}\n`);
    const half = Math.floor(bytes.byteLength / 2);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, half);
      await step('switching');
      yield bytes.subarray(half);
    }
    await writeFileAtomically(path.join(dir, POINTER_FILE), chunks(), { makeFolder: true });
  }

  /** Delete versions beyond the last `keep`: renamed into staging first, so none is ever seen half-deleted. */
  async function prune(): Promise<void> {
    const after = await state();
    for (const folder of foldersToPrune(after, after.whole, keep)) {
      const trash = path.join(dir, STAGING, `old-${folder}-${randomBytes(4).toString('hex')}`);
      await mkdir(path.join(dir, STAGING), { recursive: true });
      await rename(versionPath(folder), trash);
      await rm(trash, { recursive: true, force: true });
    }
    await rm(path.join(dir, STAGING), { recursive: true, force: true });
  }

  /** Make the staged version live (the kiosk calls this between visits). False when nothing is staged. */
  async function switchToStaged(): Promise<WholeVersion | null> {
    const current = await state();
    if (!current.staged) return null;
    await writePointer({
      format: 1,
      folder: current.staged.folder,
      exhibitId: current.staged.manifest.exhibitId,
      version: current.staged.manifest.version,
      switchedAt: now().toISOString(),
      rolledBack: current.rolledBack,
    });
    await step('switched');
    await prune();
    return current.staged;
  }

  /** Go back to the previous version; the one left is not made live again by itself. */
  async function rollback(): Promise<{ ok: true; version: WholeVersion } | { ok: false; message: string }> {
    const current = await state();
    const target = current.previous[0];
    if (!current.live || !target)
      return { ok: false, message: 'There is no previous version to go back to.' };
    await writePointer({
      format: 1,
      folder: target.folder,
      exhibitId: target.manifest.exhibitId,
      version: target.manifest.version,
      switchedAt: now().toISOString(),
      rolledBack: [...current.rolledBack, current.live.folder],
    });
    return { ok: true, version: target };
  }

  /**
   * Check a package file as `stage` would (trust, every file, archive safety, the checker, the version rule
   * against the live version), without installing it: for the staff screen's list of packages found.
   * One at a time (the caller's to see to): each empties the folder it unpacks into first.
   */
  async function verify(file: string): Promise<VerifyOutcome> {
    const s = await state();
    const live = s.live ? { exhibitId: s.live.manifest.exhibitId, version: s.live.manifest.version } : null;
    // Not staging/: an install clears that. What a check stopped by a power cut left goes here.
    await rm(path.join(dir, CHECKING), { recursive: true, force: true });
    await mkdir(path.join(dir, CHECKING), { recursive: true });
    return verifyPackageFile(file, {
      trust: options.trust,
      checker: options.checker,
      kioskVersion: options.kioskVersion,
      live,
      caps,
      tempDir: path.join(dir, CHECKING),
    });
  }

  /** Stage and switch at once (the command line, and the power-cut test). */
  async function install(source: string | { stream: Readable; name: string }): Promise<StageOutcome> {
    const staged = await stage(source);
    if (!staged.ok) return staged;
    await switchToStaged();
    return staged;
  }

  /** The staff screen's list. */
  async function list(): Promise<InstalledVersion[]> {
    const s = await state();
    const row = (w: WholeVersion, st: InstalledVersion['state']): InstalledVersion => ({
      exhibitId: w.manifest.exhibitId,
      version: w.manifest.version,
      exhibitVersion: w.manifest.exhibitVersion,
      created: w.manifest.created,
      createdBy: w.manifest.createdBy,
      state: st,
    });
    return [
      ...(s.staged ? [row(s.staged, 'staged')] : []),
      ...(s.live ? [row(s.live, 'live')] : []),
      ...s.previous.map((p) => row(p, 'previous')),
      ...s.whole.filter((w) => s.rolledBack.includes(w.folder)).map((w) => row(w, 'rolledBack')),
    ];
  }

  return {
    dir,
    state,
    stage: oneAtATime(stage),
    switchToStaged: oneAtATime(switchToStaged),
    rollback: oneAtATime(rollback),
    install: oneAtATime(install),
    verify,
    list,
    clearDebris: oneAtATime(clearDebris),
  };
}

export type PackageStore = ReturnType<typeof createPackageStore>;
