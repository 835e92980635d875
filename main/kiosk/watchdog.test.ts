import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  createWatchdog,
  decideRecovery,
  initialWatchdogState,
  type WatchdogEvent,
  type WatchdogSettings,
  type WatchdogState,
} from './watchdog';

const settings: WatchdogSettings = {
  unresponsiveGraceSeconds: 10,
  heartbeatTimeoutSeconds: 30,
  maxFailures: 3,
  windowMinutes: 10,
};

/** Run a sequence of [seconds, event] through the reducer; returns every decision. */
function run(steps: [number, WatchdogEvent][], start: WatchdogState = initialWatchdogState()) {
  let state = start;
  return steps.map(([seconds, event]) => {
    const d = decideRecovery(state, event, seconds * 1000, settings);
    state = d.state;
    return { action: d.action, delayMs: d.delayMs, reason: d.reason };
  });
}

const gone = (reason = 'crashed'): WatchdogEvent => ({ type: 'render-process-gone', reason });
const tick: WatchdogEvent = { type: 'tick' };
const loaded: WatchdogEvent = { type: 'loaded' };
const heartbeat: WatchdogEvent = { type: 'heartbeat' };

describe('backoffDelay', () => {
  it.each([
    [1, 0],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [7, 32_000],
    [8, 60_000],
    [30, 60_000],
  ])('failure %i → %i ms', (n, ms) => {
    expect(backoffDelay(n)).toBe(ms);
  });
});

describe('decideRecovery', () => {
  it.each<[string, [number, WatchdogEvent][], string[]]>([
    ['a crash reloads at once', [[0, gone()]], ['reload']],
    [
      'a kill or OOM reloads too',
      [
        [0, gone('killed')],
        [5, loaded],
        [6, gone('oom')],
      ],
      ['reload', 'none', 'reload'],
    ],
    [
      'three crashes within ten minutes relaunch',
      [
        [0, gone()],
        [1, loaded],
        [60, gone()],
        [61, loaded],
        [120, gone()],
      ],
      ['reload', 'none', 'reload', 'none', 'relaunch'],
    ],
    [
      'failures older than the window are forgotten',
      [
        [0, gone()],
        [1, loaded],
        [300, gone()],
        [301, loaded],
        [601, gone()],
      ],
      ['reload', 'none', 'reload', 'none', 'reload'],
    ],
    [
      'unresponsive within the grace period is tolerated',
      [
        [0, loaded],
        [1, { type: 'unresponsive' }],
        [5, tick],
        [9, { type: 'responsive' }],
        [30, tick],
      ],
      ['none', 'none', 'none', 'none', 'none'],
    ],
    [
      'unresponsive beyond the grace period reloads',
      [
        [0, loaded],
        [1, { type: 'unresponsive' }],
        [10, tick],
        [11, tick],
      ],
      ['none', 'none', 'none', 'reload'],
    ],
    [
      'a repeated unresponsive event does not restart the grace period',
      [
        [1, { type: 'unresponsive' }],
        [8, { type: 'unresponsive' }],
        [11, tick],
      ],
      ['none', 'none', 'reload'],
    ],
    [
      'no heartbeat is required before the first one arrives',
      [
        [0, loaded],
        [100, tick],
        [500, tick],
      ],
      ['none', 'none', 'none'],
    ],
    [
      'heartbeats keep the page alive',
      [
        [0, loaded],
        [5, heartbeat],
        [30, heartbeat],
        [55, heartbeat],
        [84, tick],
      ],
      ['none', 'none', 'none', 'none', 'none'],
    ],
    [
      'a silent page after heartbeats is frozen',
      [
        [0, loaded],
        [5, heartbeat],
        [34, tick],
        [35, tick],
      ],
      ['none', 'none', 'none', 'reload'],
    ],
    [
      'detection pauses while recovering until the page loads again',
      [
        [0, heartbeat],
        [30, tick],
        [31, heartbeat],
        [200, tick],
        [201, loaded],
        [202, heartbeat],
        [232, tick],
      ],
      ['none', 'reload', 'none', 'none', 'none', 'none', 'reload'],
    ],
    [
      'a clean GPU exit is not a failure; a GPU crash is',
      [
        [0, { type: 'gpu-process-gone', reason: 'clean-exit' }],
        [1, { type: 'gpu-process-gone', reason: 'crashed' }],
      ],
      ['none', 'reload'],
    ],
    [
      'repeated GPU crashes relaunch',
      [
        [0, { type: 'gpu-process-gone', reason: 'crashed' }],
        [10, { type: 'gpu-process-gone', reason: 'crashed' }],
        [20, { type: 'gpu-process-gone', reason: 'launch-failed' }],
      ],
      ['reload', 'reload', 'relaunch'],
    ],
    [
      'a failed load counts',
      [
        [0, { type: 'load-failed', description: 'ERR_FAILED' }],
        [3, { type: 'load-failed', description: 'ERR_FAILED' }],
      ],
      ['reload', 'reload'],
    ],
  ])('%s', (_name, steps, actions) => {
    expect(run(steps).map((d) => d.action)).toEqual(actions);
  });

  it('backs off exponentially between reloads', () => {
    const many = { ...settings, maxFailures: 10 };
    let state = initialWatchdogState();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const d = decideRecovery(state, gone(), i * 1000, many);
      state = decideRecovery(d.state, loaded, i * 1000 + 500, many).state;
      delays.push(d.delayMs);
    }
    expect(delays).toEqual([0, 1000, 2000, 4000, 8000, 16000]);
  });

  it('starts counting afresh after a relaunch decision', () => {
    const decisions = run([
      [0, gone()],
      [1, gone()],
      [2, gone()],
      [3, gone()],
    ]);
    expect(decisions.map((d) => d.action)).toEqual(['reload', 'reload', 'relaunch', 'reload']);
    expect(decisions[2]?.reason).toContain('3 failures within 10 min');
  });
});

