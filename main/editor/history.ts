/**
 * Every save keeps the version it replaces, in a hidden `.history/` folder inside the folder being edited
 * (the exhibit package, or the device settings folder): `.history/<version>/files/<path>` holds the old
 * bytes of each file the save changed and `.history/<version>/meta.json` which item it was.
 *
 * Why there and not a git repository: the history travels with the working copy (a package copied to a USB
 * stick keeps it), a curator can open the old file in any text editor, and nothing new must be installed.
 * The kiosk never serves hidden files and the checker never reads them, so the folder costs nothing but
 * disk space; it can be left out when the package is copied onto the kiosk.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditorHistoryEntry, EditorRole, ItemKind } from '../common/editorApi';
import { writeFileAtomically } from '../files/atomicWrite';
import { findInside } from '../files/safePath';

export const HISTORY_FOLDER = '.history';
export const VERSION = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export interface Meta {
  kind: ItemKind | 'settings';
  id: string;
  role: EditorRole;
  savedAt: string;
  files: string[];
  /** What the version was kept for, when not a save: `delete`, `rename` (with `newId`), and what it showed. */
  action?: 'delete' | 'rename';
  newId?: string;
  title?: Record<string, string>;
}

/** `20261201T214501123Z-1a2b3c4d`: sorts by time; unique. Pure but for the random part. */
export function versionName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** Keep the previous bytes of `files` (package paths → bytes) before a save replaces them. */
export async function keepVersion(
  root: string,
  item: { kind: ItemKind | 'settings'; id: string },
  role: EditorRole,
  files: ReadonlyMap<string, Uint8Array>,
  now: number,
  extra: Pick<Meta, 'action' | 'newId' | 'title'> = {},
): Promise<string> {
  const version = versionName(now);
  const folder = path.join(root, HISTORY_FOLDER, version);
  for (const [name, bytes] of files) {
    await writeFileAtomically(path.join(folder, 'files', ...name.split('/')), bytes, { makeFolder: true });
  }
  const meta: Meta = {
    ...item,
    ...extra,
    role,
    savedAt: new Date(now).toISOString(),
    files: [...files.keys()],
  };
  await writeFileAtomically(path.join(folder, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`, {
    makeFolder: true,
  });
  return version;
}

/** The kept versions of one item, newest first. */
export async function listVersions(
  root: string,
  item: { kind: ItemKind | 'settings'; id: string },
): Promise<EditorHistoryEntry[]> {
  const found = await findInside(root, HISTORY_FOLDER, 'folder');
  if (!found.ok) return [];
  const out: EditorHistoryEntry[] = [];
  for (const version of (await readdir(found.real))
    .filter((v) => VERSION.test(v))
    .sort()
    .reverse()) {
    try {
      const meta = JSON.parse(await readFile(path.join(found.real, version, 'meta.json'), 'utf8')) as Meta;
      if (meta.kind === item.kind && meta.id === item.id)
        out.push({ version, savedAt: meta.savedAt, role: meta.role, files: meta.files });
    } catch {
      // A version without a readable meta.json is not listed.
    }
  }
  return out;
}

/** The folder of a kept version, laid out like the package; null for a name that is not a version. */
export async function versionRoot(root: string, version: string): Promise<string | null> {
  if (!VERSION.test(version)) return null;
  const found = await findInside(root, `${HISTORY_FOLDER}/${version}/files`, 'folder');
  return found.ok ? found.real : null;
}
