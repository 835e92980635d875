/**
 * A new item's empty form: the required fields of its kind, read from the JSON Schema the form is made
 * from (so a field the schema adds appears here too), with the title the curator typed in its place. Pure.
 */
import type { ItemKind } from '../common/editorApi';
import { idFromTitle } from '../common/editorItems';
import { badItemId } from './items';
import { isPlainObject } from './yamlEdit';

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  minItems?: number;
  enum?: unknown[];
  default?: unknown;
  anyOf?: SchemaNode[];
}

/** The empty value of a schema node: its required fields only; text per language with the default language. */
export function emptyValue(node: unknown, defaultLanguage: string): unknown {
  if (!isPlainObject(node)) return '';
  const n = node as SchemaNode;
  if (n.default !== undefined) return n.default;
  if (n.enum && n.enum.length > 0) return n.enum[0];
  if (n.anyOf && n.anyOf.length > 0) return emptyValue(n.anyOf[0], defaultLanguage);
  const type = Array.isArray(n.type) ? n.type[0] : n.type;
  switch (type) {
    case 'object': {
      if (n.properties) {
        const out: Record<string, unknown> = {};
        for (const key of n.required ?? []) out[key] = emptyValue(n.properties[key], defaultLanguage);
        return out;
      }
      const values = n.additionalProperties;
      return isPlainObject(values) && (values as SchemaNode).type === 'string'
        ? { [defaultLanguage]: '' }
        : {};
    }
    case 'array':
      return (n.minItems ?? 0) > 0 ? [emptyValue(n.items, defaultLanguage)] : [];
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

/** Where a kind's title goes in its data (a diary excerpt has none: the title only makes its id). */
const TITLE_FIELD: Partial<Record<ItemKind, string>> = {
  photo: 'caption',
  person: 'name',
  timeline: 'title',
};

/** The new item's data: its schema's required fields, empty, with the title and id in place. Pure. */
export function newItemData(
  kind: ItemKind,
  id: string,
  title: string,
  schema: unknown,
  defaultLanguage: string,
): unknown {
  const data = emptyValue(schema, defaultLanguage) as Record<string, unknown>;
  if (kind === 'story') {
    // One file in the default language; the checker wants the sources there.
    return { [defaultLanguage]: { ...data, title, sources: [''], body: '\n' } };
  }
  const field = TITLE_FIELD[kind];
  if (field) data[field] = { [defaultLanguage]: title };
  if (kind === 'timeline') data.id = id;
  return data;
}

/** The id of a new item: the one typed, else one made from the title; or why there is none. Pure. */
export function newItemId(
  kind: ItemKind,
  title: string,
  typedId: string,
  taken: ReadonlySet<string>,
): { ok: true; id: string } | { ok: false; message: string; id?: string } {
  if (kind === 'exhibit')
    return { ok: false, message: 'An exhibit package has one exhibit.yaml: it cannot be added.' };
  const id = typedId.trim() || idFromTitle(title);
  if (id === '')
    return {
      ok: false,
      message: 'Write an id in Latin letters (the title has none to make one from), e.g. "nanjing-1937".',
    };
  const bad = badItemId(kind, id);
  if (bad) return { ok: false, message: `"${id}" cannot be an id: ${bad}.`, id };
  if (taken.has(id))
    return { ok: false, message: `The id "${id}" is already taken by another ${KIND_WORD[kind]}.`, id };
  return { ok: true, id };
}

export const KIND_WORD: Record<ItemKind, string> = {
  story: 'story',
  diary: 'diary excerpt',
  photo: 'photograph',
  person: 'person',
  timeline: 'timeline event',
  exhibit: 'exhibit',
};
