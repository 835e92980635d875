/**
 * Every file in the package that the exhibit does not use (an `evil.html`, a stray `evil.js`, an old
 * recording) gets a warning naming it, and anything that is not a regular file or folder (a FIFO, a
 * socket, a device) too. Links are not followed. Hidden files (`.DS_Store`) are left alone: the kiosk
 * never reads or serves them. A README.md at the top of the package is a note for the people who edit it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext } from './context';

/** How much of a package the walk looks at: deeper or more is itself worth a warning. */
export const WALK_LIMITS = { depth: 8, entries: 20_000 };

const NOTES = new Set(['README.md']);

export async function reportUnusedFiles(pkg: LoadContext): Promise<void> {
  const named = new Set(pkg.problems.map((p) => p.file));
  let entries = 0;
  let stopped = false;

  async function walk(relative: string, depth: number): Promise<void> {
    let list;
    try {
      list = await readdir(path.join(pkg.mediaDir, ...relative.split('/').filter(Boolean)), {
        withFileTypes: true,
      });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of list) {
      if (entry.name.startsWith('.')) continue;
      if (++entries > WALK_LIMITS.entries) {
        stopped = true;
        return;
      }
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (pkg.filesSeen.has(file) || pkg.filesOwned.has(file) || named.has(file) || named.has(`${file}/`))
        continue;
      if (entry.isDirectory()) {
        if (depth >= WALK_LIMITS.depth)
          pkg.report(
            'warning',
            { file: `${file}/` },
            undefined,
            'unused-file',
            `folders this deep are not part of the package format; nothing in it is used`,
          );
        else await walk(file, depth + 1);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (relative === '' && NOTES.has(entry.name)) continue;
        pkg.report(
          'warning',
          { file },
          undefined,
          'unused-file',
          'nothing in the exhibit uses this file (unless a file with errors was meant to); remove it if it is not needed',
        );
      } else {
        pkg.report(
          'warning',
          { file },
          undefined,
          'not-a-file',
          'this is not a regular file (a FIFO, socket or device); the kiosk never reads it; remove it from the package',
        );
      }
      if (stopped) return;
    }
  }

  await walk('', 0);
  if (stopped)
    pkg.report(
      'warning',
      { file: '' },
      undefined,
      'too-many-files',
      `the package holds more than ${WALK_LIMITS.entries.toLocaleString('en')} files and folders; the ones after that were not looked at`,
    );
}
