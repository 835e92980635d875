/** Opening hours at run time: the display kept awake or let sleep, and the daily relaunch. */
import { powerSaveBlocker } from 'electron';
import log from 'electron-log/main';
import type { OpeningHours } from '../common/settings';
import { createHoursController, type HoursController } from '../kiosk/hours';
import type { Restart } from './restart';

export function setupOpeningHours(
  hours: OpeningHours,
  warnings: string[],
  restart: Restart,
): HoursController {
  let blocker: number | null = null;
  return createHoursController({
    getHours: () => hours,
    getWarnings: () => warnings,
    now: () => Date.now(),
    power: {
      prevent: () => {
        if (blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
      },
      allow: () => {
        if (blocker !== null) powerSaveBlocker.stop(blocker);
        blocker = null;
      },
    },
    relaunch: restart,
    log: (m) => log.info(m),
  });
}
