import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpeningHours } from '../common/settings';
import { createHoursController, displaySleepPolicy } from './hours';

const week = (r: string[]): OpeningHours['week'] => ({
  mon: r,
  tue: r,
  wed: r,
  thu: r,
  fri: r,
  sat: r,
  sun: r,
});

function hours(overrides: Partial<OpeningHours> = {}): OpeningHours {
  return {
    timeZone: 'Asia/Shanghai',
    week: week(['09:00-17:00']),
    holidays: [],
    outsideHours: 'blank',
    dailyRelaunchAt: '03:30',
    ...overrides,
  };
}

describe('displaySleepPolicy', () => {
  it.each([
    [true, 'blank', 'prevent'],
    [true, 'closedScreen', 'prevent'],
    [false, 'closedScreen', 'prevent'],
    [false, 'blank', 'allow'],
  ] as const)('open %s, %s → %s', (open, outside, expected) => {
    expect(displaySleepPolicy(open, outside)).toBe(expected);
  });
});

describe('createHoursController (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(h: OpeningHours, startIso: string) {
    vi.setSystemTime(new Date(startIso));
    const events: string[] = [];
    const controller = createHoursController({
      getHours: () => h,
      getWarnings: () => [],
      now: () => Date.now(),
      power: { prevent: () => events.push('prevent'), allow: () => events.push('allow') },
      relaunch: (reason) => events.push(`relaunch: ${reason}`),
      log: () => {},
    });
    return { controller, events };
  }

  it('keeps the display awake while open and lets it sleep when blanked, changing only on transitions', () => {
    // 16:59 in Shanghai
    const { controller, events } = setup(hours(), '2026-05-04T08:59:00Z');
    expect(events).toEqual(['prevent']);
    expect(controller.status()).toMatchObject({
      open: true,
      nextChange: '2026-05-04T09:00:00.000Z',
      outsideHours: 'blank',
    });
    vi.advanceTimersByTime(30_000);
    expect(events).toEqual(['prevent']);
    vi.advanceTimersByTime(30_000); // 17:00
    expect(events).toEqual(['prevent', 'allow']);
    expect(controller.status().open).toBe(false);
    vi.advanceTimersByTime(16 * 3600_000); // 09:00 next day, daily relaunch passed at 03:30
    expect(events).toEqual(['prevent', 'allow', 'relaunch: daily relaunch (03:30)', 'prevent']);
    controller.stop();
  });

  it('relaunches once at the configured time, not before', () => {
    const { controller, events } = setup(hours({ outsideHours: 'closedScreen' }), '2026-05-04T19:00:00Z'); // 03:00 local
    expect(controller.nextRelaunch()?.toISOString()).toBe('2026-05-04T19:30:00.000Z');
    vi.advanceTimersByTime(29 * 60_000);
    expect(events.filter((e) => e.startsWith('relaunch'))).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(events.filter((e) => e.startsWith('relaunch'))).toEqual(['relaunch: daily relaunch (03:30)']);
    vi.advanceTimersByTime(3 * 86_400_000);
    expect(events.filter((e) => e.startsWith('relaunch'))).toHaveLength(1);
    expect(controller.nextRelaunch()).toBeNull();
    controller.stop();
  });

  it('skips a relaunch missed by more than an hour (machine asleep) instead of doing it late', () => {
    const { controller, events } = setup(hours(), '2026-05-04T19:00:00Z');
    controller.stop();
    vi.setSystemTime(new Date('2026-05-05T02:00:00Z')); // 10:00 local, six hours late
    controller.tick();
    expect(events.filter((e) => e.startsWith('relaunch'))).toEqual([]);
    expect(controller.nextRelaunch()?.toISOString()).toBe('2026-05-05T19:30:00.000Z');
  });

  it('has no daily relaunch when it is turned off', () => {
    const { controller } = setup(hours({ dailyRelaunchAt: '' }), '2026-05-04T19:00:00Z');
    expect(controller.nextRelaunch()).toBeNull();
    controller.stop();
  });
});
