/**
 * Reading a file of the content package, the one way the loader and the checker do it: the handler's path
 * rule first (main/files/safePath.ts: the real path must be inside the package, and a regular file — no
 * FIFO, device or socket), then a size limit per kind of file, then a read that never takes more than the
 * limit even if the file grows meanwhile (opened non-blocking, checked again once open).
 *
 * The limits are stated for curators in docs/content-guide.md and docs/content-format.md.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { findInside, findInsideSync, type Found } from '../files/safePath';

export type FileKind = 'yaml' | 'markdown' | 'captions' | 'image' | 'audio';

const MB = 1024 * 1024;

/** The largest file of each kind the kiosk reads. */
export const FILE_LIMITS: Record<FileKind, number> = {
  yaml: 2 * MB,
  markdown: 1 * MB,
  captions: 1 * MB,
  image: 100 * MB,
  audio: 100 * MB,
};

const KIND_WORDS: Record<FileKind, string> = {
  yaml: 'YAML',
  markdown: 'story (Markdown)',
  captions: 'captions',
  image: 'image',
  audio: 'audio',
};

/** "1.5 MB", "640 KB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Why a package file cannot be used: a stable code and a sentence naming the file. */
export interface Refused {
  ok: false;
  missing: boolean;
  code: string;
  message: string;
}

export type PackageFile = { ok: true; real: string; size: number; mtimeMs: number } | Refused;

/**
 * Why a file cannot be used, in plain words. `subject` names it: "this file" when the problem is reported
 * on the file itself, `the image file "photos/x.jpg"` when it is reported where the file is named.
 */
function refusal(found: Exclude<Found, { ok: true }>, subject: string): Refused {
  switch (found.reason) {
    case 'missing':
      return { ok: false, missing: true, code: 'missing-file', message: `${subject} does not exist` };
    case 'outside':
      return {
        ok: false,
        missing: false,
        code: 'outside-package',
        message: `${subject} is a link to a file outside the package; the kiosk reads only files inside it`,
      };
    case 'not-a-file':
    case 'not-a-folder':
      return {
        ok: false,
        missing: false,
        code: 'not-a-file',
        message: `${subject} is not a regular file (${found.detail ?? 'a folder, FIFO, device or socket'}); the kiosk reads only regular files`,
      };
    default:
      return {
        ok: false,
        missing: false,
        code: 'unreadable-file',
        message: `${subject} cannot be read (${found.detail ?? 'unknown error'})`,
      };
  }
}

function judge(found: Found, kind: FileKind, subject: string): PackageFile {
  if (!found.ok) return refusal(found, subject);
  if (found.size > FILE_LIMITS[kind]) return tooLarge(found.size, kind, subject);
  return { ok: true, real: found.real, size: found.size, mtimeMs: found.mtimeMs };
}

function tooLarge(size: number | null, kind: FileKind, subject: string): Refused {
  return {
    ok: false,
    missing: false,
    code: 'file-too-large',
    message: `${subject} is ${size === null ? 'larger than that' : formatSize(size)}; a ${KIND_WORDS[kind]} file may be at most ${formatSize(FILE_LIMITS[kind])}`,
  };
}

/** Whether a package file may be read, and where it really is. */
export async function checkPackageFile(
  mediaDir: string,
  relative: string,
  kind: FileKind,
  subject = `"${relative}"`,
): Promise<PackageFile> {
  return judge(await findInside(mediaDir, relative), kind, subject);
}

export function checkPackageFileSync(
  mediaDir: string,
  relative: string,
  kind: FileKind,
  subject = 'this file',
): PackageFile {
  return judge(findInsideSync(mediaDir, relative), kind, subject);
}

/**
 * The bytes of a package file, read synchronously (content files are small and many: see load/files.ts),
 * never more than its kind's limit.
 */
export function readPackageFileSync(
  mediaDir: string,
  relative: string,
  kind: FileKind,
  subject = 'this file',
): { ok: true; bytes: Buffer } | Refused {
  const checked = checkPackageFileSync(mediaDir, relative, kind, subject);
  if (!checked.ok) return checked;
  let fd: number | null = null;
  try {
    // Non-blocking: a FIFO swapped in after the check must not make the open wait for a writer.
    fd = openSync(checked.real, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) return refusal({ ok: false, reason: 'not-a-file' }, subject);
    const limit = FILE_LIMITS[kind];
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > limit) return tooLarge(null, kind, subject);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return refusal(
      { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) },
      subject,
    );
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Random access to a checked package file (media headers), never past its size. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Open a checked file for `use`, closing it after. */
export async function withByteSource<T>(real: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    const size = info.size;
    return await use({
      size,
      read: async (offset, length) => {
        const start = Math.max(0, Math.min(offset, size));
        const count = Math.max(0, Math.min(length, size - start));
        const buffer = Buffer.alloc(count);
        const { bytesRead } = await handle.read(buffer, 0, count, start);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}
