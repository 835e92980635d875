/**
 * The exhibit editor's part of the contract (issue 14): its routes, the session header, the roles, and the
 * shapes of what the routes take and give. The editor's routes exist only in a backend started with the
 * `editor` option (`npm run editor`); the visitor kiosk never answers them. No Node, no DOM.
 */
import { z } from 'zod';

export const editorApi = {
  /** GET → EditorSignInChoices; POST { pin, role, languages? } → EditorUnlockResult */
  unlock: '/api/editor/unlock',
  /** POST (token) → 204: ends the session. */
  lock: '/api/editor/lock',
  /** GET (token) → EditorOverview: every item with its badges, the languages, the JSON Schemas. */
  items: '/api/editor/items',
  /** GET ?kind=&id= (token) → EditorItem; PUT { kind, id, revision, data } → EditorSaveResult. */
  item: '/api/editor/item',
  /** GET ?kind=&id= (token) → EditorHistoryEntry[], newest first. */
  history: '/api/editor/history',
  /** POST { kind, id, version, revision } (token) → EditorSaveResult: a saved version back, as a new save. */
  restore: '/api/editor/restore',
  /** GET (token) → { ok }: answers once the kiosk preview shows the last save (its content reloaded). */
  previewReady: '/api/editor/preview-ready',
  /** GET (token, technician) → EditorSettingsDoc; PUT { revision, data } → EditorSaveResult. */
  settings: '/api/editor/settings',
  /**
   * POST ?id=<photo id>&clearPlaceholder=0|1 (token, curator), the image's bytes as the body (JPEG, PNG,
   * TIFF or WebP) → 202 EditorUploadJob; 413 too large; 422 not an image the kiosk can use.
   */
  upload: '/api/editor/upload',
  /**
   * GET ?job= (token) → EditorUploadJob: where an upload's derivatives are. With &step=&state= (what the
   * page saw last) the answer waits until the job moves on (at most 20 s): ask again until done or failed.
   */
  uploadJob: '/api/editor/upload-job',
  /**
   * The unsaved edits kept on this computer in case the editor stops before a save
   * (main/common/editorRecovery.ts). GET (token) → EditorRecoveryOffer[] of this role; PUT { kind, id,
   * base, data } (token) → EditorRecoveryKept; DELETE ?kind=&id= (token) → 204: discarded.
   */
  recovery: '/api/editor/recovery',
  /**
   * Publishing the exhibit as a signed package (issue 15), curator only. GET (token) → EditorPublishPreview:
   * what publishing would do now. POST EditorPublishRequest (token) → EditorPublishResult: 200 published,
   * 409 drafts or placeholders to confirm first, 422 refused (each reason), 403 not a curator. The page
   * never names a path: the key and the publish folder are those the editor was started with.
   */
  publish: '/api/editor/publish',
} as const;

/** The largest upload: an uncompressed 16-bit RGB TIFF of 150 megapixels (900 MB) fits. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** The steps of an upload after its bytes have arrived, in order (the progress bar's steps). */
export const UPLOAD_STEPS = ['check', 'original', 'display', 'thumbnail', 'tiles', 'preview'] as const;
export type UploadStep = (typeof UPLOAD_STEPS)[number];

/** An upload's derivatives being made: `GET editorApi.uploadJob`. */
export interface EditorUploadJob {
  job: string;
  photo: string;
  state: 'working' | 'done' | 'failed';
  /** The step under way (or the last one reached). */
  step: UploadStep;
  /** Steps finished, of `UPLOAD_STEPS.length`. */
  done: number;
  total: number;
  message?: string;
  /** When done: the stored original, its size and the derivatives' URLs for the preview. */
  result?: {
    file: string;
    width: number;
    height: number;
    thumbnail: string;
    display: string;
    dzi?: string;
    placeholder: boolean;
    item: EditorItem;
  };
}

/** Whether an upload's declared type is one the editor takes (the bytes are checked again). Pure. */
export function isUploadType(type: string): boolean {
  return /^image\/(jpeg|png|tiff|webp)$/i.test(type.split(';')[0]?.trim() ?? '');
}

/** The header that carries the editor's session token on every editor route but unlock. */
export const EDITOR_TOKEN_HEADER = 'x-editor-token';

