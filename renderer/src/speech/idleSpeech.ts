/**
 * The idle warning spoken in audio mode (issue 17, point 7): when it appears, "Are you still there? Press
 * any key to continue. 30 seconds." in the visitor's language; then only the seconds left, at a calm
 * interval (every ten seconds, then five before the end), never every second. Pure: audioGuide.ts reads
 * the countdown, these decide when and what.
 */
import { fillCount, uiText } from '../i18n/uiText';
import type { Said } from './spoken';

/** The seconds left at which the countdown is said: the start, each ten below it, and five. */
export function countdownMarks(warningSeconds: number): number[] {
  const marks = [warningSeconds];
  for (let m = Math.ceil(warningSeconds / 10) * 10 - 10; m >= 10; m -= 10)
    if (m < warningSeconds) marks.push(m);
  if (warningSeconds > 5) marks.push(5);
  return marks;
}

/**
 * The seconds to say now, or null: the first time the warning is seen (whatever is left), then whenever
 * the countdown has reached a mark below the last one said. Nothing at 0: the reset is under way.
 */
export function idleSecondsToSay(
  secondsLeft: number,
  warningSeconds: number,
  lastSaid: number | null,
): number | null {
  if (secondsLeft <= 0) return null;
  if (lastSaid === null) return secondsLeft;
  const reached = countdownMarks(warningSeconds).some((m) => secondsLeft <= m && m < lastSaid);
  return reached ? secondsLeft : null;
}

/**
 * The words: the whole warning the first time, then the seconds alone. `touch`: explore by touch is on, so
 * the visitor is asked to touch the screen rather than press a key.
 */
export function spokenIdleWarning(seconds: number, first: boolean, lang: string, touch = false): Said {
  const t = uiText(lang);
  const count = fillCount(t, 'audioSecondsLeft', seconds, lang);
  if (!first) return { text: count, lang };
  const gap = lang.startsWith('zh') || lang.startsWith('ja') ? '' : ' ';
  return { text: `${touch ? t.exploreStillThere : t.audioStillThere}${gap}${count}`, lang };
}
