/**
 * Picking the visitor's language from content, and writing dates the way each language writes them.
 */
import type { HistoricalDate, Lang, LocalizedText } from '../../../main/common/exhibit';

export interface Localized {
  text: string;
  /** The language the text is actually in (the default language when the visitor's is missing). */
  lang: Lang;
}

/** The text in `lang`, else in the default language, else any; with the language it is in. */
export function pick(text: LocalizedText | undefined, lang: Lang, fallback: Lang): Localized {
  if (!text) return { text: '', lang };
  const own = text[lang];
  if (own) return { text: own, lang };
  const def = text[fallback];
  if (def) return { text: def, lang: fallback };
  const [anyLang, anyText] = Object.entries(text).find(([, v]) => Boolean(v)) ?? [lang, ''];
  return { text: anyText ?? '', lang: anyLang };
}

/** `1937-12-13` in the visitor's language at the date's own precision: "13 December 1937", "1937年12月13日"… */
export function formatHistoricalDate(date: HistoricalDate, lang: Lang): string {
  const [y, m, d] = date.iso.split('-').map(Number);
  const year = y ?? 0;
  // Noon UTC, shown in UTC: the calendar day never shifts with the kiosk's time zone.
  const when = new Date(Date.UTC(year, (m ?? 1) - 1, d ?? 1, 12));
  const options: Intl.DateTimeFormatOptions =
    date.precision === 'day'
      ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
      : date.precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(lang, options).format(when);
  } catch {
    return date.iso;
  }
}

/** A date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, at its own precision. */
export function dateFromIso(iso: string): HistoricalDate {
  const parts = iso.split('-').length;
  return { iso, precision: parts >= 3 ? 'day' : parts === 2 ? 'month' : 'year', approximate: false };
}

/** Life dates as years: "1882–1950". */
export function lifeDates(born: string | undefined, died: string | undefined): string {
  if (!born && !died) return '';
  const year = (d: string | undefined) => (d ? d.slice(0, 4) : '?');
  return `${year(born)}–${died ? year(died) : ''}`;
}
