/**
 * The recovery file (issue 14, "unsaved edits survive a crash or a closed window"): the form values of the
 * items being edited and not yet saved, kept on this computer while staff type, so that a crash, a killed
 * process or a closed window loses nothing that was typed more than a second before.
 *
 * Where: in the editor's own data folder (`npm run editor -- --data DIR`, by default
 * `~/.memorial-kiosk/editor`; beside its PIN lockout file), one file per content folder:
 * `editor-recovery-<hash of the folder's path>.json`. Never inside the content folder, so it is never
 * copied onto a kiosk or published in a package. It holds the role, the item, the revision the edits were
 * made on, the time and the values: never the PIN or a session token (the schema is strict; nothing else
 * can be written or read back).
 *
 * Written atomically (main/files/atomicWrite.ts), one write at a time. A file that is broken, half
 * written, too large or made by hand to do harm is ignored with a log line: entries that fail the schema
 * are dropped one by one, the others kept, and the editor goes on.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EDITOR_ROLES, ITEM_KINDS, type EditorRole, type ItemKind } from '../common/editorApi';
import {
  MAX_RECOVERY_ENTRIES,
  recoveryOffers,
  withoutRecoveryEntry,
  withRecoveryEntry,
  type EditorRecoveryEntry,
  type EditorRecoveryOffer,
} from '../common/editorRecovery';
import { writeFileAtomically } from '../files/atomicWrite';
import { badItemId } from './items';

/** The format of the file; a file of another format is ignored. */
export const RECOVERY_FORMAT = 1;

/** A recovery file larger than this is not read (50 stories in four languages fit many times over). */
export const MAX_RECOVERY_FILE_BYTES = 64 * 1024 * 1024;

/** The recovery file of a content folder, in the editor's data folder. Pure. */
export function recoveryFileName(contentDir: string): string {
  const hash = createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16);
  return `editor-recovery-${hash}.json`;
}

const entrySchema = z
  .strictObject({
    kind: z.enum(ITEM_KINDS),
    id: z.string().min(1).max(120),
    role: z.enum(EDITOR_ROLES),
    base: z.string().regex(/^[0-9a-f]{32}$/, 'a revision is 32 hexadecimal digits'),
    savedAt: z.iso.datetime(),
    data: z.json(),
  })
  .refine((e) => badItemId(e.kind, e.id) === null, { message: 'not an item id', path: ['id'] });

const fileSchema = z.strictObject({
  format: z.literal(RECOVERY_FORMAT),
  contentFolder: z.string().max(4096),
  entries: z.array(z.unknown()).max(MAX_RECOVERY_ENTRIES * 4),
});

export interface ParsedRecovery {
  entries: EditorRecoveryEntry[];
  /** What was wrong, one line each, for the log (nothing when the file was good). */
  problems: string[];
}

/**
 * The entries of a recovery file's text. Pure. Never throws: a file that is not JSON or not of this format
 * gives no entries and one problem; an entry that fails the schema is dropped with a problem naming it.
 */
export function parseRecoveryFile(text: string): ParsedRecovery {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [`not JSON (${(error as Error).message})`] };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) {
    const issue = file.error.issues[0];
    return {
      entries: [],
      problems: [`not a recovery file: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? ''}`],
    };
  }
  const entries: EditorRecoveryEntry[] = [];
  const problems: string[] = [];
  file.data.entries.forEach((raw, index) => {
    const entry = entrySchema.safeParse(raw);
    if (entry.success) entries.push(entry.data);
    else {
      const issue = entry.error.issues[0];
      problems.push(
        `entry ${index + 1} left out: ${issue?.path.join('.') || 'the entry'}: ${issue?.message}`,
      );
    }
  });
  // Only the last entry per role and item counts; at most MAX_RECOVERY_ENTRIES, the newest.
  let kept: EditorRecoveryEntry[] = [];
  for (const e of entries) kept = withRecoveryEntry(kept, e);
  return { entries: kept, problems };
}

/** The file's text for these entries. Pure. */
export function recoveryFileText(contentFolder: string, entries: readonly EditorRecoveryEntry[]): string {
  return `${JSON.stringify({ format: RECOVERY_FORMAT, contentFolder, entries }, null, 1)}\n`;
}

