/**
 * The items of an exhibit package as the editor sees them: which files make an item, reading an item's
 * data and revision (a hash of its files' bytes), and placing the checker's problems at an item's field.
 * Reads go through main/files/safePath.ts, so a link out of the package is never followed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { FieldProblem, ItemKind } from '../common/editorApi';
import { findInside } from '../files/safePath';
import { KEBAB_CASE } from '../content/schema';
import type { Problem } from '../content/problems';
import { storyFileData } from './storyFile';
import { isPlainObject, yamlData } from './yamlEdit';

/** A language tag as a file name may carry it: letters, digits and hyphens only. */
const LANGUAGE_FILE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export class ItemError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** Why an id cannot name an item, or null. Traversal (`..`, `/`, `\`, `%2e`) never passes. */
export function badItemId(kind: ItemKind, id: string): string | null {
  if (kind === 'exhibit') return id === 'exhibit' ? null : 'the exhibit item is called "exhibit"';
  return KEBAB_CASE.test(id) && id.length <= 120
    ? null
    : 'an id uses only lowercase letters a–z, digits and single hyphens';
}

/** The YAML file of a one-file item (all but stories). */
export function yamlFileOf(kind: Exclude<ItemKind, 'story'>, id: string): string {
  switch (kind) {
    case 'photo':
      return `photos/${id}.yaml`;
    case 'person':
      return `people/${id}.yaml`;
    case 'diary':
      return `diary/${id}.yaml`;
    case 'timeline':
      return 'timeline.yaml';
    case 'exhibit':
      return 'exhibit.yaml';
  }
}

/** A file of the package as bytes, or null when it is missing; refuses anything outside the package. */
export async function readPackageFile(root: string, relative: string): Promise<Buffer | null> {
  const found = await findInside(root, relative);
  if (!found.ok) {
    if (found.reason === 'missing') return null;
    throw new ItemError(400, `${relative} cannot be read (${found.reason})`);
  }
  return readFile(found.real);
}

/** The language files of a story (`en.md`, …), sorted. */
export async function storyLanguageFiles(root: string, id: string): Promise<string[]> {
  const folder = await findInside(root, `stories/${id}`, 'folder');
  if (!folder.ok) return [];
  const entries = await readdir(folder.real, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && LANGUAGE_FILE.test(e.name.slice(0, -3)))
    .map((e) => `stories/${id}/${e.name}`)
    .sort();
}

export function isLanguageFileName(lang: string): boolean {
  return LANGUAGE_FILE.test(lang);
}

/** The bytes of an item's files, by package path (missing files left out). */
export async function itemFiles(root: string, kind: ItemKind, id: string): Promise<Map<string, Buffer>> {
  const bad = badItemId(kind, id);
  if (bad) throw new ItemError(400, bad);
  const names = kind === 'story' ? await storyLanguageFiles(root, id) : [yamlFileOf(kind, id)];
  const files = new Map<string, Buffer>();
  for (const name of names) {
    const bytes = await readPackageFile(root, name);
    if (bytes) files.set(name, bytes);
  }
  return files;
}

/** A hash of the files' names and bytes: any change on disk gives another revision. Pure. */
export function revisionOf(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) {
    hash
      .update(name)
      .update('\0')
      .update(files.get(name) ?? new Uint8Array())
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** The editor's data of an item from its files' bytes. Pure; throws ItemError(404/422). */
export function itemDataFromFiles(kind: ItemKind, id: string, files: ReadonlyMap<string, Buffer>): unknown {
  if (files.size === 0) throw new ItemError(404, `there is no ${kind} "${id}"`);
  try {
    if (kind === 'story') {
      const data: Record<string, unknown> = {};
      for (const [name, bytes] of files) {
        const lang = name.slice(name.lastIndexOf('/') + 1, -3);
        data[lang] = storyFileData(bytes.toString('utf8'));
      }
      return data;
    }
    const text = [...files.values()][0]?.toString('utf8') ?? '';
    const data = yamlData(text);
    if (kind !== 'timeline') return data;
    const event = timelineEvents(data).find((e) => e.id === id);
    if (!event) throw new ItemError(404, `there is no timeline event "${id}"`);
    return event;
  } catch (error) {
    if (error instanceof ItemError) throw error;
    throw new ItemError(422, `the file cannot be read as an item: ${(error as Error).message}`);
  }
}

/** The events of timeline.yaml's data (an empty list when it has none). */
export function timelineEvents(data: unknown): Record<string, unknown>[] {
  const events = isPlainObject(data) ? data.events : undefined;
  return Array.isArray(events) ? events.filter(isPlainObject) : [];
}

/** Every item of the package: its kind and id. */
export async function listItemIds(root: string): Promise<{ kind: ItemKind; id: string }[]> {
  const out: { kind: ItemKind; id: string }[] = [];
  const names = async (folder: string, dirs: boolean) => {
    const found = await findInside(root, folder, 'folder');
    if (!found.ok) return [];
    const entries = await readdir(found.real, { withFileTypes: true });
    return entries
      .filter((e) => !e.name.startsWith('.') && (dirs ? e.isDirectory() : e.isFile()))
      .map((e) => e.name)
      .sort();
  };
  for (const id of await names('stories', true)) if (KEBAB_CASE.test(id)) out.push({ kind: 'story', id });
  for (const [kind, folder] of [
    ['diary', 'diary'],
    ['photo', 'photos'],
    ['person', 'people'],
  ] as const) {
    for (const name of await names(folder, false)) {
      const id = name.endsWith('.yaml') ? name.slice(0, -5) : '';
      if (KEBAB_CASE.test(id)) out.push({ kind, id });
    }
  }
  const timeline = await readPackageFile(root, 'timeline.yaml');
  if (timeline) {
    try {
      for (const e of timelineEvents(yamlData(timeline.toString('utf8'))))
        if (typeof e.id === 'string' && KEBAB_CASE.test(e.id)) out.push({ kind: 'timeline', id: e.id });
    } catch {
      // A timeline.yaml that cannot be read shows its problem in the list of other problems.
    }
  }
  if (await readPackageFile(root, 'exhibit.yaml')) out.push({ kind: 'exhibit', id: 'exhibit' });
  return out;
}

/**
 * Which item a checker problem belongs to, and at which field of the item's data. Pure.
 * `timelineIds` are the timeline's event ids in file order (`events[3]` is the third).
 */
export function placeProblem(
  p: Problem,
  timelineIds: readonly string[],
): { kind: ItemKind; id: string; problem: FieldProblem } | null {
  const base: FieldProblem = {
    severity: p.severity,
    message: p.message,
    code: p.code,
    file: p.file,
    ...(p.field !== undefined ? { field: p.field } : {}),
    ...(p.line !== undefined ? { line: p.line } : {}),
  };
  let m = /^stories\/([a-z0-9-]+)\/([^/]+)\.md$/.exec(p.file);
  if (m) {
    const field = `${m[2]}.${p.field ?? 'body'}`;
    return { kind: 'story', id: m[1] ?? '', problem: { ...base, field } };
  }
  m = /^stories\/([a-z0-9-]+)\/?$/.exec(p.file);
  if (m) return { kind: 'story', id: m[1] ?? '', problem: base };
  m = /^(photos|people|diary)\/([a-z0-9-]+)\.[a-z0-9]+$/.exec(p.file);
  if (m) {
    const kind = ({ photos: 'photo', people: 'person', diary: 'diary' } as const)[m[1] as 'photos'];
    return { kind, id: m[2] ?? '', problem: base };
  }
  if (p.file === 'exhibit.yaml') return { kind: 'exhibit', id: 'exhibit', problem: base };
  if (p.file === 'timeline.yaml') {
    m = /^events\[(\d+)\](?:\.(.*))?$/.exec(p.field ?? '');
    const id = m ? timelineIds[Number(m[1]) - 1] : undefined;
    if (!m || !id) return null;
    const { field: _whole, ...rest } = base;
    return { kind: 'timeline', id, problem: m[2] ? { ...rest, field: m[2] } : rest };
  }
  return null;
}
