import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  initialLifecycle,
  msUntilNextTick,
  stepLifecycle,
  warningSecondsLeft,
  type LifecycleEffect,
  type LifecycleEvent,
  type LifecycleState,
} from './lifecycle';

const times = { idleMs: 90_000, warningMs: 15_000 };

/** Drives the machine the way the renderer does: one timer set to the next deadline. */
function driver() {
  let state = initialLifecycle(Date.now());
  const effects: LifecycleEffect[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    const wait = msUntilNextTick(state, times, Date.now());
    timer = wait === null ? null : setTimeout(() => send({ type: 'tick', at: Date.now() }), wait);
  };
  const send = (event: LifecycleEvent) => {
    const result = stepLifecycle(state, event, times);
    state = result.state;
    if (result.effect !== 'none') effects.push(result.effect);
    schedule();
  };
  return {
    touch: () => send({ type: 'touch', at: Date.now() }),
    holdStart: () => send({ type: 'holdStart', at: Date.now() }),
    holdEnd: () => send({ type: 'holdEnd', at: Date.now() }),
    get state(): LifecycleState {
      return state;
    },
    effects,
  };
}

describe('session lifecycle with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('stays in the attract loop until touched, however long', () => {
    const d = driver();
    vi.advanceTimersByTime(24 * 3600_000);
    expect(d.state.phase).toBe('attract');
    expect(d.effects).toEqual([]);
  });

  it('warns after the idle time and resets after the countdown', () => {
    const d = driver();
    d.touch();
    expect(d.state.phase).toBe('active');
    vi.advanceTimersByTime(89_999);
    expect(d.state.phase).toBe('active');
    vi.advanceTimersByTime(1);
    expect(d.state.phase).toBe('idleWarning');
    expect(warningSecondsLeft(d.state, times, Date.now())).toBe(15);
    vi.advanceTimersByTime(14_999);
    expect(d.state.phase).toBe('idleWarning');
    expect(warningSecondsLeft(d.state, times, Date.now())).toBe(1);
    vi.advanceTimersByTime(1);
    expect(d.state.phase).toBe('attract');
    expect(d.effects).toEqual(['startVisit', 'showWarning', 'reset']);
  });

  it('counts idle time from the last touch', () => {
    const d = driver();
    d.touch();
    vi.advanceTimersByTime(60_000);
    d.touch();
    vi.advanceTimersByTime(60_000);
    expect(d.state.phase).toBe('active');
    vi.advanceTimersByTime(30_000);
    expect(d.state.phase).toBe('idleWarning');
  });

  it('a touch during the warning continues the visit', () => {
    const d = driver();
    d.touch();
    vi.advanceTimersByTime(95_000);
    expect(d.state.phase).toBe('idleWarning');
    d.touch();
    expect(d.state.phase).toBe('active');
    vi.advanceTimersByTime(89_000);
    expect(d.state.phase).toBe('active');
    expect(d.effects).toEqual(['startVisit', 'showWarning', 'dismissWarning']);
  });

  it('narration playing holds off the warning, and idle time restarts when it ends', () => {
    const d = driver();
    d.touch();
    vi.advanceTimersByTime(10_000);
    d.holdStart();
    vi.advanceTimersByTime(10 * 60_000);
    expect(d.state.phase).toBe('active');
    d.holdEnd();
    vi.advanceTimersByTime(89_000);
    expect(d.state.phase).toBe('active');
    vi.advanceTimersByTime(1_000);
    expect(d.state.phase).toBe('idleWarning');
  });

  it('two holds must both end before idle time runs again', () => {
    const d = driver();
    d.touch();
    d.holdStart();
    d.holdStart();
    d.holdEnd();
    vi.advanceTimersByTime(5 * 60_000);
    expect(d.state.phase).toBe('active');
    d.holdEnd();
    vi.advanceTimersByTime(90_000);
    expect(d.state.phase).toBe('idleWarning');
  });
});

describe('stepLifecycle', () => {
  it('forceReset returns to attract and asks for a reset only when a visit was under way', () => {
    const active: LifecycleState = { phase: 'active', lastActivityAt: 0, warningStartedAt: null, holds: 1 };
    expect(stepLifecycle(active, { type: 'forceReset', at: 5 }, times)).toEqual({
      state: initialLifecycle(5),
      effect: 'reset',
    });
    expect(stepLifecycle(initialLifecycle(0), { type: 'forceReset', at: 5 }, times).effect).toBe('none');
  });

  it('a hold end without a hold never goes negative', () => {
    const { state } = stepLifecycle(initialLifecycle(0), { type: 'holdEnd', at: 1 }, times);
    expect(state.holds).toBe(0);
  });
});
