/**
 * Which items name which (the fields in REFERENCE_FIELDS, and photo embeds `![](photo:<id>)` in story
 * texts), and the edit plans of a rename and a delete, over the package's item files as text. Pure: texts
 * in, texts out; the shell (itemChanges.ts) reads the files, writes the plan in a crash-safe order and
 * keeps the history.
 *
 * A rename's plan has three steps, so that the kiosk's content is whole after each file written:
 * 1. `create`: the item under its new id, beside the old one (for a timeline event: a copy of the event
 *    right after it, in timeline.yaml);
 * 2. `update`: every file that names the old id, now naming the new one — YAML through the Document API
 *    (comments and formatting kept), story texts' photo embeds replaced byte for byte and nothing else;
 *    the file holding the old item (timeline.yaml for an event) comes last;
 * 3. `remove`: the old item's files.
 * Between any two files the old and the new item both exist, so no reference is ever left dangling.
 */
import type { ItemKind } from '../common/editorApi';
import { REFERENCE_FIELDS } from '../common/editorApi';
import type { EditorLink } from '../common/editorItems';
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import { editStoryFile, splitStoryFile, storyFileData } from './storyFile';
import { editYamlText, isPlainObject, yamlData } from './yamlEdit';

/** The package's item files as text, by package path (`people/x.yaml`, `stories/s/en.md`, `timeline.yaml`). */
export type PackageTexts = ReadonlyMap<string, string>;

type Key = string | number;

/** Which item a file is (null for timeline.yaml, which holds many, and for other files). Pure. */
export function itemOfFile(file: string): { kind: ItemKind; id: string; lang?: string } | null {
  let m = /^stories\/([a-z0-9-]+)\/([^/]+)\.md$/.exec(file);
  if (m) return { kind: 'story', id: m[1] ?? '', lang: m[2] ?? '' };
  m = /^(photos|people|diary)\/([a-z0-9-]+)\.yaml$/.exec(file);
  if (m)
    return {
      kind: ({ photos: 'photo', people: 'person', diary: 'diary' } as const)[m[1] as 'photos'],
      id: m[2] ?? '',
    };
  if (file === 'exhibit.yaml') return { kind: 'exhibit', id: 'exhibit' };
  return null;
}

/** The files that make an item, among `texts`. Pure. */
export function filesOfItem(texts: PackageTexts, kind: ItemKind, id: string): string[] {
  if (kind === 'timeline') return texts.has('timeline.yaml') ? ['timeline.yaml'] : [];
  return [...texts.keys()].filter((f) => {
    const it = itemOfFile(f);
    return it !== null && it.kind === kind && it.id === id;
  });
}

/** Every reference in one item's data: where, to what kind, which id. Pure. */
export function referenceSites(kind: ItemKind, data: unknown): { path: Key[]; kind: ItemKind; id: string }[] {
  const out: { path: Key[]; kind: ItemKind; id: string }[] = [];
  for (const [field, target] of Object.entries(REFERENCE_FIELDS[kind])) {
    const walk = (value: unknown, parts: string[], at: Key[]) => {
      if (parts.length === 0) {
        if (typeof value === 'string') out.push({ path: at, kind: target, id: value });
        return;
      }
      const [first, ...rest] = parts;
      const list = (first ?? '').endsWith('[]');
      const key = list ? (first ?? '').slice(0, -2) : (first ?? '');
      if (!isPlainObject(value)) return;
      const next = value[key];
      if (list) {
        if (Array.isArray(next)) next.forEach((v, i) => walk(v, rest, [...at, key, i]));
      } else walk(next, rest, [...at, key]);
    };
    walk(data, field.split('.'), []);
  }
  return out;
}

