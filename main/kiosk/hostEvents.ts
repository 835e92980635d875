/**
 * What the Electron host does with the events Electron gives it, decided here as pure functions so each
 * rule has a table-driven test; `main/electron/` only forwards the events and carries the answers out.
 */
import type { WatchdogEvent } from './watchdog';

/** Chromium's ERR_ABORTED: a navigation replaced by another (a reload while loading). Not a failure. */
export const ERR_ABORTED = -3;

/** `did-fail-load`: a failure of the kiosk page itself, or nothing (sub-frames, aborted navigations). */
export function loadFailure(code: number, description: string, isMainFrame: boolean): WatchdogEvent | null {
  if (!isMainFrame || code === ERR_ABORTED) return null;
  return { type: 'load-failed', description: `${code} ${description}` };
}

export interface ChildProcessGone {
  type: string;
  reason: string;
  exitCode: number;
}

export interface ChildProcessAnswer {
  /** Always logged, so a technician sees every helper process that went. */
  logLine: string;
  /** Recorded as the last crash in the shell state (shown on the staff screen), or null. */
  crash: { kind: string; reason: string } | null;
  /** Told to the watchdog, or null. */
  event: WatchdogEvent | null;
}

/**
 * `child-process-gone`: a GPU process that goes takes the page's painting with it, so the watchdog hears of
 * it (it reloads, and relaunches after repeated failures); a clean GPU exit is not a crash. Other helper
 * processes (utility, zygote, …) restart on their own and are only logged.
 */
export function childProcessGone(details: ChildProcessGone): ChildProcessAnswer {
  const logLine = `child process gone: ${details.type} ${details.reason} (exit ${details.exitCode})`;
  if (details.type !== 'GPU') return { logLine, crash: null, event: null };
  return {
    logLine,
    crash: details.reason === 'clean-exit' ? null : { kind: 'gpu', reason: details.reason },
    event: { type: 'gpu-process-gone', reason: details.reason },
  };
}

/**
 * The page's first load waits for the content this long, so the kiosk opens on the exhibit; a slow first
 * build of image derivatives must not keep the screen dark longer.
 */
export const FIRST_CONTENT_WAIT_MS = 20_000;
/** The window is shown after this long even if the page has not painted, never left invisible. */
export const SHOW_WINDOW_FALLBACK_MS = 5_000;
/**
 * Staff "exit" and "restart" wait this long, so the staff screen receives its answer before the process
 * goes (the page would otherwise see a failed request).
 */
export const STAFF_EXIT_DELAY_MS = 300;

export type FirstLoadStep = 'open' | 'open-then-reload-when-ready';

/**
 * Open the page on the content when it is ready within the wait; otherwise open it at once (on whatever is
 * there: the last good exhibit or the calm "unavailable" screen) and reload it once the content is ready.
 */
export async function openWhenContentReady<T extends { ok: boolean }>(input: {
  ready: Promise<T>;
  waitMs: number;
  wait: (ms: number) => Promise<void>;
  open: () => void;
  reload: () => void;
}): Promise<FirstLoadStep> {
  const first = await Promise.race([input.ready, input.wait(input.waitMs).then(() => null)]);
  input.open();
  if (first !== null) return 'open';
  void input.ready.then((report) => {
    if (report.ok) input.reload();
  });
  return 'open-then-reload-when-ready';
}

/** How long a relaunch waits for an automatic content rollback to be written (it is a few small writes). */
export const ROLLBACK_BEFORE_RELAUNCH_MS = 15_000;

/**
 * A relaunch for too many failures waits for the content rollback those same failures started (issue 15),
 * so the kiosk comes back on the previous version rather than forget the crashes; never longer than `waitMs`.
 */
export async function relaunchAfterRollback(input: {
  settled: Promise<void> | undefined;
  waitMs: number;
  wait: (ms: number) => Promise<void>;
  relaunch: () => void;
}): Promise<void> {
  await Promise.race([(input.settled ?? Promise.resolve()).catch(() => undefined), input.wait(input.waitMs)]);
  input.relaunch();
}
