/**
 * Which idle time applies (issue 17, point 7): in audio mode a blind visitor gets the longer audio-guide
 * times (`visitor.accessibility.audioIdleSeconds`, `audioWarningSeconds`), else the usual ones
 * (`visitor.idleSeconds`, `warningSeconds`). Audio mode never shortens them: a museum that sets the audio
 * times below the usual ones gets the usual ones. Pure.
 */
import type { LifecycleTimes } from './lifecycle';

export interface IdleSettings {
  idleSeconds: number;
  warningSeconds: number;
  accessibility: { audioIdleSeconds: number; audioWarningSeconds: number };
}

export function idleTimesFor(settings: IdleSettings, audioMode: boolean): LifecycleTimes {
  const { idleSeconds, warningSeconds, accessibility } = settings;
  if (!audioMode) return { idleMs: idleSeconds * 1000, warningMs: warningSeconds * 1000 };
  return {
    idleMs: Math.max(idleSeconds, accessibility.audioIdleSeconds) * 1000,
    warningMs: Math.max(warningSeconds, accessibility.audioWarningSeconds) * 1000,
  };
}
