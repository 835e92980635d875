/**
 * Which characters the kiosk shows, and which font files it needs for them (pure: no files read here).
 *
 * The bundled fonts (@fontsource-variable/noto-*) come split by unicode-range into hundreds of files, so a
 * first screen in Chinese or Japanese fetched dozens of them and laid its text out again as each arrived.
 * At build time the kiosk instead keeps, of each of those files, only the characters the exhibit and the
 * interface use (fontSubset.ts), declares each with exactly those characters as its unicode-range, and loads
 * them all while the attract loop runs. The full fonts stay behind them as a fallback for text added later.
 */

/** One @font-face of a bundled font: its family, weights, style, file and unicode-range. */
export interface FontFaceSource {
  family: string;
  weight: string;
  style: string;
  /** The file's name as the CSS gives it, relative to the CSS file. */
  file: string;
  ranges: [number, number][];
}

/** The @font-face rules of a fontsource CSS file (family, weight, style, file, unicode-range). */
export function parseFontFaces(css: string): FontFaceSource[] {
  const faces: FontFaceSource[] = [];
  for (const match of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = match[1] ?? '';
    const get = (name: string) => new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(body)?.[1]?.trim();
    const family = get('font-family')?.replace(/^['"]|['"]$/g, '');
    const file = /url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(body)?.[1];
    if (!family || !file) continue;
    faces.push({
      family,
      weight: get('font-weight') ?? '400',
      style: get('font-style') ?? 'normal',
      file,
      ranges: parseUnicodeRange(get('unicode-range') ?? 'U+0-10FFFF'),
    });
  }
  return faces;
}

/** `U+0041-005A,U+00E9,U+4E??` → inclusive code point ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter((part) => part !== '')
    .map((part): [number, number] => {
      if (part.includes('?'))
        return [parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'F'), 16)];
      const [from, to] = part.split('-');
      const start = parseInt(from ?? '', 16);
      return [start, to === undefined ? start : parseInt(to, 16)];
    })
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
}

/** Code points → the shortest unicode-range value that says exactly them (`U+41-43,U+4E2D`). */
export function formatUnicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      i += 1;
      end += 1;
    }
    i += 1;
    parts.push(start === end ? `U+${start.toString(16)}` : `U+${start.toString(16)}-${end.toString(16)}`);
  }
  return parts.join(',');
}

/** Every code point of some texts (line breaks, tabs and control characters need no glyph; ALWAYS has the spaces). */
export function codePointsOf(texts: Iterable<string>): Set<number> {
  const found = new Set<number>();
  for (const text of texts)
    for (const char of text) {
      const cp = char.codePointAt(0) as number;
      if (cp > 0x20 && !(cp >= 0x7f && cp < 0xa0)) found.add(cp);
    }
  return found;
}

/**
 * Characters every language gets whatever the texts say: printable ASCII, Latin-1, general punctuation and
 * the CJK punctuation and full-width forms, since numbers, dates and quotation marks are made at run time.
 */
export const ALWAYS = new Set([
  // The spaces: their width is the font's own.
  0x20,
  0x3000,
  ...codePointsOf([
    String.fromCodePoint(...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => 0x21 + i)),
    String.fromCodePoint(...Array.from({ length: 0xff - 0xa1 + 1 }, (_, i) => 0xa1 + i)),
    String.fromCodePoint(...Array.from({ length: 0x2027 - 0x2010 + 1 }, (_, i) => 0x2010 + i)),
    '‰′″‹›€№™−∶',
    String.fromCodePoint(...Array.from({ length: 0x3011 - 0x3001 + 1 }, (_, i) => 0x3001 + i)),
    '〔〕〖〗〜・ー',
    String.fromCodePoint(...Array.from({ length: 0xff1f - 0xff01 + 1 }, (_, i) => 0xff01 + i)),
    '～｡｢｣､',
  ]),
]);

/** Below this code point, the Latin family (Noto Sans, Noto Serif) has every character a text can hold. */
export const LATIN_FAMILY_ENDS = 0x2000;

/** Dates and counts the kiosk formats at run time (Intl), in one language: month, weekday and era names. */
export function formattedTexts(lang: string): string[] {
  const texts: string[] = [];
  for (let month = 0; month < 12; month += 1) {
    const date = new Date(Date.UTC(1937, month, 13 + (month % 7)));
    for (const options of [
      { dateStyle: 'full' },
      { dateStyle: 'long' },
      { year: 'numeric', month: 'long' },
      { month: 'short', day: 'numeric' },
      { year: 'numeric' },
    ] as Intl.DateTimeFormatOptions[])
      texts.push(new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(date));
  }
  texts.push(new Intl.NumberFormat(lang).format(1234567.89));
  return texts;
}

/** Texts, by the language they are shown in; `'*'` for text shown in any language (names, numbers). */
export type TextsByLanguage = Map<string, string[]>;

/**
 * The texts of a parsed YAML document, by language: the values of every map whose keys are all languages of
 * the exhibit go to their language, every other string to `'*'`.
 */
export function textsOfDocument(
  document: unknown,
  languages: readonly string[],
  into: TextsByLanguage,
): void {
  const add = (lang: string, text: string) => {
    const list = into.get(lang) ?? [];
    list.push(text);
    into.set(lang, list);
  };
  const visit = (value: unknown, lang: string) => {
    if (typeof value === 'string') add(lang, value);
    else if (Array.isArray(value)) for (const item of value) visit(item, lang);
    else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      const localized = entries.length > 0 && entries.every(([key]) => languages.includes(key));
      for (const [key, item] of entries) visit(item, localized ? key : lang);
    }
  };
  visit(document, '*');
}

/**
 * Which characters each bundled font family must keep (with `always`, also those made at run time). A family for one script (`… SC`, `… JP`) is only
 * shown in that script's language (base.css gives `:lang(ja)` the JP families and every other language the
 * SC ones), so it keeps the characters of the texts shown in those languages and of the text shown in any;
 * the Latin families keep every character (only those in their ranges reach them).
 */
export function charactersForFamily(family: string, texts: TextsByLanguage, always = true): Set<number> {
  const japanese = /\bJP\b/.test(family);
  const chinese = /\bSC\b/.test(family);
  const chosen: string[] = [];
  for (const [lang, list] of texts) {
    const isJapanese = lang === 'ja' || lang.startsWith('ja-');
    if (lang === '*' || (!japanese && !chinese) || (japanese && isJapanese) || (chinese && !isJapanese))
      chosen.push(...list);
  }
  const found = codePointsOf(chosen);
  if (always) for (const cp of ALWAYS) found.add(cp);
  else found.add(0x20);
  // Every stack puts the Latin family first, and it has Latin, Latin-1 and the general punctuation: the
  // Chinese and Japanese families never show those, so they keep only what lies beyond.
  if (japanese || chinese) for (const cp of found) if (cp < LATIN_FAMILY_ENDS) found.delete(cp);
  return found;
}

/** Of one face, the characters it must keep (those of `wanted` inside its unicode-range); none: skip it. */
export function keptBy(face: FontFaceSource, wanted: Set<number>): number[] {
  const kept: number[] = [];
  for (const cp of wanted) if (face.ranges.some(([a, b]) => cp >= a && cp <= b)) kept.push(cp);
  return kept.sort((a, b) => a - b);
}

/** The family name the subset faces are declared under: `Noto Sans SC Variable` → `Kiosk Noto Sans SC`. */
export function subsetFamilyName(family: string): string {
  return `Kiosk ${family.replace(/\s+Variable$/, '')}`;
}
