/**
 * The state one load shares between its steps, passed explicitly to each: the package folder and the
 * options, the problems and drafts found so far, the exhibit's languages (once exhibit.yaml is read), the
 * ids every item kind declares and the ones that turned out usable, and the references waiting to be
 * resolved once every item has been read.
 */
import path from 'node:path';
import type { Lang } from '../../common/exhibit';
import type { AudioInfo } from '../audioFormat';
import type { ViolenceWordLists } from '../contentNotes';
import type { CaptionsInfo, FileCheck, ImageInfo } from '../mediaFiles';
import { formatField, type FieldPath, type Problem, type Severity } from '../problems';
import type { Locator } from '../validate';
import { defaultUrlFor, type DraftTranslation, type LoadOptions, type UrlArea } from './types';

/** A file being checked: its name and where its fields are. */
export interface FileContext extends Locator {
  file: string;
}

export const NOWHERE: Locator = { locate: () => undefined, locateKey: () => undefined };

export function prefixed(locator: Locator, prefix: FieldPath): Locator {
  return {
    locate: (p) => locator.locate([...prefix, ...p]),
    locateKey: (p) => locator.locateKey([...prefix, ...p]),
  };
}

export type Kind = 'photos' | 'people' | 'diary' | 'stories' | 'timeline';

/** A reference from one item to another, resolved once every item has been read. */
export interface ReferenceSite {
  kind: Kind;
  id: string;
  ctx: FileContext;
  path: FieldPath;
  /** Remove the reference from the item being built. */
  drop: () => void;
}

/** An item whose texts are looked at for violence words once everything is read. */
export interface NoteCheck {
  ctx: FileContext;
  fieldPath?: FieldPath;
  texts: Partial<Record<Lang, string[]>>;
  hasNote: boolean;
}

export interface LoadContext {
  mediaDir: string;
  derivedDir: string;
  urlFor: (area: UrlArea, relativePath: string) => string;
  concurrency: number;
  decodeImages: boolean;
  trustDerivedDecode: boolean;

  problems: Problem[];
  drafts: DraftTranslation[];
  /** Package files read or checked (relative paths). */
  filesSeen: Set<string>;
  /** Files the format gives a place although nothing read them (an image beside a broken photo file). */
  filesOwned: Set<string>;
  /** Record one problem; its line and column come from `ctx` when it can locate `fieldPath`. */
  report(
    severity: Severity,
    ctx: { file: string } & Partial<Locator>,
    fieldPath: FieldPath | undefined,
    code: string,
    message: string,
    at?: 'value' | 'key',
  ): void;

  /** The exhibit's languages; null while (or when) exhibit.yaml is unusable: language checks are skipped. */
  languages: Lang[] | null;
  defaultLanguage: Lang | null;
  /** Languages that have at least one text anywhere; a language with none gets one warning, not one per file. */
  languagesWithText: Set<Lang>;
  /** Per file: fields missing each non-default language, reported once per file and language. */
  missingTranslations: Map<string, { ctx: FileContext; byLanguage: Map<Lang, FieldPath[]> }>;
  /** Stories missing a language, reported at the end (so untouched languages can be summed up). */
  storiesMissing: { folder: string; languages: Lang[] }[];

  /** The package's violence words (content-notes.yaml), when it has them. */
  violenceLists: ViolenceWordLists | null;
  noteChecks: NoteCheck[];

  /** Ids each kind of item declares (by file or folder name, or `id:` in the timeline). */
  known: Record<Kind, Set<string>>;
  /** Ids of the items that were read without errors. */
  usable: Record<Kind, Set<string>>;
  sites: ReferenceSite[];

  /** Each media file checked once per load, however many items name it (by package-relative path). */
  checks: {
    images: Map<string, Promise<FileCheck<ImageInfo>>>;
    audio: Map<string, Promise<FileCheck<AudioInfo>>>;
    captions: Map<string, Promise<FileCheck<CaptionsInfo>>>;
    /** Captions and narration pairs whose timing has been compared. */
    timing: Set<string>;
  };
}

const emptyKinds = (): Record<Kind, Set<string>> => ({
  photos: new Set(),
  people: new Set(),
  diary: new Set(),
  stories: new Set(),
  timeline: new Set(),
});

export function createLoadContext(mediaDir: string, options: LoadOptions): LoadContext {
  const problems: Problem[] = [];
  return {
    mediaDir,
    derivedDir: options.derivedDir ?? path.join(path.dirname(path.resolve(mediaDir)), '.media-cache'),
    urlFor: options.urlFor ?? defaultUrlFor,
    concurrency: options.concurrency ?? 64,
    decodeImages: options.decodeImages !== false,
    trustDerivedDecode: options.trustDerivedDecode === true,
    problems,
    drafts: [],
    filesSeen: new Set(),
    filesOwned: new Set(),
    report(severity, ctx, fieldPath, code, message, at = 'value') {
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
    },
    languages: null,
    defaultLanguage: null,
    languagesWithText: new Set(),
    missingTranslations: new Map(),
    storiesMissing: [],
    violenceLists: null,
    noteChecks: [],
    known: emptyKinds(),
    usable: emptyKinds(),
    sites: [],
    checks: { images: new Map(), audio: new Map(), captions: new Map(), timing: new Set() },
  };
}
