/**
 * Reading a package in one pass, as it streams (from a file on a USB stick, or a download): gunzip, then
 * tar entry by entry, with every check made before the bytes it guards are written anywhere.
 *
 *   1. manifest.json must come first (at most 16 MB), then manifest.sig (unless the kiosk accepts unsigned
 *      packages): the signature is checked against the trusted keys before any content byte is read.
 *   2. The manifest's own promises against the caps (entry count, total size), then the caller's rules
 *      (the version rule, free disk space).
 *   3. Each entry: a safe relative name, a regular file (no link, device, folder), listed in the manifest,
 *      not seen before, its declared size equal to the manifest's, written to the destination folder while
 *      its SHA-256 is computed, then compared; the totals and the compression ratio are checked on every
 *      chunk, so a decompression bomb is stopped after at most one chunk past the cap.
 *   4. At the end, every listed file must have arrived.
 *
 * Nothing here decides where a version lives; store.ts gives a fresh empty folder and renames it when the
 * package is whole. Memory stays small whatever the package's size: one chunk at a time.
 */
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import {
  MANIFEST_ENTRY,
  packageManifestSchema,
  SIGNATURE_ENTRY,
  type ManifestFile,
  type PackageManifest,
  type Refusal,
} from '../common/packages';
import { checkSignature, type TrustPolicy } from './keys';
import {
  checkDeclaredSize,
  checkEntryName,
  checkEntryType,
  checkManifestAgainstCaps,
  checkTally,
  DEFAULT_CAPS,
  quoteName,
  type PackageCaps,
  type StreamTally,
} from './rules';

/** Thrown inside the reader to stop the stream with a reason; never escapes it. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export interface ExtractOptions {
  trust: TrustPolicy;
  /** A fresh, empty folder the content files are written into. */
  destDir: string;
  caps?: PackageCaps;
  /** Asked once the manifest is trusted, before any content is read: may refuse (version, disk space). */
  onManifest?(manifest: PackageManifest): Promise<Refusal | null> | Refusal | null;
  /** Called after each content file is written and flushed (the install's "mid-extract" step). */
  onFileWritten?(count: number): Promise<void> | void;
}

export type ExtractOutcome =
  | { ok: true; manifest: PackageManifest; manifestBytes: Buffer; signatureBytes: Buffer | null }
  | { ok: false; refusal: Refusal };

const MAX_SIGNATURE_BYTES = 4096;

async function readAll(entry: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry) {
    size += chunk.byteLength;
    if (size > limit) throw new Refused({ code: 'too-large', message: 'The manifest is too large.' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): PackageManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Refused({ code: 'manifest-invalid', message: 'manifest.json is not valid JSON.' });
  }
  const parsed = packageManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refused({
      code: 'manifest-invalid',
      message:
        `manifest.json is not a package manifest: ${issue?.path.join('.') || '(top)'} ${issue?.message ?? ''}`.trim(),
    });
  }
  return parsed.data;
}

/** Map a stream error (gzip or tar) to a refusal. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof Refused) return error.refusal;
  const e = error as NodeJS.ErrnoException;
  const text = e?.message ?? String(error);
  if (e?.code === 'ENOSPC')
    return { code: 'disk-full', message: 'The disk filled up while the package was unpacked.' };
  if (/unexpected end|premature|aborted|ECONNRESET/i.test(text) || e?.code === 'Z_BUF_ERROR')
    return {
      code: 'truncated',
      message: 'The package file ends early: it was not copied or downloaded whole.',
    };
  return { code: 'not-a-package', message: `This is not a readable content package (${text}).` };
}

/** Counts the bytes that pass, and asks `check` after each chunk (which may stop the stream). */
function counter(onChunk: (bytes: number) => Refusal | null): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const refusal = onChunk(chunk.byteLength);
      if (refusal) done(new Refused(refusal));
      else done(null, chunk);
    },
  });
}

async function writeEntry(
  entry: AsyncIterable<Buffer>,
  target: string,
  listed: ManifestFile,
  onBytes: (n: number) => void,
): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  let handle;
  try {
    handle = await open(target, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new Refused({
        code: 'duplicate-entry',
        message: `The file ${quoteName(listed.path)} is in the package twice (perhaps differing only in upper and lower case).`,
      });
    throw new Refused({
      code: 'unsafe-path',
      message: `The file ${quoteName(listed.path)} cannot be placed (${code ?? String(error)}): a file and a folder share its name.`,
    });
  }
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of entry) {
      size += chunk.byteLength;
      onBytes(chunk.byteLength);
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (size !== listed.size)
    throw new Refused({
      code: 'size-mismatch',
      message: `The file ${quoteName(listed.path)} has ${size} bytes; the manifest says ${listed.size}.`,
    });
  const digest = hash.digest('hex');
  if (digest !== listed.sha256)
    throw new Refused({
      code: 'hash-mismatch',
      message: `The file ${quoteName(listed.path)} differs from what was signed (its SHA-256 does not match the manifest).`,
    });
}

/**
 * Read a package from `source`, writing its content files into `options.destDir`. Never throws for what is
 * in the package: every problem is a refusal (what is written so far is the caller's to remove). Throws
 * only when the destination itself cannot be written for a reason that is not the package's.
 */
