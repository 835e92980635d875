import { describe, expect, it } from 'vitest';
import {
  WARM_UP_VISITS,
  fitSlope,
  openHoursPerDay,
  selectSamples,
  weekGrowth,
  withinDayGrowth,
} from './trend';
import { syntheticResult, syntheticSamples } from './syntheticResult';

describe('fitSlope', () => {
  it('matches a hand-computed least-squares fit', () => {
    // x̄ = 3, ȳ = 3, Sxx = 10, Sxy = 8 → slope 0.8, intercept 0.6; residuals −0.4, 0.8, −1, 1.2, −0.6,
    // SSR = 3.6, s² = 3.6 / 3 = 1.2, stderr = √(1.2 / 10) = √0.12.
    const fit = fitSlope([
      { x: 1, y: 1 },
      { x: 2, y: 3 },
      { x: 3, y: 2 },
      { x: 4, y: 5 },
      { x: 5, y: 4 },
    ]);
    expect(fit.n).toBe(5);
    expect(fit.slope).toBeCloseTo(0.8, 12);
    expect(fit.intercept).toBeCloseTo(0.6, 12);
    expect(fit.slopeStdError).toBeCloseTo(Math.sqrt(0.12), 12);
  });

  it.each([
    { name: 'no points', points: [], slope: NaN, intercept: NaN, stdError: NaN },
    { name: 'one point', points: [{ x: 2, y: 5 }], slope: NaN, intercept: 5, stdError: NaN },
    {
      name: 'two points: exact, no spread',
      points: [
        { x: 0, y: 1 },
        { x: 2, y: 5 },
      ],
      slope: 2,
      intercept: 1,
      stdError: NaN,
    },
    {
      name: 'every x the same',
      points: [
        { x: 3, y: 1 },
        { x: 3, y: 2 },
        { x: 3, y: 3 },
      ],
      slope: NaN,
      intercept: 2,
      stdError: NaN,
    },
    {
      name: 'three points on a line: zero spread',
      points: [
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ],
      slope: 2,
      intercept: 1,
      stdError: 0,
    },
  ])('$name', ({ points, slope, intercept, stdError }) => {
    const fit = fitSlope(points);
    expect(fit.slope).toBe(slope);
    expect(fit.intercept).toBe(intercept);
    expect(fit.slopeStdError).toBe(stdError);
  });
});

describe('growth within the day and across the week', () => {
  // Samples every hour 09:00–17:00: 8 hours between the first and last, plus one interval = 9 open hours.
  const growing = (percentPerDay: number) => {
    // level = 100 + 4g (mean over hours 0…8); g·9 / level = p/100  →  g = p / (9 − 0.04p).
    const g = percentPerDay / (9 - 0.04 * percentPerDay);
    return (_day: number, hoursOpen: number, noise: number) => 100 + g * hoursOpen + 0.05 * noise;
  };

  it.each([
    {
      name: 'a flat series with noise',
      shape: (_d: number, _h: number, noise: number) => 50 + 0.2 * noise,
      within: 0,
      withinTolerance: 0.5,
      week: 0,
    },
    { name: 'growing 2 %/day within each day, reset each morning', shape: growing(2), within: 2, week: 0 },
    { name: 'growing 1 %/day within each day', shape: growing(1), within: 1, week: 0 },
    {
      name: 'a leak that survives the relaunch (+1 MB a day, flat within the day)',
      shape: (day: number, _h: number, noise: number) => 100 + day + 0.01 * noise,
      within: 0,
      week: 1 / 1.05, // level = 100 + mean of days 2…7 (4.5) → 1 / 104.5 ≈ 0.96 %/day
      weekTolerance: 0.05,
    },
  ])('$name', ({ shape, within, week, withinTolerance = 0.05, weekTolerance = 0.1 }) => {
    const samples = syntheticSamples({ shapes: { heapMB: shape } });
    const inDay = withinDayGrowth(samples, 'heapMB');
    expect(inDay.days).toEqual([2, 3, 4, 5, 6, 7]);
    expect(inDay.n).toBe(48); // days 2–7, 9 samples each, without each morning's first (the warm-up)
    expect(inDay.hoursPerDay).toBe(9);
    expect(Math.abs(inDay.growthPercentPerDay - within)).toBeLessThan(withinTolerance);
    expect(inDay.spreadPercentPerDay).toBeGreaterThan(0);
    expect(inDay.spreadPercentPerDay).toBeLessThan(0.5);
    const acrossWeek = weekGrowth(samples, 'heapMB');
    expect(acrossWeek.hoursPerDay).toBe(24);
    expect(Math.abs(acrossWeek.growthPercentPerDay - week)).toBeLessThan(weekTolerance);
  });

  it('states the spread as the standard error in %/day', () => {
    const samples = syntheticSamples({ shapes: { heapMB: (_d, _h, noise) => 40 + 2 * noise } });
    const g = withinDayGrowth(samples, 'heapMB');
    expect(g.spreadPercentPerDay).toBeCloseTo(((g.slopeStdError * g.hoursPerDay) / g.level) * 100, 12);
    // Noise of ±2 MB on 40 MB over 54 samples: the slope is not known better than a few tenths of a %/day.
    expect(g.spreadPercentPerDay).toBeGreaterThan(0.1);
  });

  it('uses the only day there is, without its first (warm-up) sample', () => {
    const samples = syntheticSamples({ days: 1, shapes: { heapMB: (_d, h) => (h === 0 ? 90 : 40 + h) } });
    expect(selectSamples(samples)).toHaveLength(8);
    const g = withinDayGrowth(samples, 'heapMB');
    expect(g.days).toEqual([1]);
    expect(g.n).toBe(8);
    expect(g.slopePerHour).toBeCloseTo(1, 12);
    expect(g.slopeStdError).toBe(0);
    expect(g.hoursPerDay).toBe(9); // the day's open hours, 09:00–17:00: 8 hours plus one interval
  });

  it('starts where fromDay says', () => {
    const samples = syntheticSamples({ days: 3 });
    expect(withinDayGrowth(samples, 'heapMB', { fromDay: 1 }).days).toEqual([1, 2, 3]);
    expect(withinDayGrowth(samples, 'heapMB', { fromDay: 3 }).days).toEqual([3]);
    const none = withinDayGrowth(samples, 'heapMB', { fromDay: 9 });
    expect(none.n).toBe(0);
    expect(none.growthPercentPerDay).toBeNaN();
  });

  it('gives 0 %/day for a metric that stays at zero, and NaN with too few samples', () => {
    const samples = syntheticSamples({ days: 2, shapes: { detachedNodes: () => 0 } });
    expect(withinDayGrowth(samples, 'detachedNodes').growthPercentPerDay).toBe(0);
    // Day 2 sampled at 15:00, 16:00 and 17:00: the first is the warm-up, two are left, no noise estimate.
    const two = syntheticSamples({ days: 2, openHour: 15 });
    const g = withinDayGrowth(two, 'heapMB');
    expect(g.n).toBe(2);
    expect(g.spreadPercentPerDay).toBeNaN();
  });

  it('measures open hours per day from the samples', () => {
    expect(openHoursPerDay(syntheticSamples({ days: 2, openHour: 10, lastSampleHour: 19 }))).toBe(10);
    expect(openHoursPerDay([])).toBeNaN();
  });
});

