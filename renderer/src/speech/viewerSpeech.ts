/**
 * What the audio guide says when a photograph opens in the photo viewer, or the viewer moves to the next or
 * previous one (issue 17, point 2): "Photograph, 2 of 5", its alt text, its caption, each in the language it
 * is written in. Pure: audioGuide.ts reads the visit and the exhibit, these decide when and what.
 */
import { fill, uiText } from '../i18n/uiText';
import type { Said } from './spoken';

/** The photograph the viewer shows, as far as the guide cares. */
export interface ViewerShown {
  photoId: string;
  /** Its place in the viewer's list (0-based). */
  index: number;
  /**
   * Behind its content note (not yet passed) or behind the graphic notice (not yet shown): the note or the
   * notice is said by focus first, and the description only once the visitor chose to see it.
   */
  withheld: boolean;
}

/** Whether the photograph now shown is to be described: a new one, or one just let through. */
export function describeViewerPhoto(previous: ViewerShown | null, next: ViewerShown | null): boolean {
  if (!next || next.withheld) return false;
  if (!previous) return true;
  return previous.photoId !== next.photoId || previous.index !== next.index || previous.withheld;
}

export interface ViewerPhotoWords {
  /** The visitor's language: the guide's own words ("Photograph", "2 of 5"). */
  lang: string;
  alt: Said;
  caption: Said | null;
  /** 1-based place and count; null for a viewer of one photograph. */
  position: { n: number; total: number } | null;
}

/** "Photograph, 2 of 5", then the alt text, then the caption; empty parts left out. */
export function spokenViewerPhoto(words: ViewerPhotoWords): Said[] {
  const t = uiText(words.lang);
  const sep = words.lang.startsWith('zh') || words.lang.startsWith('ja') ? '、' : ', ';
  const head = words.position
    ? `${t.speechPhoto}${sep}${fill(t.photoOf, { n: words.position.n, total: words.position.total })}`
    : t.speechPhoto;
  return [{ text: head, lang: words.lang }, words.alt, ...(words.caption ? [words.caption] : [])]
    .map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ').trim() }))
    .filter((p) => p.text.length > 0);
}
