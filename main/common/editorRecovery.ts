/**
 * Unsaved edits that survive a crash or a closed window (issue 14): while a staff member changes an item,
 * the editor's page sends the form's values about a second after the last change (`PUT
 * editorApi.recovery`), and the backend keeps them in a recovery file on this computer, outside the content
 * folder (main/editor/recovery.ts). A save or a discard removes the item's entry. On the next sign-in the
 * page asks `GET editorApi.recovery` what was kept and offers to restore or discard it.
 *
 * The shapes the route takes and gives, and the decisions both sides share. Part of the contract: no Node,
 * no DOM.
 */
import type { EditorRole, ItemKind } from './editorApi';

/** How long after the last change the form's values are kept (ms): a pause in typing, not every key. */
export const RECOVERY_DELAY_MS = 1000;

/** At most this many items' unsaved edits are kept per content folder; the oldest go first. */
export const MAX_RECOVERY_ENTRIES = 50;

/** One item's unsaved edits, as kept in the recovery file. Never a PIN, never a session token. */
export interface EditorRecoveryEntry {
  kind: ItemKind;
  id: string;
  /** Who made the edits: they are offered again to the same role only. */
  role: EditorRole;
  /** The item's revision (a hash of its files) the edits were made on. */
  base: string;
  /** ISO time the edits were last kept. */
  savedAt: string;
  /** The form's values: the item's data as changed, not saved. */
  data: unknown;
}

/** `PUT editorApi.recovery`: what the page sends. */
export interface EditorRecoveryPut {
  kind: ItemKind;
  id: string;
  base: string;
  data: unknown;
}

/** `PUT editorApi.recovery` → */
export interface EditorRecoveryKept {
  ok: true;
  savedAt: string;
}

/**
 * Whether the item's files are still those the edits were made on: `unchanged` (restore into the form),
 * `changed` (the file changed on disk since: compare both versions first), `gone` (the item is no longer in
 * the exhibit: nothing to restore into).
 */
export type RecoveryBase = 'unchanged' | 'changed' | 'gone';

/** `GET editorApi.recovery` → a list of these, newest first. */
export interface EditorRecoveryOffer extends EditorRecoveryEntry {
  state: Exclude<RecoveryBase, 'gone'>;
}

/** Whether the base of the edits still matches the item's files (null: the item has no files). Pure. */
export function recoveryBase(base: string, currentRevision: string | null): RecoveryBase {
  if (currentRevision === null) return 'gone';
  return currentRevision === base ? 'unchanged' : 'changed';
}

/** The key of an entry: one per role and item. */
export function recoveryKey(e: Pick<EditorRecoveryEntry, 'role' | 'kind' | 'id'>): string {
  return `${e.role}:${e.kind}:${e.id}`;
}

/**
 * What to offer a role at sign-in: its own entries whose item still exists, newest first, each marked
 * unchanged or changed on disk; and the entries to drop because their item is gone. Pure.
 */
export function recoveryOffers(
  entries: readonly EditorRecoveryEntry[],
  role: EditorRole,
  currentRevision: (kind: ItemKind, id: string) => string | null,
): { offers: EditorRecoveryOffer[]; gone: EditorRecoveryEntry[] } {
  const offers: EditorRecoveryOffer[] = [];
  const gone: EditorRecoveryEntry[] = [];
  for (const entry of entries) {
    if (entry.role !== role) continue;
    const state = recoveryBase(entry.base, currentRevision(entry.kind, entry.id));
    if (state === 'gone') gone.push(entry);
    else offers.push({ ...entry, state });
  }
  offers.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  return { offers, gone };
}

/** The entries with one put in (replacing the same role's entry for the item), at most `max`. Pure. */
export function withRecoveryEntry(
  entries: readonly EditorRecoveryEntry[],
  entry: EditorRecoveryEntry,
  max = MAX_RECOVERY_ENTRIES,
): EditorRecoveryEntry[] {
  const key = recoveryKey(entry);
  const others = entries.filter((e) => recoveryKey(e) !== key);
  // The oldest go first when there are too many.
  const kept = [...others].sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0));
  return [...kept.slice(Math.max(0, kept.length - (max - 1))), entry];
}

/** The entries without one role's entry for an item. Pure. */
export function withoutRecoveryEntry(
  entries: readonly EditorRecoveryEntry[],
  which: Pick<EditorRecoveryEntry, 'role' | 'kind' | 'id'>,
): EditorRecoveryEntry[] {
  const key = recoveryKey(which);
  return entries.filter((e) => recoveryKey(e) !== key);
}

/**
 * What the page does with the recovery file after a change of the form (pure): `keep` the values (they
 * differ from the saved item), `discard` the entry (the form is back to what is saved, or the staff member
 * left the item without saving), or nothing. A new item not yet added has no file to recover onto: its
 * form is not kept.
 */
export function recoveryAction(state: {
  /** The item's data as loaded or saved, and its revision ('' for a new item not yet added). */
  saved: unknown;
  revision: string;
  draft: unknown;
  creating: boolean;
  /** Whether an entry for this item was kept in this session (or restored from one). */
  kept: boolean;
}): 'keep' | 'discard' | 'none' {
  if (state.creating || state.revision === '') return 'none';
  const dirty = JSON.stringify(state.draft) !== JSON.stringify(state.saved);
  if (dirty) return 'keep';
  return state.kept ? 'discard' : 'none';
}
