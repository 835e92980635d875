/**
 * Turning a URL path into a file inside a folder, refusing everything that could leave it.
 *
 * Two steps: `safeRelativePath` is pure (string in, string or null out) and refuses traversal in every
 * encoding; `resolveInside` then follows symlinks on disk and refuses any file whose real path is outside
 * the folder's real path, or that is not a regular file (a FIFO, a device, a socket).
 *
 * One rule for every read of content: the request handler serves with `resolveInside`, and the content
 * loader and checker read with `findInside` / `findInsideSync`, which say why a file is refused.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The relative path a URL path names under a prefix, or null when it is not a plain, safe path.
 *
 * `rawPath` is the path as it came in the request URL (still percent-encoded). Refused: `..` and `.`
 * segments (also as `%2e%2e`), encoded slashes and backslashes (`%2f`, `%5c`), backslashes, NUL and other
 * control characters, drive letters and absolute paths, empty segments (`//`), malformed percent-encoding.
 */
export function safeRelativePath(rawPath: string, prefix: string): string | null {
  if (!rawPath.startsWith(prefix)) return null;
  const rest = rawPath.slice(prefix.length);
  if (rest === '') return null;
  // Encoded separators and dots are never needed by our own URLs: refuse before decoding.
  if (/%(2f|5c|2e|00)/i.test(rest)) return null;
  if (rest.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  if (decoded.includes('\\') || decoded.startsWith('/') || /^[a-zA-Z]:/.test(decoded)) return null;
  const segments = decoded.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return null;
    // Hidden files (.git, .env, the manifest's temp files) are never served.
    if (segment.startsWith('.')) return null;
  }
  return segments.join('/');
}

/** Why a path inside a folder cannot be used. */
export type Refusal = 'missing' | 'outside' | 'not-a-file' | 'not-a-folder' | 'unreadable';

export type Found =
  { ok: true; real: string; size: number; mtimeMs: number } | { ok: false; reason: Refusal; detail?: string };

/** The rule itself: `real` is `realRoot` or inside it. Both are real paths (symlinks resolved). Pure. */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

/** What a file that is not a regular file is, in plain words. */
function whatItIs(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a file';
}

function judge(realRoot: string, real: string, info: Stats, want: 'file' | 'folder'): Found {
  if (!isInside(realRoot, real)) return { ok: false, reason: 'outside', detail: real };
  if (want === 'file' && !info.isFile()) return { ok: false, reason: 'not-a-file', detail: whatItIs(info) };
  if (want === 'folder' && !info.isDirectory())
    return { ok: false, reason: 'not-a-folder', detail: whatItIs(info) };
  return { ok: true, real, size: info.size, mtimeMs: info.mtimeMs };
}

function failure(error: unknown): Found {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR'
    ? { ok: false, reason: 'missing' }
    : { ok: false, reason: 'unreadable', detail: code ?? String(error) };
}

/**
 * `relative` (with `/` separators) inside `root`, after following symlinks: its real path, size and
 * modification time, or why it cannot be used. Only a regular file (or, with `want: 'folder'`, a folder)
 * whose real path is inside root's real path is found.
 */
export async function findInside(
  root: string,
  relative: string,
  want: 'file' | 'folder' = 'file',
): Promise<Found> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.resolve(realRoot, ...relative.split('/')));
    return judge(realRoot, real, await stat(real), want);
  } catch (error) {
    return failure(error);
  }
}

/** `findInside` for the content loader's many small synchronous reads. */
export function findInsideSync(root: string, relative: string, want: 'file' | 'folder' = 'file'): Found {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(path.resolve(realRoot, ...relative.split('/')));
    return judge(realRoot, real, statSync(real), want);
  } catch (error) {
    return failure(error);
  }
}

/**
 * The real path of `relative` inside `root`, or null when it does not exist, is not a regular file, or its
 * real path (after symlinks) is outside root's real path.
 */
export async function resolveInside(root: string, relative: string): Promise<string | null> {
  const found = await findInside(root, relative);
  return found.ok ? found.real : null;
}
