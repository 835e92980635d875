/**
 * Self-healing for the kiosk page. A pure reducer decides, for each thing that happens to the renderer,
 * whether to do nothing, reload the page (after an exponentially growing delay), or relaunch the whole app
 * (too many failures within the window). `createWatchdog` runs it with injected timers, so the same code is
 * tested with fake timers and wired to Electron's events in main/electron/index.ts.
 *
 * Failures: the renderer process gone (crash, kill, OOM), the page failing to load, the page unresponsive
 * for longer than the grace period, no heartbeat from the page for longer than its timeout (a frozen page
 * Electron does not notice), and the GPU process gone.
 */

import type { WatchdogSettings } from '../common/settings';

export type { WatchdogSettings };

export interface WatchdogState {
  /** Times of the failures inside the window, oldest first. */
  failures: number[];
  /** When the page became unresponsive, if it still is. */
  unresponsiveSince: number | null;
  /** The page's last heartbeat since it loaded; null until the first one (detection is off until then). */
  lastHeartbeat: number | null;
  /** A reload is scheduled or running: detection pauses until the page has loaded again. */
  recovering: boolean;
}

export type WatchdogEvent =
  | { type: 'render-process-gone'; reason: string }
  | { type: 'gpu-process-gone'; reason: string }
  | { type: 'load-failed'; description: string }
  | { type: 'unresponsive' }
  | { type: 'responsive' }
  | { type: 'heartbeat' }
  | { type: 'loaded' }
  | { type: 'tick' };

export type RecoveryAction = 'none' | 'reload' | 'relaunch';

export interface RecoveryDecision {
  state: WatchdogState;
  action: RecoveryAction;
  /** Wait this long before acting. */
  delayMs: number;
  /** Why, for the log (empty when nothing happened). */
  reason: string;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;

export function initialWatchdogState(): WatchdogState {
  return { failures: [], unresponsiveSince: null, lastHeartbeat: null, recovering: false };
}

/** Reload delay after the n-th failure in the window (1-based): 0 s, 1 s, 2 s, 4 s … capped. */
export function backoffDelay(failureCount: number): number {
  if (failureCount <= 1) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (failureCount - 2), BACKOFF_MAX_MS);
}

export function decideRecovery(
  state: WatchdogState,
  event: WatchdogEvent,
  now: number,
  settings: WatchdogSettings,
): RecoveryDecision {
  const none = (next: WatchdogState): RecoveryDecision => ({
    state: next,
    action: 'none',
    delayMs: 0,
    reason: '',
  });
  switch (event.type) {
    case 'heartbeat':
      return none({ ...state, lastHeartbeat: now });
    case 'loaded':
      return none({ ...state, recovering: false, unresponsiveSince: null, lastHeartbeat: null });
    case 'responsive':
      return none({ ...state, unresponsiveSince: null });
    case 'unresponsive':
      return none({ ...state, unresponsiveSince: state.unresponsiveSince ?? now });
    case 'render-process-gone':
      return failure(state, now, settings, `renderer process gone (${event.reason})`);
    case 'load-failed':
      return failure(state, now, settings, `page failed to load (${event.description})`);
    case 'gpu-process-gone':
      // A clean exit of the GPU process is Chromium tidying up, not a failure.
      if (event.reason === 'clean-exit') return none(state);
      return failure(state, now, settings, `GPU process gone (${event.reason})`);
    case 'tick': {
      if (state.recovering) return none(state);
      const grace = settings.unresponsiveGraceSeconds * 1000;
      if (state.unresponsiveSince !== null && now - state.unresponsiveSince >= grace) {
        return failure(
          state,
          now,
          settings,
          `page unresponsive for ${Math.round((now - state.unresponsiveSince) / 1000)} s`,
        );
      }
      const timeout = settings.heartbeatTimeoutSeconds * 1000;
      if (state.lastHeartbeat !== null && now - state.lastHeartbeat >= timeout) {
        return failure(
          state,
          now,
          settings,
          `no heartbeat from the page for ${Math.round((now - state.lastHeartbeat) / 1000)} s`,
        );
      }
      return none(state);
    }
  }
}

function failure(
  state: WatchdogState,
  now: number,
  settings: WatchdogSettings,
  reason: string,
): RecoveryDecision {
  const windowStart = now - settings.windowMinutes * 60_000;
  const failures = [...state.failures.filter((t) => t > windowStart), now];
  const base: WatchdogState = { failures, unresponsiveSince: null, lastHeartbeat: null, recovering: true };
  if (failures.length >= Math.max(1, settings.maxFailures)) {
    return {
      state: { ...base, failures: [] },
      action: 'relaunch',
      delayMs: 0,
      reason: `${reason}; ${failures.length} failures within ${settings.windowMinutes} min`,
    };
  }
  return { state: base, action: 'reload', delayMs: backoffDelay(failures.length), reason };
}

/**
 * Whether a failure the watchdog acts on is the visitor screen itself gone or hung (a tick acts only on an
 * unresponsive page or a missing heartbeat), not a page load error or the GPU process: what content packages
 * count after a switch to a new version (main/packages/crashRollback.ts).
 */
export function isRendererFailure(event: WatchdogEvent): boolean {
  return event.type === 'render-process-gone' || event.type === 'tick';
}

export interface WatchdogDeps {
  settings: () => WatchdogSettings;
  now: () => number;
  reload: () => void;
  relaunch: () => void;
  log: (message: string) => void;
  /** The renderer was gone or hung at `at` (told before the reload or relaunch is carried out). */
  rendererFailed?: (at: number, reason: string) => void;
  /** How often to check the grace period and the heartbeat. Default 1 s. */
  tickMs?: number;
}

export interface Watchdog {
  report(event: WatchdogEvent): void;
  state(): WatchdogState;
  /** Failures recorded since the watchdog started (for health.json). */
  failureCount(): number;
  stop(): void;
}

/** The reducer with real (or fake) timers around it. */
export function createWatchdog(deps: WatchdogDeps): Watchdog {
  let state = initialWatchdogState();
  let pending: ReturnType<typeof setTimeout> | null = null;
  let total = 0;

  const report = (event: WatchdogEvent): void => {
    const at = deps.now();
    const decision = decideRecovery(state, event, at, deps.settings());
    state = decision.state;
    if (decision.action === 'none') return;
    total++;
    if (isRendererFailure(event)) deps.rendererFailed?.(at, decision.reason);
    if (pending) clearTimeout(pending);
    const act = decision.action === 'relaunch' ? deps.relaunch : deps.reload;
    deps.log(
      `watchdog: ${decision.reason} → ${decision.action}${decision.delayMs ? ` in ${decision.delayMs} ms` : ''}`,
    );
    pending = null;
    if (decision.delayMs <= 0) {
      act();
      return;
    }
    pending = setTimeout(() => {
      pending = null;
      act();
    }, decision.delayMs);
  };

  const ticker = setInterval(() => report({ type: 'tick' }), deps.tickMs ?? 1_000);
  ticker.unref?.();

  return {
    report,
    state: () => state,
    failureCount: () => total,
    stop() {
      clearInterval(ticker);
      if (pending) clearTimeout(pending);
      pending = null;
    },
  };
}