/** Whether an entry that is about to be kept is acceptable (the same schema as when read back). Pure. */
export function checkRecoveryEntry(
  entry: unknown,
): { ok: true; entry: EditorRecoveryEntry } | { ok: false; message: string } {
  const parsed = entrySchema.safeParse(entry);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || 'the entry'}: ${issue?.message ?? 'not valid'}` };
}

export interface RecoveryStoreOptions {
  /** The editor's data folder (the recovery file is made there, and the folder if missing). */
  dataDir: string;
  contentDir: string;
  /** The item's current revision, or null when it has no files (main/editor/items.ts). */
  currentRevision(kind: ItemKind, id: string): Promise<string | null>;
  now?: () => number;
  log?: (message: string) => void;
}

export interface RecoveryStore {
  readonly file: string;
  /** Keep one item's unsaved edits; resolves once they are on disk, with their time. */
  keep(
    role: EditorRole,
    kind: ItemKind,
    id: string,
    base: string,
    data: unknown,
  ): Promise<{ savedAt: string }>;
  /** Forget one item's unsaved edits (saved, or discarded). */
  remove(role: EditorRole, kind: ItemKind, id: string): Promise<void>;
  /** What to offer a role: its kept edits whose item still exists (the others are dropped). */
  offers(role: EditorRole): Promise<EditorRecoveryOffer[]>;
}

export class RecoveryRefused extends Error {}

export function createRecoveryStore(options: RecoveryStoreOptions): RecoveryStore {
  const file = path.join(options.dataDir, recoveryFileName(options.contentDir));
  const contentFolder = path.resolve(options.contentDir);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  let entries: EditorRecoveryEntry[] | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const load = async (): Promise<EditorRecoveryEntry[]> => {
    if (entries) return entries;
    entries = [];
    try {
      const size = (await stat(file)).size;
      if (size > MAX_RECOVERY_FILE_BYTES) {
        log(`recovery file ${file} is ${size} bytes, more than a recovery file can be: ignored`);
        return entries;
      }
      const parsed = parseRecoveryFile(await readFile(file, 'utf8'));
      for (const p of parsed.problems) log(`recovery file ${file}: ${p}; ignored`);
      entries = parsed.entries;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(`recovery file ${file} could not be read (${(error as Error).message}): ignored`);
    }
    return entries;
  };

  const write = async (next: EditorRecoveryEntry[]) => {
    entries = next;
    await writeFileAtomically(file, recoveryFileText(contentFolder, next), { makeFolder: true, mode: 0o600 });
  };

  return {
    file,
    keep: (role, kind, id, base, data) =>
      oneAtATime(async () => {
        const savedAt = new Date(now()).toISOString();
        const checked = checkRecoveryEntry({ kind, id, role, base, savedAt, data });
        if (!checked.ok) throw new RecoveryRefused(checked.message);
        await write(withRecoveryEntry(await load(), checked.entry));
        return { savedAt };
      }),
    remove: (role, kind, id) =>
      oneAtATime(async () => {
        const current = await load();
        const next = withoutRecoveryEntry(current, { role, kind, id });
        if (next.length !== current.length) await write(next);
      }),
    offers: (role) =>
      oneAtATime(async () => {
        const current = await load();
        const revisions = new Map<string, string | null>();
        for (const e of current.filter((x) => x.role === role)) {
          const key = `${e.kind}:${e.id}`;
          if (!revisions.has(key))
            revisions.set(key, await options.currentRevision(e.kind, e.id).catch(() => null));
        }
        const { offers, gone } = recoveryOffers(
          current,
          role,
          (kind, id) => revisions.get(`${kind}:${id}`) ?? null,
        );
        if (gone.length > 0) {
          let next = current;
          for (const g of gone) {
            log(`recovery: ${g.kind} ${g.id} is no longer in the exhibit; its unsaved edits were dropped`);
            next = withoutRecoveryEntry(next, g);
          }
          await write(next);
        }
        return offers;
      }),
  };
}
