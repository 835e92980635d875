/**
 * The editor's one store: the session, the overview, the item being edited (as loaded and as changed),
 * the answer of the last save, and the view's choices (filter, search, translation, preview).
 */
import { create } from 'zustand';
import type {
  EditorItem,
  EditorOverview,
  EditorRole,
  EditorSettingsDoc,
  FieldProblem,
  ItemKind,
} from '../../../main/common/editorApi';
import type { EditorRecoveryOffer } from '../../../main/common/editorRecovery';
import type { UiLang } from './text';

export type Filter =
  { type: 'all' } | { type: 'problems' } | { type: 'placeholder' } | { type: 'review'; lang: string };

export interface Conflict {
  mine: unknown;
  theirs: EditorItem;
}

export type Notice = { tone: 'good' | 'bad' | 'plain'; text: string } | null;

export interface EditorState {
  ui: UiLang;
  token: string | null;
  role: EditorRole | null;
  languages: string[];
  overview: EditorOverview | null;
  selected: { kind: ItemKind; id: string } | null;
  item: EditorItem | null;
  /** The item's data as changed in the form. */
  draft: unknown;
  /** Problems of the last refused save (422), by field; the checker's are on `item`. */
  refused: FieldProblem[];
  conflict: Conflict | null;
  notice: Notice;
  saving: boolean;
  settings: EditorSettingsDoc | null;
  filter: Filter;
  query: string;
  translate: { source: string; target: string } | null;
  previewKey: number;
  orientation: 'landscape' | 'portrait';
  /** The item in the form is new: not yet in the exhibit (added by "Add to the exhibit"). */
  creating: boolean;
  /** A line over the item list (after a delete). */
  listNotice: string | null;
  /** Unsaved edits kept from an earlier session, still to restore or discard (null: not asked yet). */
  recoveryOffers: EditorRecoveryOffer[] | null;
  /** Whether the offer of them is open. */
  recoveryOpen: boolean;
  /** Restoring these edits into the form once their item is loaded. */
  recovering: EditorRecoveryOffer | null;
  /** The item in the form whose unsaved edits are kept on this computer, and when they were last kept. */
  recoveryKept: { kind: ItemKind; id: string; savedAt: string | null; failed?: boolean } | null;
  /** The Publish panel is shown in place of the item's form (a curator's; the form keeps its changes). */
  publishOpen: boolean;
  set(partial: Partial<Omit<EditorState, 'set'>>): void;
}

export const useEditor = create<EditorState>((set) => ({
  ui: navigator.language.toLowerCase().startsWith('zh') ? 'zh-Hans' : 'en',
  token: null,
  role: null,
  languages: [],
  overview: null,
  selected: null,
  item: null,
  draft: null,
  refused: [],
  conflict: null,
  notice: null,
  saving: false,
  settings: null,
  filter: { type: 'all' },
  query: '',
  translate: null,
  previewKey: 0,
  orientation: 'landscape',
  creating: false,
  listNotice: null,
  recoveryOffers: null,
  recoveryOpen: false,
  recovering: null,
  recoveryKept: null,
  publishOpen: false,
  set: (partial) => set(partial),
}));
