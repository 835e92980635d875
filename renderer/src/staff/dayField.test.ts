import { describe, expect, it } from 'vitest';
import { changeDay, daysInMonth, joinDay, monthNames, partsOrder, splitDay, yearChoices } from './dayField';

describe('splitDay / joinDay', () => {
  it.each([
    ['2026-12-02', { year: 2026, month: 12, day: 2 }],
    ['2028-02-29', { year: 2028, month: 2, day: 29 }],
    ['2027-02-29', null],
    ['2026-13-01', null],
    ['2026-12-2', null],
    ['', null],
  ])('%s → %j', (value, parts) => {
    expect(splitDay(value)).toEqual(parts);
    if (parts) expect(joinDay(parts)).toBe(value);
  });

  it('brings a day past the month end back to its last day', () => {
    expect(joinDay({ year: 2027, month: 2, day: 31 })).toBe('2027-02-28');
    expect(daysInMonth(2028, 2)).toBe(29);
  });
});

describe('changeDay', () => {
  it.each<[string, 'year' | 'month' | 'day', number, string | undefined, string | undefined, string]>([
    ['2026-12-02', 'day', 15, undefined, undefined, '2026-12-15'],
    ['2026-03-31', 'month', 2, undefined, undefined, '2026-02-28'],
    ['2028-02-29', 'year', 2027, undefined, undefined, '2027-02-28'],
    ['2026-12-02', 'month', 1, '2026-06-01', undefined, '2026-06-01'],
    ['2026-11-02', 'day', 30, undefined, '2026-11-20', '2026-11-20'],
    ['not a day', 'day', 3, undefined, undefined, 'not a day'],
  ])('%s, %s → %d (min %s, max %s) → %s', (value, part, to, min, max, expected) => {
    expect(changeDay(value, part, to, min, max)).toBe(expected);
  });
});

describe('in the dashboard language', () => {
  it.each([
    ['zh-Hans', ['year', 'month', 'day'], '十二月'],
    ['ja', ['year', 'month', 'day'], '12月'],
    ['en', ['month', 'day', 'year'], 'December'],
    ['id', ['day', 'month', 'year'], 'Desember'],
  ])('%s writes %j, December as %s', (lang, order, december) => {
    expect(partsOrder(lang)).toEqual(order);
    expect(monthNames(lang)[11]).toBe(december);
  });

  it('offers the last years through this one, and an older chosen year too', () => {
    expect(yearChoices(2026, 2026)).toEqual([2023, 2024, 2025, 2026]);
    expect(yearChoices(2026, 2019, 1)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });
});
