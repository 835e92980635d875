/**
 * Turning a URL path into a file inside a folder, refusing everything that could leave it.
 *
 * Two steps: `safeRelativePath` is pure (string in, string or null out) and refuses traversal in every
 * encoding; `resolveInside` then follows symlinks on disk and refuses any file whose real path is outside
 * the folder's real path.
 */
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

/**
 * The real path of `relative` inside `root`, or null when it does not exist, is not a regular file, or its
 * real path (after symlinks) is outside root's real path.
 */
export async function resolveInside(root: string, relative: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const candidate = path.resolve(realRoot, ...relative.split('/'));
    const real = await realpath(candidate);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}
