/**
 * Issue 18's "What must hold", judged from a simulated week's result. Pure: the figures behind every verdict
 * are in its detail, so the report can show them as they are.
 */
import { dayEndGrowth, type Growth, type SampleMetric, selectSamples, withinDayGrowth } from './trend';
import type { Criterion, FaultRecord, HourSample, SoakResult } from './types';

/** Growth allowed after the first day, in % of the level per day. */
export const MAX_GROWTH_PERCENT_PER_DAY = 1;

/** The memory measurements that must stay flat, in the order the report lists them. */
export const FLAT_METRICS: readonly { metric: SampleMetric; name: string; unit: string; count: boolean }[] = [
  // The JS objects each holds, from a heap snapshot: the heap used also carries the code V8 compiles as a
  // new page (or a restarted backend) warms up, which saturates within the day (docs/reliability.md).
  { metric: 'objectsMB', name: 'Page JS objects', unit: 'MB', count: false },
  { metric: 'domNodes', name: 'DOM nodes', unit: 'nodes', count: true },
  { metric: 'listeners', name: 'Event listeners', unit: 'listeners', count: true },
  { metric: 'backendObjectsMB', name: 'Backend JS objects', unit: 'MB', count: false },
];

export const CRITERION_NAMES = {
  fresh: 'Every visit started fresh',
  errors: 'No unexpected console or log error',
  flat: (name: string) => `${name} flat after the first day (≤ ${MAX_GROWTH_PERCENT_PER_DAY} %/day)`,
  heapDayToDay: `Page heap used ends each day where the last ended (≤ ${MAX_GROWTH_PERCENT_PER_DAY} %/day)`,
  counted: 'Analytics counted every visit',
  logLines: 'No log line lost across restarts',
  recovered: 'Every fault recovered within its budget',
  injected: 'Every fault kind injected',
} as const;

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatNumber(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

/** "+0.12 ± 0.30 %/day" (signed growth, then the spread). */
export function formatGrowth(growth: Growth): string {
  if (!Number.isFinite(growth.growthPercentPerDay)) return 'not fitted';
  const sign = growth.growthPercentPerDay >= 0 ? '+' : '−';
  const spread = Number.isFinite(growth.spreadPercentPerDay)
    ? ` ± ${growth.spreadPercentPerDay.toFixed(2)}`
    : ' (spread unknown)';
  return `${sign}${Math.abs(growth.growthPercentPerDay).toFixed(2)}${spread} %/day`;
}

/** "days 2–7" or "day 3": the days a growth fit used. */
export function formatDays(growth: Growth): string {
  const days = growth.days;
  if (days.length === 0) return 'no days';
  if (days.length === 1) return `day ${days[0]}`;
  return `days ${days[0]}–${days[days.length - 1]}`;
}

/** Day and time of a sample: "day 2 09:00". */
export function sampleTime(sample: HourSample): string {
  const time = /[T ](\d\d:\d\d)/.exec(sample.at)?.[1] ?? `${formatNumber(sample.hour % 24, 1)} h`;
  return `day ${sample.day} ${time}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Recovered, and within its budget when it has one (null recoveredMs: the kiosk never stopped). */
export function faultWithinBudget(fault: FaultRecord): boolean {
  return (
    fault.ok && (fault.budgetMs === null || fault.recoveredMs === null || fault.recoveredMs <= fault.budgetMs)
  );
}

function listFirst(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map((s) => `“${s}”`);
  return items.length > max ? `${shown.join('; ')}; and ${items.length - max} more` : shown.join('; ');
}

function flatCriterion(result: SoakResult, spec: (typeof FLAT_METRICS)[number]): Criterion {
  const growth = withinDayGrowth(result.samples, spec.metric);
  const name = CRITERION_NAMES.flat(spec.name);
  const over = `over ${growth.n} samples, ${formatDays(growth)}`;
  if (growth.n > 0 && !selectSamples(result.samples).some((s) => Number.isFinite(s[spec.metric])))
    return { name, holds: false, detail: 'not measured in this run (its result has no figures for it)' };
  if (!Number.isFinite(growth.growthPercentPerDay))
    return { name, holds: false, detail: `too few samples to fit a slope (${growth.n})` };
  let detail = `${formatGrowth(growth)} ${over}; level ${
    spec.count ? formatCount(growth.level) : formatNumber(growth.level)
  } ${spec.unit}`;
  if (spec.count) {
    const used = selectSamples(result.samples);
    const first = used[0];
    const last = used[used.length - 1];
    if (first && last)
      detail += `; first ${formatCount(first[spec.metric])} (${sampleTime(first)}), last ${formatCount(
        last[spec.metric],
      )} (${sampleTime(last)})`;
  }
  // Growth beyond the limit must be evident, not noise: the slope less twice its standard error (about
  // a 95 % lower bound) is what is held to the limit. A week's 80-odd samples make the spread small; a
  // planted leak (+50 listeners an hour) is +100 %/day with a spread of a few per cent.
  const lowerBound =
    growth.growthPercentPerDay -
    2 * (Number.isFinite(growth.spreadPercentPerDay) ? growth.spreadPercentPerDay : 0);
  return { name, holds: lowerBound <= MAX_GROWTH_PERCENT_PER_DAY, detail };
}

function heapDayToDayCriterion(result: SoakResult): Criterion {
  const growth = dayEndGrowth(result.samples, 'heapMB');
  const name = CRITERION_NAMES.heapDayToDay;
  if (!Number.isFinite(growth.growthPercentPerDay))
    return { name, holds: false, detail: `too few days to fit a slope (${growth.n})` };
  const lowerBound =
    growth.growthPercentPerDay -
    2 * (Number.isFinite(growth.spreadPercentPerDay) ? growth.spreadPercentPerDay : 0);
  return {
    name,
    holds: lowerBound <= MAX_GROWTH_PERCENT_PER_DAY,
    detail: `${formatGrowth(growth)} over the last sample of ${growth.n} days, ${formatDays(growth)}; level ${formatNumber(growth.level)} MB`,
  };
}

export function judge(result: SoakResult): Criterion[] {
  const criteria: Criterion[] = [];

  const { notFresh } = result;
  criteria.push({
    name: CRITERION_NAMES.fresh,
    holds: notFresh.length === 0,
    detail:
      notFresh.length === 0
        ? `all ${formatCount(result.visitsDriven)} visits`
        : `${formatCount(notFresh.length)} of ${formatCount(result.visitsDriven)} visits did not: ${listFirst(notFresh)}`,
  });

  // The hourly samples count every error, a fault's expected traces too (they are charted); the driver
  // lists those no injected fault explains (an error inside a fault's window is its trace).
  const unexplained = result.unexpectedErrors;
  const all = result.samples.reduce((sum, s) => sum + s.consoleErrors + s.logErrors, 0);
  criteria.push({
    name: CRITERION_NAMES.errors,
    holds: unexplained.length === 0,
    detail:
      `${formatCount(unexplained.length)} console or log errors not explained by a fault` +
      ` (${formatCount(all)} in all, counted hourly)` +
      (unexplained.length > 0 ? `: ${listFirst(unexplained)}` : ''),
  });

  for (const spec of FLAT_METRICS) criteria.push(flatCriterion(result, spec));
  // The heap used, compiled code included, warms up within each day; day to day it must not creep. Only a
  // run of several days can show it (the short soak's one day has nothing to compare).
  if (new Set(result.samples.map((s) => s.day)).size > 1) criteria.push(heapDayToDayCriterion(result));

  const { visitsCounted, visitsDriven, visitsOnFullDisk } = result;
  const countable = visitsDriven - visitsOnFullDisk;
  const onFullDisk =
    visitsOnFullDisk > 0 ? ` (${formatCount(visitsOnFullDisk)} more driven while the disk was full)` : '';
  criteria.push(
    visitsCounted === null
      ? {
          name: CRITERION_NAMES.counted,
          holds: true,
          detail: `not checked: the kiosk's analytics were not read (${formatCount(visitsDriven)} visits driven)`,
        }
      : {
          name: CRITERION_NAMES.counted,
          // Every visit with room on the disk counted once; those on the full disk may or may not be.
          holds: visitsCounted >= countable && visitsCounted <= visitsDriven,
          detail: `${formatCount(visitsCounted)} counted of ${formatCount(countable)} driven${onFullDisk}`,
        },
  );

  criteria.push({
    name: CRITERION_NAMES.logLines,
    holds: result.logLinesLost.length === 0,
    detail:
      result.logLinesLost.length === 0
        ? 'none lost'
        : `${formatCount(result.logLinesLost.length)} lost: ${listFirst(result.logLinesLost)}`,
  });

  const late = result.faults.filter((f) => !faultWithinBudget(f));
  const budgeted = result.faults.filter((f) => f.budgetMs !== null && f.recoveredMs !== null);
  const slowest = budgeted.reduce<FaultRecord | undefined>(
    (worst, f) =>
      worst && (worst.recoveredMs ?? 0) / (worst.budgetMs ?? 1) >= (f.recoveredMs ?? 0) / (f.budgetMs ?? 1)
        ? worst
        : f,
    undefined,
  );
  criteria.push({
    name: CRITERION_NAMES.recovered,
    holds: late.length === 0,
    detail:
      (late.length === 0
        ? `all ${result.faults.length} recovered`
        : `${late.length} of ${result.faults.length} not: ` +
          late
            .map(
              (f) =>
                `${f.kind} on day ${f.day} (${f.ok ? '' : 'not recovered; '}${
                  f.recoveredMs === null ? 'no time' : seconds(f.recoveredMs)
                }${f.budgetMs === null ? '' : ` of ${seconds(f.budgetMs)}`})`,
            )
            .join(', ')) +
      (late.length === 0 && slowest?.recoveredMs != null && slowest.budgetMs !== null
        ? `; closest to its budget: ${slowest.kind} ${seconds(slowest.recoveredMs)} of ${seconds(slowest.budgetMs)}`
        : ''),
  });

  const injected = new Set(result.faults.map((f) => f.kind));
  const wanted = [...new Set(result.options.faults)];
  const missing = wanted.filter((kind) => !injected.has(kind));
  criteria.push({
    name: CRITERION_NAMES.injected,
    holds: missing.length === 0,
    detail:
      missing.length === 0
        ? `${wanted.length} of ${wanted.length} kinds, ${result.faults.length} faults in all`
        : `${wanted.length - missing.length} of ${wanted.length} kinds; never injected: ${missing.join(', ')}`,
  });

  return criteria;
}
