/**
 * A date as curators think of it: how precisely it is known (the year, the month, the very day), then the
 * year, month and day. The content writes it as "1937", "1937-12" or "1937-12-13" (main/content/schema.ts,
 * `dateSchema`); whether it is approximate is the item's own `approximate` field beside it. Pure.
 */
export type DatePrecision = 'year' | 'month' | 'day';

export interface DateParts {
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
}

/** A stored value (string, a bare year as a number, or nothing) as parts; null when it cannot be read. */
export function dateParts(value: unknown): DateParts | null {
  if (value === undefined || value === null || value === '')
    return { precision: 'day', year: null, month: null, day: null };
  if (typeof value === 'number' && Number.isInteger(value))
    return { precision: 'year', year: value, month: null, day: null };
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  return {
    precision: d ? 'day' : m ? 'month' : 'year',
    year: Number(y),
    month: m ? Number(m) : null,
    day: d ? Number(d) : null,
  };
}

/** Days in a month of a year (proleptic Gregorian, as the checker counts them). */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The value to store for these parts: "1937", "1937-12", "1937-12-13"; undefined while the year is
 * missing (the field is then empty, and the checker says so when it is required). A day past the end of
 * the month is brought back to its last day; parts finer than the precision are left out.
 */
export function dateValue(parts: DateParts): string | undefined {
  const { year } = parts;
  if (year === null || !Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  const yyyy = String(year).padStart(4, '0');
  if (parts.precision === 'year' || parts.month === null) return yyyy;
  const month = Math.min(12, Math.max(1, parts.month));
  const mm = String(month).padStart(2, '0');
  if (parts.precision === 'month' || parts.day === null) return `${yyyy}-${mm}`;
  const day = Math.min(daysIn(year, month), Math.max(1, parts.day));
  return `${yyyy}-${mm}-${String(day).padStart(2, '0')}`;
}
