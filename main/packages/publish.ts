/**
 * Publishing: an exhibit folder becomes one immutable, signed `<exhibit-id>-<version>.kioskpkg`.
 *
 * Every regular file of the folder goes in, except hidden ones (a name starting with "."): .DS_Store,
 * .git, a derivatives cache. A symbolic link in the folder stops the publish (a package holds only files).
 * Given the derivatives folder, the photographs' derivatives go in too, under .derived/ (derivatives.ts).
 * The archive is written to a temporary file beside its final name, flushed, then hard-linked to the
 * final name, which fails if that name exists: a published file is never replaced, even by a race.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, lstat, mkdir, open, readdir, rm, chmod } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import {
  MANIFEST_ENTRY,
  MANIFEST_FORMAT,
  PACKAGE_EXTENSION,
  SIGNATURE_ENTRY,
  type ManifestFile,
  type PackageManifest,
  packageFileName,
  type PackageSignature,
  UPDATE_INDEX_FILE,
  UPDATE_INDEX_FORMAT,
  type UpdateIndex,
} from '../common/packages';
import { writeFileAtomically } from '../files/atomicWrite';
import type { KeyObject } from 'node:crypto';
import type { Checker } from './checker';
import { BUILDS_ENTRY, packageDerivatives } from './derivatives';
import { signManifest } from './keys';

export interface FolderFile {
  /** Path inside the package, forward slashes. */
  path: string;
  absolute: string;
  size: number;
}

