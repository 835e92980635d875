/**
 * Checking the museum's network for a newer package (issue 15): the decisions, pure. The kiosk reads the
 * publish folder's index (`latest.json`, written by content:publish) from packages.updateUrl, and this
 * module decides what to do with it: nothing (the kiosk already holds that version or a newer one: never
 * a downgrade, never a version staff rolled back from), refuse it (an index that is not one, a package too
 * large, one refused before for what it holds), or download the one package it names. It also decides how
 * long to wait before the next check, and which ETag to keep. The host (packages/pull.ts, the timer in
 * backend/packageRuntime.ts) carries these out.
 */
import {
  updateIndexSchema,
  type Refusal,
  type RefusalCode,
  type UpdateCheck,
  type UpdateIndexEntry,
} from '../common/packages';
import { nextPollDelay } from './download';
import { formatBytes } from './rules';

/** The longest wait between two checks after failures in a row (unless the interval itself is longer). */
export const RETRY_CEILING_MS = 4 * 60 * 60 * 1000;

/** A version the kiosk holds: live, staged, kept for rollback, or rolled back from. */
export interface HeldVersion {
  exhibitId: string;
  version: number;
}

export interface ChooseInput {
  /** The index's bytes, as text. */
  indexText: string;
  /** Where the index came from: the package's file name is read relative to it. */
  indexUrl: string;
  live: HeldVersion | null;
  /** Every whole version on the kiosk (the live one, the staged one, the kept ones, the ones rolled back from). */
  held: readonly HeldVersion[];
  maxBytes: number;
  /** A package refused earlier for what it holds (its signature, its files, its content): not fetched again. */
  refusedBefore: { sha256: string; refusal: Refusal } | null;
}

export type Choice =
  | { kind: 'up-to-date'; offered: number; message: string }
  | { kind: 'download'; entry: UpdateIndexEntry; url: string }
  | { kind: 'refused'; offered: number | null; refusal: Refusal };

const refuse = (code: RefusalCode, message: string, offered: number | null = null): Choice => ({
  kind: 'refused',
  offered,
  refusal: { code, message },
});

/** What to do with the index the server sent. Pure. */
export function chooseFromIndex(input: ChooseInput): Choice {
  let json: unknown;
  try {
    json = JSON.parse(input.indexText);
  } catch {
    return refuse('index-invalid', `${input.indexUrl} is not a package index (latest.json): not JSON.`);
  }
  const parsed = updateIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return refuse(
      'index-invalid',
      `${input.indexUrl} is not a package index (latest.json)${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const entries = parsed.data.packages;
  const exhibits = [...new Set(entries.map((e) => e.exhibitId))].sort();
  // The kiosk's exhibit: the one it shows (or holds); with none yet, the index's only one.
  const exhibitId =
    input.live?.exhibitId ?? input.held[0]?.exhibitId ?? (exhibits.length === 1 ? exhibits[0] : null);
  if (!exhibitId)
    return refuse(
      'other-exhibit',
      exhibits.length === 0
        ? 'The package index lists no package yet.'
        : `The package index lists several exhibits (${exhibits.join(', ')}) and this kiosk holds none yet, so it cannot choose; install the first version from a USB stick.`,
    );
  const offers = entries.filter((e) => e.exhibitId === exhibitId).sort((a, b) => b.version - a.version);
  const entry = offers[0];
  if (!entry)
    return refuse(
      'other-exhibit',
      `The package index offers nothing of the exhibit ${exhibitId} (it lists ${exhibits.join(', ') || 'nothing'}).`,
    );
  const ours = input.held.filter((h) => h.exhibitId === exhibitId).map((h) => h.version);
  const highest = Math.max(0, ...ours);
  if (entry.version <= highest) {
    const live = input.live?.exhibitId === exhibitId ? input.live.version : null;
    const message =
      live !== null && entry.version < live
        ? `The server's newest package is version ${entry.version}, older than version ${live} on screen; a kiosk never goes back by itself.`
        : entry.version === live
          ? `Version ${entry.version}, the server's newest, is on screen.`
          : `The server's newest package, version ${entry.version}, is already on this kiosk.`;
    return { kind: 'up-to-date', offered: entry.version, message };
  }
  if (entry.size > input.maxBytes)
    return refuse(
      'too-large',
      `Version ${entry.version} is ${formatBytes(entry.size)}; this kiosk downloads at most ${formatBytes(input.maxBytes)} (packages.maxDownloadMegabytes).`,
      entry.version,
    );
  if (input.refusedBefore?.sha256 === entry.sha256)
    return refuse(
      input.refusedBefore.refusal.code,
      `Version ${entry.version} was refused before and is not downloaded again: ${input.refusedBefore.refusal.message}`,
      entry.version,
    );
  // The file name is a plain name (the schema allows no slash), so it stays in the index's folder.
  return { kind: 'download', entry, url: new URL(entry.file, input.indexUrl).href };
}

/** Reasons that say how a download went, not what the package holds: worth another try at the next check. */
const TRANSIENT: readonly RefusalCode[] = ['server-error', 'stalled', 'truncated', 'disk-full'];

/**
 * Whether a package refused at staging is remembered (and not downloaded again while the index offers the
 * same file): yes for what it holds (signature, files, content, version); no for how it arrived. Pure.
 */
export function remembersRefusal(code: RefusalCode): boolean {
  return !TRANSIENT.includes(code);
}

/**
 * The ETag to send with the next check. The index's ETag is kept only when the check went well (a version
 * staged, or nothing new): after a refusal or a failed download the index is read again next time (it is
 * small), or a 304 would hide a package still to be fetched, or a refusal still standing. Pure.
 */
export function etagToKeep(
  previous: string | null,
  fetched: string | null,
  result: UpdateCheck['result'],
): string | null {
  if (result === 'not-modified') return previous;
  if (result === 'staged' || result === 'up-to-date') return fetched;
  return null;
}

/** Failures in a row after a check: a refusal or a server error adds one; anything else starts again. Pure. */
export function failuresAfter(failuresInARow: number, result: UpdateCheck['result']): number {
  return result === 'refused' || result === 'server-error' ? failuresInARow + 1 : 0;
}

/** The wait before the next check: the interval, doubled per failure in a row, up to the ceiling. Pure. */
export function delayBeforeNextCheck(failuresInARow: number, intervalMs: number): number {
  return nextPollDelay(failuresInARow, intervalMs, Math.max(intervalMs, RETRY_CEILING_MS));
}