export async function extractPackage(source: Readable, options: ExtractOptions): Promise<ExtractOutcome> {
  const caps = options.caps ?? DEFAULT_CAPS;
  const tally: StreamTally = { entries: 0, expandedBytes: 0, compressedBytes: 0 };
  const countIn = counter((n) => {
    tally.compressedBytes += n;
    return null;
  });
  const gunzip = createGunzip();
  // The expanded stream as tar sees it (headers and padding included): the ratio and the total cap.
  const countOut = counter((n) => {
    tally.expandedBytes += n;
    // The content's cap, plus room for the manifest and for each entry's headers and padding.
    const overhead = caps.maxManifestBytes + MAX_SIGNATURE_BYTES + (caps.maxEntries + 2) * 2048;
    return checkTally({ ...tally, entries: 0 }, { ...caps, maxTotalBytes: caps.maxTotalBytes + overhead });
  });
  const extract = tar.extract();
  const fail = (error: unknown) => extract.destroy(error instanceof Error ? error : new Error(String(error)));
  source.on('error', fail);
  countIn.on('error', fail);
  gunzip.on('error', fail);
  countOut.on('error', fail);
  source.pipe(countIn).pipe(gunzip).pipe(countOut).pipe(extract);

  let manifest: PackageManifest | null = null;
  let manifestBytes: Buffer | null = null;
  let signatureBytes: Buffer | null = null;
  let listed = new Map<string, ManifestFile>();
  const seen = new Set<string>();
  let index = 0;
  let written = 0;
  let contentBytes = 0;

  const trustManifest = async (sig: Buffer | null) => {
    if (!manifest || !manifestBytes) throw new Error('unreachable');
    const refusal =
      checkSignature(manifestBytes, sig, options.trust) ??
      checkManifestAgainstCaps(manifest, caps) ??
      (await options.onManifest?.(manifest)) ??
      null;
    if (refusal) throw new Refused(refusal);
    listed = new Map(manifest.files.map((f) => [f.path, f]));
  };

  try {
    for await (const entry of extract) {
      const header = entry.header;
      const data = entry as unknown as AsyncIterable<Buffer>;
      const name = header.name;
      const declared = header.size ?? 0;
      tally.entries += 1;
      const position = index++;
      if (position === 0) {
        if (name !== MANIFEST_ENTRY || (header.type ?? 'file') !== 'file')
          throw new Refused({
            code: 'manifest-missing',
            message: `The package does not start with manifest.json (it starts with ${quoteName(name)}).`,
          });
        if (declared > caps.maxManifestBytes)
          throw new Refused({ code: 'too-large', message: 'manifest.json is larger than a kiosk accepts.' });
        manifestBytes = await readAll(data, caps.maxManifestBytes);
        manifest = parseManifest(manifestBytes);
        continue;
      }
      if (position === 1 && name === SIGNATURE_ENTRY && (header.type ?? 'file') === 'file') {
        if (declared > MAX_SIGNATURE_BYTES)
          throw new Refused({ code: 'bad-signature', message: 'The signature entry is too large.' });
        signatureBytes = await readAll(data, MAX_SIGNATURE_BYTES);
        await trustManifest(signatureBytes);
        continue;
      }
      if (position === 1) await trustManifest(null);

      const tallyRefusal = checkTally(
        {
          entries: tally.entries - (signatureBytes ? 2 : 1),
          expandedBytes: contentBytes,
          compressedBytes: 0,
        },
        { ...caps, maxRatio: Infinity },
      );
      if (tallyRefusal) throw new Refused(tallyRefusal);
      const problem = checkEntryName(name) ?? checkEntryType(name, header.type);
      if (problem) throw new Refused(problem);
      if (seen.has(name))
        throw new Refused({
          code: 'duplicate-entry',
          message: `The file ${quoteName(name)} is in the package twice.`,
        });
      const file = listed.get(name);
      if (!file)
        throw new Refused({
          code: 'unlisted-entry',
          message: `The file ${quoteName(name)} is in the package but not in its manifest.`,
        });
      const sizeProblem = checkDeclaredSize(name, declared, file.size, caps);
      if (sizeProblem) throw new Refused(sizeProblem);
      seen.add(name);
      await writeEntry(data, path.join(options.destDir, ...name.split('/')), file, (n) => {
        contentBytes += n;
      });
      written += 1;
      await options.onFileWritten?.(written);
    }
    if (!manifest || !manifestBytes)
      throw new Refused({
        code: 'manifest-missing',
        message: 'The package is empty: it has no manifest.json.',
      });
    if (index === 1) await trustManifest(null);
    const missing = manifest.files.filter((f) => !seen.has(f.path));
    if (missing.length > 0) {
      const names = missing.slice(0, 3).map((f) => quoteName(f.path));
      const more = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
      throw new Refused({
        code: 'missing-file',
        message: `The manifest lists ${names.join(', ')}${more}, but the package does not hold ${missing.length === 1 ? 'it' : 'them'}.`,
      });
    }
    return { ok: true, manifest, manifestBytes, signatureBytes };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.code === 'not-a-package' && !(error instanceof Refused) && isWriteError(error)) throw error;
    return { ok: false, refusal };
  } finally {
    source.unpipe();
    source.destroy();
    gunzip.destroy();
    countIn.destroy();
    countOut.destroy();
    extract.destroy();
  }
}

/** An error of the destination folder (permissions, a read-only disk), not of the package. */
function isWriteError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
