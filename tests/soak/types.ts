/**
 * The simulated week's records (issue 18), shared by the driver (tests/soak/week.ts), the report, the
 * charts and the criteria. Times are simulated museum time unless the name says `real`.
 */

export const FAULT_KINDS = [
  'rendererCrash',
  'pageHang',
  'backendRestart',
  'photoFilesGone',
  'brokenPackage',
  'goodPackage',
  'brokenSettings',
  'diskFull',
  'clockJump',
  'daylightSaving',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One measurement, taken every simulated hour while the doors are open (the page at rest, after a GC). */
export interface HourSample {
  /** 1-based simulated day. */
  day: number;
  /** Simulated hours since the week began (fractional). */
  hour: number;
  /** Simulated local time, "YYYY-MM-DD HH:MM". */
  at: string;
  /** Page: JS heap used after forced GC (MB), DOM nodes, event listeners, detached DOM nodes. */
  heapMB: number;
  /**
   * The same heap from a snapshot: the JavaScript objects the page keeps (MB), without compiled code and
   * bytecode, which V8 grows as it optimizes more of the kiosk during a page's first visits and flushes by
   * itself. A leak is objects kept; the page heap above also carries that warm-up.
   */
  objectsMB: number;
  codeMB: number;
  domNodes: number;
  listeners: number;
  detachedNodes: number;
  /** Backend process: resident memory (MB), its JS heap after a forced GC (MB), open file handles. */
  backendRssMB: number;
  backendHeapMB: number;
  /** The backend's JS objects from a heap snapshot (MB), without compiled code, as objectsMB is the page's. */
  backendObjectsMB: number;
  backendHandles: number;
  /**
   * Which page this sample was taken on: a new page after each daily relaunch and each recovery (a crash,
   * a hang, a restart). Growth is fitted within one page's life, as a leak in the page can only be.
   */
  page: number;
  /** Visits this page has served when the sample was taken (absent in results from before 2 Dec 2026). */
  visitsOnPage?: number;
  /** Sizes of the log file and of the analytics folder (KB). */
  logKB: number;
  analyticsKB: number;
  /** Console errors and error log lines since the previous sample, not counting injected faults' traces. */
  consoleErrors: number;
  logErrors: number;
  /** Visits driven so far this week. */
  visits: number;
}

/** One injected fault: when, how it was recovered, against which budget. */
export interface FaultRecord {
  kind: FaultKind;
  day: number;
  /** Simulated local time of the injection. */
  at: string;
  /** What was done, and what the kiosk showed. */
  detail: string;
  /** Real milliseconds from injection to the kiosk back on its attract loop; null when it never stopped. */
  recoveredMs: number | null;
  /** The budget for recoveredMs, when the issue gives one (renderer 10 s; hang heartbeat + 10 s). */
  budgetMs: number | null;
  /** The fault was recovered (within its budget, when it has one) and the kiosk kept serving visits. */
  ok: boolean;
}

export interface DaySummary {
  day: number;
  /** The simulated date, YYYY-MM-DD. */
  date: string;
  visits: number;
  /** Visits that ended in the idle reset (walked away), the rest ended with nobody touching... */
  walkedAway: number;
  /** Opening and closing as the kiosk showed them (simulated local time, HH:MM). */
  opened: string;
  closed: string;
  /** The closed screen was shown after closing time. */
  closedScreenShown: boolean;
  /** The daily relaunch happened (page reloaded, backend restarted). */
  relaunched: boolean;
  /** Real seconds this day took to simulate. */
  realSeconds: number;
}

export interface SoakOptions {
  days: number;
  visitsPerDay: number;
  seed: number;
  outDir: string;
  /** Faults to inject; default: every kind at least once over the week. */
  faults: FaultKind[];
}

/** A week stopped and continued later with `--resume`: from the end of which day, and when (real, ISO). */
export interface SoakResumption {
  afterDay: number;
  at: string;
}

export interface SoakResult {
  options: SoakOptions;
  /** Set when the week was stopped and resumed from a checkpoint (each resumption in order). */
  resumed?: SoakResumption[];
  /** Real start, ISO. */
  startedAt: string;
  realSeconds: number;
  chromium: string;
  days: DaySummary[];
  samples: HourSample[];
  faults: FaultRecord[];
  visitsDriven: number;
  /** Visits the kiosk's own analytics counted; null when not read. */
  visitsCounted: number | null;
  /** Visits driven while the analytics disk was full (the full-disk fault): they cannot be counted. */
  visitsOnFullDisk: number;
  /** Visits that did not start in the fresh state: what differed. */
  notFresh: string[];
  /** Console errors and error log lines that no injected fault explains. */
  unexpectedErrors: string[];
  /** Log lines written before a restart that were missing afterwards. */
  logLinesLost: string[];
  /** How the full disk was made (a size-limited tmpfs, or how it was simulated). */
  diskFullMethod: string;
}

/** One criterion of the issue, as the report shows it. */
export interface Criterion {
  name: string;
  holds: boolean;
  /** The figures behind the verdict. */
  detail: string;
}
