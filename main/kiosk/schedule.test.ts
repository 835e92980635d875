import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../common/settings';
import {
  kioskStatusAt,
  nextDailyRelaunch,
  parseRange,
  scheduleStateAt,
  scheduleWarnings,
  zonedTimeToEpoch,
} from './schedule';

type Week = OpeningHours['week'];
const allDays = (ranges: string[]): Week => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: ranges,
  sun: ranges,
});

function hours(timeZone: string, week: Partial<Week>, extra: Partial<OpeningHours> = {}): OpeningHours {
  return {
    timeZone,
    week: { ...allDays([]), ...week },
    holidays: [],
    outsideHours: 'closedScreen',
    dailyRelaunchAt: '03:30',
    ...extra,
  };
}

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseRange', () => {
  it.each([
    ['09:00-17:00', { start: 540, end: 1020 }],
    ['00:00-24:00', { start: 0, end: 1440 }],
    ['18:00-02:00', { start: 1080, end: 1560 }],
    ['23:30-00:00', { start: 1410, end: 1440 }],
    [' 09:00 - 10:00 ', { start: 540, end: 600 }],
  ])('%s → %o', (text, expected) => {
    expect(parseRange(text)).toEqual(expected);
  });

  it.each([
    '',
    '9-5',
    '09:00',
    '09:00-09:00',
    '24:00-01:00',
    '25:00-26:00',
    '09:60-10:00',
    '09:00-10:00-11:00',
    'x',
  ])('refuses %j', (text) => {
    expect(parseRange(text)).toBeNull();
  });
});

describe('zonedTimeToEpoch', () => {
  it.each([
    // [zone, date, minutes, expected instant]
    ['Asia/Shanghai', '2026-05-04', 9 * 60, '2026-05-04T01:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', 90, '2026-03-29T00:30:00.000Z'], // 01:30 CET, before the change
    ['Europe/Berlin', '2026-03-29', 150, '2026-03-29T01:30:00.000Z'], // 02:30 does not exist → 03:30 CEST
    ['Europe/Berlin', '2026-03-29', 180, '2026-03-29T01:00:00.000Z'], // 03:00 CEST
    ['Europe/Berlin', '2026-10-25', 150, '2026-10-25T00:30:00.000Z'], // 02:30 happens twice → the first (CEST)
    ['Europe/Berlin', '2026-10-25', 180, '2026-10-25T02:00:00.000Z'], // 03:00 CET
    ['America/New_York', '2026-03-08', 150, '2026-03-08T07:30:00.000Z'], // 02:30 does not exist → 03:30 EDT
    ['America/New_York', '2026-11-01', 90, '2026-11-01T05:30:00.000Z'], // 01:30 twice → the first (EDT)
  ])('%s %s +%i min → %s', (zone, date, minutes, expected) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(new Date(zonedTimeToEpoch({ year: y, month: m, day: d }, minutes, zone)).toISOString()).toBe(
      expected,
    );
  });
});

