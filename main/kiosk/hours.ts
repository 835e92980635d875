/**
 * Opening hours at run time: keeps the display awake while open (and while the "closed" screen is shown),
 * lets it sleep when the kiosk is blanked outside hours, and performs the daily relaunch. Electron's
 * powerSaveBlocker and app.relaunch are injected, so this is tested with fake timers.
 */
import type { OpeningHours } from '../common/settings';
import type { KioskStatus } from '../common/api';
import { kioskStatusAt, nextDailyRelaunch } from './schedule';

export type DisplaySleep = 'prevent' | 'allow';

/** Open, or closed with the calm closed screen: keep the display on. Blanked outside hours: let it sleep. */
export function displaySleepPolicy(open: boolean, outsideHours: OpeningHours['outsideHours']): DisplaySleep {
  return open || outsideHours === 'closedScreen' ? 'prevent' : 'allow';
}

/** A daily relaunch missed by more than this (the machine was asleep or off) is skipped, not done late. */
export const MISSED_RELAUNCH_MS = 60 * 60_000;

export interface HoursDeps {
  getHours(): OpeningHours;
  getWarnings(): string[];
  now(): number;
  power: { prevent(): void; allow(): void };
  relaunch(reason: string): void;
  log(message: string): void;
  tickMs?: number;
}

export interface HoursController {
  /** What GET /api/status answers; computed fresh each call. */
  status(): KioskStatus;
  tick(): void;
  nextRelaunch(): Date | null;
  stop(): void;
}

export function createHoursController(deps: HoursDeps): HoursController {
  let sleep: DisplaySleep | null = null;
  let open: boolean | null = null;
  let relaunchAt = nextDailyRelaunch(deps.getHours(), new Date(deps.now()));
  let relaunched = false;

  const status = () => kioskStatusAt(deps.getHours(), new Date(deps.now()), deps.getWarnings());

  const tick = () => {
    const hours = deps.getHours();
    const now = deps.now();
    const current = kioskStatusAt(hours, new Date(now));
    if (current.open !== open) {
      deps.log(
        `opening hours: now ${current.open ? 'open' : 'closed'}${current.nextChange ? ` until ${current.nextChange}` : ''}`,
      );
      open = current.open;
    }
    const wanted = displaySleepPolicy(current.open, hours.outsideHours);
    if (wanted !== sleep) {
      if (wanted === 'prevent') deps.power.prevent();
      else deps.power.allow();
      sleep = wanted;
    }
    if (relaunchAt && !relaunched && now >= relaunchAt.getTime()) {
      if (now - relaunchAt.getTime() > MISSED_RELAUNCH_MS) {
        deps.log(
          `daily relaunch at ${relaunchAt.toISOString()} was missed (asleep?); the next one is tomorrow`,
        );
        relaunchAt = nextDailyRelaunch(hours, new Date(now));
      } else {
        relaunched = true;
        deps.relaunch(`daily relaunch (${hours.dailyRelaunchAt})`);
      }
    }
  };

  tick();
  const timer = setInterval(tick, deps.tickMs ?? 30_000);
  timer.unref?.();

  return {
    status,
    tick,
    nextRelaunch: () => (relaunched ? null : relaunchAt),
    stop: () => clearInterval(timer),
  };
}
