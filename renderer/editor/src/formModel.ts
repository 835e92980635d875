/**
 * The editor's form, as pure functions over the JSON Schema the backend sends (made from the one zod
 * schema by `z.toJSONSchema`): what kind of field a schema node is, reading and writing a value at a path,
 * the field path the checker uses (`caption.en`, `sources[2]`: list positions from 1), and which fields
 * name other items.
 */
import { REFERENCE_FIELDS, type FieldProblem, type ItemKind } from '../../../main/common/editorApi';

export type Path = readonly (string | number)[];

/** A JSON Schema node, as far as the form reads it. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  /** The kind of field the schema marks for a form of its own (`date`: main/content/schema.ts). */
  'x-field'?: string;
}

export type FieldShape =
  | 'object'
  | 'text' // text per language: { en: '…', ja: '…' }
  | 'string'
  | 'scalar' // a string or a number (a version)
  | 'date' // a date with its precision, stored as 1937, 1937-12 or 1937-12-13
  | 'number'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'json'; // anything else: edited as data

export function shapeOf(node: SchemaNode | undefined): FieldShape {
  if (!node) return 'json';
  if (node['x-field'] === 'date') return 'date';
  if (node.enum) return 'enum';
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) {
    return alternatives.every((a) => ['string', 'number', 'integer'].includes(String(a.type)))
      ? 'scalar'
      : 'json';
  }
  switch (node.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return ['string', 'enum', 'scalar', 'object'].includes(shapeOf(node.items)) ? 'list' : 'json';
    case 'object': {
      if (node.properties) return 'object';
      const extra = node.additionalProperties;
      return typeof extra === 'object' && extra.type === 'string' ? 'text' : 'json';
    }
    default:
      return 'json';
  }
}

/** `['caption', 'en']` → `caption.en`; `['sources', 1]` → `sources[2]` (as the checker writes fields). */
export function fieldPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment + 1}]`;
    else out += (out === '' ? '' : '.') + segment;
  }
  return out;
}

/** A DOM id for a field's input (the problems list jumps to it). */
export function fieldId(path: Path): string {
  return `field-${fieldPath(path).replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}

export function getAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A copy of `data` with `value` at `path`; `undefined` removes the key (or the list item). */
export function setAt(data: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(data) ? [...(data as unknown[])] : [];
    const next = setAt(list[head], rest, value);
    if (next === undefined && rest.length === 0) list.splice(head, 1);
    else list[head] = next;
    return list;
  }
  const object =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? { ...(data as Record<string, unknown>) }
      : {};
  const next = setAt(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The kind of item a field names, when it is a reference (chosen from a picker). */
export function referenceKind(kind: ItemKind, path: Path): ItemKind | undefined {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += '[]';
    else key += (key === '' ? '' : '.') + segment;
  }
  return REFERENCE_FIELDS[kind][key];
}

/** The problems at a field, and those of fields inside it when `within`. */
export function problemsAt(problems: readonly FieldProblem[], path: Path, within = false): FieldProblem[] {
  const here = fieldPath(path);
  return problems.filter(
    (p) =>
      p.field === here ||
      (within && p.field !== undefined && (p.field.startsWith(`${here}.`) || p.field.startsWith(`${here}[`))),
  );
}

/**
 * The DOM id of the field a problem is about: the field itself when the form shows it, else the nearest
 * field around it (a problem at `events[2].title` is shown at `title`).
 */
export function targetFieldId(problem: FieldProblem, exists: (id: string) => boolean): string | null {
  let field = problem.field;
  while (field) {
    const id = `field-${field.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
    if (exists(id)) return id;
    const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
    field = cut > 0 ? field.slice(0, cut) : '';
  }
  return null;
}

/** A new value for a list item of this schema. */
export function emptyValue(node: SchemaNode | undefined): unknown {
  switch (shapeOf(node)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of node?.required ?? []) out[key] = emptyValue(node?.properties?.[key]);
      return out;
    }
    case 'list':
      return [];
    case 'text':
      return {};
    case 'number':
      return node?.minimum ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return node?.enum?.[0] ?? '';
    default:
      return '';
  }
}
