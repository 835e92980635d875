import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../common/settings';
import { settingsWarning, staffWarningsAtStart } from './warnings';

describe('settingsWarning', () => {
  it.each([
    [0, null],
    [1, 'kiosk-config has 1 problem; safe defaults are used for what is broken (details in the log).'],
    [3, 'kiosk-config has 3 problems; safe defaults are used for what is broken (details in the log).'],
  ])('%i problems → %s', (count, expected) => {
    expect(settingsWarning(count)).toBe(expected);
  });
});

describe('staffWarningsAtStart', () => {
  const noon = new Date('2026-06-01T12:00:00Z');
  it('is empty for good settings with the restart outside opening hours', () => {
    expect(staffWarningsAtStart({ settingsProblems: 0, hours: DEFAULT_SETTINGS.hours, now: noon })).toEqual(
      [],
    );
  });
  it('names broken settings first, then hours that cannot be right', () => {
    const hours = { ...DEFAULT_SETTINGS.hours, timeZone: 'UTC', dailyRelaunchAt: '12:30' };
    const warnings = staffWarningsAtStart({ settingsProblems: 2, hours, now: noon });
    expect(warnings[0]).toMatch(/2 problems/);
    expect(warnings[1]).toMatch(/daily restart at 12:30 falls inside opening hours/);
    expect(warnings).toHaveLength(2);
  });
});
