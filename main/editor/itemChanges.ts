/**
 * Adding, deleting and renaming items, and bringing a deleted one back (issue 14). Only a curator may.
 *
 * - **Add**: the new item is written only when the checker accepts it: the form is checked by the schema
 *   first (nothing written), then the files are written and the checker runs; if it finds an error in the
 *   new item, the files are taken away again and the errors shown at their fields. A half-filled item never
 *   sits in the package, so the package stays publishable at every moment (a curator who copies the folder
 *   onto the kiosk mid-work copies nothing broken).
 * - **Delete**: refused while anything names the item (the answer lists each link, to be changed first);
 *   otherwise the item's files (a photo's image and a diary excerpt's narration too, when no other item
 *   names them: itemMedia.ts) are kept in the history
 *   with `action: delete`, then removed — a story folder first renamed to a hidden name, so the kiosk sees
 *   the whole story or none of it. The deleted items are listed and can be brought back.
 * - **Rename**: the plan of links.ts, written new → references → old removed, every file kept in the
 *   history first; at any moment of a crash the package is whole (both ids exist for a while).
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { EditorItem, EditorRole, EditorSaveResult, ItemKind } from '../common/editorApi';
import type {
  EditorChangeResult,
  EditorDeletedEntry,
  EditorLink,
  EditorNewItem,
} from '../common/editorItems';
import { writeFileAtomically } from '../files/atomicWrite';
import { findInside } from '../files/safePath';
import { HISTORY_FOLDER, keepVersion, VERSION, versionRoot, type Meta } from './history';
import {
  badItemId,
  ItemError,
  itemDataFromFiles,
  itemFiles,
  listItemIds,
  readPackageFile,
  revisionOf,
  storyLanguageFiles,
  yamlFileOf,
} from './items';
import { appendTimelineEvent, findLinks, planRename, removeTimelineEvent, type PackageTexts } from './links';
import { filesOwnedAlone, ownedFiles } from './itemMedia';
import { KIND_WORD, newItemData, newItemId } from './newItem';
import { validateItem } from './validateItem';
import { editStoryFile, type StoryVersionData } from './storyFile';
import { isPlainObject, newYamlText } from './yamlEdit';

export interface ItemChangeHooks {
  root: string;
  now(): number;
  oneAtATime<T>(work: () => Promise<T>): Promise<T>;
  languages(): Promise<{ languages: string[]; defaultLanguage: string }>;
  schemas(): Record<ItemKind, unknown>;
  /** The item as read now; `fresh` runs the checker again first. */
  readItem(kind: ItemKind, id: string, fresh?: boolean): Promise<EditorItem>;
  /** Runs the checker again (after files were taken back). */
  recheck(): Promise<void>;
  /** Shows the change in the kiosk preview (beside the answer). */
  reloadPreview(): void;
}

export interface ItemChanges {
  newItem(kind: ItemKind, title: string, id: string): Promise<EditorNewItem>;
  create(actor: { role: EditorRole }, kind: ItemKind, id: string, data: unknown): Promise<EditorSaveResult>;
  links(kind: ItemKind, id: string): Promise<EditorLink[]>;
  remove(
    actor: { role: EditorRole },
    kind: ItemKind,
    id: string,
    revision: string,
  ): Promise<EditorChangeResult>;
  rename(
    actor: { role: EditorRole },
    kind: ItemKind,
    id: string,
    newId: string,
    revision: string,
  ): Promise<EditorChangeResult>;
  deleted(): Promise<EditorDeletedEntry[]>;
  undelete(actor: { role: EditorRole }, version: string): Promise<EditorSaveResult>;
}

const ONLY_CURATOR = 'Only a curator adds, renames or deletes items.';

