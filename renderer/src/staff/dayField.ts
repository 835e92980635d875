/**
 * A day chosen as year, month and day, in the order and words of the dashboard's language (issue 16):
 * the browser's own date input shows the machine's locale, not the language staff chose. Pure, with
 * table tests beside it; `DayField.tsx` draws it.
 */

export type DayPart = 'year' | 'month' | 'day';

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-12-02" → its parts; null for anything else. */
export function splitDay(value: string): DayParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parts → "YYYY-MM-DD", a day past the month's end brought back to its last day. */
export function joinDay({ year, month, day }: DayParts): string {
  const last = daysInMonth(year, month);
  const d = Math.min(Math.max(1, day), last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One part changed: the new day, kept within min and max (ISO days compare as text). */
export function changeDay(value: string, part: DayPart, to: number, min?: string, max?: string): string {
  const parts = splitDay(value);
  if (!parts) return value;
  const next = joinDay({ ...parts, [part]: to });
  if (min && next < min) return min;
  if (max && next > max) return max;
  return next;
}

/** The order the language writes a date in ("2026年12月2日" → year, month, day; "2 Dec 2026" → …). */
export function partsOrder(lang: string): DayPart[] {
  const order = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric' })
    .formatToParts(new Date(Date.UTC(2026, 11, 2, 12)))
    .map((p) => p.type)
    .filter((t): t is DayPart => t === 'year' || t === 'month' || t === 'day');
  return order.length === 3 ? order : ['year', 'month', 'day'];
}

/** The twelve months' names in the language ("January", "1月", "Januari"). */
export function monthNames(lang: string): string[] {
  const format = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2026, i, 15))));
}

/** The years offered: from `back` years before today's through today's, and the chosen one if older. */
export function yearChoices(todayYear: number, chosen: number, back = 3): number[] {
  const first = Math.min(todayYear - back, chosen);
  return Array.from({ length: todayYear - first + 1 }, (_, i) => first + i);
}