describe('createWatchdog (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-05-04T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(overrides: Partial<WatchdogSettings> = {}) {
    const reload = vi.fn();
    const relaunch = vi.fn();
    const log = vi.fn();
    const rendererFailed = vi.fn();
    const dog = createWatchdog({
      settings: () => ({ ...settings, ...overrides }),
      now: () => Date.now(),
      reload,
      relaunch,
      log,
      rendererFailed,
    });
    return { dog, reload, relaunch, log, rendererFailed };
  }

  it('tells of the renderer gone or hung (for content packages), not of load errors or the GPU', () => {
    const { dog, rendererFailed, relaunch } = setup({ maxFailures: 10 });
    const start = Date.now();
    dog.report(gone('oom'));
    dog.report({ type: 'load-failed', description: 'ERR_FAILED' });
    dog.report({ type: 'gpu-process-gone', reason: 'crashed' });
    dog.report(loaded);
    dog.report({ type: 'unresponsive' });
    vi.advanceTimersByTime(10_000);
    expect(rendererFailed.mock.calls).toEqual([
      [start, 'renderer process gone (oom)'],
      [start + 10_000, 'page unresponsive for 10 s'],
    ]);
    dog.report(loaded);
    dog.report(heartbeat);
    vi.advanceTimersByTime(30_000);
    expect(rendererFailed).toHaveBeenCalledTimes(3);
    expect(rendererFailed.mock.calls[2]?.[1]).toMatch(/no heartbeat/);
    expect(relaunch).not.toHaveBeenCalled();
    dog.stop();
  });

  it('tells of the failure before it relaunches', () => {
    const order: string[] = [];
    const dog = createWatchdog({
      settings: () => ({ ...settings, maxFailures: 1 }),
      now: () => Date.now(),
      reload: () => order.push('reload'),
      relaunch: () => order.push('relaunch'),
      log: () => undefined,
      rendererFailed: () => order.push('told'),
    });
    dog.report(gone());
    expect(order).toEqual(['told', 'relaunch']);
    dog.stop();
  });

  it('reloads a frozen page once the heartbeat stops for the timeout', () => {
    const { dog, reload, log } = setup();
    dog.report(loaded);
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(5_000);
      dog.report(heartbeat);
    }
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(29_000);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(/no heartbeat from the page for 30 s → reload/);
    dog.stop();
  });

  it('waits out the backoff before reloading, and relaunches after repeated crashes', () => {
    const { dog, reload, relaunch } = setup();
    dog.report(gone());
    expect(reload).toHaveBeenCalledTimes(1);
    dog.report(loaded);
    dog.report(gone());
    vi.advanceTimersByTime(999);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(2);
    dog.report(loaded);
    dog.report(gone());
    expect(relaunch).toHaveBeenCalledOnce();
    expect(reload).toHaveBeenCalledTimes(2);
    expect(dog.failureCount()).toBe(3);
    dog.stop();
  });

  it('a further failure while a reload is pending replaces it rather than stacking', () => {
    const { dog, reload } = setup({ maxFailures: 10 });
    dog.report(gone());
    expect(reload).toHaveBeenCalledTimes(1);
    dog.report(gone()); // 1 s backoff
    dog.report(gone()); // replaced by a 2 s backoff
    vi.advanceTimersByTime(1_999);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(reload).toHaveBeenCalledTimes(2);
    dog.stop();
  });

  it('stop() cancels a pending reload and the ticker', () => {
    const { dog, reload } = setup();
    dog.report(gone());
    expect(reload).toHaveBeenCalledTimes(1);
    dog.report(gone()); // a reload 1 s from now
    dog.stop();
    vi.advanceTimersByTime(120_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
