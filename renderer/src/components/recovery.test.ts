import { describe, expect, it } from 'vitest';
import { describeFailure, rootRecovery } from './recovery';

describe('rootRecovery', () => {
  const limit = { maxFailures: 3, windowMs: 60_000 };
  it.each([
    { previous: [], now: 0, failures: [0], retry: true },
    { previous: [0], now: 1_000, failures: [0, 1_000], retry: true },
    { previous: [0, 1_000], now: 2_000, failures: [0, 1_000, 2_000], retry: true },
    // The fourth failure within a minute: give up, the watchdog takes over.
    { previous: [0, 1_000, 2_000], now: 3_000, failures: [0, 1_000, 2_000, 3_000], retry: false },
    // Failures older than the window are forgotten: a kiosk that fails once an hour keeps recovering.
    { previous: [0, 1_000, 2_000], now: 61_500, failures: [2_000, 61_500], retry: true },
    { previous: [0, 1_000, 2_000], now: 60_000, failures: [1_000, 2_000, 60_000], retry: true },
  ])('after $previous, a failure at $now → retry $retry', ({ previous, now, failures, retry }) => {
    expect(rootRecovery(previous, now, limit)).toEqual({ failures, retry });
  });
});

describe('describeFailure', () => {
  const stack =
    '\n    at StaffPanel (http://127.0.0.1/assets/index.js:1:2)\n    at ErrorBoundary (x)\n    at App';
  it.each([
    {
      error: new TypeError('a.map is not a function'),
      stack,
      line: 'screen staff panel failed to render (back to the attract loop): TypeError: a.map is not a function (in StaffPanel < ErrorBoundary < App)',
    },
    {
      error: 'a string',
      stack: '',
      line: 'screen staff panel failed to render (back to the attract loop): thrown value: a string',
    },
    {
      // A message cannot forge a second log line or colour the technician's terminal.
      error: new Error('one\nforged line\u001b[31m red'),
      stack: '',
      line: 'screen staff panel failed to render (back to the attract loop): Error: one forged line [31m red',
    },
  ])('$line', ({ error, stack: componentStack, line }) => {
    expect(describeFailure('screen staff panel', error, componentStack, 'back to the attract loop')).toBe(
      line,
    );
  });

  it('stays short enough for /api/log', () => {
    expect(describeFailure('root', new Error('x'.repeat(10_000)), '', 'gave up').length).toBe(1_500);
  });
});
