import { describe, expect, it } from 'vitest';
import { CRITERION_NAMES, judge, sampleTime } from './criteria';
import { syntheticFaults, syntheticResult, type SyntheticOptions } from './syntheticResult';
import type { SoakResult } from './types';

const failing = (result: SoakResult): string[] =>
  judge(result)
    .filter((c) => !c.holds)
    .map((c) => c.name);

const byName = (result: SoakResult, name: string) => {
  const found = judge(result).find((c) => c.name === name);
  if (!found) throw new Error(`no criterion named ${name}`);
  return found;
};

describe('judge', () => {
  it('finds a good week good, with the figures', () => {
    const result = syntheticResult();
    const criteria = judge(result);
    expect(criteria.filter((c) => !c.holds)).toEqual([]);
    expect(criteria.map((c) => c.name)).toEqual([
      CRITERION_NAMES.fresh,
      CRITERION_NAMES.errors,
      CRITERION_NAMES.flat('Page JS objects'),
      CRITERION_NAMES.flat('DOM nodes'),
      CRITERION_NAMES.flat('Event listeners'),
      CRITERION_NAMES.flat('Backend JS objects'),
      CRITERION_NAMES.heapDayToDay,
      CRITERION_NAMES.counted,
      CRITERION_NAMES.logLines,
      CRITERION_NAMES.recovered,
      CRITERION_NAMES.injected,
    ]);
    expect(byName(result, CRITERION_NAMES.heapDayToDay).detail).toMatch(
      /^[+−]\d+\.\d\d ± \d+\.\d\d %\/day over the last sample of 6 days, days 2–7; level 38\.\d MB$/,
    );
    expect(byName(result, CRITERION_NAMES.flat('Page JS objects')).detail).toMatch(
      /^[+−]\d+\.\d\d ± \d+\.\d\d %\/day over 48 samples, days 2–7; level 30\.\d MB$/,
    );
    expect(byName(result, CRITERION_NAMES.flat('Event listeners')).detail).toBe(
      '+0.00 ± 0.00 %/day over 48 samples, days 2–7; level 212 listeners; first 212 (day 2 10:00), last 212 (day 7 17:00)',
    );
    expect(byName(result, CRITERION_NAMES.fresh).detail).toBe('all 7,000 visits');
    expect(byName(result, CRITERION_NAMES.counted).detail).toBe('7,000 counted of 7,000 driven');
    expect(byName(result, CRITERION_NAMES.injected).detail).toBe('10 of 10 kinds, 10 faults in all');
    expect(byName(result, CRITERION_NAMES.recovered).detail).toMatch(
      /^all 10 recovered; closest to its budget: rendererCrash 1\.5 s of 10\.0 s$/,
    );
  });

  const growing = (perHour: number): SyntheticOptions['shapes'] => ({
    listeners: (_day, hoursOpen) => 212 + perHour * hoursOpen,
  });

  it.each<{ name: string; failure: string; options?: SyntheticOptions; overrides?: Partial<SoakResult> }>([
    {
      name: 'a visit that did not start fresh',
      failure: CRITERION_NAMES.fresh,
      overrides: { notFresh: ['visit 3,412: language was 日本語, not 中文'] },
    },
    {
      name: 'an unexplained console error',
      failure: CRITERION_NAMES.errors,
      overrides: { unexpectedErrors: ['day 3 11:02 console: TypeError: x is undefined'] },
    },
    {
      name: 'a log error no fault explains',
      failure: CRITERION_NAMES.errors,
      overrides: { unexpectedErrors: ['log 2027-03-27 12:00: the content worker stopped'] },
    },
    {
      name: 'listeners growing +50 an hour within each day',
      failure: CRITERION_NAMES.flat('Event listeners'),
      options: { shapes: growing(50) },
    },
    {
      name: 'the page’s JS objects growing 3 %/day within each day',
      failure: CRITERION_NAMES.flat('Page JS objects'),
      options: { shapes: { objectsMB: (_d, h) => 30 * (1 + (0.03 / 9) * h) } },
    },
    {
      // Something that survives the relaunch: each day's page ends 2 % higher than the day before.
      name: 'the heap used ending each day 2 % higher',
      failure: CRITERION_NAMES.heapDayToDay,
      options: { shapes: { heapMB: (d: number) => 38 * (1 + 0.02 * d) } },
    },
    {
      name: 'DOM nodes growing 20 an hour',
      failure: CRITERION_NAMES.flat('DOM nodes'),
      options: { shapes: { domNodes: (_d, h) => 1450 + 20 * h } },
    },
    {
      name: 'the backend’s JS objects growing 0.5 MB an hour',
      failure: CRITERION_NAMES.flat('Backend JS objects'),
      options: { shapes: { backendObjectsMB: (_d, h) => 18 + 0.5 * h } },
    },
    {
      name: 'a visit analytics did not count',
      failure: CRITERION_NAMES.counted,
      overrides: { visitsCounted: 6999 },
    },
    {
      name: 'a log line lost across a restart',
      failure: CRITERION_NAMES.logLines,
      overrides: { logLinesLost: ['2026-03-04T17:59:58+08:00 info visit ended'] },
    },
    {
      name: 'a renderer crash recovered too slowly',
      failure: CRITERION_NAMES.recovered,
      overrides: {
        faults: syntheticFaults(7).map((f) =>
          f.kind === 'rendererCrash' ? { ...f, recoveredMs: 12_400, ok: false } : f,
        ),
      },
    },
    {
      name: 'a fault never recovered',
      failure: CRITERION_NAMES.recovered,
      overrides: {
        faults: syntheticFaults(7).map((f) => (f.kind === 'brokenSettings' ? { ...f, ok: false } : f)),
      },
    },
    {
      name: 'a fault kind never injected',
      failure: CRITERION_NAMES.injected,
      overrides: { faults: syntheticFaults(7).filter((f) => f.kind !== 'diskFull') },
    },
  ])('$name fails exactly “$failure”', ({ failure, options, overrides }) => {
    expect(failing(syntheticResult(options, overrides))).toEqual([failure]);
  });

  it('states what failed, with figures', () => {
    const listeners = byName(
      syntheticResult({ shapes: growing(50) }),
      CRITERION_NAMES.flat('Event listeners'),
    );
    // Each morning's 09:00 sample is the warm-up. Level 212 + 50 × 4.5 (10:00–17:00) = 437;
    // 50 × 9 open hours / 437 = +103 %/day.
    expect(listeners.detail).toBe(
      '+102.97 ± 0.00 %/day over 48 samples, days 2–7; level 437 listeners; first 262 (day 2 10:00), last 612 (day 7 17:00)',
    );
    const slow = syntheticFaults(7).map((f) =>
      f.kind === 'rendererCrash' ? { ...f, recoveredMs: 12_400 } : f,
    );
    expect(byName(syntheticResult({}, { faults: slow }), CRITERION_NAMES.recovered).detail).toBe(
      '1 of 10 not: rendererCrash on day 1 (12.4 s of 10.0 s)',
    );
    const missing = syntheticFaults(7).filter((f) => f.kind !== 'diskFull' && f.kind !== 'clockJump');
    expect(byName(syntheticResult({}, { faults: missing }), CRITERION_NAMES.injected).detail).toBe(
      '8 of 10 kinds; never injected: diskFull, clockJump',
    );
    expect(
      byName(syntheticResult({}, { notFresh: ['a', 'b', 'c', 'd'] }), CRITERION_NAMES.fresh).detail,
    ).toBe('4 of 7,000 visits did not: “a”; “b”; “c”; and 1 more');
  });

  it('does not fail for the errors a fault explains (counted hourly for the charts)', () => {
    const result = syntheticResult({
      shapes: { consoleErrors: (day, hoursOpen) => (day === 3 && hoursOpen === 2 ? 4 : 0) },
    });
    const errors = judge(result).find((c) => c.name === CRITERION_NAMES.errors);
    expect(errors).toMatchObject({ holds: true });
    expect(errors?.detail).toContain('(4 in all, counted hourly)');
  });

  it('says when analytics were not read, and does not fail for it', () => {
    const counted = byName(syntheticResult({}, { visitsCounted: null }), CRITERION_NAMES.counted);
    expect(counted.holds).toBe(true);
    expect(counted.detail).toMatch(/^not checked/);
  });

  it('judges a one-day soak on that day after its warm-up sample', () => {
    // Seven samples fit a slope only roughly: with ±1 % noise on the heap the spread is ~0.6 %/day, so a
    // one-day soak needs a quiet series (as a heap after forced GC is) to be judged flat.
    const quiet = { objectsMB: (_d: number, _h: number, r: number) => 30 + 0.1 * r };
    const result = syntheticResult(
      { days: 1, visitsPerDay: 200, shapes: quiet },
      {
        options: { days: 1, visitsPerDay: 200, seed: 1, outDir: 'x', faults: ['rendererCrash', 'pageHang'] },
      },
    );
    result.faults = syntheticFaults(1, ['rendererCrash', 'pageHang']);
    expect(failing(result)).toEqual([]);
    expect(byName(result, CRITERION_NAMES.flat('Page JS objects')).detail).toMatch(
      /over 7 samples, day 1; level 30\.\d MB$/,
    );
  });

  it('names a sample by its day and local time, as the driver writes it', () => {
    const [sample] = syntheticResult({ days: 2 }).samples.filter((s) => s.day === 2);
    expect(sampleTime({ ...sample!, at: '2027-03-24 14:05' })).toBe('day 2 14:05');
    expect(sampleTime({ ...sample!, at: '2026-03-03T09:00:00+08:00' })).toBe('day 2 09:00');
  });

  it('fails a memory criterion a run did not measure, saying so', () => {
    const result = syntheticResult({ shapes: { objectsMB: () => NaN } });
    const objects = byName(result, CRITERION_NAMES.flat('Page JS objects'));
    expect(objects).toEqual({
      name: CRITERION_NAMES.flat('Page JS objects'),
      holds: false,
      detail: 'not measured in this run (its result has no figures for it)',
    });
  });

  it('fails a memory criterion it cannot fit, saying why', () => {
    // Day 2 sampled at 16:00 and 17:00; the first is the warm-up: one sample left.
    const result = syntheticResult({ days: 2, openHour: 16 });
    const heap = byName(result, CRITERION_NAMES.flat('Page JS objects'));
    expect(heap.holds).toBe(false);
    expect(heap.detail).toBe('too few samples to fit a slope (1)');
  });
});
