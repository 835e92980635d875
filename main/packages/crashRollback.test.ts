import { describe, expect, it } from 'vitest';
import {
  crashRollbackNote,
  decideCrashRollback,
  type CrashRollbackInput,
  type CrashRollbackSettings,
} from './crashRollback';

const MIN = 60_000;
const switchedAt = Date.parse('2026-12-02T10:00:00Z');
const settings: CrashRollbackSettings = { crashes: 3, withinMinutes: 10 };
const after = (...minutes: number[]) => minutes.map((m) => switchedAt + m * MIN);

describe('decideCrashRollback', () => {
  it.each<[string, Partial<CrashRollbackInput>, boolean, number]>([
    ['three failures within minutes of the switch', { failures: after(1, 2, 3) }, true, 3],
    ['two are not enough', { failures: after(1, 2) }, false, 2],
    ['the third just inside the window', { failures: after(0, 5, 10) }, true, 3],
    ['the third just after the window', { failures: after(0, 5, 10.001) }, false, 2],
    ['failures long after the switch', { failures: after(60, 61, 62), now: switchedAt + 63 * MIN }, false, 0],
    ['failures before the switch (the version before)', { failures: after(-3, -2, -1, 1) }, false, 1],
    ['before and after: only those after count', { failures: after(-1, 1, 2, 3) }, true, 3],
    ['no switch since the start', { switchedAt: null, failures: after(1, 2, 3) }, false, 0],
    [
      'after a rollback (switch forgotten): the same failures do not roll back again',
      { switchedAt: null, failures: after(1, 2, 3, 4) },
      false,
      0,
    ],
    ['turned off', { settings: { crashes: 0, withinMinutes: 10 }, failures: after(1, 2, 3) }, false, 0],
    [
      'one failure is enough when set so',
      { settings: { crashes: 1, withinMinutes: 10 }, failures: after(1) },
      true,
      1,
    ],
    [
      'a wider window',
      { settings: { crashes: 3, withinMinutes: 30 }, failures: after(5, 15, 25), now: switchedAt + 30 * MIN },
      true,
      3,
    ],
    ['times in any order', { failures: after(3, 1, 2) }, true, 3],
    [
      'a failure "in the future" (clock changed) does not count',
      { failures: after(1, 2, 9), now: switchedAt + 5 * MIN },
      false,
      2,
    ],
  ])('%s', (_name, change, rollBack, counted) => {
    const input: CrashRollbackInput = {
      switchedAt,
      failures: [],
      now: switchedAt + 10 * MIN,
      settings,
      ...change,
    };
    expect(decideCrashRollback(input)).toEqual({ rollBack, counted });
  });
});

describe('crashRollbackNote', () => {
  it('names the version left, why, and the version shown', () => {
    expect(crashRollbackNote(2, 1, 3, settings)).toBe(
      'The visitor screen stopped 3 times within 10 minutes of version 2 going on screen; the kiosk went back to version 1 by itself.',
    );
    expect(crashRollbackNote(2, null, 3, settings)).toBe(
      'The visitor screen stopped 3 times within 10 minutes of version 2 going on screen, and there is no version to go back to.',
    );
  });
});