/** `related.people[2]` from a path: list positions counted from 1, as the checker names fields. Pure. */
export function fieldName(path: readonly Key[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k + 1}]` : i === 0 ? k : `.${k}`)).join('');
}

const EMBED = /(!\[[^\]\n]*\]\(\s*photo:)([a-z0-9]+(?:-[a-z0-9]+)*)(?=\s*\))/g;

/** The photo embeds of a story text: photo id and line (1-based, in the file). Pure. */
export function photoEmbeds(body: string, firstLine: number): { id: string; line: number }[] {
  const out: { id: string; line: number }[] = [];
  body.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(EMBED)) out.push({ id: m[2] ?? '', line: firstLine + i });
  });
  return out;
}

/** The body with every embed of photo `from` now naming `to`; every other byte as it was. Pure. */
export function renameEmbeds(body: string, from: string, to: string): string {
  return body.replace(EMBED, (whole, head: string, id: string) => (id === from ? `${head}${to}` : whole));
}

function parsed(text: string): unknown {
  try {
    return yamlData(text);
  } catch {
    return null; // A file with a YAML mistake names nothing; the checker reports it.
  }
}

/** Everything that names item `kind`/`id`, the item's own files left out. Pure. */
export function findLinks(texts: PackageTexts, kind: ItemKind, id: string): EditorLink[] {
  const links: EditorLink[] = [];
  for (const [file, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (file === 'timeline.yaml') {
      const data = parsed(text);
      const events = isPlainObject(data) && Array.isArray(data.events) ? data.events : [];
      for (const event of events) {
        if (!isPlainObject(event) || typeof event.id !== 'string') continue;
        if (kind === 'timeline' && event.id === id) continue;
        for (const s of referenceSites('timeline', event))
          if (s.kind === kind && s.id === id)
            links.push({ kind: 'timeline', id: event.id, field: fieldName(s.path), file });
      }
      continue;
    }
    const owner = itemOfFile(file);
    if (!owner || (owner.kind === kind && owner.id === id)) continue;
    if (owner.kind === 'story') {
      let data;
      try {
        data = storyFileData(text);
      } catch {
        continue;
      }
      const lang = owner.lang ?? '';
      for (const s of referenceSites('story', data))
        if (s.kind === kind && s.id === id)
          links.push({ kind: 'story', id: owner.id, field: `${lang}.${fieldName(s.path)}`, file });
      if (kind === 'photo') {
        const parts = splitStoryFile(text);
        const firstLine = parts ? (parts.head + parts.front + parts.close).split('\n').length : 1;
        for (const e of photoEmbeds(data.body, firstLine))
          if (e.id === id)
            links.push({ kind: 'story', id: owner.id, field: `${lang}.body`, file, line: e.line });
      }
      continue;
    }
    const data = parsed(text);
    for (const s of referenceSites(owner.kind, data))
      if (s.kind === kind && s.id === id)
        links.push({ kind: owner.kind, id: owner.id, field: fieldName(s.path), file });
  }
  return links;
}

function setAt(data: unknown, path: readonly Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [first, ...rest] = path;
  if (Array.isArray(data) && typeof first === 'number') {
    const copy = [...data];
    copy[first] = setAt(copy[first], rest, value);
    return copy;
  }
  const obj = isPlainObject(data) ? data : {};
  return { ...obj, [String(first)]: setAt(obj[String(first)], rest, value) };
}

/** `data` with every reference to `kind`/`from` naming `to`. Pure. */
function renameInData(owner: ItemKind, data: unknown, kind: ItemKind, from: string, to: string): unknown {
  let out = data;
  for (const s of referenceSites(owner, data))
    if (s.kind === kind && s.id === from) out = setAt(out, s.path, to);
  return out;
}

/** A file's text with every reference to `kind`/`from` naming `to` (the same text when none). Pure. */
export function renameReferencesInFile(
  file: string,
  text: string,
  kind: ItemKind,
  from: string,
  to: string,
): string {
  if (file === 'timeline.yaml') {
    const data = parsed(text);
    if (!isPlainObject(data) || !Array.isArray(data.events)) return text;
    const events = data.events.map((e) => renameInData('timeline', e, kind, from, to));
    return editYamlText(text, { ...data, events });
  }
  const owner = itemOfFile(file);
  if (!owner) return text;
  if (owner.kind === 'story') {
    let data;
    try {
      data = storyFileData(text);
    } catch {
      return text;
    }
    const { body, ...front } = data;
    const newFront = renameInData('story', front, kind, from, to) as Record<string, unknown>;
    const newBody = kind === 'photo' ? renameEmbeds(body, from, to) : body;
    if (newBody === body && JSON.stringify(newFront) === JSON.stringify(front)) return text;
    return editStoryFile(text, { ...newFront, body: newBody });
  }
  const data = parsed(text);
  if (data === null) return text;
  const next = renameInData(owner.kind, data, kind, from, to);
  return next === data ? text : editYamlText(text, next);
}

/** timeline.yaml's document and its list of events. */
function eventsOf(text: string) {
  const doc = parseDocument(text);
  const events = doc.get('events', true) as Node | undefined;
  if (doc.errors.length > 0 || !isSeq(events))
    throw new Error('timeline.yaml has no readable list of events');
  return { doc, events };
}

const TO_STRING = { lineWidth: 0, minContentWidth: 0, indent: 2, flowCollectionPadding: false } as const;

/** timeline.yaml with a copy of event `from` right after it, the copy's id `to`. Pure. */
export function copyTimelineEvent(text: string, from: string, to: string): string {
  const { doc, events } = eventsOf(text);
  const index = events.items.findIndex((n) => isMap(n) && n.get('id') === from);
  if (index < 0) throw new Error(`there is no timeline event "${from}"`);
  const copy = (events.items[index] as Node).clone() as Node;
  if (isMap(copy)) copy.set('id', to);
  events.items.splice(index + 1, 0, copy);
  return doc.toString(TO_STRING);
}

/** timeline.yaml without event `id`; everything else as it was. Pure. */
export function removeTimelineEvent(text: string, id: string): string {
  const { doc, events } = eventsOf(text);
  const index = events.items.findIndex((n) => isMap(n) && n.get('id') === id);
  if (index < 0) return text;
  events.items.splice(index, 1);
  return doc.toString(TO_STRING);
}

/** timeline.yaml with a new event at the end of its list. Pure. */
export function appendTimelineEvent(text: string, event: unknown): string {
  const { doc, events } = eventsOf(text);
  events.items.push(doc.createNode(event) as Node);
  return doc.toString(TO_STRING);
}

export interface RenamePlan {
  /** Step 1: new files (package path → text), the item under its new id. */
  create: Map<string, string>;
  /** Step 1 for a timeline event: timeline.yaml with the copy beside the old event. */
  createTimeline?: string;
  /** Step 2: files whose references change, in the order to write them (the old item's own file last). */
  update: [string, string][];
  /** Step 3: the old item's files. */
  remove: string[];
}

/** The plan of renaming `kind`/`from` to `to` over the package's texts. Pure; throws on a bad item. */
export function planRename(texts: PackageTexts, kind: ItemKind, from: string, to: string): RenamePlan {
  const plan: RenamePlan = { create: new Map(), update: [], remove: [] };
  if (kind === 'timeline') {
    const text = texts.get('timeline.yaml');
    if (text === undefined) throw new Error('there is no timeline.yaml');
    plan.createTimeline = copyTimelineEvent(text, from, to);
    for (const [file, old] of texts) {
      if (file === 'timeline.yaml') continue;
      const next = renameReferencesInFile(file, old, kind, from, to);
      if (next !== old) plan.update.push([file, next]);
    }
    // Last: the final timeline.yaml, the event renamed in place (not the copy) and its links renamed.
    const renamed = renameReferencesInFile('timeline.yaml', renameEventId(text, from, to), kind, from, to);
    plan.update.sort(([a], [b]) => (a < b ? -1 : 1));
    plan.update.push(['timeline.yaml', renamed]);
    return plan;
  }
  const own = filesOfItem(texts, kind, from);
  if (own.length === 0) throw new Error(`there is no ${kind} "${from}"`);
  for (const file of own) {
    const newFile = newFileName(file, kind, from, to);
    // The item's own references to itself (a story related to itself) follow it.
    plan.create.set(newFile, renameReferencesInFile(file, texts.get(file) ?? '', kind, from, to));
  }
  for (const [file, old] of texts) {
    if (own.includes(file)) continue;
    const next = renameReferencesInFile(file, old, kind, from, to);
    if (next !== old) plan.update.push([file, next]);
  }
  plan.update.sort(([a], [b]) => (a < b ? -1 : 1));
  plan.remove = own;
  return plan;
}

function newFileName(file: string, kind: ItemKind, from: string, to: string): string {
  if (kind === 'story') return file.replace(`stories/${from}/`, `stories/${to}/`);
  return file.replace(new RegExp(`/${from}\\.yaml$`), `/${to}.yaml`);
}

function renameEventId(text: string, from: string, to: string): string {
  const { doc, events } = eventsOf(text);
  const node = events.items.find((n) => isMap(n) && n.get('id') === from);
  if (!node || !isMap(node)) throw new Error(`there is no timeline event "${from}"`);
  const id = node.get('id', true) as Node;
  if (id && 'value' in id) (id as { value: unknown }).value = to;
  return doc.toString(TO_STRING);
}
