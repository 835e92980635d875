/**
 * Pure statistics for the simulated week (issue 18): is a measured quantity growing, and by how much per day,
 * stated with its spread?
 *
 * The kiosk is relaunched every morning (page reloaded, backend restarted), which resets memory. A leak
 * therefore shows as growth *within* each day, not as a trend across the week: `withinDayGrowth` fits one
 * slope common to every day with a separate level per day. `weekGrowth` is the plain fit across the week, for
 * contrast (a leak that survives the relaunch, e.g. a file that keeps growing, shows there).
 */
import type { HourSample } from './types';

export interface Fit {
  slope: number;
  intercept: number;
  /** Standard error of the slope: sqrt(residual variance / Sxx), residual variance with n − 2 degrees of freedom. */
  slopeStdError: number;
  n: number;
}

/**
 * Ordinary least squares y = intercept + slope·x.
 *
 * - n = 0: everything NaN.
 * - n = 1, or every x the same: slope and its error NaN; intercept is the mean of y.
 * - n = 2: slope and intercept exact, slopeStdError NaN (no degrees of freedom left to estimate the noise).
 * - n ≥ 3: slopeStdError as usual (0 when the points lie exactly on a line).
 */
export function fitSlope(points: readonly { x: number; y: number }[]): Fit {
  const n = points.length;
  if (n === 0) return { slope: NaN, intercept: NaN, slopeStdError: NaN, n };
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return { slope: NaN, intercept: meanY, slopeStdError: NaN, n };
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  if (n < 3) return { slope, intercept, slopeStdError: NaN, n };
  let ssr = 0;
  for (const p of points) ssr += (p.y - intercept - slope * p.x) ** 2;
  return { slope, intercept, slopeStdError: Math.sqrt(ssr / (n - 2) / sxx), n };
}

/** The numeric measurements of an hour sample (not `at`). */
/** A sample's page life within its day: growth is fitted per page, as a new page starts afresh. */
function lifeOf(s: HourSample): string {
  return `${s.day}:${s.page ?? 0}`;
}

export type SampleMetric = {
  [K in keyof HourSample]-?: HourSample[K] extends number ? K : never;
}[keyof HourSample];

export interface Growth {
  /** Fitted growth in the metric's own unit per simulated hour. */
  slopePerHour: number;
  slopeStdError: number;
  /** Mean of the metric over the samples used. */
  level: number;
  /** Growth per day as a percentage of `level`, and the slope's standard error expressed the same way. */
  growthPercentPerDay: number;
  spreadPercentPerDay: number;
  /** Days the fit used (ascending) and the number of samples. */
  days: number[];
  n: number;
  /** Hours that make "a day" in growthPercentPerDay (open hours for within-day growth, 24 for the week). */
  hoursPerDay: number;
}

export interface GrowthOptions {
  /** First day to use (1-based); default 2, "after the first day". */
  fromDay?: number;
}

/**
 * A new page warms up over its first visitors: each screen's code and each story's text load the first time a
 * visitor opens them, and V8 compiles what runs hot (on this kiosk the page's JS objects level off after 20–35
 * visits, as more of the exhibit's stories and photographs have been opened; its compiled code later; see
 * docs/reliability.md). Samples a page takes before it has served this many visitors are its warm-up, not
 * growth. At 1,000 visitors a day that is the first half hour.
 */
export const WARM_UP_VISITS = 30;

/**
 * The samples a growth fit uses: days ≥ fromDay (default 2; when the samples span a single day, as in the
 * short soak in `npm test`, that day whatever fromDay says), without each page's warm-up: the samples taken
 * before the page had served `WARM_UP_VISITS` visitors (`visitsOnPage`; in older results, which lack it,
 * counted from the first sample of the page's life).
 */
export function selectSamples(samples: readonly HourSample[], options: GrowthOptions = {}): HourSample[] {
  const startedAt = new Map<string, number>();
  return selectDays(samples, options).filter((s) => {
    const life = lifeOf(s);
    const start = startedAt.get(life) ?? s.visits;
    startedAt.set(life, start);
    return (s.visitsOnPage ?? s.visits - start) >= WARM_UP_VISITS;
  });
}

/** The days a growth fit judges, every sample of them (sorted by time): what `openHoursPerDay` spans. */
function selectDays(samples: readonly HourSample[], options: GrowthOptions): HourSample[] {
  const sorted = [...samples].sort((a, b) => a.day - b.day || a.hour - b.hour);
  if (new Set(sorted.map((s) => s.day)).size === 1) return sorted;
  const fromDay = options.fromDay ?? 2;
  return sorted.filter((s) => s.day >= fromDay);
}

function byDay(samples: readonly HourSample[]): Map<number, HourSample[]> {
  const groups = new Map<number, HourSample[]>();
  for (const s of samples) {
    const group = groups.get(s.day);
    if (group) group.push(s);
    else groups.set(s.day, [s]);
  }
  return groups;
}

