/**
 * Drives the lifecycle machine in the running kiosk: one timer set to the next deadline, touches from
 * anywhere on the screen, holds from narration. Effects go to the visit store; a reset goes through
 * `resetVisit()` so sound is stopped and unloaded before the state is cleared.
 */
import { useSyncExternalStore } from 'react';
import {
  initialLifecycle,
  msUntilNextTick,
  stepLifecycle,
  warningSecondsLeft,
  type LifecycleEffect,
  type LifecycleEvent,
  type LifecycleState,
  type LifecycleTimes,
} from './lifecycle';
import { useVisit } from './visitStore';

type ResetHook = () => void;

let state: LifecycleState = initialLifecycle(Date.now());
let usualTimes: LifecycleTimes = { idleMs: 90_000, warningMs: 15_000 };
/** In audio mode (issue 17): longer, for a blind visitor (idleTimes.ts decides them). */
let audioTimes: LifecycleTimes = usualTimes;
/** The times that apply now: audio mode's while the audio guide is on. */
const times = (): LifecycleTimes => (useVisit.getState().audioMode ? audioTimes : usualTimes);
let timer: ReturnType<typeof setTimeout> | null = null;
let countdown: ReturnType<typeof setInterval> | null = null;
const resetHooks = new Set<ResetHook>();
const listeners = new Set<() => void>();
let visits = 0;

/** Something (narration) to stop and unload on every reset. Returns an unsubscribe function. */
export function onVisitReset(hook: ResetHook): () => void {
  resetHooks.add(hook);
  return () => resetHooks.delete(hook);
}

/** Stop everything and return to the attract loop, exactly as a fresh kiosk. */
export function resetVisit(): void {
  for (const hook of resetHooks) {
    try {
      hook();
    } catch (error) {
      console.warn('reset hook failed', error);
    }
  }
  useVisit.getState().reset();
  if (typeof window !== 'undefined') window.scrollTo(0, 0);
}

export function configureSession(next: LifecycleTimes, audio: LifecycleTimes = next): void {
  usualTimes = next;
  audioTimes = audio;
  schedule();
}

// The audio guide started or ended: the other idle time applies from now on.
useVisit.subscribe((visit, previous) => {
  if (visit.audioMode !== previous.audioMode) schedule();
});

/** What a step of the lifecycle did, for the analytics recorder (told before the effect is carried out). */
export interface SessionStep {
  effect: LifecycleEffect;
  cause: LifecycleEvent['type'];
  at: number;
  /** The visitor's last touch (or the end of the last narration) before this step. */
  lastActivityAt: number;
}
const stepListeners = new Set<(step: SessionStep) => void>();

/** Be told of every lifecycle step that has an effect. Returns an unsubscribe function. */
export function onSessionStep(listener: (step: SessionStep) => void): () => void {
  stepListeners.add(listener);
  return () => stepListeners.delete(listener);
}

export function sessionEvent(event: LifecycleEvent): void {
  const result = stepLifecycle(state, event, times());
  const step: SessionStep = {
    effect: result.effect,
    cause: event.type,
    at: event.at,
    lastActivityAt: state.lastActivityAt,
  };
  state = result.state;
  if (result.effect !== 'none') for (const l of stepListeners) l(step);
  const visit = useVisit.getState();
  switch (result.effect) {
    case 'startVisit':
      visits += 1;
      visit.startVisit();
      break;
    case 'showWarning':
      visit.setPhase('idleWarning');
      break;
    case 'dismissWarning':
      visit.setPhase('active');
      break;
    case 'reset':
      resetVisit();
      break;
    case 'none':
      break;
  }
  schedule();
  for (const l of listeners) l();
}

export const touched = () => sessionEvent({ type: 'touch', at: Date.now() });
export const holdStart = () => sessionEvent({ type: 'holdStart', at: Date.now() });
export const holdEnd = () => sessionEvent({ type: 'holdEnd', at: Date.now() });
export const continueVisit = () => sessionEvent({ type: 'continue', at: Date.now() });
export const forceReset = () => sessionEvent({ type: 'forceReset', at: Date.now() });

/** How many visits have started since the page loaded (the bench and tests read it). */
export const visitCount = () => visits;

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const wait = msUntilNextTick(state, times(), Date.now());
  if (wait !== null) timer = setTimeout(() => sessionEvent({ type: 'tick', at: Date.now() }), wait + 5);
  if (state.phase === 'idleWarning' && !countdown) {
    countdown = setInterval(() => {
      for (const l of listeners) l();
    }, 250);
  } else if (state.phase !== 'idleWarning' && countdown) {
    clearInterval(countdown);
    countdown = null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Seconds left on the idle warning, re-rendered as it counts down. */
export function useWarningSecondsLeft(): number {
  return useSyncExternalStore(subscribe, warningSecondsNow);
}

/** Seconds left on the idle warning now (0 outside it). */
export function warningSecondsNow(): number {
  return warningSecondsLeft(state, times(), Date.now());
}

/** The whole warning's length in seconds, as it applies now. */
export function warningSecondsTotal(): number {
  return Math.round(times().warningMs / 1000);
}

/** Be told of every step and every beat of the idle countdown (four a second). Returns an unsubscribe. */
export function onSessionChange(listener: () => void): () => void {
  return subscribe(listener);
}
