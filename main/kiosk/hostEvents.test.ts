import { describe, expect, it } from 'vitest';
import { childProcessGone, loadFailure, openWhenContentReady, relaunchAfterRollback } from './hostEvents';

describe('loadFailure', () => {
  it.each([
    [-105, 'ERR_NAME_NOT_RESOLVED', true, { type: 'load-failed', description: '-105 ERR_NAME_NOT_RESOLVED' }],
    [-6, 'ERR_FILE_NOT_FOUND', true, { type: 'load-failed', description: '-6 ERR_FILE_NOT_FOUND' }],
    [-3, 'ERR_ABORTED', true, null],
    [-105, 'ERR_NAME_NOT_RESOLVED', false, null],
  ])('%i %s (main frame %s) → %j', (code, description, isMainFrame, expected) => {
    expect(loadFailure(code, description, isMainFrame)).toEqual(expected);
  });
});

describe('childProcessGone', () => {
  it.each([
    [
      { type: 'GPU', reason: 'crashed', exitCode: 139 },
      { kind: 'gpu', reason: 'crashed' },
      'gpu-process-gone',
    ],
    [{ type: 'GPU', reason: 'oom', exitCode: 0 }, { kind: 'gpu', reason: 'oom' }, 'gpu-process-gone'],
    [{ type: 'GPU', reason: 'clean-exit', exitCode: 0 }, null, 'gpu-process-gone'],
    [{ type: 'Utility', reason: 'crashed', exitCode: 1 }, null, null],
    [{ type: 'Zygote', reason: 'killed', exitCode: 9 }, null, null],
  ])('%j → crash %j, watchdog %s', (details, crash, event) => {
    const answer = childProcessGone(details);
    expect(answer.crash).toEqual(crash);
    expect(answer.event?.type ?? null).toBe(event);
    expect(answer.logLine).toContain(`${details.type} ${details.reason} (exit ${details.exitCode})`);
  });
});

describe('openWhenContentReady', () => {
  function harness() {
    const calls: string[] = [];
    let finishWait: () => void = () => {};
    const wait = () => new Promise<void>((resolve) => (finishWait = resolve));
    return {
      calls,
      wait,
      finishWait: () => finishWait(),
      open: () => calls.push('open'),
      reload: () => calls.push('reload'),
    };
  }

  it('opens on the content when it is ready in time, and does not reload', async () => {
    const h = harness();
    const step = await openWhenContentReady({ ready: Promise.resolve({ ok: true }), waitMs: 1, ...h });
    expect(step).toBe('open');
    expect(h.calls).toEqual(['open']);
  });

  it('opens at once when the content is late, and reloads once it is ready and good', async () => {
    const h = harness();
    let finish: (r: { ok: boolean }) => void = () => {};
    const ready = new Promise<{ ok: boolean }>((resolve) => (finish = resolve));
    const started = openWhenContentReady({ ready, waitMs: 1, ...h });
    h.finishWait();
    expect(await started).toBe('open-then-reload-when-ready');
    expect(h.calls).toEqual(['open']);
    finish({ ok: true });
    await ready;
    await Promise.resolve();
    expect(h.calls).toEqual(['open', 'reload']);
  });

  it('does not reload for late content that could not be used', async () => {
    const h = harness();
    let finish: (r: { ok: boolean }) => void = () => {};
    const ready = new Promise<{ ok: boolean }>((resolve) => (finish = resolve));
    const started = openWhenContentReady({ ready, waitMs: 1, ...h });
    h.finishWait();
    await started;
    finish({ ok: false });
    await ready;
    await Promise.resolve();
    expect(h.calls).toEqual(['open']);
  });
});

describe('relaunchAfterRollback', () => {
  it('relaunches once the rollback the failures started is written', async () => {
    const calls: string[] = [];
    let finish: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (finish = resolve));
    const done = relaunchAfterRollback({
      settled,
      waitMs: 15_000,
      wait: () => new Promise(() => undefined),
      relaunch: () => calls.push('relaunch'),
    });
    await Promise.resolve();
    expect(calls).toEqual([]);
    calls.push('rolled back');
    finish();
    await done;
    expect(calls).toEqual(['rolled back', 'relaunch']);
  });

  it('relaunches at once without packages, and at the limit when the rollback hangs or fails', async () => {
    const calls: string[] = [];
    const never = () => new Promise<void>(() => undefined);
    await relaunchAfterRollback({
      settled: undefined,
      waitMs: 1,
      wait: never,
      relaunch: () => calls.push('a'),
    });
    await relaunchAfterRollback({
      settled: never(),
      waitMs: 1,
      wait: async () => undefined,
      relaunch: () => calls.push('b'),
    });
    await relaunchAfterRollback({
      settled: Promise.reject(new Error('disk')),
      waitMs: 1,
      wait: never,
      relaunch: () => calls.push('c'),
    });
    expect(calls).toEqual(['a', 'b', 'c']);
  });
});
