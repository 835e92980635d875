/**
 * Loading an exhibit package: read every file, check it, and build the resolved `Exhibit` the renderer
 * shows. Never throws for bad content: every mistake becomes a `Problem`, invalid items are left out, and
 * references to left-out items are dropped — the kiosk keeps running on what is valid. Only when
 * `exhibit.yaml` itself cannot be used is `exhibit` null.
 *
 * Photo URLs: `original` is always `/media/photos/<file>`. `thumbnail`, `display` and `dzi` point into
 * `/derived/<hash>/…` when `.media-cache/manifest.json` has an up-to-date build for the image; otherwise
 * `thumbnail` and `display` fall back to the original's URL and there is no `dzi` (slower, but always
 * works). The kiosk builds missing derivatives (`ensureDerivatives`) before it loads, so in service the
 * fallback only shows for images that could not be built.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type {
  DiaryEntry,
  Exhibit,
  HistoricalDate,
  Lang,
  LocalizedText,
  Narration,
  Person,
  Photo,
  RelatedIds,
  SectionId,
  SectionText,
  Story,
  StoryBlock,
  StoryText,
  TimelineEvent,
} from '../common/exhibit';
import { DERIVED_PREFIX, MEDIA_PREFIX } from '../common/api';
import {
  byLanguage,
  missingNoteMessage,
  storyBlockTexts,
  violenceFound,
  type ViolenceWordLists,
} from './contentNotes';
import { derivedUrlsFor, readDerivativeManifest, type DerivativeManifest } from './derive';
import { markdownToBlocks, splitFrontMatter } from './markdown';
import { checkAudio, checkCaptions, checkImage, type FileCheck, type ImageInfo } from './mediaFiles';
import { formatField, sortProblems, type FieldPath, type Problem, type Severity } from './problems';
import {
  contentNotesSchema,
  diarySchema,
  draftsSchema,
  exhibitSchema,
  IMAGE_EXTENSIONS,
  KEBAB_CASE,
  personSchema,
  photoSchema,
  storyFrontMatterSchema,
  timelineEventSchema,
  type DateValue,
  type RelatedFile,
  type StoryFrontMatter,
} from './schema';
import { closestName, validateWithSchema, type Locator } from './validate';
import { parseYamlSource, type Position } from './yamlSource';
import { z as zod } from 'zod';

export type UrlArea = 'media' | 'derived';

export interface LoadOptions {
  /** The derivatives folder; default `.media-cache` beside the package. */
  derivedDir?: string;
  /** Turns a path inside the package (`media`) or the derivatives folder (`derived`) into a URL. */
  urlFor?: (area: UrlArea, relativePath: string) => string;
  /** Decode every image with sharp (default true). `false` only checks the files exist (benchmarks). */
  decodeImages?: boolean;
  /** How many files are read at once (default 64). */
  concurrency?: number;
}

/** One translation marked as awaiting a curator's review. */
export interface DraftTranslation {
  file: string;
  language: Lang;
}

export interface LoadResult {
  exhibit: Exhibit | null;
  /** Sorted by file, line, column. */
  problems: Problem[];
  drafts: DraftTranslation[];
  /** How many package files were read or checked. */
  files: number;
}

export function defaultUrlFor(area: UrlArea, relativePath: string): string {
  const encoded = relativePath.split('/').map(encodeURIComponent).join('/');
  return (area === 'media' ? MEDIA_PREFIX : DERIVED_PREFIX) + encoded;
}

type Kind = 'photos' | 'people' | 'diary' | 'stories' | 'timeline';
const KIND_WORD: Record<Kind, string> = {
  photos: 'photo',
  people: 'person',
  diary: 'diary excerpt',
  stories: 'story',
  timeline: 'timeline event',
};
const KIND_FILE: Record<Kind, (id: string) => string> = {
  photos: (id) => `photos/${id}.yaml`,
  people: (id) => `people/${id}.yaml`,
  diary: (id) => `diary/${id}.yaml`,
  stories: (id) => `stories/${id}/`,
  timeline: (id) => `an event with "id: ${id}" in timeline.yaml`,
};

/** A file being checked: its name and where its fields are. */
interface FileContext extends Locator {
  file: string;
}

const NOWHERE: Locator = { locate: () => undefined, locateKey: () => undefined };

function prefixed(locator: Locator, prefix: FieldPath): Locator {
  return {
    locate: (p) => locator.locate([...prefix, ...p]),
    locateKey: (p) => locator.locateKey([...prefix, ...p]),
  };
}

/** A reference from one item to another, resolved once every item has been read. */
interface ReferenceSite {
  kind: Kind;
  id: string;
  ctx: FileContext;
  path: FieldPath;
  /** Remove the reference from the item being built. */
  drop: () => void;
}

/**
 * Run `fn` over `items`, at most `limit` at a time, letting other work (the kiosk's request handler) run
 * between batches: parsing is CPU work, and a large package must not freeze the event loop.
 */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let sinceYield = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
      if (++sinceYield >= 64) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  });
  await Promise.all(workers);
  return results;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isValidLanguageTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** A likely intended language for a misspelt tag: same letters in another case, or `_` for `-`. */
function languageSuggestion(tag: string, languages: readonly Lang[]): Lang | undefined {
  const simple = (t: string) => t.toLowerCase().replace(/_/g, '-');
  return (
    languages.find((l) => simple(l) === simple(tag)) ??
    languages.find((l) => simple(tag).startsWith(`${simple(l)}-`))
  );
}

