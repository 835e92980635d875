/**
 * The exhibit editor's item changes (issue 14): adding a new item, deleting one, renaming its id, and
 * bringing a deleted item back. Routes, the shapes they take and give, and the id made from a title. A
 * part of the contract beside editorApi.ts; only a curator may make these changes. No Node, no DOM.
 */
import type { EditorItem, FieldProblem, ItemKind } from './editorApi';

export const editorItemApi = {
  /** GET ?kind=&title=&id= (token) → EditorNewItem: the id (from the title, or as given) and an empty form. */
  newItem: '/api/editor/new',
  /** POST { kind, id, data } (token, curator) → EditorSaveResult: written only when the checker accepts it. */
  create: '/api/editor/create',
  /** GET ?kind=&id= (token) → EditorLink[]: everything that names this item. */
  links: '/api/editor/links',
  /** POST { kind, id, revision } (token, curator) → EditorChangeResult. */
  delete: '/api/editor/delete',
  /** POST { kind, id, newId, revision } (token, curator) → EditorChangeResult. */
  rename: '/api/editor/rename',
  /** GET (token) → EditorDeletedEntry[], newest first. */
  deleted: '/api/editor/deleted',
  /** POST { version } (token, curator) → EditorSaveResult: the deleted item back, as it was. */
  undelete: '/api/editor/undelete',
} as const;

/** One place that names an item: which item, which field, in which file (and line, in a story's text). */
export interface EditorLink {
  kind: ItemKind;
  id: string;
  /** The field as a dotted path in that item's data (`related.people[1]`, `en.body` for a photo embed). */
  field: string;
  file: string;
  line?: number;
}

/** `GET editorItemApi.newItem` → */
export type EditorNewItem =
  { ok: true; kind: ItemKind; id: string; data: unknown } | { ok: false; message: string; id?: string };

/** A delete's or a rename's answer. */
export type EditorChangeResult =
  | { status: 'deleted'; kind: ItemKind; id: string; version: string }
  | { status: 'renamed'; item: EditorItem; changedFiles: string[] }
  /** Refused: these still name the item (nothing was changed). */
  | { status: 'linked'; message: string; links: EditorLink[] }
  | { status: 'invalid'; message: string; problems: FieldProblem[] }
  | { status: 'conflict'; message: string }
  | { status: 'forbidden'; message: string };

/** A deleted item, kept in the history. */
export interface EditorDeletedEntry {
  version: string;
  kind: ItemKind;
  id: string;
  /** ISO time of the deletion. */
  deletedAt: string;
  /** Its title in the languages it had, as it was listed. */
  title: Record<string, string>;
}

/**
 * A kebab-case id from a title: accents dropped (`Vautrin’s école` → `vautrins-ecole`), anything else
 * but a–z and 0–9 turned into single hyphens, at most 60 characters cut at a hyphen. Empty when the title
 * has no Latin letters or digits (a Chinese title: the curator then writes the id). Pure.
 */
export function idFromTitle(title: string): string {
  const plain = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= 60) return plain;
  const cut = plain.slice(0, 61);
  const at = cut.lastIndexOf('-');
  return (at > 20 ? cut.slice(0, at) : plain.slice(0, 60)).replace(/-+$/g, '');
}