/** Where the editor's own page is served, and the kiosk's page that the live preview shows. */
export const EDITOR_PAGE = '/editor/';

export const EDITOR_ROLES = ['curator', 'translator', 'technician'] as const;
export type EditorRole = (typeof EDITOR_ROLES)[number];

/** The kinds of items in an exhibit package, in the order the editor lists them. */
export const ITEM_KINDS = ['story', 'diary', 'photo', 'person', 'timeline', 'exhibit'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === 'string' && (ITEM_KINDS as readonly string[]).includes(value);
}

export function isEditorRole(value: unknown): value is EditorRole {
  return typeof value === 'string' && (EDITOR_ROLES as readonly string[]).includes(value);
}

/** `GET editorApi.unlock` → what the sign-in screen offers. */
export interface EditorSignInChoices {
  roles: EditorRole[];
  languages: string[];
  defaultLanguage: string;
}

/** `POST editorApi.unlock` → */
export interface EditorUnlockResult {
  ok: boolean;
  token?: string;
  role?: EditorRole;
  /** The languages a translator may edit (every language for the other roles). */
  languages?: string[];
  lockedForSeconds?: number;
  triesLeft?: number;
  message?: string;
}

/** A problem the checker found, placed at a field of an item. */
export interface FieldProblem {
  severity: 'error' | 'warning';
  /** The field as a dotted path in the item's data (`caption.en`, `en.title`, `sources[1]`). */
  field?: string;
  message: string;
  code: string;
  /** The file and line, for those who also open the file. */
  file: string;
  line?: number;
}

/** One item in the overview list. */
export interface ItemSummary {
  kind: ItemKind;
  id: string;
  /** The item's title (name, caption, title) per language. */
  title: Record<string, string>;
  /** URL of a thumbnail (a photograph's own; a story's cover; a person's portrait). */
  thumbnail?: string;
  errors: number;
  warnings: number;
  /** Languages whose translation is marked as a draft. */
  drafts: string[];
  /** Exhibit languages with no text in this item. */
  missing: string[];
  placeholder: boolean;
  contentNote: boolean;
  /** Every text of the item in every language, lower case, for the search. */
  searchText: string;
}

/** `GET editorApi.items` → */
export interface EditorOverview {
  languages: string[];
  defaultLanguage: string;
  items: ItemSummary[];
  /** JSON Schema (from the one zod schema, with its descriptions) of each kind's data, by kind. */
  schemas: Record<ItemKind, unknown>;
  /** Problems no item owns (a file the checker could not place). */
  otherProblems: FieldProblem[];
}

/** `GET editorApi.item` → */
export interface EditorItem {
  kind: ItemKind;
  id: string;
  /**
   * The item's fields as data. For a story: `{ <lang>: { ...front matter, body } }`, one entry per
   * language file; for the others the YAML as plain data.
   */
  data: unknown;
  /** A hash of the bytes of the item's files, as read: sent back with a save. */
  revision: string;
  problems: FieldProblem[];
  /** The item's files, relative to the package. */
  files: string[];
}

/** A save's answer: 200 saved, 409 changed on disk, 422 invalid, 403 not this role's to change. */
export type EditorSaveResult =
  | { status: 'saved'; item: EditorItem }
  | { status: 'conflict'; message: string; mine: unknown; theirs: EditorItem }
  | { status: 'invalid'; message: string; problems: FieldProblem[] }
  | { status: 'forbidden'; message: string };

/** One saved version of an item, kept before a save replaced it. */
export interface EditorHistoryEntry {
  version: string;
  /** ISO time of the save that replaced this version. */
  savedAt: string;
  role: EditorRole;
  files: string[];
}

/** `GET editorApi.settings` → the device settings, as in kiosk.yaml (the PIN hash left out). */
export interface EditorSettingsDoc {
  /** The file's values (what is written); missing fields take the defaults. */
  data: unknown;
  /** Every value the kiosk uses, defaults filled in. */
  effective: unknown;
  revision: string;
  schema: unknown;
  problems: FieldProblem[];
}

