/**
 * When the kiosk goes back to the previous content version by itself because the visitor screen keeps
 * failing (issue 15): the renderer gone (a crash, killed, out of memory) or hung, `crashes` times within
 * `withinMinutes` of the switch to a new version. Pure: the times come in with the input.
 *
 *   - Only failures at or after the switch, and inside the window, count: a failure before the switch
 *     belongs to the version before; one long after it is the watchdog's business (a reload, a relaunch),
 *     not the new content's.
 *   - No switch to a new version since the start, or since the last rollback (by staff or by itself): never.
 *     So a rollback never loops back to an even older version; only a new switch arms it again.
 *   - `crashes: 0` turns it off.
 */
import type { PackageSettings } from '../common/settings';

export type CrashRollbackSettings = PackageSettings['crashRollback'];

export interface CrashRollbackInput {
  /** When a newer version went on screen (ms); null when none has since the start or the last rollback. */
  switchedAt: number | null;
  /** When the renderer was gone or hung (ms), in any order; failures before the switch may be among them. */
  failures: readonly number[];
  now: number;
  settings: CrashRollbackSettings;
}

export interface CrashRollbackDecision {
  rollBack: boolean;
  /** Failures that count: since the switch, inside the window, not in the future. */
  counted: number;
}

export function decideCrashRollback(input: CrashRollbackInput): CrashRollbackDecision {
  const { switchedAt, settings, now } = input;
  if (switchedAt === null || settings.crashes <= 0) return { rollBack: false, counted: 0 };
  const windowEnd = switchedAt + settings.withinMinutes * 60_000;
  const counted = input.failures.filter((t) => t >= switchedAt && t <= windowEnd && t <= now).length;
  return { rollBack: counted >= settings.crashes, counted };
}

/** The staff screen's words for it: which version was left, why, and which one is shown now. */
export function crashRollbackNote(
  left: number,
  back: number | null,
  counted: number,
  settings: CrashRollbackSettings,
): string {
  const why = `The visitor screen stopped ${counted} times within ${settings.withinMinutes} minutes of version ${left} going on screen`;
  return back === null
    ? `${why}, and there is no version to go back to.`
    : `${why}; the kiosk went back to version ${back} by itself.`;
}
