/**
 * The exhibit editor's service (issue 14): the overview with badges, reading and saving one item, its
 * history, and the device settings. Plain Node over real files; the routes (main/backend/editorRoute.ts)
 * add sessions, HTTP and the access checks.
 *
 * A save: the item's files are read again and their revision compared with the one the editor was based
 * on (changed on disk → conflict, both versions returned, nothing written); the role decides whether the
 * change is theirs to make; the one zod schema (and the checker's Markdown rules for story bodies) must
 * pass (→ problems by field path, nothing written); then the previous bytes are kept in the history and
 * the new text is written atomically, edited through the YAML Document API. Then the checker runs again
 * and the item's problems are returned with their field paths. Saves run one at a time.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type {
  EditorHistoryEntry,
  EditorItem,
  EditorOverview,
  EditorRole,
  EditorSaveResult,
  EditorSettingsDoc,
  FieldProblem,
  ItemKind,
  ItemSummary,
} from '../common/editorApi';
import { ITEM_KINDS } from '../common/editorApi';
import { kioskSettingsSchema } from '../common/settings';
import { loadSettings, SETTINGS_FILE } from '../config/settings';
import { formatField, type Problem } from '../content/problems';
import { storyFrontMatterSchema } from '../content/schema';
import { describeIssue } from '../content/validate';
import { writeFileAtomically } from '../files/atomicWrite';
import { findInside } from '../files/safePath';
import { keepVersion, listVersions, versionRoot } from './history';
import { createItemChanges, type ItemChanges } from './itemChanges';
import {
  isLanguageFileName,
  ItemError,
  itemDataFromFiles,
  itemFiles,
  listItemIds,
  placeProblem,
  revisionOf,
  timelineEvents,
  yamlFileOf,
} from './items';
import { mayEditContent, mayEditSettings } from './roles';
import { createUploads, type Uploads } from './upload';
import { editStoryFile, type StoryVersionData } from './storyFile';
import { SCHEMA_OF, validateItem } from './validateItem';
import { editYamlText, isPlainObject, newYamlText, yamlData } from './yamlEdit';

export interface EditorServiceOptions {
  contentDir: string;
  configDir: string;
  /** The checker: every problem of the package (the loader `npm run content:check` runs). */
  check(): Promise<Problem[]>;
  /** Thumbnail URLs of the photographs the kiosk has loaded, by photo id. */
  thumbnails(): ReadonlyMap<string, string>;
  /** After a save: show the new content in the kiosk preview. Resolves true when it was reloaded. */
  reloadPreview?(): Promise<boolean>;
  /** Where the kiosk's derivatives are (.media-cache/): with it, photographs can be uploaded. */
  derivedDir?: string;
  now?: () => number;
  log?: (message: string) => void;
}

export interface EditorActor {
  role: EditorRole;
  languages: readonly string[];
}