/** Every file of an exhibit folder that goes into its package, sorted by path. */
export async function listPackageFiles(folder: string): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(dir, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink())
        throw new Error(
          `${relative} is a symbolic link; a package holds only files. Copy the file in its place.`,
        );
      if (entry.isDirectory()) await walk(absolute, relative);
      else if (entry.isFile()) files.push({ path: relative, absolute, size: (await lstat(absolute)).size });
      else throw new Error(`${relative} is not a regular file; a package holds only files.`);
    }
  }
  await walk(folder, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** SHA-256 and size of one file, streamed. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The manifest's exact bytes (what is signed): indented JSON with a final newline. */
export function manifestToBytes(manifest: PackageManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** Published versions of one exhibit, from the names of the files in a publish folder. Pure. */
export function publishedVersions(fileNames: readonly string[], exhibitId: string): number[] {
  const pattern = new RegExp(`^${exhibitId.replace(/[-]/g, '\\-')}-(\\d+)\\${PACKAGE_EXTENSION}$`);
  return fileNames
    .map((n) => pattern.exec(n)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The version to publish: the one asked for, or one more than the highest published. Refused when it is
 * not higher than every version already published (versions only increase). Pure.
 */
export function chooseVersion(
  published: readonly number[],
  requested: number | undefined,
): { ok: true; version: number } | { ok: false; message: string } {
  const highest = published.length > 0 ? Math.max(...published) : 0;
  if (requested === undefined) return { ok: true, version: highest + 1 };
  if (!Number.isInteger(requested) || requested < 1)
    return { ok: false, message: `The version must be a whole number from 1 up; "${requested}" is not.` };
  if (published.includes(requested))
    return {
      ok: false,
      message: `Version ${requested} is already published; a published version is never replaced. Publish ${highest + 1} instead.`,
    };
  if (requested < highest)
    return {
      ok: false,
      message: `Version ${requested} is older than version ${highest}, already published; versions only increase. Publish ${highest + 1} instead.`,
    };
  return { ok: true, version: requested };
}

export interface ManifestInput {
  exhibitId: string;
  version: number;
  exhibitVersion: string;
  created: Date;
  createdBy: string;
  minKioskVersion: string;
  checker: PackageManifest['checker'];
  files: readonly ManifestFile[];
}

/** The manifest, files sorted by path. Pure. */
export function buildManifest(input: ManifestInput): PackageManifest {
  return {
    format: MANIFEST_FORMAT,
    exhibitId: input.exhibitId,
    version: input.version,
    exhibitVersion: input.exhibitVersion,
    created: input.created.toISOString(),
    createdBy: input.createdBy,
    minKioskVersion: input.minKioskVersion,
    checker: { ...input.checker },
    files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** One entry of an archive to write: bytes in memory, or a file streamed from disk. */
export type ArchiveEntry = { name: string; bytes: Uint8Array } | { name: string; file: string; size: number };

/**
 * Write a gzip-compressed tar of `entries`, in order, to `target`, never replacing an existing file.
 * Exported for the tests, which also build hostile archives with it.
 */
export async function writeArchive(
  target: string,
  entries: readonly ArchiveEntry[],
  mtime: Date,
): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.part`);
  const pack = tar.pack();
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  const written = pipeline(pack, createGzip({ level: 6 }), out);
  try {
    for (const entry of entries) {
      const header = { name: entry.name, mode: 0o644, mtime, uid: 0, gid: 0, uname: '', gname: '' };
      if ('bytes' in entry) {
        await new Promise<void>((resolve, reject) =>
          pack.entry({ ...header, size: entry.bytes.byteLength }, Buffer.from(entry.bytes), (e) =>
            e ? reject(e) : resolve(),
          ),
        );
      } else {
        await new Promise<void>((resolve, reject) => {
          const sink = pack.entry({ ...header, size: entry.size }, (e) => (e ? reject(e) : resolve()));
          createReadStream(entry.file).on('error', reject).pipe(sink);
        });
      }
    }
    pack.finalize();
    await written;
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o444);
    await link(temp, target); // fails with EEXIST rather than replace a published package
  } finally {
    pack.destroy();
    await rm(temp, { force: true });
  }
}

/** Build the archive of a package: manifest, signature, then the files. */
export async function writePackageFile(
  target: string,
  manifestBytes: Uint8Array,
  signature: PackageSignature | null,
  files: readonly ArchiveEntry[],
  created: Date,
): Promise<void> {
  const entries: ArchiveEntry[] = [{ name: MANIFEST_ENTRY, bytes: manifestBytes }];
  if (signature)
    entries.push({ name: SIGNATURE_ENTRY, bytes: Buffer.from(`${JSON.stringify(signature)}\n`) });
  await writeArchive(target, [...entries, ...files], created);
}

export interface PublishOptions {
  /** The exhibit folder, e.g. media/. */
  contentDir: string;
  /** Where packages are published; the new file goes here. */
  outDir: string;
  privateKey: KeyObject;
  checker: Checker;
  /** This kiosk software's version: the lowest that can show the package. */
  kioskVersion: string;
  createdBy: string;
  /**
   * The derivatives folder (the editor's, `content:build`'s: `.media-cache/` beside the exhibit folder):
   * with it, the package carries its photographs' derivatives, built there where missing (derivatives.ts).
   */
  derivedDir?: string;
  /** A version to publish; default one more than the highest in outDir. */
  version?: number;
  now?: () => Date;
  /**
   * Asked when the package has drafts or placeholders: true to go on. Absent: go on (the caller has
   * already been told, e.g. --yes).
   */
  confirm?(warnings: string[]): Promise<boolean>;
}

export type PublishOutcome =
  | { ok: true; file: string; manifest: PackageManifest; warnings: string[] }
  | { ok: false; message: string; errors?: string[] };

/** The warnings a publisher is asked to confirm: drafts and placeholders. Pure. */
export function publishWarnings(checker: PackageManifest['checker']): string[] {
  const out: string[] = [];
  if (checker.drafts > 0)
    out.push(
      `${checker.drafts} translation${checker.drafts === 1 ? ' is' : 's are'} marked as draft (awaiting a curator's review).`,
    );
  if (checker.placeholders > 0)
    out.push(
      `${checker.placeholders} photograph${checker.placeholders === 1 ? ' or narration is a placeholder' : 's or narrations are placeholders'}, not the museum's own.`,
    );
  return out;
}

/** Check, list, hash, sign and write one package. */
export async function publishFolder(options: PublishOptions): Promise<PublishOutcome> {
  const summary = await options.checker(options.contentDir);
  if (summary.checker.errors > 0 || !summary.exhibitId)
    return {
      ok: false,
      message: `The content checker found ${summary.checker.errors} error${summary.checker.errors === 1 ? '' : 's'}; nothing was published. Fix them (npm run content:check) and publish again.`,
      errors: summary.firstErrors,
    };
  const warnings = publishWarnings(summary.checker);
  if (warnings.length > 0 && options.confirm && !(await options.confirm(warnings)))
    return { ok: false, message: 'Not published.' };
  let existing: string[] = [];
  try {
    existing = await readdir(options.outDir);
  } catch {
    existing = [];
  }
  const chosen = chooseVersion(publishedVersions(existing, summary.exhibitId), options.version);
  if (!chosen.ok) return { ok: false, message: chosen.message };
  const folderFiles = await listPackageFiles(options.contentDir);
  const entries: ArchiveEntry[] = [];
  const files: ManifestFile[] = [];
  if (options.derivedDir) {
    const derived = await packageDerivatives(options.contentDir, options.derivedDir);
    if (!derived.ok) return { ok: false, message: derived.message };
    folderFiles.push(...derived.files);
    entries.push({ name: BUILDS_ENTRY, bytes: derived.builds });
    files.push({
      path: BUILDS_ENTRY,
      size: derived.builds.byteLength,
      sha256: createHash('sha256').update(derived.builds).digest('hex'),
    });
  }
  for (const f of folderFiles) {
    const { sha256, size } = await hashFile(f.absolute);
    if (size !== f.size)
      return { ok: false, message: `${f.path} changed while it was being read; publish again.` };
    files.push({ path: f.path, size, sha256 });
    entries.push({ name: f.path, file: f.absolute, size });
  }
  const created = (options.now ?? (() => new Date()))();
  const manifest = buildManifest({
    exhibitId: summary.exhibitId,
    version: chosen.version,
    exhibitVersion: summary.exhibitVersion,
    created,
    createdBy: options.createdBy,
    minKioskVersion: options.kioskVersion,
    checker: summary.checker,
    files,
  });
  const bytes = manifestToBytes(manifest);
  const file = path.join(options.outDir, packageFileName(manifest.exhibitId, manifest.version));
  try {
    await writePackageFile(file, bytes, signManifest(bytes, options.privateKey), entries, created);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { ok: false, message: `${file} already exists; a published version is never replaced.` };
    throw error;
  }
  await writeUpdateIndex(options.outDir);
  return { ok: true, file, manifest, warnings };
}

/**
 * The newest package of each exhibit, from the names of the files in a publish folder (as publish names
 * them: "<exhibit-id>-<version>.kioskpkg"; anything else is left out). Pure.
 */
export function newestPackages(
  fileNames: readonly string[],
): { exhibitId: string; version: number; file: string }[] {
  const newest = new Map<string, { exhibitId: string; version: number; file: string }>();
  for (const file of fileNames) {
    const match = /^([a-z0-9][a-z0-9-]{0,63})-(\d{1,10})\.kioskpkg$/.exec(file);
    if (!match?.[1] || !match[2]) continue;
    const version = Number(match[2]);
    const known = newest.get(match[1]);
    if (version >= 1 && (!known || version > known.version))
      newest.set(match[1], { exhibitId: match[1], version, file });
  }
  return [...newest.values()].sort((a, b) => (a.exhibitId < b.exhibitId ? -1 : 1));
}

/**
 * Rewrite the publish folder's index, latest.json (atomically): what a kiosk polling the museum's network
 * reads to find the newest package (docs/fleet.md). content:publish does this after each package.
 */
export async function writeUpdateIndex(
  outDir: string,
  now: () => Date = () => new Date(),
): Promise<UpdateIndex> {
  const entries: UpdateIndex['packages'] = [];
  for (const p of newestPackages(await readdir(outDir))) {
    const { sha256, size } = await hashFile(path.join(outDir, p.file));
    entries.push({ ...p, size, sha256 });
  }
  const index: UpdateIndex = { format: UPDATE_INDEX_FORMAT, packages: entries };
  await writeFileAtomically(
    path.join(outDir, UPDATE_INDEX_FILE),
    `${JSON.stringify({ ...index, written: now().toISOString() }, null, 2)}\n`,
  );
  return index;
}
