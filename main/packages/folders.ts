/**
 * Packages on a USB stick or in a folder (issue 15, docs/fleet.md): the kiosk looks in the folders named by
 * `packages.watchFolders` in kiosk.yaml (by default the operating system's mount points for removable
 * media) for package files, and the staff screen lists them with whether they verify; staff install one
 * with a tap. Nothing is installed by being found: a stick left in a kiosk changes nothing by itself.
 *
 * The look is bounded (depth, entries, files) and never follows a symbolic link, so a stick with a deep or
 * looping tree, or a folder of thousands of files, cannot stall the staff screen.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_EXTENSION } from '../common/packages';

/** A package file found in a watched folder. */
export interface FoundFile {
  path: string;
  size: number;
  modifiedMs: number;
}

export interface FolderLookLimits {
  /** Folders below a watched folder that are looked into (a stick's mount point is 1–2 levels down). */
  depth: number;
  /** Directory entries read in all, per watched folder. */
  entries: number;
  /** Package files listed in all. */
  files: number;
}

export const FOLDER_LOOK_LIMITS: FolderLookLimits = { depth: 3, entries: 5000, files: 20 };

/**
 * Where removable media appear, when kiosk.yaml names no folders: Linux mounts sticks under
 * /media/<user>/<label> (Debian, Ubuntu) or /run/media/<user>/<label> (Fedora), or a technician under /mnt;
 * Windows gives each a drive letter, so the letters after C are looked at (their top folders only).
 */
export function defaultWatchFolders(platform: string): { folders: string[]; depth: number } {
  if (platform === 'win32')
    return { folders: 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`), depth: 1 };
  if (platform === 'darwin') return { folders: ['/Volumes'], depth: 2 };
  return { folders: ['/media', '/run/media', '/mnt'], depth: FOLDER_LOOK_LIMITS.depth };
}

/** Whether a directory entry is a package file to list (a regular file, not hidden, ending in .kioskpkg). */
export function isPackageEntry(entry: Pick<Dirent, 'name' | 'isFile'>): boolean {
  return (
    entry.isFile() &&
    !entry.name.startsWith('.') &&
    entry.name.toLowerCase().endsWith(PACKAGE_EXTENSION) &&
    entry.name.length > PACKAGE_EXTENSION.length
  );
}

/** Whether a directory entry is a folder to look into (not hidden, not a link, not a system folder). */
export function isFolderToEnter(entry: Pick<Dirent, 'name' | 'isDirectory'>): boolean {
  return (
    entry.isDirectory() &&
    !entry.name.startsWith('.') &&
    !['$RECYCLE.BIN', 'System Volume Information', 'lost+found'].includes(entry.name)
  );
}

/**
 * A short name for a found file that the staff screen sends back to install it: the page never names a
 * path, so it can only ask for a file the kiosk itself listed, unchanged since (size and time included).
 */
export function foundRef(file: FoundFile): string {
  return createHash('sha256')
    .update(`${file.path}\0${file.size}\0${Math.trunc(file.modifiedMs)}`)
    .digest('hex')
    .slice(0, 24);
}

/** The package files in the watched folders, newest file first; folders that are not there are skipped. */
export async function lookInFolders(
  folders: readonly string[],
  limits: FolderLookLimits = FOLDER_LOOK_LIMITS,
): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const folder of folders) {
    let entriesLeft = limits.entries;
    const walk = async (dir: string, depth: number): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return; // not there (no stick), or not readable
      }
      const sorted = entries.sort((a, b) => a.name.localeCompare(b.name)).slice(0, Math.max(0, entriesLeft));
      entriesLeft -= sorted.length;
      for (const entry of sorted) {
        if (found.length >= limits.files) return;
        const full = path.join(dir, entry.name);
        if (isPackageEntry(entry)) {
          try {
            const s = await stat(full);
            found.push({ path: full, size: s.size, modifiedMs: s.mtimeMs });
          } catch {
            // gone between the listing and now (the stick was pulled out)
          }
        } else if (depth < limits.depth && isFolderToEnter(entry)) await walk(full, depth + 1);
      }
    };
    await walk(path.resolve(folder), 0);
  }
  return found.sort((a, b) => b.modifiedMs - a.modifiedMs || a.path.localeCompare(b.path));
}

/**
 * Where a USB stick itself is (its top folder), below each folder the kiosk watches: on Linux a stick is
 * mounted two levels below /media and /run/media (`<user>/<label>`) and one below /mnt; on macOS one below
 * /Volumes; a Windows drive letter is the stick. A folder named in packages.watchFolders is taken as it is.
 */
export function stickLevel(folder: string, configured: boolean): number {
  if (configured) return 0;
  const normal = folder.replace(/[\\/]+$/, '');
  if (normal === '/media' || normal === '/run/media') return 2;
  if (normal === '/mnt' || normal === '/Volumes') return 1;
  return 0;
}

/** The sticks (or configured folders) there now, in a stable order: at most 20, no links, none hidden. */
export async function findSticks(
  folders: readonly { folder: string; level: number }[],
  limit = 20,
): Promise<string[]> {
  const sticks: string[] = [];
  const walk = async (dir: string, level: number): Promise<void> => {
    if (sticks.length >= limit) return;
    if (level === 0) {
      try {
        if ((await stat(dir)).isDirectory() && !sticks.includes(dir)) sticks.push(dir);
      } catch {
        // not there
      }
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)).slice(0, 200))
      if (isFolderToEnter(entry)) await walk(path.join(dir, entry.name), level - 1);
  };
  for (const { folder, level } of folders) await walk(path.resolve(folder), level);
  return sticks;
}