function plainList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export async function loadExhibitPackage(mediaDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const drafts: DraftTranslation[] = [];
  const filesSeen = new Set<string>();
  const urlFor = options.urlFor ?? defaultUrlFor;
  const concurrency = options.concurrency ?? 64;
  const decodeImages = options.decodeImages !== false;
  const derivedDir = options.derivedDir ?? path.join(path.dirname(path.resolve(mediaDir)), '.media-cache');

  const report = (
    severity: Severity,
    ctx: { file: string } & Partial<Locator>,
    fieldPath: FieldPath | undefined,
    code: string,
    message: string,
    at: 'value' | 'key' = 'value',
  ) => {
    const where =
      fieldPath && ctx.locate
        ? at === 'key'
          ? ctx.locateKey?.(fieldPath)
          : ctx.locate(fieldPath)
        : undefined;
    problems.push({
      severity,
      file: ctx.file,
      ...(where ? { line: where.line, column: where.column } : {}),
      ...(fieldPath && fieldPath.length > 0 ? { field: formatField(fieldPath) } : {}),
      message,
      code,
    });
  };

  // ── reading files ────────────────────────────────────────────────────────────────────────────────
  // Content files are small: a synchronous read costs microseconds, an asynchronous one a round trip
  // through libuv's thread pool (measured 15× slower for 5,000 photo files). mapLimit yields between batches.
  async function readText(relative: string): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(mediaDir, ...relative.split('/')));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        report(
          'error',
          { file: relative },
          undefined,
          'unreadable-file',
          `the file cannot be read (${code ?? String(error)})`,
        );
      return null;
    }
    filesSeen.add(relative);
    try {
      return utf8.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      report(
        'error',
        { file: relative },
        undefined,
        'not-utf8',
        'the file is not saved as UTF-8 text; save it again choosing the UTF-8 encoding',
      );
      return null;
    }
  }

  async function listDir(relative: string): Promise<{ name: string; isDir: boolean }[]> {
    try {
      const entries = await readdir(path.join(mediaDir, relative), { withFileTypes: true });
      return entries
        .filter((e) => !e.name.startsWith('.'))
        .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return [];
    }
  }

  /** Parse and validate one YAML file; undefined when it cannot be used (problems already reported). */
  function parseYamlFile<T>(
    text: string,
    file: string,
    schema: z.ZodType<T>,
    lineOffset = 0,
  ): { value?: T; ctx: FileContext } {
    const source = parseYamlSource(text, file, { lineOffset });
    problems.push(...source.problems);
    const ctx: FileContext = { file, locate: source.locate, locateKey: source.locateKey };
    if (!source.ok) return { ctx };
    if (source.data === null || source.data === undefined) {
      report('error', ctx, undefined, 'empty-file', 'the file is empty');
      return { ctx };
    }
    if (typeof source.data !== 'object' || Array.isArray(source.data)) {
      problems.push({
        severity: 'error',
        file,
        line: 1 + lineOffset,
        column: 1,
        message: `expected fields written as "name: value" lines, found ${Array.isArray(source.data) ? 'a list' : 'a single value'}`,
        code: 'wrong-type',
      });
      return { ctx };
    }
    const result = validateWithSchema(schema, source.data, file, ctx);
    problems.push(...result.problems);
    return { value: result.value, ctx };
  }

  // ── exhibit.yaml ─────────────────────────────────────────────────────────────────────────────────
  const exhibitText = await readText('exhibit.yaml');
  let exhibitFile: z.output<typeof exhibitSchema> | undefined;
  let exhibitCtx: FileContext = { file: 'exhibit.yaml', ...NOWHERE };
  if (exhibitText === null) {
    if (!filesSeen.has('exhibit.yaml'))
      report(
        'error',
        { file: 'exhibit.yaml' },
        undefined,
        'missing-exhibit',
        `there is no exhibit.yaml in ${path.basename(path.resolve(mediaDir))}/; is this the right folder?`,
      );
  } else {
    const parsed = parseYamlFile(exhibitText, 'exhibit.yaml', exhibitSchema);
    exhibitFile = parsed.value;
    exhibitCtx = parsed.ctx;
  }

  // Languages: when exhibit.yaml is unusable, language checks are skipped (there is nothing to check against).
  let languages: Lang[] | null = null;
  let defaultLanguage: Lang | null = null;
  if (exhibitFile) {
    const valid: Lang[] = [];
    exhibitFile.languages.forEach((tag, i) => {
      const canonical = isValidLanguageTag(tag);
      if (!canonical)
        report(
          'error',
          exhibitCtx,
          ['languages', i],
          'invalid-language',
          `"${tag}" is not a valid language tag; use tags like en, zh-Hans, ja, id`,
        );
      else {
        if (canonical !== tag)
          report(
            'warning',
            exhibitCtx,
            ['languages', i],
            'language-spelling',
            `the usual spelling of "${tag}" is "${canonical}"; use the same spelling everywhere`,
          );
        valid.push(tag);
      }
    });
    languages = valid;
    if (!valid.includes(exhibitFile.defaultLanguage)) {
      report(
        'error',
        exhibitCtx,
        ['defaultLanguage'],
        'default-language-not-listed',
        `the default language "${exhibitFile.defaultLanguage}" must also be listed in languages (${valid.join(', ')})`,
      );
      exhibitFile = undefined;
      languages = null;
    } else {
      defaultLanguage = exhibitFile.defaultLanguage;
    }
  }
  const languageList = () => (languages ?? []).join(', ');

  // ── content-notes.yaml (optional): the words that mark a text as describing violence ────────────
  let violenceLists: ViolenceWordLists | null = null;
  const contentNotesText = await readText('content-notes.yaml');
  if (contentNotesText !== null) {
    const { value, ctx } = parseYamlFile(contentNotesText, 'content-notes.yaml', contentNotesSchema);
    if (value) {
      const lists: ViolenceWordLists = {};
      for (const [lang, list] of Object.entries(value)) {
        if (languages && !languages.includes(lang)) {
          report(
            'warning',
            ctx,
            [lang],
            'unknown-language',
            `"${lang}" is not one of the exhibit's languages (${languageList()}); this list is not used`,
            'key',
          );
          continue;
        }
        lists[lang] = list;
      }
      for (const lang of languages ?? [])
        if (!lists[lang])
          report(
            'warning',
            ctx,
            undefined,
            'missing-violence-words',
            `there is no list for ${lang}, so the checker cannot tell which ${lang} texts need a content note; add "${lang}:" with its words`,
          );
      violenceLists = lists;
    }
  }
  /** Items whose texts are looked at for violence words once everything is read. */
  const noteChecks: {
    ctx: FileContext;
    fieldPath?: FieldPath;
    texts: Partial<Record<Lang, string[]>>;
    hasNote: boolean;
  }[] = [];

  // ── localized text ───────────────────────────────────────────────────────────────────────────────
  /** Per file: fields missing each non-default language, reported once per file and language. */
  const missingTranslations = new Map<string, { ctx: FileContext; byLanguage: Map<Lang, FieldPath[]> }>();
  /** Languages that have at least one text anywhere; a language with none gets one warning, not one per file. */
  const languagesWithText = new Set<Lang>();
  /** Stories missing a language, reported at the end (so untouched languages can be summed up). */
  const storiesMissing: { folder: string; languages: Lang[] }[] = [];

  /**
   * Check a localized map: unknown language keys are errors (and dropped), a missing default language is
   * an error (`ok: false`), other missing languages are collected for one warning per file.
   */
  function localized(
    value: Record<string, string> | undefined,
    ctx: FileContext,
    fieldPath: FieldPath,
    translatable = true,
  ): { ok: boolean; text?: LocalizedText } {
    if (value === undefined) return { ok: true };
    if (!languages || !defaultLanguage) return { ok: true, text: { ...value } };
    const text: LocalizedText = {};
    for (const [lang, raw] of Object.entries(value)) {
      if (!languages.includes(lang)) {
        const suggestion = languageSuggestion(lang, languages);
        report(
          'error',
          ctx,
          [...fieldPath, lang],
          'unknown-language',
          `"${lang}" is not one of the exhibit's languages (${languageList()})${suggestion ? ` — did you mean "${suggestion}"?` : ''}; this text is not shown`,
          'key',
        );
        continue;
      }
      if (raw.trim() === '') continue;
      text[lang] = raw;
    }
    for (const lang of Object.keys(text)) languagesWithText.add(lang);
    if (text[defaultLanguage] === undefined) {
      report(
        'error',
        ctx,
        fieldPath,
        'missing-default-language',
        `there is no text in the default language (${defaultLanguage})`,
      );
      return { ok: false };
    }
    if (translatable) {
      for (const lang of languages) {
        if (text[lang] !== undefined) continue;
        let entry = missingTranslations.get(ctx.file);
        if (!entry) missingTranslations.set(ctx.file, (entry = { ctx, byLanguage: new Map() }));
        const list = entry.byLanguage.get(lang) ?? [];
        list.push(fieldPath);
        entry.byLanguage.set(lang, list);
      }
    }
    return { ok: true, text };
  }

  /** Several localized fields; `required` ones missing their default language make the item unusable. */
  function localizedFields<K extends string>(
    data: Partial<Record<K, Record<string, string> | undefined>>,
    ctx: FileContext,
    required: readonly K[],
    optional: readonly K[],
    prefix: FieldPath = [],
  ): { ok: boolean; texts: Partial<Record<K, LocalizedText>> } {
    let ok = true;
    const texts: Partial<Record<K, LocalizedText>> = {};
    for (const key of [...required, ...optional]) {
      const result = localized(data[key], ctx, [...prefix, key]);
      if (!result.ok && required.includes(key)) ok = false;
      if (result.text) texts[key] = result.text;
    }
    return { ok, texts };
  }

  function collectDrafts(
    list: readonly string[],
    ctx: FileContext,
    fieldPath: FieldPath = ['drafts'],
  ): Lang[] {
    const out: Lang[] = [];
    list.forEach((lang, i) => {
      if (languages && !languages.includes(lang)) {
        report(
          'warning',
          ctx,
          [...fieldPath, i],
          'unknown-language',
          `"${lang}" in drafts is not one of the exhibit's languages (${languageList()})`,
        );
        return;
      }
      if (!out.includes(lang)) {
        out.push(lang);
        drafts.push({ file: ctx.file, language: lang });
      }
    });
    return out;
  }

  function historicalDate(
    value: DateValue | undefined,
    approximate: boolean,
    note: LocalizedText | undefined,
  ): HistoricalDate | undefined {
    if (value === undefined) return undefined;
    const iso = typeof value === 'number' ? String(value).padStart(4, '0') : value;
    const parts = iso.split('-').length;
    return {
      iso,
      precision: parts === 1 ? 'year' : parts === 2 ? 'month' : 'day',
      approximate,
      ...(note ? { note } : {}),
    };
  }

  // ── references ───────────────────────────────────────────────────────────────────────────────────
  const known: Record<Kind, Set<string>> = {
    photos: new Set(),
    people: new Set(),
    diary: new Set(),
    stories: new Set(),
    timeline: new Set(),
  };
  const usable: Record<Kind, Set<string>> = {
    photos: new Set(),
    people: new Set(),
    diary: new Set(),
    stories: new Set(),
    timeline: new Set(),
  };
  const sites: ReferenceSite[] = [];

  function refer(kind: Kind, id: string, ctx: FileContext, fieldPath: FieldPath, drop: () => void): void {
    sites.push({ kind, id, ctx, path: fieldPath, drop });
  }

  function relatedSites(
    related: RelatedFile | undefined,
    target: RelatedIds,
    ctx: FileContext,
    prefix: FieldPath,
  ): void {
    if (!related) return;
    for (const kind of ['stories', 'people', 'diary', 'photos', 'timeline'] as const) {
      related[kind].forEach((id, i) => {
        target[kind].push(id);
        refer(kind, id, ctx, [...prefix, kind, i], () => {
          target[kind] = target[kind].filter((x) => x !== id);
        });
      });
    }
  }

  function unresolved(kind: Kind, id: string): { severity: Severity; code: string; message: string } | null {
    if (usable[kind].has(id)) return null;
    if (known[kind].has(id))
      return {
        severity: 'warning',
        code: 'reference-to-left-out',
        message: `the ${KIND_WORD[kind]} "${id}" is left out because of errors in its own file, so this reference is dropped`,
      };
    const suggestion = closestName(id, [...known[kind]]);
    return {
      severity: 'error',
      code: 'unknown-reference',
      message: `there is no ${KIND_WORD[kind]} "${id}" (expected ${KIND_FILE[kind](id)})${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
    };
  }

  // ── photos ───────────────────────────────────────────────────────────────────────────────────────
  let manifest: DerivativeManifest | null = null;
  const manifestPromise = readDerivativeManifest(derivedDir).then((m) => (manifest = m));
  const imageChecks = new Map<string, Promise<FileCheck<ImageInfo>>>();
  const imageCheck = (relative: string): Promise<FileCheck<ImageInfo>> => {
    let check = imageChecks.get(relative);
    if (!check) {
      const absolute = path.join(mediaDir, ...relative.split('/'));
      check = decodeImages
        ? checkImage(absolute, relative)
        : import('node:fs/promises').then(async ({ stat }) => {
            try {
              const info = await stat(absolute);
              return {
                ok: true as const,
                width: 0,
                height: 0,
                format: 'unknown',
                size: info.size,
                mtimeMs: info.mtimeMs,
              };
            } catch {
              return {
                ok: false as const,
                code: 'missing-file',
                message: `the image file "${relative}" does not exist`,
              };
            }
          });
      imageChecks.set(relative, check);
      filesSeen.add(relative);
    }
    return check;
  };

  /** Read the `*.yaml` files of one folder; warn about files that do not belong there. */
  async function itemFiles(
    folder: string,
    allowed: (name: string) => boolean,
  ): Promise<{ id: string; file: string }[]> {
    const out: { id: string; file: string }[] = [];
    for (const entry of await listDir(folder)) {
      const file = `${folder}/${entry.name}`;
      if (entry.isDir) {
        if (folder !== 'photos')
          report(
            'warning',
            { file: `${file}/` },
            undefined,
            'unexpected-folder',
            `folders inside ${folder}/ are not read`,
          );
        continue;
      }
      if (entry.name.endsWith('.yml')) {
        report(
          'error',
          { file },
          undefined,
          'wrong-extension',
          `only .yaml files are read; rename it to ${entry.name.replace(/\.yml$/, '.yaml')}`,
        );
        continue;
      }
      if (!entry.name.endsWith('.yaml')) {
        if (!allowed(entry.name))
          report(
            'warning',
            { file },
            undefined,
            'unexpected-file',
            `this file is not part of the package format and is ignored`,
          );
        continue;
      }
      const id = entry.name.slice(0, -'.yaml'.length);
      if (!KEBAB_CASE.test(id)) {
        const suggestion = id
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '');
        report(
          'error',
          { file },
          undefined,
          'bad-id',
          `the file name is the item's id and must use only lowercase letters a–z, digits and single hyphens${suggestion ? `; rename it to ${suggestion}.yaml` : ''}`,
        );
        continue;
      }
      out.push({ id, file });
    }
    return out;
  }

  const isImageName = (name: string) =>
    (IMAGE_EXTENSIONS as readonly string[]).includes(name.toLowerCase().split('.').pop() ?? '');

  const [photoFiles, peopleFiles, diaryFiles] = await Promise.all([
    itemFiles('photos', isImageName),
    itemFiles('people', () => false),
    itemFiles('diary', () => false),
  ]);
  for (const f of photoFiles) known.photos.add(f.id);
  for (const f of peopleFiles) known.people.add(f.id);
  for (const f of diaryFiles) known.diary.add(f.id);
  await manifestPromise;

  const imagesUsed = new Set<string>();
  const photos = (
    await mapLimit(photoFiles, concurrency, async ({ id, file }): Promise<Photo | null> => {
      const text = await readText(file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(text, file, photoSchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        value,
        ctx,
        ['caption', 'alt', 'credit', 'rights'] as const,
        ['place', 'contentNote', 'dateNote'] as const,
      );
      const photoDrafts = collectDrafts(value.drafts, ctx);
      const image = `photos/${value.file}`;
      imagesUsed.add(image);
      const check = await imageCheck(image);
      if (!check.ok) {
        report('error', ctx, ['file'], check.code, `${check.message}; the photo is left out`);
        return null;
      }
      if (!ok) return null;
      const original = urlFor('media', image);
      const derived = manifest ? derivedUrlsFor(manifest, image, check, (p) => urlFor('derived', p)) : null;
      const photo: Photo = {
        id,
        original,
        thumbnail: derived?.thumbnail ?? original,
        display: derived?.display ?? original,
        ...(derived?.dzi ? { dzi: derived.dzi } : {}),
        width: check.width || derived?.width || 0,
        height: check.height || derived?.height || 0,
        placeholder: value.placeholder,
        caption: texts.caption ?? {},
        alt: texts.alt ?? {},
        credit: texts.credit ?? {},
        rights: texts.rights ?? {},
        source: value.source,
        people: [...value.people],
        graphic: value.graphic,
        drafts: photoDrafts,
      };
      const date = historicalDate(value.date, value.approximate, texts.dateNote);
      if (date) photo.date = date;
      if (texts.place) photo.place = texts.place;
      if (texts.contentNote) photo.contentNote = texts.contentNote;
      noteChecks.push({
        ctx,
        fieldPath: ['caption'],
        texts: byLanguage(texts.caption, texts.alt),
        hasNote: texts.contentNote !== undefined,
      });
      value.people.forEach((personId, i) =>
        refer('people', personId, ctx, ['people', i], () => {
          photo.people = photo.people.filter((x) => x !== personId);
        }),
      );
      return photo;
    })
  ).filter((p): p is Photo => p !== null);
  for (const p of photos) usable.photos.add(p.id);

  // Images nobody uses (an image beside a photo file of the same name belongs to it, even if that file is broken).
  const photoFileNames = new Set(
    (await listDir('photos')).filter((e) => e.name.endsWith('.yaml')).map((e) => e.name.slice(0, -5)),
  );
  for (const entry of await listDir('photos')) {
    const relative = `photos/${entry.name}`;
    const sameName = entry.name.replace(/\.[^.]+$/, '');
    if (
      !entry.isDir &&
      isImageName(entry.name) &&
      !imagesUsed.has(relative) &&
      !photoFileNames.has(sameName)
    ) {
      filesSeen.add(relative);
      report(
        'warning',
        { file: relative },
        undefined,
        'unused-image',
        `no photo file uses this image, so it is not shown; add photos/${entry.name.replace(/\.[^.]+$/, '')}.yaml for it`,
      );
    }
  }

  // ── people ───────────────────────────────────────────────────────────────────────────────────────
  const people = (
    await mapLimit(peopleFiles, concurrency, async ({ id, file }): Promise<Person | null> => {
      const text = await readText(file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(text, file, personSchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        value,
        ctx,
        ['name', 'role', 'nationality', 'biography'] as const,
        ['contentNote'] as const,
      );
      const personDrafts = collectDrafts(value.drafts, ctx);
      if (!ok) return null;
      const person: Person = {
        id,
        name: texts.name ?? {},
        role: texts.role ?? {},
        nationality: texts.nationality ?? {},
        biography: texts.biography ?? {},
        sources: [...value.sources],
        drafts: personDrafts,
      };
      if (texts.contentNote) person.contentNote = texts.contentNote;
      noteChecks.push({
        ctx,
        fieldPath: ['biography'],
        texts: byLanguage(texts.role, texts.biography),
        hasNote: texts.contentNote !== undefined,
      });
      if (value.born !== undefined) person.born = String(value.born);
      if (value.died !== undefined) person.died = String(value.died);
      if (value.portrait) {
        const portrait = value.portrait;
        person.portrait = portrait;
        refer('photos', portrait, ctx, ['portrait'], () => {
          delete person.portrait;
        });
      }
      return person;
    })
  ).filter((p): p is Person => p !== null);
  for (const p of people) usable.people.add(p.id);

  // ── diary ────────────────────────────────────────────────────────────────────────────────────────
  const diary = (
    await mapLimit(diaryFiles, concurrency, async ({ id, file }): Promise<DiaryEntry | null> => {
      const text = await readText(file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(text, file, diarySchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        value,
        ctx,
        ['text'] as const,
        ['place', 'contentNote', 'dateNote'] as const,
      );
      const entryDrafts = collectDrafts(value.drafts, ctx);
      let usableEntry = ok;
      if (!isValidLanguageTag(value.originalLanguage))
        report(
          'error',
          ctx,
          ['originalLanguage'],
          'invalid-language',
          `"${value.originalLanguage}" is not a valid language tag (e.g. de, en, zh-Hans)`,
        );
      let original = value.original;
      if (value.quotedIn) {
        if (!isValidLanguageTag(value.quotedIn.language))
          report(
            'error',
            ctx,
            ['quotedIn', 'language'],
            'invalid-language',
            `"${value.quotedIn.language}" is not a valid language tag (e.g. de, en, zh-Hans)`,
          );
        if (original !== undefined && value.quotedIn.language === value.originalLanguage) {
          report(
            'warning',
            ctx,
            ['original'],
            'quoted-not-original',
            `the excerpt is given as quoted in another work (quotedIn) in the author's own language, so "original" cannot be the author's checked text; it is not shown. Remove "original", or remove "quotedIn" once the wording has been checked against the original`,
            'key',
          );
          original = undefined;
        }
      }
      const author = unresolved('people', value.author);
      if (author) {
        report(
          author.severity,
          ctx,
          ['author'],
          author.code,
          author.code === 'reference-to-left-out'
            ? `the author "${value.author}" is left out because of errors in their own file, so this excerpt is left out too`
            : `${author.message}; this excerpt is left out because it needs its author`,
        );
        usableEntry = false;
      }
      // Narration, per spoken language.
      const narration: Partial<Record<Lang, Narration>> = {};
      await Promise.all(
        Object.entries(value.narration).map(async ([lang, n]) => {
          if (languages && !languages.includes(lang)) {
            report(
              'error',
              ctx,
              ['narration', lang],
              'unknown-language',
              `"${lang}" is not one of the exhibit's languages (${languageList()}); this narration is not played`,
              'key',
            );
            return;
          }
          filesSeen.add(n.audio);
          const audio = await checkAudio(path.join(mediaDir, ...n.audio.split('/')), n.audio);
          if (!audio.ok) {
            report(
              'error',
              ctx,
              ['narration', lang, 'audio'],
              audio.code,
              `${audio.message}; this narration is not played`,
            );
            return;
          }
          const entry: Narration = { audio: urlFor('media', n.audio), placeholder: n.placeholder };
          if (n.captions) {
            filesSeen.add(n.captions);
            const vtt = await checkCaptions(path.join(mediaDir, ...n.captions.split('/')), n.captions);
            if (vtt.ok) entry.captions = urlFor('media', n.captions);
            else
              report(
                'error',
                ctx,
                ['narration', lang, 'captions'],
                vtt.code,
                `${vtt.message}; the narration plays without captions`,
              );
          }
          narration[lang] = entry;
        }),
      );
      const captions: DiaryEntry['captions'] = {};
      await Promise.all(
        Object.entries(value.captions).map(async ([lang, c]) => {
          if (languages && !languages.includes(lang)) {
            report(
              'error',
              ctx,
              ['captions', lang],
              'unknown-language',
              `"${lang}" is not one of the exhibit's languages (${languageList()}); these captions are not shown`,
              'key',
            );
            return;
          }
          if (!value.narration[c.narration]) {
            report(
              'error',
              ctx,
              ['captions', lang, 'narration'],
              'unknown-narration',
              `there is no narration in "${c.narration}" for these captions to go with (narration is given for: ${Object.keys(value.narration).join(', ') || 'none'})`,
            );
            return;
          }
          filesSeen.add(c.file);
          const vtt = await checkCaptions(path.join(mediaDir, ...c.file.split('/')), c.file);
          if (!vtt.ok) {
            report(
              'error',
              ctx,
              ['captions', lang, 'file'],
              vtt.code,
              `${vtt.message}; these captions are not shown`,
            );
            return;
          }
          if (narration[c.narration])
            captions[lang] = { narration: c.narration, url: urlFor('media', c.file) };
        }),
      );
      if (!usableEntry) return null;
      const entry: DiaryEntry = {
        id,
        kind: value.kind,
        author: value.author,
        source: value.source,
        originalLanguage: value.originalLanguage,
        text: texts.text ?? {},
        narration,
        captions,
        drafts: entryDrafts,
      };
      const date = historicalDate(value.date, value.approximate, texts.dateNote);
      if (date) entry.date = date;
      if (texts.place) entry.place = texts.place;
      if (original !== undefined) entry.original = original;
      if (value.quotedIn) entry.quotedIn = { ...value.quotedIn };
      if (texts.contentNote) entry.contentNote = texts.contentNote;
      noteChecks.push({
        ctx,
        fieldPath: ['text'],
        texts: byLanguage(texts.text),
        hasNote: texts.contentNote !== undefined,
      });
      if (value.facsimile) {
        const facsimile = value.facsimile;
        entry.facsimile = facsimile;
        refer('photos', facsimile, ctx, ['facsimile'], () => {
          delete entry.facsimile;
        });
      }
      return entry;
    })
  ).filter((d): d is DiaryEntry => d !== null);
  for (const d of diary) usable.diary.add(d.id);

  // ── timeline ─────────────────────────────────────────────────────────────────────────────────────
  const timeline: TimelineEvent[] = [];
  let timelineExists = false;
  const timelineText = await readText('timeline.yaml');
  if (timelineText !== null) {
    timelineExists = true;
    const outer = zod.strictObject({ events: zod.array(zod.unknown()), drafts: draftsSchema });
    const { value, ctx } = parseYamlFile(timelineText, 'timeline.yaml', outer);
    if (value) {
      collectDrafts(value.drafts, ctx);
      const firstLine = new Map<string, number | undefined>();
      value.events.forEach((raw, i) => {
        const id =
          typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string'
            ? raw.id
            : undefined;
        if (id) known.timeline.add(id);
        const eventCtx: FileContext = { file: 'timeline.yaml', ...prefixed(ctx, ['events', i]) };
        const result = validateWithSchema(timelineEventSchema, raw, 'timeline.yaml', eventCtx);
        for (const p of result.problems)
          problems.push({ ...p, field: formatField(['events', i, ...(p.field ? [p.field] : [])]) });
        const event = result.value;
        if (!event) return;
        if (firstLine.has(event.id)) {
          const line = firstLine.get(event.id);
          report(
            'error',
            ctx,
            ['events', i, 'id'],
            'duplicate-id',
            `the id "${event.id}" is already used by another event${line ? ` (line ${line})` : ''}; this event is left out`,
          );
          return;
        }
        firstLine.set(event.id, ctx.locate(['events', i, 'id'])?.line);
        const { ok, texts } = localizedFields(
          event,
          ctx,
          ['title', 'text'] as const,
          ['dateNote', 'contentNote'] as const,
          ['events', i],
        );
        if (!ok) return;
        const resolved: TimelineEvent = {
          id: event.id,
          date: historicalDate(event.date, event.approximate, texts.dateNote) as HistoricalDate,
          title: texts.title ?? {},
          text: texts.text ?? {},
          remembrance: event.remembrance,
          related: { stories: [], people: [], diary: [], photos: [], timeline: [] },
          sources: [...event.sources],
        };
        if (texts.contentNote) resolved.contentNote = texts.contentNote;
        noteChecks.push({
          ctx,
          fieldPath: ['events', i, 'text'],
          texts: byLanguage(texts.title, texts.text),
          hasNote: texts.contentNote !== undefined,
        });
        relatedSites(event.related, resolved.related, ctx, ['events', i, 'related']);
        timeline.push(resolved);
      });
    }
  }
  for (const t of timeline) usable.timeline.add(t.id);

  // ── stories ──────────────────────────────────────────────────────────────────────────────────────
  const storyDirs: string[] = [];
  for (const entry of await listDir('stories')) {
    const file = `stories/${entry.name}`;
    if (!entry.isDir) {
      report(
        'warning',
        { file },
        undefined,
        'unexpected-file',
        'stories are folders (stories/<id>/<language>.md); this file is ignored',
      );
      continue;
    }
    if (!KEBAB_CASE.test(entry.name)) {
      report(
        'error',
        { file: `${file}/` },
        undefined,
        'bad-id',
        "the folder name is the story's id and must use only lowercase letters a–z, digits and single hyphens",
      );
      continue;
    }
    storyDirs.push(entry.name);
    known.stories.add(entry.name);
  }

  interface StoryVersion {
    lang: Lang;
    ctx: FileContext;
    front: StoryFrontMatter;
    text: StoryText;
    photoSites: { photoId: string; position?: Position }[];
  }

  const stories = (
    await mapLimit(storyDirs, concurrency, async (id): Promise<Story | null> => {
      const versions: StoryVersion[] = [];
      const folder = `stories/${id}`;
      let defaultFileExists = false;
      for (const entry of await listDir(folder)) {
        const file = `${folder}/${entry.name}`;
        if (entry.isDir || !entry.name.endsWith('.md')) {
          report(
            'warning',
            { file },
            undefined,
            'unexpected-file',
            `only <language>.md files are read in a story folder (like ${defaultLanguage ?? 'en'}.md); this is ignored`,
          );
          continue;
        }
        const lang = entry.name.slice(0, -3);
        if (languages && !languages.includes(lang)) {
          const suggestion = languageSuggestion(lang, languages);
          report(
            'error',
            { file },
            undefined,
            'unknown-language',
            `"${lang}" is not one of the exhibit's languages (${languageList()})${suggestion ? ` — did you mean ${suggestion}.md?` : ''}; this file is not shown`,
          );
          continue;
        }
        if (lang === defaultLanguage) defaultFileExists = true;
        const text = await readText(file);
        if (text === null) continue;
        const split = splitFrontMatter(text);
        if ('error' in split) {
          problems.push({
            severity: 'error',
            file,
            line: split.line,
            column: 1,
            message: split.error,
            code: 'missing-front-matter',
          });
          continue;
        }
        const { value: front, ctx } = parseYamlFile(
          split.frontMatter,
          file,
          storyFrontMatterSchema,
          split.frontMatterLineOffset,
        );
        const body = markdownToBlocks(split.body, file, split.bodyLineOffset);
        problems.push(...body.problems);
        if (!front || body.problems.some((p) => p.severity === 'error')) continue;
        if (front.draft) drafts.push({ file, language: lang });
        const storyText: StoryText = {
          title: front.title,
          summary: front.summary,
          draft: front.draft,
          blocks: body.blocks,
        };
        if (front.contentNote) storyText.contentNote = front.contentNote;
        noteChecks.push({
          ctx,
          fieldPath: ['title'],
          texts: { [lang]: [front.title, front.summary, ...storyBlockTexts(body.blocks)] },
          hasNote: front.contentNote !== undefined,
        });
        versions.push({
          lang,
          ctx,
          front,
          text: storyText,
          photoSites: body.photos.map((p) => ({
            photoId: p.photoId,
            ...(p.line !== undefined ? { position: { line: p.line, column: p.column ?? 1 } } : {}),
          })),
        });
      }
      const main =
        versions.find((v) => v.lang === defaultLanguage) ?? (defaultLanguage ? undefined : versions[0]);
      if (!main) {
        if (!defaultFileExists && defaultLanguage)
          report(
            'error',
            { file: `${folder}/` },
            undefined,
            'missing-default-language',
            `the story has no ${defaultLanguage}.md (the default language); the story is left out`,
          );
        else if (defaultLanguage)
          problems.push({
            severity: 'warning',
            file: `${folder}/${defaultLanguage}.md`,
            message: 'the story is left out because this default-language file has errors',
            code: 'left-out',
          });
        return null;
      }
      if (!main.front.sources || main.front.sources.length === 0) {
        report(
          'error',
          main.ctx,
          ['sources'],
          'missing-field',
          "the default-language file must list the story's sources (sources:); the story is left out",
        );
        return null;
      }
      const story: Story = {
        id,
        order: main.front.order ?? Number.POSITIVE_INFINITY,
        related: { stories: [], people: [], diary: [], photos: [], timeline: [] },
        sources: [...main.front.sources],
        text: {},
      };
      if (main.front.cover) {
        const cover = main.front.cover;
        story.cover = cover;
        refer('photos', cover, main.ctx, ['cover'], () => {
          delete story.cover;
        });
      }
      relatedSites(main.front.related, story.related, main.ctx, ['related']);
      for (const v of versions) {
        if (v !== main) {
          for (const key of ['cover', 'related', 'sources', 'order'] as const) {
            if (
              v.front[key] !== undefined &&
              JSON.stringify(v.front[key]) !== JSON.stringify(main.front[key])
            )
              report(
                'warning',
                v.ctx,
                [key],
                'differs-from-default',
                `${key} differs from ${main.lang}.md; the default-language file's ${key} is the one used`,
                'key',
              );
          }
        }
        // Photo embeds: a missing photo drops the embed, not the story.
        for (const site of v.photoSites) {
          const embedCtx: FileContext = {
            file: v.ctx.file,
            locate: () => site.position,
            locateKey: () => site.position,
          };
          refer('photos', site.photoId, embedCtx, [`photo:${site.photoId}`], () => {
            v.text.blocks = removePhotoBlocks(v.text.blocks, site.photoId);
          });
        }
        story.text[v.lang] = v.text;
        languagesWithText.add(v.lang);
      }
      if (languages) {
        const missing = languages.filter(
          (l) => !story.text[l] && l !== defaultLanguage && !versions.some((v) => v.lang === l),
        );
        const missingFiles = missing.filter((l) => !filesSeen.has(`${folder}/${l}.md`));
        if (missingFiles.length > 0) storiesMissing.push({ folder, languages: missingFiles });
      }
      return story;
    })
  ).filter((s): s is Story => s !== null);
  for (const s of stories) usable.stories.add(s.id);

  // ── exhibit-level references and resolution ──────────────────────────────────────────────────────
  let exhibit: Exhibit | null = null;
  let exhibitTexts:
    | ReturnType<typeof localizedFields<'title' | 'subtitle' | 'contentNote' | 'introduction' | 'credits'>>
    | undefined;
  let taglineText: LocalizedText | undefined;
  const sectionText: Partial<Record<SectionId, SectionText>> = {};
  const attractPhotos: string[] = [];
  if (exhibitFile) {
    exhibitTexts = localizedFields(
      exhibitFile,
      exhibitCtx,
      ['title', 'subtitle'] as const,
      ['contentNote', 'introduction', 'credits'] as const,
    );
    const tagline = localized(exhibitFile.attract.tagline, exhibitCtx, ['attract', 'tagline']);
    taglineText = tagline.text;
    for (const [section, words] of Object.entries(exhibitFile.sectionText ?? {}) as [
      SectionId,
      { title?: Record<string, string>; hint?: Record<string, string> } | undefined,
    ][]) {
      if (!words) continue;
      const title = localized(words.title, exhibitCtx, ['sectionText', section, 'title']).text;
      const hint = localized(words.hint, exhibitCtx, ['sectionText', section, 'hint']).text;
      if (title || hint) sectionText[section] = { ...(title ? { title } : {}), ...(hint ? { hint } : {}) };
    }
    if (!exhibitTexts.ok || !tagline.ok) exhibitFile = undefined;
  }
  const exhibitDrafts = exhibitFile ? collectDrafts(exhibitFile.drafts, exhibitCtx) : [];
  if (exhibitFile) {
    exhibitFile.attract.photos.forEach((photoId, i) => {
      attractPhotos.push(photoId);
      refer('photos', photoId, exhibitCtx, ['attract', 'photos', i], () => {
        const at = attractPhotos.indexOf(photoId);
        if (at >= 0) attractPhotos.splice(at, 1);
      });
    });
  }

  for (const site of sites) {
    const problem = unresolved(site.kind, site.id);
    if (!problem) continue;
    report(
      problem.severity,
      site.ctx,
      site.path,
      problem.code,
      `${problem.message}${problem.code === 'unknown-reference' ? '; the reference is left out' : ''}`,
    );
    site.drop();
  }

  // A language with no text at all gets one warning; otherwise one warning per file and language.
  const untouched = (languages ?? []).filter((l) => l !== defaultLanguage && !languagesWithText.has(l));
  for (const lang of untouched) {
    report(
      'warning',
      exhibitCtx,
      ['languages', (languages ?? []).indexOf(lang)],
      'missing-translation',
      `nothing is translated into ${lang} yet; visitors choosing ${lang} see the ${defaultLanguage} text everywhere`,
    );
  }
  for (const { folder, languages: missing } of storiesMissing) {
    const list = missing.filter((l) => !untouched.includes(l));
    if (list.length > 0)
      problems.push({
        severity: 'warning',
        file: `${folder}/`,
        message: `no translation yet in ${plainList(list)} (add ${list.map((l) => `${l}.md`).join(', ')}); visitors see the ${defaultLanguage} text`,
        code: 'missing-translation',
      });
  }
  for (const [file, { ctx, byLanguage }] of missingTranslations) {
    for (const [lang, fields] of byLanguage) {
      if (untouched.includes(lang)) continue;
      const names = fields.map((f) => formatField(f) ?? '');
      const at = ctx.locate(fields[0] ?? []);
      problems.push({
        severity: 'warning',
        file,
        ...(at ? { line: at.line, column: at.column } : {}),
        message: `no ${lang} translation yet for ${plainList(names.length > 6 ? [...names.slice(0, 5), `${names.length - 5} more fields`] : names)}; visitors reading ${lang} see the ${defaultLanguage} text`,
        code: 'missing-translation',
      });
    }
  }

  // Texts that describe violence without a content note (only when the package lists the words).
  if (violenceLists) {
    for (const check of noteChecks) {
      if (check.hasNote) continue;
      const found = violenceFound(check.texts, violenceLists);
      if (found.length > 0)
        report(
          'warning',
          check.ctx,
          check.fieldPath,
          'missing-content-note',
          missingNoteMessage(found),
          'key',
        );
    }
  }

  if (exhibitFile && exhibitTexts && defaultLanguage && languages) {
    if (attractPhotos.length === 0)
      report(
        'warning',
        exhibitCtx,
        ['attract', 'photos'],
        'empty-attract',
        'none of the attract photos can be shown; the attract loop shows only the title',
      );
    stories.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
    stories.forEach((s, i) => (s.order = i + 1));
    photos.sort((a, b) => (a.id < b.id ? -1 : 1));
    people.sort((a, b) => (a.id < b.id ? -1 : 1));
    diary.sort(
      (a, b) => (a.date?.iso ?? '9999').localeCompare(b.date?.iso ?? '9999') || (a.id < b.id ? -1 : 1),
    );
    timeline.sort((a, b) => a.date.iso.localeCompare(b.date.iso) || (a.id < b.id ? -1 : 1));
    const counts: Record<SectionId, number> = {
      stories: stories.length,
      diary: diary.length,
      photos: photos.length,
      people: people.length,
      timeline: timeline.length,
    };
    const sections = exhibitFile.sections.filter((section, i) => {
      if (counts[section] > 0) return true;
      report(
        'warning',
        exhibitCtx,
        ['sections', i],
        'empty-section',
        section === 'timeline' && !timelineExists
          ? 'there is no timeline.yaml, so the Timeline section is not shown'
          : `the ${section} section has nothing to show, so it is not shown`,
      );
      return false;
    });
    const t = exhibitTexts.texts;
    exhibit = {
      id: exhibitFile.id,
      version: String(exhibitFile.version),
      defaultLanguage,
      languages,
      title: t.title ?? {},
      subtitle: t.subtitle ?? {},
      ...(t.introduction ? { introduction: t.introduction } : {}),
      ...(t.contentNote ? { contentNote: t.contentNote } : {}),
      ...(t.credits ? { credits: t.credits } : {}),
      attract: {
        photos: attractPhotos,
        tagline: taglineText ?? {},
        slideSeconds: exhibitFile.attract.slideSeconds,
      },
      sections,
      ...(Object.keys(sectionText).length > 0 ? { sectionText } : {}),
      stories,
      photos,
      diary,
      people,
      timeline,
      drafts: exhibitDrafts,
    };
  } else if (exhibitText !== null) {
    problems.push({
      severity: 'error',
      file: 'exhibit.yaml',
      message:
        'because of the errors in exhibit.yaml the exhibit cannot be shown; the kiosk keeps showing the last good version',
      code: 'exhibit-unusable',
    });
  }

  return { exhibit, problems: sortProblems(problems), drafts, files: filesSeen.size };
}

function removePhotoBlocks(blocks: StoryBlock[], photoId: string): StoryBlock[] {
  const out: StoryBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'photo' && block.photoId === photoId) continue;
    if (block.type === 'quote') out.push({ ...block, children: removePhotoBlocks(block.children, photoId) });
    else if (block.type === 'list')
      out.push({ ...block, items: block.items.map((item) => removePhotoBlocks(item, photoId)) });
    else out.push(block);
  }
  return out;
}