export interface EditorService {
  languages(): Promise<{ languages: string[]; defaultLanguage: string }>;
  overview(): Promise<EditorOverview>;
  item(kind: ItemKind, id: string): Promise<EditorItem>;
  save(
    actor: EditorActor,
    kind: ItemKind,
    id: string,
    revision: string,
    data: unknown,
  ): Promise<EditorSaveResult>;
  history(kind: ItemKind, id: string): Promise<EditorHistoryEntry[]>;
  restore(
    actor: EditorActor,
    kind: ItemKind,
    id: string,
    version: string,
    revision: string,
  ): Promise<EditorSaveResult>;
  /** Resolves once the preview has been reloaded after the last save (true when the content is good). */
  previewReady(): Promise<boolean>;
  settings(): Promise<EditorSettingsDoc>;
  saveSettings(actor: EditorActor, revision: string, data: unknown): Promise<EditorSaveResult>;
  /** Photograph uploads (main/editor/upload.ts); absent without a derivatives folder. */
  uploads?: Uploads;
  /** Adding, deleting and renaming items (main/editor/itemChanges.ts). */
  changes: ItemChanges;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** The JSON Schemas the form is made from, by kind (a story's is its front matter's; the body is added). */
export function itemSchemas(): Record<ItemKind, unknown> {
  return {
    story: jsonSchema(storyFrontMatterSchema),
    diary: jsonSchema(SCHEMA_OF.diary),
    photo: jsonSchema(SCHEMA_OF.photo),
    person: jsonSchema(SCHEMA_OF.person),
    timeline: jsonSchema(SCHEMA_OF.timeline),
    exhibit: jsonSchema(SCHEMA_OF.exhibit),
  };
}

/** The settings schema without the PIN hash (set only by `npm run set-pin`). */
export function settingsSchemaForForm(): unknown {
  const schema = jsonSchema(kioskSettingsSchema) as { properties?: Record<string, unknown> };
  if (schema.properties) delete schema.properties.staffPinHash;
  return schema;
}

/** Every string in a value, for the search. Pure. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) strings(v, out);
  return out;
}

function localized(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The languages missing from any text field (a map of language → text) of the data. Pure. */
export function missingLanguages(data: unknown, languages: readonly string[]): string[] {
  const missing = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      const isText =
        keys.length > 0 &&
        keys.some((k) => languages.includes(k)) &&
        Object.values(value).every((v) => typeof v === 'string');
      if (isText) {
        for (const l of languages) if (!(l in value)) missing.add(l);
      } else {
        Object.values(value).forEach(walk);
      }
    }
  };
  walk(data);
  return languages.filter((l) => missing.has(l));
}

/** An item's line in the overview. Pure. */
export function summarize(
  kind: ItemKind,
  id: string,
  data: unknown,
  context: {
    languages: readonly string[];
    problems: readonly FieldProblem[];
    thumbnails: ReadonlyMap<string, string>;
    placeholders: ReadonlySet<string>;
    timelineDrafts: readonly string[];
  },
): ItemSummary {
  const d = isPlainObject(data) ? data : {};
  let title: Record<string, string> = {};
  let drafts: string[] = Array.isArray(d.drafts)
    ? d.drafts.filter((x): x is string => typeof x === 'string')
    : [];
  let missing = missingLanguages(d, context.languages);
  let photo: unknown;
  let contentNote = d.contentNote !== undefined;
  switch (kind) {
    case 'story': {
      drafts = [];
      for (const [lang, v] of Object.entries(d)) {
        if (!isPlainObject(v)) continue;
        if (typeof v.title === 'string') title[lang] = v.title;
        if (v.draft === true) drafts.push(lang);
        if (v.contentNote !== undefined) contentNote = true;
        if (v.cover !== undefined && photo === undefined) photo = v.cover;
      }
      missing = context.languages.filter((l) => !(l in d));
      break;
    }
    case 'photo':
      title = localized(d.caption);
      photo = id;
      break;
    case 'person':
      title = localized(d.name);
      photo = d.portrait;
      break;
    case 'diary':
      title = Object.fromEntries(
        Object.entries(localized(d.text)).map(([l, t]) => [
          l,
          t.length > 90 ? `${t.slice(0, 88).trimEnd()}…` : t,
        ]),
      );
      photo = d.facsimile;
      break;
    case 'timeline':
      title = localized(d.title);
      drafts = [...context.timelineDrafts];
      break;
    case 'exhibit':
      title = localized(d.title);
      break;
  }
  const thumbnail = typeof photo === 'string' ? context.thumbnails.get(photo) : undefined;
  return {
    kind,
    id,
    title,
    ...(thumbnail ? { thumbnail } : {}),
    errors: context.problems.filter((p) => p.severity === 'error').length,
    warnings: context.problems.filter((p) => p.severity === 'warning').length,
    drafts,
    missing,
    placeholder: typeof photo === 'string' && context.placeholders.has(photo),
    contentNote,
    searchText: strings(d).join('\n').toLowerCase(),
  };
}

