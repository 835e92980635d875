/**
 * What loading an exhibit package takes and gives: the options, the result, and the URLs the exhibit's
 * files are served at.
 */
import type { Exhibit, Lang } from '../../common/exhibit';
import { DERIVED_PREFIX, MEDIA_PREFIX } from '../../common/api';
import type { Problem } from '../problems';

export type UrlArea = 'media' | 'derived';

export interface LoadOptions {
  /** The derivatives folder; default `.media-cache` beside the package. */
  derivedDir?: string;
  /** Turns a path inside the package (`media`) or the derivatives folder (`derived`) into a URL. */
  urlFor?: (area: UrlArea, relativePath: string) => string;
  /** Decode every image with sharp (default true). `false` only checks the files exist (benchmarks). */
  decodeImages?: boolean;
  /**
   * Skip the full decode of an image the derivatives manifest lists with the same size and modification
   * time (its derivatives were built from a full decode). The kiosk's content service sets it, so a reload
   * does not decode a 50-megapixel scan again; `content:check` leaves it off and decodes every image.
   */
  trustDerivedDecode?: boolean;
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
