/**
 * What the diary screen says about the wording a visitor reads: the author's original text, a translation
 * of it, or the wording as another work quotes it (which the kiosk never calls the original). Pure.
 */
import type { DiaryEntry, Lang } from '../../../main/common/exhibit';

export type WordingNote =
  /** The author's own words, in the language they wrote in. */
  | { kind: 'originalText'; language: Lang }
  /** A translation of the author's own text. */
  | { kind: 'translatedFrom'; language: Lang }
  /** The wording exactly as `source` quotes it; not checked against the author's own text. */
  | { kind: 'asQuotedIn'; source: string }
  /** A translation of the wording `source` quotes in `language`. */
  | { kind: 'translatedFromQuoted'; source: string; language: Lang }
  /** The author wrote in `language`: the quoted wording is itself a translation. */
  | { kind: 'quotedIsTranslation'; language: Lang };

/** The notes shown under an excerpt read in `textLang`, in order. */
export function wordingNotes(
  entry: Pick<DiaryEntry, 'originalLanguage' | 'quotedIn'>,
  textLang: Lang,
): WordingNote[] {
  const { originalLanguage, quotedIn } = entry;
  if (!quotedIn)
    return [
      textLang === originalLanguage
        ? { kind: 'originalText', language: originalLanguage }
        : { kind: 'translatedFrom', language: originalLanguage },
    ];
  const notes: WordingNote[] = [
    textLang === quotedIn.language
      ? { kind: 'asQuotedIn', source: quotedIn.source }
      : { kind: 'translatedFromQuoted', source: quotedIn.source, language: quotedIn.language },
  ];
  if (quotedIn.language !== originalLanguage)
    notes.push({ kind: 'quotedIsTranslation', language: originalLanguage });
  return notes;
}

/**
 * A `{name}` template cut into its literal text and its placeholders, so that a placeholder can be shown in
 * its own element (a citation in its own language, inside a sentence in the visitor's).
 */
export function templateParts(template: string): ({ text: string } | { placeholder: string })[] {
  const parts: ({ text: string } | { placeholder: string })[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ placeholder: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}
