import type { ReactNode } from 'react';
import {
  changeDay,
  daysInMonth,
  monthNames,
  partsOrder,
  splitDay,
  yearChoices,
  type DayPart,
} from './dayField';

interface DayFieldProps {
  /** What the day is ("From", "to"). */
  label: string;
  /** "YYYY-MM-DD". */
  value: string;
  min?: string;
  max?: string;
  /** The dashboard's language: the order of the parts and the months' names. */
  lang: string;
  /** The names of the three parts, in that language. */
  words: Record<DayPart, string>;
  testId: string;
  onChange(value: string): void;
}

/**
 * A day as three large choices (year, month by name, day) in the dashboard's language and its order, in
 * place of the browser's date input, which follows the machine's locale and opens a small calendar.
 */
export function DayField({
  label,
  value,
  min,
  max,
  lang,
  words,
  testId,
  onChange,
}: DayFieldProps): ReactNode {
  const parts = splitDay(value);
  if (!parts) return null;
  const months = monthNames(lang);
  const choices: Record<DayPart, { value: number; text: string }[]> = {
    year: yearChoices(new Date().getFullYear(), parts.year).map((y) => ({ value: y, text: String(y) })),
    month: months.map((name, i) => ({ value: i + 1, text: name })),
    day: Array.from({ length: daysInMonth(parts.year, parts.month) }, (_, i) => ({
      value: i + 1,
      text: String(i + 1),
    })),
  };
  return (
    <fieldset className="day-field" data-testid={testId}>
      <legend>{label}</legend>
      {partsOrder(lang).map((part) => (
        <select
          key={part}
          aria-label={`${label}: ${words[part]}`}
          value={parts[part]}
          data-testid={`${testId}-${part}`}
          onChange={(event) => onChange(changeDay(value, part, Number(event.target.value), min, max))}
        >
          {choices[part].map((c) => (
            <option key={c.value} value={c.value}>
              {c.text}
            </option>
          ))}
        </select>
      ))}
    </fieldset>
  );
}
