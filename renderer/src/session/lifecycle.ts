/**
 * The visitor session's life, as an explicit state machine: attract → active → idleWarning → (reset) →
 * attract. Pure: time comes in with each event, so it is tested with plain numbers and fake timers.
 *
 * - Any touch in `attract` starts a visit.
 * - In `active`, idle time is counted from the last touch. While something holds the session (narration or
 *   video playing), idle time does not run; it starts again from the moment the last hold ends.
 * - After `idleMs` without a touch, `idleWarning` shows a countdown of `warningMs`; a touch (or the
 *   "continue" button) returns to `active`, the end of the countdown resets the kiosk to `attract`.
 */

export type SessionPhase = 'attract' | 'active' | 'idleWarning';

export interface LifecycleState {
  phase: SessionPhase;
  /** Time of the last touch (or of the end of the last hold). */
  lastActivityAt: number;
  /** When the idle warning appeared; null outside the warning. */
  warningStartedAt: number | null;
  /** How many things hold off the idle warning right now (narration playing, video playing). */
  holds: number;
}

export type LifecycleEvent =
  | { type: 'touch'; at: number }
  | { type: 'tick'; at: number }
  | { type: 'holdStart'; at: number }
  | { type: 'holdEnd'; at: number }
  | { type: 'continue'; at: number }
  /** Staff or the content reload asked for an immediate return to the attract loop. */
  | { type: 'forceReset'; at: number };

/** What the caller must do after a step. */
export type LifecycleEffect = 'none' | 'startVisit' | 'showWarning' | 'dismissWarning' | 'reset';

export interface LifecycleTimes {
  idleMs: number;
  warningMs: number;
}

export function initialLifecycle(at = 0): LifecycleState {
  return { phase: 'attract', lastActivityAt: at, warningStartedAt: null, holds: 0 };
}

export function stepLifecycle(
  state: LifecycleState,
  event: LifecycleEvent,
  times: LifecycleTimes,
): { state: LifecycleState; effect: LifecycleEffect } {
  const at = event.at;
  switch (event.type) {
    case 'forceReset':
      return { state: initialLifecycle(at), effect: state.phase === 'attract' ? 'none' : 'reset' };
    case 'holdStart':
      return { state: { ...state, holds: state.holds + 1, lastActivityAt: at }, effect: 'none' };
    case 'holdEnd': {
      const holds = Math.max(0, state.holds - 1);
      return {
        state: { ...state, holds, lastActivityAt: holds === 0 ? at : state.lastActivityAt },
        effect: 'none',
      };
    }
    case 'touch':
    case 'continue':
      if (state.phase === 'attract') {
        return {
          state: { ...state, phase: 'active', lastActivityAt: at, warningStartedAt: null },
          effect: 'startVisit',
        };
      }
      if (state.phase === 'idleWarning') {
        return {
          state: { ...state, phase: 'active', lastActivityAt: at, warningStartedAt: null },
          effect: 'dismissWarning',
        };
      }
      return { state: { ...state, lastActivityAt: at }, effect: 'none' };
    case 'tick':
      if (state.phase === 'active') {
        if (state.holds > 0) return { state, effect: 'none' };
        if (at - state.lastActivityAt >= times.idleMs) {
          return { state: { ...state, phase: 'idleWarning', warningStartedAt: at }, effect: 'showWarning' };
        }
        return { state, effect: 'none' };
      }
      if (state.phase === 'idleWarning' && state.warningStartedAt !== null) {
        if (at - state.warningStartedAt >= times.warningMs) {
          return { state: initialLifecycle(at), effect: 'reset' };
        }
      }
      return { state, effect: 'none' };
  }
}

/**
 * Milliseconds from `now` until the state can next change by itself (so a single timer can be set), or
 * null when only a touch can change it.
 */
export function msUntilNextTick(state: LifecycleState, times: LifecycleTimes, now: number): number | null {
  if (state.phase === 'active') {
    if (state.holds > 0) return null;
    return Math.max(0, state.lastActivityAt + times.idleMs - now);
  }
  if (state.phase === 'idleWarning' && state.warningStartedAt !== null) {
    return Math.max(0, state.warningStartedAt + times.warningMs - now);
  }
  return null;
}

/** Whole seconds left on the idle warning's countdown, for display. */
export function warningSecondsLeft(state: LifecycleState, times: LifecycleTimes, now: number): number {
  if (state.phase !== 'idleWarning' || state.warningStartedAt === null) return 0;
  return Math.max(0, Math.ceil((state.warningStartedAt + times.warningMs - now) / 1000));
}
