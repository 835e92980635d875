/**
 * What the audio guide says when something receives focus: its name and role, in the language it is
 * written in. Pure: `focusInfo` (describeFocus.ts) reads the page, this decides the words.
 */
import { fill, uiText } from '../i18n/uiText';

export interface Said {
  text: string;
  lang: string;
}

export type FocusInfo =
  /** A control: its accessible name. */
  | { kind: 'button' | 'link'; name: string; lang: string; disabled: boolean }
  | { kind: 'heading'; name: string; lang: string }
  /** Reading text (a paragraph): the text itself. */
  | { kind: 'text'; name: string; lang: string }
  /** A photograph: its alt text and caption (each in its own language). */
  | { kind: 'photo'; alt: Said; caption: Said | null; lang: string }
  /** A content note: its heading, subject and note, then the keys to go on. */
  | { kind: 'note'; heading: string; subject: string | null; note: Said; lang: string };

/** Collapse whitespace; no empty parts. */
function clean(parts: Said[]): Said[] {
  return parts
    .map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ').trim() }))
    .filter((p) => p.text.length > 0);
}

export function spokenForFocus(info: FocusInfo): Said[] {
  const t = uiText(info.lang);
  switch (info.kind) {
    case 'button':
    case 'link': {
      const role = info.kind === 'button' ? t.speechButton : t.speechLink;
      const words = [info.name, role, ...(info.disabled ? [t.speechUnavailable] : [])];
      return clean([{ text: words.join(sep(info.lang)), lang: info.lang }]);
    }
    case 'heading':
      return clean([{ text: `${info.name}${sep(info.lang)}${t.speechHeading}`, lang: info.lang }]);
    case 'text':
      return clean([{ text: info.name, lang: info.lang }]);
    case 'photo':
      return clean([
        { text: t.speechPhoto, lang: info.lang },
        info.alt,
        ...(info.caption ? [info.caption] : []),
      ]);
    case 'note':
      return clean([
        { text: info.heading, lang: info.lang },
        ...(info.subject ? [{ text: info.subject, lang: info.lang }] : []),
        info.note,
        { text: t.audioNoteKeys, lang: info.lang },
      ]);
  }
}

/** The pause between a name and its role: a comma in the language's own punctuation. */
function sep(lang: string): string {
  return lang.startsWith('zh') || lang.startsWith('ja') ? '、' : ', ';
}

/** "Volume 7 of 10" in the visitor's language. */
export function spokenVolume(volume: number, lang: string): Said {
  return { text: fill(uiText(lang).audioVolume, { n: Math.round(volume * 10) }), lang };
}
