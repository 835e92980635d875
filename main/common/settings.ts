/**
 * Device settings (`kiosk-config/kiosk.yaml`) as the kiosk uses them, and the visitor-facing part the
 * renderer receives from `GET /api/settings`. The schema that validates the file lives in
 * `main/content/settingsSchema.ts`; every field has a safe default so a broken file never stops the kiosk.
 */
import type { Lang } from './exhibit';

export interface VisitorSettings {
  /** Seconds without a touch before "Are you still there?" appears. Default 90. */
  idleSeconds: number;
  /** Seconds the warning counts down before the kiosk resets to the attract loop. Default 15. */
  warningSeconds: number;
  /** Narration volume 0–1. Default 0.8. */
  volume: number;
  /** Seconds for the narration fade in/out. Default 0.4. */
  fadeSeconds: number;
  /** Hide the mouse cursor (touch-only screens). Default true. */
  hideCursor: boolean;
  /** Language the attract loop and the first screen use; defaults to the exhibit's default language. */
  startLanguage?: Lang;
}

export interface OpeningHours {
  /** Time zone of the schedule (IANA), e.g. "Asia/Shanghai". Default: the machine's. */
  timeZone?: string;
  /** Per weekday (mon…sun), "HH:MM-HH:MM" ranges; an empty list means closed all day. */
  week: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>;
  /** ISO dates (YYYY-MM-DD) on which the museum is closed, or open with special hours. */
  holidays: { date: string; hours: string[] }[];
  /** What to show outside hours: a calm "closed" screen, or a blank (black) display. */
  outsideHours: 'closedScreen' | 'blank';
  /** Local time "HH:MM" for the daily relaunch that sheds memory; empty to disable. */
  dailyRelaunchAt: string;
}

export interface KioskSettings {
  visitor: VisitorSettings;
  hours: OpeningHours;
  /** Index of the display to use (0 = primary). */
  display: number;
  /** scrypt hash of the staff PIN ("scrypt$N$r$p$salt$hash", set with `npm run set-pin`). */
  staffPinHash?: string;
  watchdog: {
    /** Seconds a renderer may stay unresponsive before it is reloaded. */
    unresponsiveGraceSeconds: number;
    /** Seconds between renderer heartbeats before the page is treated as frozen. */
    heartbeatTimeoutSeconds: number;
    /** Failures within `windowMinutes` after which the whole app relaunches. */
    maxFailures: number;
    windowMinutes: number;
  };
}