/** Every item file of the package as text: the YAML items, timeline.yaml, exhibit.yaml and story files. */
export async function readPackageTexts(root: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const add = async (file: string) => {
    const bytes = await readPackageFile(root, file);
    if (bytes) texts.set(file, bytes.toString('utf8'));
  };
  for (const { kind, id } of await listItemIds(root)) {
    if (kind === 'story') for (const f of await storyLanguageFiles(root, id)) await add(f);
    else if (kind !== 'timeline') await add(yamlFileOf(kind, id));
  }
  await add('timeline.yaml');
  return texts;
}

/** The ids of a kind in use (timeline events by their id in timeline.yaml). */
async function takenIds(root: string, kind: ItemKind): Promise<Set<string>> {
  const ids = new Set((await listItemIds(root)).filter((i) => i.kind === kind).map((i) => i.id));
  // A story folder or a YAML file that the list leaves out (no language file yet) still takes its name.
  if (kind === 'story' && (await findInside(root, 'stories', 'folder')).ok) {
    const found = await findInside(root, 'stories', 'folder');
    if (found.ok) for (const name of await readdir(found.real)) ids.add(name);
  }
  return ids;
}

async function writeInside(root: string, file: string, bytes: string | Uint8Array): Promise<void> {
  const [top, ...rest] = file.split('/');
  const folder = await findInside(root, top ?? '', 'folder');
  if (!folder.ok) throw new ItemError(400, `${top} is not a folder of the package`);
  await writeFileAtomically(path.join(folder.real, ...rest), bytes, { makeFolder: rest.length > 1 });
}

async function writeTop(root: string, file: string, text: string): Promise<void> {
  const real = await findInside(root, file);
  if (!real.ok) throw new ItemError(400, `${file} cannot be written (${real.reason})`);
  await writeFileAtomically(real.real, text);
}

/** Removes a story folder in one step for the kiosk: renamed to a hidden name, then deleted. */
async function removeStoryFolder(root: string, id: string): Promise<void> {
  const found = await findInside(root, `stories/${id}`, 'folder');
  if (!found.ok) return;
  const hidden = path.join(path.dirname(found.real), `.removed-${id}-${randomBytes(4).toString('hex')}`);
  await rename(found.real, hidden);
  await rm(hidden, { recursive: true, force: true });
}

async function removeFile(root: string, file: string): Promise<void> {
  const found = await findInside(root, file);
  if (found.ok) await unlink(found.real);
}

/** Every regular file of a story folder (language files and anything beside them), by package path. */
async function storyFolderFiles(root: string, id: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const found = await findInside(root, `stories/${id}`, 'folder');
  if (!found.ok) return out;
  for (const e of await readdir(found.real, { withFileTypes: true }))
    if (e.isFile()) out.set(`stories/${id}/${e.name}`, await readFile(path.join(found.real, e.name)));
  return out;
}

function titleOf(kind: ItemKind, data: unknown, defaultLanguage: string): Record<string, string> {
  const d = isPlainObject(data) ? data : {};
  const pick = (v: unknown): Record<string, string> =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  switch (kind) {
    case 'story': {
      const out: Record<string, string> = {};
      for (const [lang, v] of Object.entries(d))
        if (isPlainObject(v) && typeof v.title === 'string') out[lang] = v.title;
      return out;
    }
    case 'photo':
      return pick(d.caption);
    case 'person':
      return pick(d.name);
    case 'diary': {
      const text = pick(d.text)[defaultLanguage] ?? '';
      return { [defaultLanguage]: text.length > 80 ? `${text.slice(0, 78)}…` : text };
    }
    default:
      return pick(d.title);
  }
}

