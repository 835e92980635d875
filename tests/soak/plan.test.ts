import { describe, expect, it } from 'vitest';
import { openingHoursSchema } from '../../main/common/settings';
import { arrivals, daylightSavingDays, planWeek, seededRandom, visitSeconds, type PlanOptions } from './plan';
import { FAULT_KINDS } from './types';

const hours = openingHoursSchema.parse({
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['09:00-21:00']]),
  ),
});

const week: PlanOptions = {
  days: 7,
  visitsPerDay: 1000,
  seed: 7,
  // Europe's clocks go forward in the night to Sunday 28 March 2027.
  firstDate: '2027-03-24',
  hours,
  languages: ['zh-Hans', 'en', 'ja', 'id'],
  faults: FAULT_KINDS,
  idleSeconds: 20,
  warningSeconds: 5,
};

describe('the simulated week', () => {
  const plan = planWeek(week);

  it('is the same week for the same seed, another for another', () => {
    expect(planWeek(week)).toEqual(plan);
    expect(planWeek({ ...week, seed: 8 })[0]?.visits[0]).not.toEqual(plan[0]?.visits[0]);
  });

  it('opens at nine and closes at nine, local time, every day, through the change of clocks', () => {
    const local = (t: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(t));
    expect(plan.map((d) => d.date)).toEqual([
      '2027-03-24',
      '2027-03-25',
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
      '2027-03-30',
    ]);
    for (const day of plan) {
      expect([local(day.opens), local(day.closes)]).toEqual(['09:00', '21:00']);
      expect(day.relaunch !== null && local(day.relaunch)).toBe('03:30');
    }
    expect(daylightSavingDays(plan, 'Europe/Berlin')).toEqual(['2027-03-28']);
  });

  it('has a thousand visitors a day inside opening hours, busier at midday, who fit the day', () => {
    for (const day of plan) {
      expect(day.visits).toHaveLength(1000);
      expect(day.visits.every((v) => v.arrive >= day.opens && v.arrive < day.closes)).toBe(true);
      const busy = day.visits.reduce((s, v) => s + visitSeconds(v, 20, 5), 0) * 1000;
      expect(busy).toBeLessThan(day.closes - day.opens);
    }
    const hourOf = (t: number, day: { opens: number }) => Math.floor((t - day.opens) / 3_600_000);
    const first = plan[0]!;
    const perHour = Array.from(
      { length: 12 },
      (_, h) => first.visits.filter((v) => hourOf(v.arrive, first) === h).length,
    );
    expect(perHour[5]! + perHour[6]!).toBeGreaterThan(2 * (perHour[0]! + perHour[11]!));
  });

  it('uses every language, and every kind of step and ending', () => {
    const visits = plan.flatMap((d) => d.visits);
    expect(new Set(visits.map((v) => v.lang))).toEqual(new Set(week.languages));
    expect(new Set(visits.flatMap((v) => v.steps.map((s) => s.kind)))).toEqual(
      new Set(['story', 'photo', 'language', 'display', 'audioGuide']),
    );
    expect(new Set(visits.map((v) => v.ending))).toEqual(
      new Set(['leaveFromHome', 'walkAwayMidStory', 'continueOnce']),
    );
  });

  it('injects every fault at least once, none in the first morning, never two before one visit', () => {
    const faults = plan.flatMap((d) => d.faults.map((f) => ({ day: d.day, ...f })));
    const kinds = new Set(faults.map((f) => f.kind));
    expect(kinds).toEqual(new Set(FAULT_KINDS.filter((k) => k !== 'daylightSaving')));
    for (const f of faults) if (f.day === 1) expect(f.beforeVisit).toBeGreaterThanOrEqual(250);
    const slots = faults.map((f) => `${f.day}:${f.beforeVisit}`);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it("places the short soak's two faults in its one day", () => {
    const short = planWeek({ ...week, days: 1, visitsPerDay: 200, faults: ['rendererCrash', 'pageHang'] });
    expect(short[0]?.faults.map((f) => f.kind).sort()).toEqual(['pageHang', 'rendererCrash']);
  });
});

describe('arrivals', () => {
  it('are sorted and inside the span', () => {
    const times = arrivals(500, 1_000, 2_000, seededRandom(1));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(2_000);
  });
});
