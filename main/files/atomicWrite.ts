/**
 * The kiosk's one way to write a file: readers see either the old content or the new, never half of it,
 * even if the power fails or the process is killed mid-write. Write a temporary file in the same folder,
 * flush it to disk, rename it over the target, then flush the folder so the rename itself is durable.
 * A failure at any step removes the temporary file and leaves the target as it was.
 *
 * Used for everything the kiosk and its tools write: settings, health.json, the shell state, derivative
 * indexes, translations.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (default 0o644; 0o600 for secrets such as the PIN hash). */
  mode?: number;
  /** Create the folder first when it is missing. */
  makeFolder?: boolean;
}

type Data = string | Uint8Array | AsyncIterable<Uint8Array>;

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Flush a folder, so that a rename or a new file in it survives a power cut. For writers that build a file
 * (or a tree) themselves and move it into place with a rename: the package store, the editor's uploads.
 */
export async function flushFolder(dir: string): Promise<void> {
  // Folders cannot be opened for flushing on Windows; the rename itself is still atomic there.
  if (process.platform === 'win32') return;
  const folder = await open(dir, 'r').catch(() => null);
  if (!folder) return;
  await folder.sync().catch(() => undefined);
  await folder.close();
}

/** Write `data` (text, bytes, or a stream of chunks) to `target` atomically. */
export async function writeFileAtomically(
  target: string,
  data: Data,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target);
  if (options.makeFolder) await mkdir(dir, { recursive: true });
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for await (const chunk of data) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await flushFolder(dir);
}

/** JSON, indented, with a final newline. */
export function writeJsonAtomically(
  target: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return writeFileAtomically(target, `${JSON.stringify(value, null, 2)}\n`, { makeFolder: true, ...options });
}

/** The same, synchronously (for command-line tools that write one small file and exit). */
export function writeFileAtomicallySync(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const dir = path.dirname(target);
  const temp = tempPathFor(target);
  const fd = openSync(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  if (process.platform === 'win32') return;
  try {
    const folder = openSync(dir, 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch {
    // Some file systems cannot flush a folder; the rename is still atomic.
  }
}