describe('growth within a page’s life', () => {
  it('a new page’s warm-up is not growth: samples before its first WARM_UP_VISITS visitors are left out', () => {
    // Every morning, and after a crash at 14:00, the page starts low (3 MB before any visitor, its code and
    // screens not yet loaded) and is flat at 6 MB once visitors have come: this kiosk's real shape.
    const samples = syntheticResult({ days: 3 }).samples.map((s) => {
      const hoursOpen = s.hour - (s.day - 1) * 24 - 9;
      const second = hoursOpen >= 5;
      const fresh = hoursOpen === 0 || hoursOpen === 5;
      const visitsOnPage = fresh ? 0 : 100 * (second ? hoursOpen - 5 : hoursOpen);
      return { ...s, page: s.day * 2 + (second ? 1 : 0), heapMB: fresh ? 3 : 6, visitsOnPage };
    });
    const used = selectSamples(samples);
    expect(used.map((s) => s.heapMB)).not.toContain(3);
    expect(used).toHaveLength(samples.filter((s) => s.day >= 2).length - 4); // two new pages a day
    expect(withinDayGrowth(samples, 'heapMB').growthPercentPerDay).toBe(0);
    // A sample is kept once its page has served WARM_UP_VISITS visitors, however few hours that took.
    const at10 = (visitsOnPage: number) =>
      samples.map((s) => (s.day === 2 && s.hour % 24 === 10 ? { ...s, visitsOnPage } : s));
    expect(selectSamples(at10(WARM_UP_VISITS)).length).toBe(used.length);
    expect(selectSamples(at10(WARM_UP_VISITS - 1)).length).toBe(used.length - 1);
    // Results written before visitsOnPage existed: counted from the first sample of each page's life.
    const older = samples.map(({ visitsOnPage: _dropped, ...s }) => s);
    expect(selectSamples(older).map((s) => s.heapMB)).not.toContain(3);
  });

  it('a leak in the page is measured from each new page on: a recovery mid-day does not hide it', () => {
    // Listeners grow by 10 an hour on each page; a crash at 15:00 each day brings a new page (reset).
    const samples = syntheticResult({ days: 3 }).samples.map((s) => {
      const hoursOpen = s.hour - (s.day - 1) * 24 - 9;
      const second = hoursOpen >= 6;
      return {
        ...s,
        page: s.day * 2 + (second ? 1 : 0),
        listeners: 190 + 10 * (second ? hoursOpen - 6 : hoursOpen),
      };
    });
    const growth = withinDayGrowth(samples, 'listeners');
    expect(growth.slopePerHour).toBeCloseTo(10, 6);
    // Fitted per day instead, the saw-tooth would have shown almost no growth.
    const perDay = withinDayGrowth(
      samples.map((s) => ({ ...s, page: s.day })),
      'listeners',
    );
    expect(perDay.slopePerHour).toBeLessThan(3);
  });
});
