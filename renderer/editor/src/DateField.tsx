import { useState, type ReactNode } from 'react';
import { dateParts, dateValue, daysIn, type DatePrecision, type DateParts } from './dateParts';
import { t, type UiLang } from './text';

const PRECISIONS: DatePrecision[] = ['day', 'month', 'year'];

function monthNames(ui: UiLang): string[] {
  const format = new Intl.DateTimeFormat(ui, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
}

/**
 * A date with its precision (issue 14): how precisely it is known — the very day, the month, only the
 * year — then the year, the month chosen by name and the day. Whether it is approximate is the item's own
 * "approximate" checkbox beside it. A value the form cannot read (typed by hand in the file) is shown as
 * text, as it is, for the checker to name.
 */
export function DateInputs(props: {
  id: string;
  value: unknown;
  ui: UiLang;
  readOnly: boolean;
  invalid: boolean;
  describedBy: string;
  onChange(value: string | undefined): void;
}): ReactNode {
  const { id, ui, readOnly } = props;
  const read = dateParts(props.value);
  // The precision last chosen: before a year is typed nothing is stored, and a finer one shows its
  // empty parts until they are filled in.
  const [chosen, setChosen] = useState<DatePrecision>(read?.precision ?? 'day');
  if (!read)
    return (
      <input
        type="text"
        id={id}
        value={String(props.value)}
        disabled={readOnly}
        aria-invalid
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    );
  // A finer precision just chosen holds while its parts are still empty (nothing finer is stored yet).
  const finer = PRECISIONS.indexOf(chosen) < PRECISIONS.indexOf(read.precision);
  const parts: DateParts = read.year === null || finer ? { ...read, precision: chosen } : read;
  const set = (next: Partial<DateParts>) => {
    const merged = { ...parts, ...next };
    setChosen(merged.precision);
    // Finer parts kept while the precision is coarser are not stored, but come back when it is finer.
    props.onChange(dateValue(merged));
  };
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  const maxDay = parts.year && parts.month ? daysIn(parts.year, parts.month) : 31;
  return (
    <div className="date-inputs">
      <div className="date-part">
        <label htmlFor={id}>{t(ui, 'datePrecision')}</label>
        <select
          id={id}
          value={parts.precision}
          disabled={readOnly}
          aria-describedby={props.describedBy}
          onChange={(e) => set({ precision: e.target.value as DatePrecision })}
        >
          {PRECISIONS.map((p) => (
            <option key={p} value={p}>
              {t(ui, `datePrecision_${p}`)}
            </option>
          ))}
        </select>
      </div>
      {parts.precision === 'day' ? (
        <div className="date-part">
          <label htmlFor={`${id}-day`}>{t(ui, 'dateDay')}</label>
          <input
            id={`${id}-day`}
            type="number"
            className="date-day"
            min={1}
            max={maxDay}
            value={parts.day ?? ''}
            disabled={readOnly}
            aria-invalid={props.invalid}
            onChange={(e) => set({ day: number(e.target.value) })}
          />
        </div>
      ) : null}
      {parts.precision !== 'year' ? (
        <div className="date-part">
          <label htmlFor={`${id}-month`}>{t(ui, 'dateMonth')}</label>
          <select
            id={`${id}-month`}
            value={parts.month ?? ''}
            disabled={readOnly}
            aria-invalid={props.invalid}
            onChange={(e) => set({ month: number(e.target.value) })}
          >
            <option value="">{t(ui, 'none')}</option>
            {monthNames(ui).map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="date-part">
        <label htmlFor={`${id}-year`}>{t(ui, 'dateYear')}</label>
        <input
          id={`${id}-year`}
          type="number"
          className="date-year"
          min={1}
          max={9999}
          value={parts.year ?? ''}
          disabled={readOnly}
          aria-invalid={props.invalid}
          onChange={(e) => set({ year: number(e.target.value) })}
        />
      </div>
    </div>
  );
}