describe('scheduleStateAt', () => {
  const shanghai = hours('Asia/Shanghai', {
    mon: ['09:00-12:00', '13:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00', '18:00-02:00'],
    sat: ['10:00-16:00'],
    sun: [],
  });

  it.each([
    // Monday 2026-05-04 in Shanghai (UTC+8, no daylight saving)
    ['before opening', '2026-05-04T00:59:59Z', false, '2026-05-04T01:00:00.000Z'],
    ['at opening', '2026-05-04T01:00:00Z', true, '2026-05-04T04:00:00.000Z'],
    ['lunch break', '2026-05-04T04:30:00Z', false, '2026-05-04T05:00:00.000Z'],
    ['afternoon', '2026-05-04T08:59:00Z', true, '2026-05-04T09:00:00.000Z'],
    ['at closing (end is exclusive)', '2026-05-04T09:00:00Z', false, '2026-05-05T01:00:00.000Z'],
  ])('%s', (_name, when, open, next) => {
    const s = scheduleStateAt(shanghai, at(when));
    expect(s.open).toBe(open);
    expect(iso(s.nextChange)).toBe(next);
  });

  it.each([
    ['Friday 18:30, inside 18:00-02:00', '2026-05-08T10:30:00Z', true, '2026-05-08T18:00:00.000Z'],
    ['just after midnight, still open from Friday', '2026-05-08T16:30:00Z', true, '2026-05-08T18:00:00.000Z'],
    [
      'after the late closing, Saturday opens at 10',
      '2026-05-08T18:00:00Z',
      false,
      '2026-05-09T02:00:00.000Z',
    ],
    [
      'Saturday after closing, Sunday closed → Monday',
      '2026-05-09T08:00:00Z',
      false,
      '2026-05-11T01:00:00.000Z',
    ],
    ['all of Sunday closed', '2026-05-10T06:00:00Z', false, '2026-05-11T01:00:00.000Z'],
  ])('across midnight and weekdays: %s', (_name, when, open, next) => {
    const s = scheduleStateAt(shanghai, at(when));
    expect(s.open).toBe(open);
    expect(iso(s.nextChange)).toBe(next);
  });

  it('merges a range ending at 24:00 with one starting at 00:00 the next day', () => {
    const h = hours('Asia/Shanghai', { fri: ['20:00-24:00'], sat: ['00:00-03:00', '10:00-11:00'] });
    const s = scheduleStateAt(h, at('2026-05-08T15:00:00Z')); // Fri 23:00
    expect(s).toEqual({ open: true, nextChange: at('2026-05-08T19:00:00.000Z') }); // Sat 03:00
  });

  it('holidays close a day or replace its hours', () => {
    const h = hours('Asia/Shanghai', allDays(['09:00-17:00']), {
      holidays: [
        { date: '2026-10-01', hours: [] },
        { date: '2026-10-02', hours: [] },
        { date: '2026-10-03', hours: ['12:00-14:00'] },
      ],
    });
    const closed = scheduleStateAt(h, at('2026-10-01T04:00:00Z'));
    expect(closed).toEqual({ open: false, nextChange: at('2026-10-03T04:00:00.000Z') });
    const special = scheduleStateAt(h, at('2026-10-03T05:00:00Z'));
    expect(special).toEqual({ open: true, nextChange: at('2026-10-03T06:00:00.000Z') });
    const eve = scheduleStateAt(h, at('2026-09-30T08:00:00Z'));
    expect(eve).toEqual({ open: true, nextChange: at('2026-09-30T09:00:00.000Z') });
  });

  it('a long closure (three weeks of holidays) still finds the reopening', () => {
    const holidays = Array.from({ length: 21 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10),
      hours: [],
    }));
    const h = hours('Asia/Shanghai', allDays(['09:00-17:00']), { holidays });
    expect(scheduleStateAt(h, at('2026-07-01T02:00:00Z'))).toEqual({
      open: false,
      nextChange: at('2026-07-22T01:00:00.000Z'),
    });
  });

  it('always open and never open have no next change', () => {
    expect(
      scheduleStateAt(hours('Asia/Shanghai', allDays(['00:00-24:00'])), at('2026-05-04T00:00:00Z')),
    ).toEqual({
      open: true,
      nextChange: null,
    });
    expect(scheduleStateAt(hours('Asia/Shanghai', allDays([])), at('2026-05-04T00:00:00Z'))).toEqual({
      open: false,
      nextChange: null,
    });
  });

  describe('daylight saving in Europe/Berlin', () => {
    const berlin = hours('Europe/Berlin', { sat: ['18:00-02:00'], sun: ['10:00-18:00'] });

    it.each([
      // Spring forward, Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
      ['Saturday evening, CET', '2026-03-28T17:30:00Z', true, '2026-03-29T01:00:00.000Z'],
      ['00:30 on the change night', '2026-03-28T23:30:00Z', true, '2026-03-29T01:00:00.000Z'],
      ['just after the missing hour', '2026-03-29T01:00:00Z', false, '2026-03-29T08:00:00.000Z'],
      ['Sunday, CEST', '2026-03-29T12:00:00Z', true, '2026-03-29T16:00:00.000Z'],
      // Fall back, Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:00 means the first.
      ['Saturday evening, CEST', '2026-10-24T16:30:00Z', true, '2026-10-25T00:00:00.000Z'],
      ['01:30 CEST on the change night', '2026-10-24T23:30:00Z', true, '2026-10-25T00:00:00.000Z'],
      ['the repeated hour', '2026-10-25T00:30:00Z', false, '2026-10-25T09:00:00.000Z'],
      ['Sunday, CET', '2026-10-25T12:00:00Z', true, '2026-10-25T17:00:00.000Z'],
    ])('%s', (_name, when, open, next) => {
      const s = scheduleStateAt(berlin, at(when));
      expect(s.open).toBe(open);
      expect(iso(s.nextChange)).toBe(next);
    });

    it('an opening inside the missing hour starts when the clock resumes', () => {
      const h = hours('Europe/Berlin', { sun: ['02:30-04:00'] });
      expect(iso(scheduleStateAt(h, at('2026-03-29T00:00:00Z')).nextChange)).toBe('2026-03-29T01:30:00.000Z');
      expect(iso(scheduleStateAt(h, at('2026-03-29T01:45:00Z')).nextChange)).toBe('2026-03-29T02:00:00.000Z');
    });

    it('a range spanning the repeated hour is open an hour longer in real time', () => {
      const h = hours('Europe/Berlin', { sun: ['01:00-04:00'] });
      const s = scheduleStateAt(h, at('2026-10-24T23:00:00Z')); // 01:00 CEST
      expect(s).toEqual({ open: true, nextChange: at('2026-10-25T03:00:00.000Z') }); // 04:00 CET, 4 h later
    });
  });

  describe('daylight saving in America/New_York', () => {
    const ny = hours('America/New_York', { sat: ['09:00-17:00'], sun: ['09:00-17:00'] });
    it.each([
      ['Saturday before spring forward (EST)', '2026-03-07T15:00:00Z', true, '2026-03-07T22:00:00.000Z'],
      ['Saturday night → Sunday opens in EDT', '2026-03-07T23:00:00Z', false, '2026-03-08T13:00:00.000Z'],
      ['Saturday before fall back (EDT)', '2026-10-31T14:00:00Z', true, '2026-10-31T21:00:00.000Z'],
      ['Saturday night → Sunday opens in EST', '2026-10-31T22:00:00Z', false, '2026-11-01T14:00:00.000Z'],
      ['Sunday afternoon (EST)', '2026-11-01T20:00:00Z', true, '2026-11-01T22:00:00.000Z'],
    ])('%s', (_name, when, open, next) => {
      const s = scheduleStateAt(ny, at(when));
      expect(s.open).toBe(open);
      expect(iso(s.nextChange)).toBe(next);
    });
  });
});

