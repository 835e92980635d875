/**
 * The kiosk log: electron-log writing main.log in the user-data folder, rotated at 5 MB into dated archives
 * of which the newest seven are kept, and an error handler that logs uncaught errors and never shows a
 * dialog (a native dialog would break out of kiosk mode on Linux).
 *
 * Rotation naming and pruning are pure and tested; `configureLogging` wires them into electron-log.
 * `log.initialize()` is deliberately not called: it injects a preload into every session for renderer
 * logging, and the renderer logs through POST /api/log instead.
 */
import { readdirSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { MainLogger } from 'electron-log';

export const LOG_FILE_NAME = 'main.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;
export const KEEP_ARCHIVES = 7;

/** `main.log` → `main.2026-05-04T10-00-00-000Z.log` (sortable, valid on every file system). */
export function archiveName(logFileName: string, now: Date): string {
  const ext = path.extname(logFileName);
  const base = path.basename(logFileName, ext);
  return `${base}.${now.toISOString().replace(/:/g, '-').replace('.', '-')}${ext}`;
}

/** Which archives of `logFileName` to delete so only the newest `keep` remain (other files untouched). */
export function archivesToDelete(files: string[], logFileName: string, keep: number): string[] {
  const ext = path.extname(logFileName);
  const base = path.basename(logFileName, ext);
  const pattern = new RegExp(
    `^${escape(base)}\\.\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z${escape(ext)}$`,
  );
  const archives = files.filter((f) => pattern.test(f)).sort();
  return archives.slice(0, Math.max(0, archives.length - keep));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Move the full log aside and prune old archives. Synchronous, as electron-log requires. */
export function rotateLogFile(logPath: string, now: Date, keep = KEEP_ARCHIVES): void {
  const dir = path.dirname(logPath);
  const name = path.basename(logPath);
  renameSync(logPath, path.join(dir, archiveName(name, now)));
  for (const old of archivesToDelete(readdirSync(dir), name, keep)) {
    try {
      unlinkSync(path.join(dir, old));
    } catch {
      // Another process may have removed it; nothing else to do.
    }
  }
}

export interface LoggingOptions {
  logsDir: string;
  /** Called for every uncaught error after it is logged (e.g. to record the last crash). */
  onUncaught?: (error: Error) => void;
  now?: () => Date;
}

/** Point electron-log at the kiosk's rotating file and catch uncaught errors without dialogs. */
export function configureLogging(log: MainLogger, options: LoggingOptions): void {
  const now = options.now ?? (() => new Date());
  const file = log.transports.file;
  file.resolvePathFn = () => path.join(options.logsDir, LOG_FILE_NAME);
  file.maxSize = MAX_LOG_BYTES;
  file.level = 'info';
  file.archiveLogFn = (oldLogFile) => {
    try {
      rotateLogFile(oldLogFile.path, now());
    } catch (error) {
      // electron-log clears the file itself if it is still too large; keep logging either way.
      console.error(`log rotation failed: ${String(error)}`);
    }
  };
  log.errorHandler.startCatching({
    showDialog: false,
    onError: ({ error }) => {
      options.onUncaught?.(error);
    },
  });
}
