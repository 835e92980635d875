import { describe, expect, it } from 'vitest';
import { idleTimesFor, type IdleSettings } from './idleTimes';
import type { LifecycleTimes } from './lifecycle';

const settings = (idle: number, warning: number, audioIdle: number, audioWarning: number): IdleSettings => ({
  idleSeconds: idle,
  warningSeconds: warning,
  accessibility: { audioIdleSeconds: audioIdle, audioWarningSeconds: audioWarning },
});

describe('idleTimesFor', () => {
  it.each<[string, IdleSettings, boolean, LifecycleTimes]>([
    [
      'the defaults, a sighted visitor',
      settings(90, 15, 180, 30),
      false,
      { idleMs: 90_000, warningMs: 15_000 },
    ],
    ['the defaults, audio mode', settings(90, 15, 180, 30), true, { idleMs: 180_000, warningMs: 30_000 }],
    ['the e2e kiosk, audio mode', settings(30, 10, 180, 30), true, { idleMs: 180_000, warningMs: 30_000 }],
    [
      'a museum that wants ten minutes',
      settings(90, 15, 600, 60),
      true,
      { idleMs: 600_000, warningMs: 60_000 },
    ],
    [
      'audio times below the usual: the usual',
      settings(300, 40, 180, 30),
      true,
      { idleMs: 300_000, warningMs: 40_000 },
    ],
    ['only the warning longer', settings(200, 15, 180, 30), true, { idleMs: 200_000, warningMs: 30_000 }],
    [
      'audio times unused without audio mode',
      settings(30, 10, 600, 120),
      false,
      { idleMs: 30_000, warningMs: 10_000 },
    ],
  ])('%s', (_name, given, audio, expected) => {
    expect(idleTimesFor(given, audio)).toEqual(expected);
  });
});