/** Samples grouped by page life: a day's page until a recovery or the relaunch gives a new one. */
function byLife(samples: readonly HourSample[]): Map<string, HourSample[]> {
  const groups = new Map<string, HourSample[]>();
  for (const s of samples) {
    const group = groups.get(lifeOf(s));
    if (group) group.push(s);
    else groups.set(lifeOf(s), [s]);
  }
  return groups;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How many hours make one day's growth: the mean over days of (last sample hour − first sample hour), plus one
 * sampling interval (the median gap between consecutive samples of a day). Samples taken at 09:00 … 17:00
 * every hour give 8 + 1 = 9 open hours: the time the kiosk serves visitors between two relaunches. Days with
 * a single sample add nothing to the span; with no usable gap the interval counts as 1 hour.
 */
export function openHoursPerDay(samples: readonly HourSample[]): number {
  const spans: number[] = [];
  const gaps: number[] = [];
  for (const group of byDay(samples).values()) {
    const hours = group.map((s) => s.hour).sort((a, b) => a - b);
    if (hours.length < 2) continue;
    spans.push(hours[hours.length - 1]! - hours[0]!);
    for (let i = 1; i < hours.length; i++) gaps.push(hours[i]! - hours[i - 1]!);
  }
  if (spans.length === 0) return NaN;
  const interval = gaps.length > 0 ? median(gaps) : 1;
  return spans.reduce((a, b) => a + b, 0) / spans.length + interval;
}

function asGrowth(
  slope: number,
  stdError: number,
  level: number,
  hoursPerDay: number,
  used: readonly HourSample[],
): Growth {
  const percent = (perHour: number): number =>
    level === 0 ? (perHour === 0 ? 0 : NaN) : ((perHour * hoursPerDay) / level) * 100;
  return {
    slopePerHour: slope,
    slopeStdError: stdError,
    level,
    growthPercentPerDay: percent(slope),
    spreadPercentPerDay: Math.abs(percent(stdError)),
    days: [...new Set(used.map((s) => s.day))].sort((a, b) => a - b),
    n: used.length,
    hoursPerDay,
  };
}

/**
 * Growth within the day, common to every day: the pooled within-day regression (a separate intercept per
 * day). x (hour) and y are demeaned within each day, then fitted through the origin:
 * slope = Σ dx·dy / Σ dx²; residual variance = Σ (dy − slope·dx)² / (n − d − 1), where d is the number of
 * days that contributed (each day's mean uses one degree of freedom, the slope one more); slopeStdError =
 * sqrt(residual variance / Σ dx²). NaN where there are too few samples (fewer than d + 2 in days with at least
 * two samples).
 *
 * growthPercentPerDay = slopePerHour × openHoursPerDay / level × 100 (see `openHoursPerDay`).
 */
export function withinDayGrowth(
  samples: readonly HourSample[],
  metric: SampleMetric,
  options: GrowthOptions = {},
): Growth {
  const used = selectSamples(samples, options);
  const level = used.length > 0 ? used.reduce((sum, s) => sum + s[metric], 0) / used.length : NaN;
  const centred: { dx: number; dy: number }[] = [];
  let daysFitted = 0;
  for (const group of byLife(used).values()) {
    if (group.length < 2) continue;
    daysFitted += 1;
    const meanX = group.reduce((sum, s) => sum + s.hour, 0) / group.length;
    const meanY = group.reduce((sum, s) => sum + s[metric], 0) / group.length;
    for (const s of group) centred.push({ dx: s.hour - meanX, dy: s[metric] - meanY });
  }
  let sxx = 0;
  let sxy = 0;
  for (const { dx, dy } of centred) {
    sxx += dx * dx;
    sxy += dx * dy;
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  const dof = centred.length - daysFitted - 1;
  let stdError = NaN;
  if (sxx > 0 && dof > 0) {
    let ssr = 0;
    for (const { dx, dy } of centred) ssr += (dy - slope * dx) ** 2;
    stdError = Math.sqrt(ssr / dof / sxx);
  }
  return asGrowth(slope, stdError, level, openHoursPerDay(selectDays(samples, options)), used);
}

/**
 * The plain trend across the week: `fitSlope` over every sample from `fromDay` (same selection as
 * `withinDayGrowth`), x = simulated hour since the week began, nights included; a day is 24 hours here.
 */
export function weekGrowth(
  samples: readonly HourSample[],
  metric: SampleMetric,
  options: GrowthOptions = {},
): Growth {
  const used = selectSamples(samples, options);
  const fit = fitSlope(used.map((s) => ({ x: s.hour, y: s[metric] })));
  const level = used.length > 0 ? used.reduce((sum, s) => sum + s[metric], 0) / used.length : NaN;
  return asGrowth(fit.slope, fit.slopeStdError, level, 24, used);
}

/**
 * Day to day: where each day's page ends. The last sample of each day from `fromDay` (default 2) whose page
 * had served `WARM_UP_VISITS` visitors (its warm-up done), fitted with `fitSlope` against the day number.
 * A metric that warms up within each day and levels off (the heap used, compiled code included) ends every
 * day at the same level; one that creeps from day to day (something that survives the relaunch) does not.
 * growthPercentPerDay = slope per day / level × 100. NaN with fewer than two such days.
 */
export function dayEndGrowth(
  samples: readonly HourSample[],
  metric: SampleMetric,
  options: GrowthOptions = {},
): Growth {
  const fromDay = options.fromDay ?? 2;
  const ends = new Map<number, HourSample>();
  for (const s of selectSamples(samples, { fromDay }))
    if (s.day >= fromDay && (ends.get(s.day)?.hour ?? -Infinity) < s.hour) ends.set(s.day, s);
  const used = [...ends.values()].sort((a, b) => a.day - b.day);
  const fit = fitSlope(used.map((s) => ({ x: s.day, y: s[metric] })));
  const level = used.length > 0 ? used.reduce((sum, s) => sum + s[metric], 0) / used.length : NaN;
  return asGrowth(fit.slope / 24, fit.slopeStdError / 24, level, 24, used);
}
