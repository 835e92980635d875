/**
 * The warnings staff see on the staff screen from the moment the kiosk starts: broken device settings
 * (safe defaults in use) and opening hours that cannot be right. One wording for every host.
 */
import type { OpeningHours } from '../common/settings';
import { scheduleWarnings } from './schedule';

export function settingsWarning(problemCount: number): string | null {
  if (problemCount <= 0) return null;
  const problems = problemCount === 1 ? '1 problem' : `${problemCount} problems`;
  return `kiosk-config has ${problems}; safe defaults are used for what is broken (details in the log).`;
}

export function staffWarningsAtStart(input: {
  settingsProblems: number;
  hours: OpeningHours;
  now?: Date;
}): string[] {
  const settings = settingsWarning(input.settingsProblems);
  return [...(settings ? [settings] : []), ...scheduleWarnings(input.hours, input.now ?? new Date())];
}
