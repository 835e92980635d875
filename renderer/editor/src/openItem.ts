/**
 * Opening an item in the form: the one way the item list, the Publish panel's links to errors and the
 * offer of recovered edits change what staff edit. Changes not yet saved are left only when staff say so;
 * then the copy of them kept on this computer goes too, since they were discarded on purpose.
 */
import type { ItemKind } from '../../../main/common/editorApi';
import { editorCalls } from './api';
import { useEditor, type EditorState } from './store';
import { t } from './text';

/** The form holds changes that are not saved. */
export const hasUnsavedChanges = (s: Pick<EditorState, 'item' | 'draft'>): boolean =>
  s.item !== null && JSON.stringify(s.draft) !== JSON.stringify(s.item.data);

/** Asks before changes not saved are left; false when staff choose to stay. */
function mayLeaveItem(): boolean {
  const state = useEditor.getState();
  if (!state.item || !hasUnsavedChanges(state)) return true;
  if (!window.confirm(t(state.ui, 'leaveUnsaved'))) return false;
  if (state.token)
    void editorCalls.discardUnsaved(state.token, state.item.kind, state.item.id).catch(() => undefined);
  return true;
}

/**
 * Opens the item in the form (loaded afresh), with `also` set at the same moment. Returns false, and
 * changes nothing, when staff choose to keep editing the item they have.
 */
export function openItem(kind: ItemKind, id: string, also: Partial<Omit<EditorState, 'set'>> = {}): boolean {
  if (!mayLeaveItem()) return false;
  useEditor.getState().set({
    recoveryKept: null,
    selected: { kind, id },
    item: null,
    draft: null,
    refused: [],
    notice: null,
    conflict: null,
    creating: false,
    listNotice: null,
    publishOpen: false,
    ...also,
  });
  return true;
}
