/**
 * Test helper (not product code): a made-up SoakResult for the analysis, criteria, report and chart tests of
 * the simulated week. Every measurement is flat with a little seeded noise unless a test overrides it.
 */
import { FAULT_KINDS, type FaultKind, type FaultRecord, type HourSample, type SoakResult } from './types';
import type { SampleMetric } from './trend';

/** The planner's seeded generator (mulberry32), so noisy series are the same on every run. */
export { seededRandom } from './plan';
import { seededRandom } from './plan';

/** A value for one metric at one sample: day (1-based), hours since opening, and a noise draw in [−1, 1). */
export type MetricShape = (day: number, hoursOpen: number, noise: number) => number;

export interface SyntheticOptions {
  days?: number;
  visitsPerDay?: number;
  /** Opening hour and the hour of the last sample (samples every hour from opening to this one). */
  openHour?: number;
  lastSampleHour?: number;
  /** Replace the shape of any metric. */
  shapes?: Partial<Record<SampleMetric, MetricShape>>;
  seed?: number;
}

const flat =
  (level: number, noise: number): MetricShape =>
  (_day, _hoursOpen, r) =>
    level + noise * r;

const defaultShapes: Record<Exclude<SampleMetric, 'day' | 'hour' | 'visits' | 'page'>, MetricShape> = {
  heapMB: flat(38, 0.4),
  objectsMB: flat(30, 0.3),
  codeMB: flat(6, 0.1),
  domNodes: (_d, _h, r) => 1450 + Math.round(3 * r),
  listeners: () => 212,
  detachedNodes: (_d, _h, r) => Math.max(0, Math.round(4 + 3 * r)),
  backendRssMB: flat(96, 1.2),
  backendHeapMB: flat(24, 0.2),
  backendObjectsMB: flat(18, 0.15),
  backendHandles: () => 31,
  logKB: (day, hoursOpen) => 40 + 30 * (day - 1) + 3 * hoursOpen,
  analyticsKB: (day, hoursOpen) => 20 + 60 * (day - 1) + 6 * hoursOpen,
  consoleErrors: () => 0,
  logErrors: () => 0,
};

const budgets: Partial<Record<FaultKind, number>> = { rendererCrash: 10_000, pageHang: 25_000 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Simulated local time: the week begins on Monday 2026-03-02 (Shanghai time, +08:00). */
export function simulatedAt(day: number, hourOfDay: number): string {
  const minutes = Math.round((hourOfDay % 1) * 60);
  return `2026-03-${pad(1 + day)}T${pad(Math.floor(hourOfDay))}:${pad(minutes)}:00+08:00`;
}

export function syntheticSamples(options: SyntheticOptions = {}): HourSample[] {
  const days = options.days ?? 7;
  const openHour = options.openHour ?? 9;
  const lastSampleHour = options.lastSampleHour ?? 17;
  const visitsPerDay = options.visitsPerDay ?? 1000;
  const random = seededRandom(options.seed ?? 18);
  const shapes = { ...defaultShapes, ...options.shapes };
  const samples: HourSample[] = [];
  const perHour = visitsPerDay / (lastSampleHour - openHour + 1);
  for (let day = 1; day <= days; day++) {
    for (let hourOfDay = openHour; hourOfDay <= lastSampleHour; hourOfDay++) {
      const hoursOpen = hourOfDay - openHour;
      const value = (metric: keyof typeof defaultShapes): number =>
        shapes[metric](day, hoursOpen, random() * 2 - 1);
      samples.push({
        day,
        hour: (day - 1) * 24 + hourOfDay,
        at: simulatedAt(day, hourOfDay),
        heapMB: value('heapMB'),
        objectsMB: value('objectsMB'),
        codeMB: value('codeMB'),
        domNodes: value('domNodes'),
        listeners: value('listeners'),
        detachedNodes: value('detachedNodes'),
        backendRssMB: value('backendRssMB'),
        backendHeapMB: value('backendHeapMB'),
        backendObjectsMB: value('backendObjectsMB'),
        backendHandles: value('backendHandles'),
        logKB: value('logKB'),
        analyticsKB: value('analyticsKB'),
        consoleErrors: value('consoleErrors'),
        logErrors: value('logErrors'),
        visits: Math.round((day - 1) * visitsPerDay + perHour * hoursOpen),
        visitsOnPage: Math.round(perHour * hoursOpen),
        page: day,
      });
    }
  }
  return samples;
}

/** One fault of every kind, spread over the week, each recovered well within its budget. */
export function syntheticFaults(days: number, kinds: readonly FaultKind[] = FAULT_KINDS): FaultRecord[] {
  return kinds.map((kind, i) => {
    const day = 1 + (i % days);
    const budgetMs = budgets[kind] ?? null;
    return {
      kind,
      day,
      at: simulatedAt(day, 10 + ((i * 1.75) % 7)),
      detail: `injected ${kind}; the kiosk came back to its attract loop`,
      recoveredMs: kind === 'clockJump' || kind === 'daylightSaving' ? null : 1500 + 300 * i,
      budgetMs,
      ok: true,
    };
  });
}

/** A whole result that meets every criterion; override any part. */
export function syntheticResult(
  options: SyntheticOptions = {},
  overrides: Partial<SoakResult> = {},
): SoakResult {
  const days = options.days ?? 7;
  const visitsPerDay = options.visitsPerDay ?? 1000;
  const samples = syntheticSamples(options);
  return {
    options: {
      days,
      visitsPerDay,
      seed: options.seed ?? 18,
      outDir: 'soak-report',
      faults: [...FAULT_KINDS],
    },
    startedAt: '2026-12-02T00:00:00.000Z',
    realSeconds: 5400,
    chromium: 'Debian chromium (/usr/bin/chromium)',
    days: Array.from({ length: days }, (_, i) => ({
      day: i + 1,
      date: simulatedAt(i + 1, 0).slice(0, 10),
      visits: visitsPerDay,
      walkedAway: Math.round(visitsPerDay * 0.12),
      opened: pad(options.openHour ?? 9) + ':00',
      closed: '18:00',
      closedScreenShown: true,
      relaunched: true,
      realSeconds: 760,
    })),
    samples,
    faults: syntheticFaults(days),
    visitsDriven: days * visitsPerDay,
    visitsCounted: days * visitsPerDay,
    visitsOnFullDisk: 0,
    notFresh: [],
    unexpectedErrors: [],
    logLinesLost: [],
    diskFullMethod: 'a 2 MB tmpfs mounted on the log and analytics folders',
    ...overrides,
  };
}