export function createEditorService(options: EditorServiceOptions): EditorService {
  const root = options.contentDir;
  const now = options.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let lastProblems: Problem[] | null = null;
  // The kiosk preview's reload after a save runs beside the answer: the save is on disk and rechecked
  // when it answers; the preview follows (a reload decodes every image and takes seconds).
  let previewReload: Promise<boolean> = Promise.resolve(true);

  const problems = async (fresh = false): Promise<Problem[]> => {
    if (fresh || lastProblems === null) lastProblems = await options.check();
    return lastProblems;
  };

  const timelineIds = async (): Promise<string[]> => {
    try {
      const text = await readFile(path.join(root, 'timeline.yaml'), 'utf8');
      return timelineEvents(yamlData(text)).map((e) => (typeof e.id === 'string' ? e.id : ''));
    } catch {
      return [];
    }
  };

  const problemsByItem = async (fresh = false) => {
    const ids = await timelineIds();
    const byItem = new Map<string, FieldProblem[]>();
    const other: FieldProblem[] = [];
    for (const p of await problems(fresh)) {
      const placed = placeProblem(p, ids);
      if (!placed) {
        other.push({
          severity: p.severity,
          message: p.message,
          code: p.code,
          file: p.file,
          ...(p.field ? { field: p.field } : {}),
        });
        continue;
      }
      const key = `${placed.kind}:${placed.id}`;
      byItem.set(key, [...(byItem.get(key) ?? []), placed.problem]);
    }
    return { byItem, other };
  };

  const languages = async () => {
    try {
      const data = yamlData(await readFile(path.join(root, 'exhibit.yaml'), 'utf8'));
      const d = isPlainObject(data) ? data : {};
      const list = Array.isArray(d.languages)
        ? d.languages.filter((l): l is string => typeof l === 'string')
        : [];
      const def = typeof d.defaultLanguage === 'string' ? d.defaultLanguage : (list[0] ?? 'en');
      return { languages: list.length > 0 ? list : [def], defaultLanguage: def };
    } catch {
      return { languages: ['en'], defaultLanguage: 'en' };
    }
  };

  const readItem = async (kind: ItemKind, id: string, fresh = false): Promise<EditorItem> => {
    const files = await itemFiles(root, kind, id);
    const data = itemDataFromFiles(kind, id, files);
    const { byItem } = await problemsByItem(fresh);
    return {
      kind,
      id,
      data,
      revision: revisionOf(files),
      problems: byItem.get(`${kind}:${id}`) ?? [],
      files: [...files.keys()],
    };
  };

  /** The new text of each file the save changes (package path → text). */
  const newTexts = (
    kind: ItemKind,
    id: string,
    files: ReadonlyMap<string, Buffer>,
    data: unknown,
    langs: readonly string[],
  ): Map<string, string> => {
    const out = new Map<string, string>();
    if (kind === 'story') {
      for (const [lang, version] of Object.entries(data as Record<string, StoryVersionData>)) {
        if (!isLanguageFileName(lang) || !langs.includes(lang))
          throw new ItemError(422, `"${lang}" is not one of the exhibit's languages`);
        const file = `stories/${id}/${lang}.md`;
        const old = files.get(file)?.toString('utf8') ?? null;
        const next = editStoryFile(old, version);
        if (next !== old) out.set(file, next);
      }
      return out;
    }
    const file = yamlFileOf(kind, id);
    const old = files.get(file)?.toString('utf8') ?? '';
    let whole = data;
    if (kind === 'timeline') {
      const current = yamlData(old);
      const events = timelineEvents(current).map((e) => (e.id === id ? data : e));
      whole = { ...(isPlainObject(current) ? current : {}), events };
    }
    const next = old === '' ? newYamlText(whole) : editYamlText(old, whole);
    if (next !== old) out.set(file, next);
    return out;
  };

  const save = (actor: EditorActor, kind: ItemKind, id: string, revision: string, data: unknown) =>
    oneAtATime(async (): Promise<EditorSaveResult> => {
      const files = await itemFiles(root, kind, id);
      if (revisionOf(files) !== revision) {
        return {
          status: 'conflict',
          message: 'This item was changed on disk after you opened it. Nothing was saved.',
          mine: data,
          theirs: await readItem(kind, id),
        };
      }
      const before = itemDataFromFiles(kind, id, files);
      const allowed = mayEditContent(actor.role, actor.languages, kind, before, data);
      if (!allowed.ok) return { status: 'forbidden', message: allowed.message };
      const invalid = validateItem(kind, id, data, {
        yamlFile: kind === 'story' ? '' : yamlFileOf(kind, id),
        storyFolder: `stories/${id}`,
      });
      if (invalid.length > 0)
        return {
          status: 'invalid',
          message: 'Nothing was saved: correct the fields marked.',
          problems: invalid,
        };
      const changes = newTexts(kind, id, files, data, (await languages()).languages);
      if (changes.size === 0) return { status: 'saved', item: await readItem(kind, id) };
      const previous = new Map(
        [...changes.keys()].filter((f) => files.has(f)).map((f) => [f, files.get(f) as Buffer]),
      );
      await keepVersion(root, { kind, id }, actor.role, previous, now());
      for (const [file, text] of changes) {
        const folder = await findInside(root, path.posix.dirname(file), 'folder');
        if (!folder.ok)
          throw new ItemError(400, `${path.posix.dirname(file)} is not a folder of the package`);
        await writeFileAtomically(path.join(folder.real, path.posix.basename(file)), text);
      }
      if (options.reloadPreview) previewReload = options.reloadPreview().catch(() => false);
      return { status: 'saved', item: await readItem(kind, id, true) };
    });

  const settingsFile = path.join(options.configDir, SETTINGS_FILE);
  const readSettingsBytes = async (): Promise<Buffer | null> => {
    try {
      return await readFile(settingsFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  const settingsRevision = (bytes: Buffer | null) =>
    revisionOf(new Map(bytes ? [[SETTINGS_FILE, bytes]] : []));

  const withoutPin = (data: unknown): Record<string, unknown> => {
    const { staffPinHash: _pin, ...rest } = isPlainObject(data) ? data : {};
    return rest;
  };

  const uploads = options.derivedDir
    ? createUploads({
        contentDir: root,
        derivedDir: options.derivedDir,
        languages,
        oneAtATime,
        settled: () => previewReload,
        reloadPreview: () => {
          previewReload = options.reloadPreview
            ? options.reloadPreview().catch(() => false)
            : Promise.resolve(true);
          return previewReload;
        },
        readItem: (id) => readItem('photo', id, true),
        now,
        ...(options.log ? { log: options.log } : {}),
      })
    : undefined;

  return {
    ...(uploads ? { uploads } : {}),
    changes: createItemChanges({
      root,
      now,
      oneAtATime,
      languages,
      schemas: itemSchemas,
      readItem,
      recheck: async () => {
        await problems(true);
      },
      reloadPreview: () => {
        if (options.reloadPreview) previewReload = options.reloadPreview().catch(() => false);
      },
    }),
    languages,
    async overview() {
      const langs = await languages();
      const { byItem, other } = await problemsByItem();
      const items: ItemSummary[] = [];
      const ids = await listItemIds(root);
      const datas = new Map<string, unknown>();
      for (const { kind, id } of ids) {
        try {
          datas.set(`${kind}:${id}`, itemDataFromFiles(kind, id, await itemFiles(root, kind, id)));
        } catch {
          datas.set(`${kind}:${id}`, null);
        }
      }
      const placeholders = new Set(
        ids
          .filter(
            (i) =>
              i.kind === 'photo' &&
              (datas.get(`photo:${i.id}`) as { placeholder?: unknown } | null)?.placeholder === true,
          )
          .map((i) => i.id),
      );
      const thumbnails = new Map(options.thumbnails());
      for (const i of ids) {
        const d = datas.get(`photo:${i.id}`) as { file?: unknown } | null | undefined;
        if (i.kind === 'photo' && !thumbnails.has(i.id) && typeof d?.file === 'string')
          thumbnails.set(i.id, `/media/photos/${encodeURIComponent(d.file)}`);
      }
      let timelineDrafts: string[] = [];
      try {
        const t = yamlData(await readFile(path.join(root, 'timeline.yaml'), 'utf8'));
        if (isPlainObject(t) && Array.isArray(t.drafts))
          timelineDrafts = t.drafts.filter((x): x is string => typeof x === 'string');
      } catch {
        // no timeline
      }
      for (const { kind, id } of ids) {
        items.push(
          summarize(kind, id, datas.get(`${kind}:${id}`), {
            languages: langs.languages,
            problems: byItem.get(`${kind}:${id}`) ?? [],
            thumbnails,
            placeholders,
            timelineDrafts,
          }),
        );
      }
      items.sort((a, b) => ITEM_KINDS.indexOf(a.kind) - ITEM_KINDS.indexOf(b.kind));
      return { ...langs, items, schemas: itemSchemas(), otherProblems: other };
    },
    item: (kind, id) => readItem(kind, id),
    previewReady: () => previewReload,
    save,
    history: (kind, id) => listVersions(root, { kind, id }),
    async restore(actor, kind, id, version, revision) {
      const from = await versionRoot(root, version);
      if (!from) throw new ItemError(404, 'there is no such saved version');
      const old = itemDataFromFiles(kind, id, await itemFiles(from, kind, id));
      return save(actor, kind, id, revision, old);
    },
    async settings() {
      const bytes = await readSettingsBytes();
      const text = bytes?.toString('utf8') ?? '';
      let data: unknown = {};
      const problems: FieldProblem[] = [];
      try {
        data = text.trim() === '' ? {} : yamlData(text);
      } catch (error) {
        problems.push({
          severity: 'error',
          message: (error as Error).message,
          code: 'yaml-syntax',
          file: SETTINGS_FILE,
        });
      }
      const loaded = loadSettings(options.configDir);
      for (const p of loaded.problems)
        problems.push({
          severity: p.severity,
          message: p.message,
          code: p.code,
          file: SETTINGS_FILE,
          ...(p.field ? { field: p.field } : {}),
        });
      return {
        data: withoutPin(data),
        effective: withoutPin(loaded.settings),
        revision: settingsRevision(bytes),
        schema: settingsSchemaForForm(),
        problems,
      };
    },
    saveSettings: (actor, revision, data) =>
      oneAtATime(async (): Promise<EditorSaveResult> => {
        const allowed = mayEditSettings(actor.role);
        if (!allowed.ok) return { status: 'forbidden', message: allowed.message };
        const bytes = await readSettingsBytes();
        if (settingsRevision(bytes) !== revision) {
          return {
            status: 'conflict',
            message: 'The settings file was changed on disk after you opened it. Nothing was saved.',
            mine: data,
            theirs: {
              kind: 'exhibit',
              id: 'settings',
              data: withoutPin(yamlData(bytes?.toString('utf8') ?? '') ?? {}),
              revision: settingsRevision(bytes),
              problems: [],
              files: [SETTINGS_FILE],
            },
          };
        }
        const text = bytes?.toString('utf8') ?? '';
        const current = text.trim() === '' ? {} : yamlData(text);
        const pin = isPlainObject(current) ? current.staffPinHash : undefined;
        const next = { ...withoutPin(data), ...(pin !== undefined ? { staffPinHash: pin } : {}) };
        const result = kioskSettingsSchema.safeParse(next);
        if (!result.success) {
          return {
            status: 'invalid',
            message: 'Nothing was saved: correct the fields marked.',
            problems: result.error.issues.map((issue) => {
              const { message, code } = describeIssue(issue, next);
              const field = formatField(issue.path as (string | number)[]);
              return { severity: 'error', message, code, file: SETTINGS_FILE, ...(field ? { field } : {}) };
            }),
          };
        }
        const written = text.trim() === '' ? newYamlText(next) : editYamlText(text, next);
        if (written !== text) {
          if (bytes)
            await keepVersion(
              options.configDir,
              { kind: 'settings', id: 'kiosk' },
              actor.role,
              new Map([[SETTINGS_FILE, bytes]]),
              now(),
            );
          await writeFileAtomically(settingsFile, written);
        }
        const after = await readSettingsBytes();
        return {
          status: 'saved',
          item: {
            kind: 'exhibit',
            id: 'settings',
            data: withoutPin(yamlData(written)),
            revision: settingsRevision(after),
            problems: [],
            files: [SETTINGS_FILE],
          },
        };
      }),
  };
}