export function createItemChanges(hooks: ItemChangeHooks): ItemChanges {
  const { root } = hooks;

  /** The new files of an item (package path → bytes), or for an event the new timeline.yaml. */
  const filesOfNewItem = async (
    kind: ItemKind,
    id: string,
    data: unknown,
  ): Promise<Map<string, string | Uint8Array>> => {
    const out = new Map<string, string | Uint8Array>();
    if (kind === 'story') {
      for (const [lang, version] of Object.entries(data as Record<string, StoryVersionData>))
        out.set(`stories/${id}/${lang}.md`, editStoryFile(null, version));
    } else if (kind === 'timeline') {
      const text = (await readPackageFile(root, 'timeline.yaml'))?.toString('utf8') ?? 'events: []\n';
      out.set('timeline.yaml', appendTimelineEvent(text, data));
    } else {
      out.set(yamlFileOf(kind, id), newYamlText(data));
    }
    return out;
  };

  /**
   * Writes a new item's files, runs the checker, and takes them away again when it finds an error in the
   * item (its problems returned). `extra` are files that belong to it (a photo's image, on undelete).
   */
  const writeChecked = async (
    kind: ItemKind,
    id: string,
    files: Map<string, string | Uint8Array>,
  ): Promise<EditorSaveResult> => {
    const before = new Map<string, Buffer | null>();
    for (const file of files.keys()) before.set(file, await readPackageFile(root, file));
    for (const [file, bytes] of files)
      if (file === 'timeline.yaml') await writeTop(root, file, String(bytes));
      else await writeInside(root, file, bytes);
    const item = await hooks.readItem(kind, id, true);
    const errors = item.problems.filter((p) => p.severity === 'error');
    if (errors.length === 0) {
      hooks.reloadPreview();
      return { status: 'saved', item };
    }
    // Take it back: the package is as it was before.
    for (const [file, old] of before) {
      if (old) await writeTop(root, file, old.toString('utf8'));
      else await removeFile(root, file);
    }
    if (kind === 'story') await removeStoryFolder(root, id);
    await hooks.recheck();
    return {
      status: 'invalid',
      message: 'Nothing was added: the checker found mistakes in the new item. Correct the fields marked.',
      problems: errors,
    };
  };

  const create = (actor: { role: EditorRole }, kind: ItemKind, id: string, data: unknown) =>
    hooks.oneAtATime(async (): Promise<EditorSaveResult> => {
      if (actor.role !== 'curator') return { status: 'forbidden', message: ONLY_CURATOR };
      const taken = await takenIds(root, kind);
      const chosen = newItemId(kind, '', id, taken);
      if (!chosen.ok) return { status: 'invalid', message: chosen.message, problems: [] };
      const invalid = validateItem(kind, id, data, {
        yamlFile: kind === 'story' ? '' : yamlFileOf(kind, id),
        storyFolder: `stories/${id}`,
      });
      const { languages } = await hooks.languages();
      if (kind === 'story' && isPlainObject(data))
        for (const lang of Object.keys(data))
          if (!languages.includes(lang))
            throw new ItemError(422, `"${lang}" is not one of the exhibit's languages`);
      if (kind === 'photo' && isPlainObject(data) && typeof data.file === 'string' && invalid.length === 0) {
        const image = await findInside(root, `photos/${data.file}`);
        if (!image.ok)
          invalid.push({
            severity: 'error',
            field: 'file',
            message: `there is no image photos/${data.file}: put the image file in the photos folder first`,
            code: 'missing-file',
            file: yamlFileOf('photo', id),
          });
      }
      if (invalid.length > 0)
        return {
          status: 'invalid',
          message: 'Nothing was added: correct the fields marked.',
          problems: invalid,
        };
      return writeChecked(kind, id, await filesOfNewItem(kind, id, data));
    });

  const remove = (actor: { role: EditorRole }, kind: ItemKind, id: string, revision: string) =>
    hooks.oneAtATime(async (): Promise<EditorChangeResult> => {
      if (actor.role !== 'curator') return { status: 'forbidden', message: ONLY_CURATOR };
      if (kind === 'exhibit') return { status: 'forbidden', message: 'exhibit.yaml cannot be deleted.' };
      const files = await itemFiles(root, kind, id);
      if (revisionOf(files) !== revision)
        return {
          status: 'conflict',
          message: 'This item was changed on disk after you opened it. Nothing was deleted.',
        };
      const data = itemDataFromFiles(kind, id, files);
      const texts = await readPackageTexts(root);
      const links = findLinks(texts, kind, id);
      if (links.length > 0)
        return {
          status: 'linked',
          message: `Nothing was deleted: ${links.length === 1 ? 'one place still names' : `${links.length} places still name`} this ${KIND_WORD[kind]}. Change ${links.length === 1 ? 'it' : 'them'} first.`,
          links,
        };
      const kept = kind === 'story' ? await storyFolderFiles(root, id) : new Map(files);
      // A photo's image and a diary excerpt's narration go with it, unless another item names the same file.
      const media: string[] = [];
      const owned =
        kind === 'photo' || kind === 'diary'
          ? filesOwnedAlone(texts, yamlFileOf(kind, id), ownedFiles(kind, data))
          : [];
      for (const file of owned) {
        const bytes = await readPackageFile(root, file);
        if (!bytes) continue;
        kept.set(file, bytes);
        media.push(file);
      }
      const { defaultLanguage } = await hooks.languages();
      const version = await keepVersion(root, { kind, id }, 'curator', kept, hooks.now(), {
        action: 'delete',
        title: titleOf(kind, data, defaultLanguage),
      });
      if (kind === 'timeline') {
        const text = texts.get('timeline.yaml') ?? '';
        await writeTop(root, 'timeline.yaml', removeTimelineEvent(text, id));
      } else if (kind === 'story') {
        await removeStoryFolder(root, id);
      } else {
        // The YAML file first: an image without its photo file is only a warning; the reverse is an error.
        await removeFile(root, yamlFileOf(kind, id));
        for (const file of media) await removeFile(root, file);
      }
      await hooks.recheck();
      hooks.reloadPreview();
      return { status: 'deleted', kind, id, version };
    });

  const renameItem = (
    actor: { role: EditorRole },
    kind: ItemKind,
    id: string,
    newId: string,
    revision: string,
  ) =>
    hooks.oneAtATime(async (): Promise<EditorChangeResult> => {
      if (actor.role !== 'curator') return { status: 'forbidden', message: ONLY_CURATOR };
      if (kind === 'exhibit') return { status: 'forbidden', message: 'The exhibit item keeps its name.' };
      if (newId === id)
        return { status: 'invalid', message: 'The new id is the same as the old one.', problems: [] };
      const files = await itemFiles(root, kind, id);
      if (revisionOf(files) !== revision)
        return {
          status: 'conflict',
          message: 'This item was changed on disk after you opened it. Nothing was renamed.',
        };
      itemDataFromFiles(kind, id, files); // 404 for an item that is not there
      const chosen = newItemId(kind, '', newId, await takenIds(root, kind));
      if (!chosen.ok) return { status: 'invalid', message: chosen.message, problems: [] };
      const texts: PackageTexts = await readPackageTexts(root);
      const plan = planRename(texts, kind, id, newId);
      const touched = new Map<string, Buffer>();
      for (const file of [...plan.update.map(([f]) => f), ...plan.remove]) {
        const bytes = await readPackageFile(root, file);
        if (bytes) touched.set(file, bytes);
      }
      if (kind === 'story') for (const [f, b] of await storyFolderFiles(root, id)) touched.set(f, b);
      await keepVersion(root, { kind, id }, 'curator', touched, hooks.now(), { action: 'rename', newId });
      // 1. The item under its new id, beside the old one.
      for (const [file, text] of plan.create) await writeInside(root, file, text);
      if (kind === 'story')
        for (const [file, bytes] of await storyFolderFiles(root, id))
          if (!file.endsWith('.md'))
            await writeInside(root, file.replace(`stories/${id}/`, `stories/${newId}/`), bytes);
      if (plan.createTimeline !== undefined) await writeTop(root, 'timeline.yaml', plan.createTimeline);
      // 2. Every reference, one file at a time (each written whole).
      for (const [file, text] of plan.update)
        if (file === 'timeline.yaml' || file === 'exhibit.yaml') await writeTop(root, file, text);
        else await writeInside(root, file, text);
      // 3. The old item.
      if (kind === 'story') await removeStoryFolder(root, id);
      else if (kind !== 'timeline') for (const file of plan.remove) await removeFile(root, file);
      const item = await hooks.readItem(kind, newId, true);
      hooks.reloadPreview();
      return {
        status: 'renamed',
        item,
        changedFiles: [
          ...plan.create.keys(),
          ...plan.update.map(([f]) => f),
          ...(kind === 'timeline' ? [] : plan.remove),
        ],
      };
    });

  const deletedMetas = async (): Promise<(Meta & { version: string })[]> => {
    const found = await findInside(root, HISTORY_FOLDER, 'folder');
    if (!found.ok) return [];
    const out: (Meta & { version: string })[] = [];
    for (const version of (await readdir(found.real))
      .filter((v) => VERSION.test(v))
      .sort()
      .reverse()) {
      try {
        const meta = JSON.parse(await readFile(path.join(found.real, version, 'meta.json'), 'utf8')) as Meta;
        if (meta.action === 'delete') out.push({ ...meta, version });
      } catch {
        // not listed
      }
    }
    return out;
  };

  return {
    async newItem(kind, title, typedId) {
      const chosen = newItemId(kind, title, typedId, await takenIds(root, kind));
      if (!chosen.ok) return chosen;
      const { defaultLanguage } = await hooks.languages();
      return {
        ok: true,
        kind,
        id: chosen.id,
        data: newItemData(kind, chosen.id, title.trim(), hooks.schemas()[kind], defaultLanguage),
      };
    },
    create,
    async links(kind, id) {
      const bad = badItemId(kind, id);
      if (bad) throw new ItemError(400, bad);
      return findLinks(await readPackageTexts(root), kind, id);
    },
    remove,
    rename: renameItem,
    async deleted() {
      const live = new Set((await listItemIds(root)).map((i) => `${i.kind}:${i.id}`));
      return (await deletedMetas())
        .filter((m) => m.kind !== 'settings' && !live.has(`${m.kind}:${m.id}`))
        .map((m) => ({
          version: m.version,
          kind: m.kind as ItemKind,
          id: m.id,
          deletedAt: m.savedAt,
          title: m.title ?? {},
        }));
    },
    undelete: (actor, version) =>
      hooks.oneAtATime(async (): Promise<EditorSaveResult> => {
        if (actor.role !== 'curator') return { status: 'forbidden', message: ONLY_CURATOR };
        const meta = (await deletedMetas()).find((m) => m.version === version);
        const from = await versionRoot(root, version);
        if (!meta || !from || meta.kind === 'settings')
          throw new ItemError(404, 'there is no such deleted item');
        const kind = meta.kind;
        if ((await takenIds(root, kind)).has(meta.id))
          return {
            status: 'invalid',
            message: `The id "${meta.id}" is taken again by another ${KIND_WORD[kind]}: rename that one first.`,
            problems: [],
          };
        const files = new Map<string, string | Uint8Array>();
        if (kind === 'timeline') {
          const old = itemDataFromFiles('timeline', meta.id, await itemFiles(from, 'timeline', meta.id));
          for (const [f, b] of await filesOfNewItem('timeline', meta.id, old)) files.set(f, b);
        } else {
          for (const file of meta.files) {
            const bytes = await readPackageFile(from, file);
            if (bytes) files.set(file, bytes);
          }
        }
        // The image before the photo file that names it.
        const ordered = new Map(
          [...files].sort(([a], [b]) => Number(a.endsWith('.yaml')) - Number(b.endsWith('.yaml'))),
        );
        return writeChecked(kind, meta.id, ordered);
      }),
  };
}
