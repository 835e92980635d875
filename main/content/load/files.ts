/**
 * Reading the package's files and folders. A file that cannot be read is a problem naming it; a missing
 * one is null (the caller decides whether that is a mistake).
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
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
export async function readText(pkg: LoadContext, relative: string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(pkg.mediaDir, ...relative.split('/')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      pkg.report(
        'error',
        { file: relative },
        undefined,
        'unreadable-file',
        `the file cannot be read (${code ?? String(error)})`,
      );
    return null;
  }
  pkg.filesSeen.add(relative);
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
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

/** The entries of a package folder, hidden ones left out, sorted by name; empty when it does not exist. */
export async function listDir(
  pkg: LoadContext,
  relative: string,
): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(path.join(pkg.mediaDir, relative), { withFileTypes: true });
    return entries
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
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