/** Fields that name other items: chosen from a picker, never typed. `[]` marks a list position. */
export const REFERENCE_FIELDS: Record<ItemKind, Record<string, ItemKind>> = {
  story: {
    cover: 'photo',
    'related.stories[]': 'story',
    'related.people[]': 'person',
    'related.diary[]': 'diary',
    'related.photos[]': 'photo',
    'related.timeline[]': 'timeline',
  },
  photo: { 'people[]': 'person' },
  person: { portrait: 'photo' },
  diary: { author: 'person', facsimile: 'photo' },
  timeline: {
    'related.stories[]': 'story',
    'related.people[]': 'person',
    'related.diary[]': 'diary',
    'related.photos[]': 'photo',
    'related.timeline[]': 'timeline',
  },
  exhibit: { 'attract.photos[]': 'photo' },
};

/** Whether a summary matches a search (every word, in any language, any case). Pure. */
export function matchesSearch(item: Pick<ItemSummary, 'id' | 'searchText'>, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => item.id.includes(w) || item.searchText.includes(w));
}

/**
 * Why publishing is refused, or what must be confirmed first (`drafts`, `placeholders`). The page says each
 * in its own language from the code and values; `message` is the English sentence for the log.
 */
export const PUBLISH_NOTICE_CODES = [
  'not-set-up',
  'key-unreadable',
  'folder-unwritable',
  'content-unreadable',
  'checker-errors',
  'version-taken',
  'busy',
  'failed',
  'drafts',
  'placeholders',
] as const;
export type PublishNoticeCode = (typeof PUBLISH_NOTICE_CODES)[number];

export const publishNoticeSchema = z.strictObject({
  code: z.enum(PUBLISH_NOTICE_CODES),
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type PublishNotice = z.output<typeof publishNoticeSchema>;

const checkerCountsSchema = z.strictObject({
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  drafts: z.number().int().min(0),
  placeholders: z.number().int().min(0),
});

/** `GET editorApi.publish` → what publishing would do now. */
export const editorPublishPreviewSchema = z.strictObject({
  /** Whether the editor was started with --key and --publish-to. */
  setUp: z.boolean(),
  exhibitId: z.string().nullable(),
  /** exhibit.yaml's own version. */
  exhibitVersion: z.string(),
  /** The package version publishing would make (null when it cannot be known). */
  version: z.number().int().min(1).nullable(),
  /** `<exhibit-id>-<version>.kioskpkg` */
  fileName: z.string().nullable(),
  /** The publish folder, as the technician gave it (shown, never sent back). */
  folder: z.string().nullable(),
  /** The highest version already in the publish folder. */
  latest: z.number().int().nullable(),
  /** Files that would go into the package, and their bytes before compression. */
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  checker: checkerCountsSchema,
  /** Translations marked as draft, by language. */
  draftLanguages: z.record(z.string(), z.number().int().min(0)),
  /** The checker's first errors and warnings, one line each (file, field, message). */
  firstErrors: z.array(z.string()),
  firstWarnings: z.array(z.string()),
  /** Empty when it may be published. */
  refusals: z.array(publishNoticeSchema),
  /** What the curator confirms before it is published (drafts, placeholders). */
  confirm: z.array(publishNoticeSchema),
});
export type EditorPublishPreview = z.output<typeof editorPublishPreviewSchema>;

/** `POST editorApi.publish`: the version the page showed, and whether drafts and placeholders are confirmed. */
export const editorPublishRequestSchema = z.strictObject({
  version: z.number().int().min(1).max(1_000_000_000),
  confirm: z.boolean(),
});
export type EditorPublishRequest = z.output<typeof editorPublishRequestSchema>;

export const editorPublishResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('published'),
    exhibitId: z.string(),
    version: z.number().int().min(1),
    fileName: z.string(),
    folder: z.string(),
    /** The package file's size in bytes (compressed). */
    size: z.number().int().min(0),
    /** Content files in the package. */
    files: z.number().int().min(0),
    /** How long publishing took, in seconds. */
    seconds: z.number().min(0),
  }),
  z.strictObject({
    status: z.literal('confirm'),
    message: z.string(),
    confirm: z.array(publishNoticeSchema),
  }),
  z.strictObject({
    status: z.literal('refused'),
    message: z.string(),
    refusals: z.array(publishNoticeSchema),
    firstErrors: z.array(z.string()),
  }),
  z.strictObject({ status: z.literal('forbidden'), message: z.string() }),
]);
export type EditorPublishResult = z.output<typeof editorPublishResultSchema>;
