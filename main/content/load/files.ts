/**
 * Reading the package's files and folders, every read through the package's one path rule and size
 * limits (../packageFiles.ts). A file that cannot be read is a problem naming it; a missing one is null
 * (the caller decides whether that is a mistake).
 */
import { readdir } from 'node:fs/promises';
import { findInside } from '../../files/safePath';
import { readPackageFileSync, type FileKind } from '../packageFiles';
import { IMAGE_EXTENSIONS, KEBAB_CASE } from '../schema';
import type { LoadContext } from './context';

/**
 * Run `fn` over `items`, at most `limit` at a time, letting other work (the kiosk's request handler) run
 * between batches: parsing is CPU work, and a large package must not freeze the event loop.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let sinceYield = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
      if (++sinceYield >= 64) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  });
  await Promise.all(workers);
  return results;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Content files are small: a synchronous read costs microseconds, an asynchronous one a round trip
// through libuv's thread pool (measured 15× slower for 5,000 photo files). mapLimit yields between batches.
/** The text of a package file, or null when it is missing or cannot be used (a problem is reported). */
export async function readText(
  pkg: LoadContext,
  relative: string,
  kind: Extract<FileKind, 'yaml' | 'markdown'> = 'yaml',
): Promise<string | null> {
  const read = readPackageFileSync(pkg.mediaDir, relative, kind);
  if (!read.ok) {
    if (!read.missing)
      pkg.report('error', { file: relative }, undefined, read.code, `${read.message}; it is left out`);
    return null;
  }
  pkg.filesSeen.add(relative);
  try {
    return utf8.decode(read.bytes).replace(/^\uFEFF/, '');
  } catch {
    pkg.report(
      'error',
      { file: relative },
      undefined,
      'not-utf8',
      'the file is not saved as UTF-8 text; save it again choosing the UTF-8 encoding',
    );
    return null;
  }
}

/**
 * The entries of a package folder, hidden ones left out, sorted by name; empty when it does not exist.
 * A folder that is a link out of the package is refused like a file (and named).
 */
export async function listDir(
  pkg: LoadContext,
  relative: string,
): Promise<{ name: string; isDir: boolean }[]> {
  const folder = await findInside(pkg.mediaDir, relative, 'folder');
  if (!folder.ok) {
    if (folder.reason === 'outside' && !pkg.problems.some((p) => p.file === `${relative}/`))
      pkg.report(
        'error',
        { file: `${relative}/` },
        undefined,
        'outside-package',
        'this folder is a link to a folder outside the package; nothing in it is read',
      );
    return [];
  }
  try {
    const entries = await readdir(folder.real, { withFileTypes: true });
    return entries
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/**
 * Read one item, leaving it out if anything goes wrong that the checks before did not catch: one
 * broken item never takes the exhibit down, and its file is named.
 */
export async function guarded<R>(
  pkg: LoadContext,
  file: string,
  read: () => Promise<R | null>,
): Promise<R | null> {
  try {
    return await read();
  } catch (error) {
    pkg.problems.push(itemFailure(file, error));
    return null;
  }
}

/** The problem for an item that failed in a way no check foresaw. */
export function itemFailure(file: string, error: unknown): LoadContext['problems'][number] {
  const why =
    error instanceof RangeError
      ? 'it is nested too deeply or too large to be read'
      : `it could not be read: ${error instanceof Error ? error.message : String(error)}`;
  return { severity: 'error', file, message: `${why}; it is left out`, code: 'unreadable-item' };
}

export const isImageName = (name: string): boolean =>
  (IMAGE_EXTENSIONS as readonly string[]).includes(name.toLowerCase().split('.').pop() ?? '');

/** The `*.yaml` files of one item folder, by id; warn about files that do not belong there. */
export async function itemFiles(
  pkg: LoadContext,
  folder: string,
  allowed: (name: string) => boolean,
): Promise<{ id: string; file: string }[]> {
  const out: { id: string; file: string }[] = [];
  for (const entry of await listDir(pkg, folder)) {
    const file = `${folder}/${entry.name}`;
    if (entry.isDir) {
      if (folder !== 'photos')
        pkg.report(
          'warning',
          { file: `${file}/` },
          undefined,
          'unexpected-folder',
          `folders inside ${folder}/ are not read`,
        );
      continue;
    }
    if (entry.name.endsWith('.yml')) {
      pkg.report(
        'error',
        { file },
        undefined,
        'wrong-extension',
        `only .yaml files are read; rename it to ${entry.name.replace(/\.yml$/, '.yaml')}`,
      );
      continue;
    }
    if (!entry.name.endsWith('.yaml')) {
      if (!allowed(entry.name))
        pkg.report(
          'warning',
          { file },
          undefined,
          'unexpected-file',
          `this file is not part of the package format and is ignored`,
        );
      continue;
    }
    const id = entry.name.slice(0, -'.yaml'.length);
    if (!KEBAB_CASE.test(id)) {
      const suggestion = id
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
      pkg.report(
        'error',
        { file },
        undefined,
        'bad-id',
        `the file name is the item's id and must use only lowercase letters a–z, digits and single hyphens${suggestion ? `; rename it to ${suggestion}.yaml` : ''}`,
      );
      continue;
    }
    out.push({ id, file });
  }
  return out;
}