describe('nextDailyRelaunch', () => {
  it.each([
    ['Asia/Shanghai', '03:30', '2026-05-04T12:00:00Z', '2026-05-04T19:30:00.000Z'],
    ['Asia/Shanghai', '03:30', '2026-05-04T19:30:00Z', '2026-05-05T19:30:00.000Z'], // strictly after now
    ['Europe/Berlin', '03:30', '2026-03-28T12:00:00Z', '2026-03-29T01:30:00.000Z'], // first night of CEST
    ['Europe/Berlin', '02:30', '2026-03-28T12:00:00Z', '2026-03-29T01:30:00.000Z'], // missing → 03:30 CEST
    ['Europe/Berlin', '02:30', '2026-10-24T12:00:00Z', '2026-10-25T00:30:00.000Z'], // twice → first (CEST)
    ['America/New_York', '04:00', '2026-11-01T07:00:00Z', '2026-11-01T09:00:00.000Z'], // EST after fall back
  ])('%s %s after %s → %s', (zone, time, now, expected) => {
    expect(iso(nextDailyRelaunch(hours(zone, {}, { dailyRelaunchAt: time }), at(now)))).toBe(expected);
  });

  it.each(['', '25:00', '24:00', 'soon'])('is off for %j', (time) => {
    expect(
      nextDailyRelaunch(hours('Asia/Shanghai', {}, { dailyRelaunchAt: time }), at('2026-05-04T12:00:00Z')),
    ).toBeNull();
  });
});

describe('kioskStatusAt and scheduleWarnings', () => {
  it('answers what GET /api/status sends to the renderer', () => {
    const h = hours('Asia/Shanghai', allDays(['09:00-17:00']), { outsideHours: 'blank' });
    expect(kioskStatusAt(h, at('2026-05-04T10:00:00Z'))).toEqual({
      open: false,
      nextChange: '2026-05-05T01:00:00.000Z',
      outsideHours: 'blank',
    });
    expect(kioskStatusAt(h, at('2026-05-04T02:00:00Z'), ['check the settings'])).toEqual({
      open: true,
      nextChange: '2026-05-04T09:00:00.000Z',
      outsideHours: 'blank',
      staffWarnings: ['check the settings'],
    });
  });

  it('warns about an unknown zone, unreadable ranges and a restart inside opening hours', () => {
    const h = hours('Mars/Olympus_Mons', allDays(['00:00-24:00', 'all day']), { dailyRelaunchAt: '03:30' });
    const warnings = scheduleWarnings(h, new Date('2026-06-01T12:00:00Z'));
    expect(warnings.some((w) => w.includes('Mars/Olympus_Mons'))).toBe(true);
    expect(warnings.some((w) => w.includes('"all day"'))).toBe(true);
    expect(warnings.some((w) => w.includes('daily restart'))).toBe(true);
    expect(
      scheduleWarnings(hours('Europe/Berlin', allDays(['09:00-17:00'])), new Date('2026-06-01T12:00:00Z')),
    ).toEqual([]);
  });
});
