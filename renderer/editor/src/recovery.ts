/**
 * What the form shows when unsaved edits from an earlier session are restored (issue 14). Pure: the item
 * as loaded now and the edits kept decide it.
 */
import type { EditorItem } from '../../../main/common/editorApi';
import type { EditorRecoveryOffer } from '../../../main/common/editorRecovery';
import type { Conflict, EditorState } from './store';

export type RestoreOutcome =
  | { type: 'load'; item: EditorItem; draft: unknown }
  | { type: 'restore'; item: EditorItem; draft: unknown }
  | { type: 'compare'; item: EditorItem; draft: unknown; conflict: Conflict };

/**
 * An item just loaded, with the edits being restored (if any): `load` it as it is (no edits for it),
 * `restore` the edits into the form as unsaved (the files are those the edits were made on), or `compare`
 * (the files changed since: the conflict view shows both versions; nothing is overwritten).
 */
export function restoreOutcome(loaded: EditorItem, recovering: EditorRecoveryOffer | null): RestoreOutcome {
  if (!recovering || recovering.kind !== loaded.kind || recovering.id !== loaded.id)
    return { type: 'load', item: loaded, draft: loaded.data };
  if (recovering.base === loaded.revision) return { type: 'restore', item: loaded, draft: recovering.data };
  return {
    type: 'compare',
    item: loaded,
    draft: loaded.data,
    conflict: { mine: recovering.data, theirs: loaded },
  };
}

/** The store's change for an outcome (the notice's words given). Pure. */
export function restoreState(
  outcome: RestoreOutcome,
  savedAt: string | null,
  words: { restored: string; compare: string },
): Partial<EditorState> {
  const { item, draft } = outcome;
  switch (outcome.type) {
    case 'load':
      return { item, draft };
    case 'restore':
      return {
        item,
        draft,
        recovering: null,
        recoveryKept: { kind: item.kind, id: item.id, savedAt },
        notice: { tone: 'plain', text: words.restored },
      };
    case 'compare':
      // The edits stay in the recovery file until "Keep mine" saves them or "Take theirs" discards them.
      return {
        item,
        draft,
        recovering: null,
        recoveryKept: null,
        conflict: outcome.conflict,
        notice: { tone: 'bad', text: words.compare },
      };
  }
}
