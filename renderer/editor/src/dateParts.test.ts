import { describe, expect, it } from 'vitest';
import { dateParts, dateValue, daysIn, type DateParts } from './dateParts';

describe('dateParts', () => {
  it.each<[unknown, DateParts | null]>([
    ['1937-12-13', { precision: 'day', year: 1937, month: 12, day: 13 }],
    ['1937-12', { precision: 'month', year: 1937, month: 12, day: null }],
    ['1937', { precision: 'year', year: 1937, month: null, day: null }],
    [1941, { precision: 'year', year: 1941, month: null, day: null }],
    [undefined, { precision: 'day', year: null, month: null, day: null }],
    ['', { precision: 'day', year: null, month: null, day: null }],
    ['13 December 1937', null],
    ['1937-12-13T00:00', null],
    [true, null],
  ])('%j', (value, parts) => {
    expect(dateParts(value)).toEqual(parts);
  });
});

describe('dateValue', () => {
  it.each<[DateParts, string | undefined]>([
    [{ precision: 'day', year: 1937, month: 12, day: 13 }, '1937-12-13'],
    [{ precision: 'month', year: 1937, month: 12, day: 13 }, '1937-12'],
    [{ precision: 'year', year: 1937, month: 12, day: 13 }, '1937'],
    [{ precision: 'day', year: 1937, month: 12, day: null }, '1937-12'],
    [{ precision: 'day', year: 1937, month: null, day: 5 }, '1937'],
    [{ precision: 'day', year: 1938, month: 2, day: 31 }, '1938-02-28'],
    [{ precision: 'day', year: 1940, month: 2, day: 30 }, '1940-02-29'],
    [{ precision: 'day', year: 1937, month: 4, day: 0 }, '1937-04-01'],
    [{ precision: 'month', year: 1937, month: 13, day: null }, '1937-12'],
    [{ precision: 'year', year: null, month: 12, day: 13 }, undefined],
    [{ precision: 'year', year: 0, month: null, day: null }, undefined],
    [{ precision: 'year', year: 10000, month: null, day: null }, undefined],
    [{ precision: 'year', year: 800, month: null, day: null }, '0800'],
  ])('%j → %s', (parts, value) => {
    expect(dateValue(parts)).toBe(value);
  });

  it('gives back every date it reads', () => {
    for (const value of ['1937', '1937-12', '1937-12-13', '1938-02-28', '1940-02-29'])
      expect(dateValue(dateParts(value) as DateParts)).toBe(value);
  });
});

describe('daysIn', () => {
  it.each([
    [1937, 12, 31],
    [1938, 2, 28],
    [1940, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [1937, 4, 30],
  ])('%d-%d has %d days', (year, month, days) => {
    expect(daysIn(year, month)).toBe(days);
  });
});
