import type { InstalledVersion, UpdateStatus } from './packages';

/**
 * The one typed list of routes between the renderer and the kiosk's request handler. Both the shell
 * (via `protocol.handle`) and `npm run preview` (via a loopback HTTP server) serve exactly these.
 */
export const api = {
  /** GET → ExhibitResponse */
  exhibit: '/api/exhibit',
  /** GET → AttractResponse: the attract loop's part of the exhibit, fetched first (main/common/attract.ts). */
  attract: '/api/attract',
  /** GET → VisitorSettings */
  settings: '/api/settings',
  /** GET → { open, nextChange?, outsideHours? } — opening hours, polled by the renderer. */
  status: '/api/status',
  /** POST HeartbeatBody every few seconds (and at each change of phase); the watchdog's proof of life. */
  heartbeat: '/api/heartbeat',
  /** POST { pin } → { ok, lockedForSeconds?, triesLeft? } */
  staffUnlock: '/api/staff/unlock',
  /** GET (with staff token) → health snapshot */
  staffHealth: '/api/staff/health',
  /** POST (with staff token) { action: StaffActionName } → StaffActionResult */
  staffAction: '/api/staff/action',
  /** GET (with staff token) → ContentVersions: the installed content packages (issue 15). */
  staffVersions: '/api/staff/versions',
  /** GET (with staff token) → FoundPackages: package files on a USB stick or in a watched folder (issue 15). */
  staffFound: '/api/staff/packages',
  /** POST (with staff token) { ref } → StaffActionResult: stage one of those; it goes on screen at the next attract loop. */
  staffInstall: '/api/staff/install',
  /** POST { level, message } — renderer errors into the kiosk log. */
  log: '/api/log',
  /** POST (no body) → 204: revokes every staff token; the staff panel calls it when it closes. */
  staffLock: '/api/staff/lock',
  /**
   * POST { events: AnalyticsEvent[] } → 204, batched and fire-and-forget; GET → AnalyticsRecording
   * (whether anything is recorded at all; main/common/analytics.ts).
   */
  events: '/api/events',
  /** GET ?from=YYYY-MM-DD&to=YYYY-MM-DD (with staff token) → AnalyticsSummary; &format=csv|summary.csv → CSV. */
  staffAnalytics: '/api/staff/analytics',
  /** POST { from, to } (with staff token) → StickExportResult: both CSV files onto a USB stick (issue 16). */
  staffAnalyticsExport: '/api/staff/analytics/export',
} as const;

export type ApiRoute = (typeof api)[keyof typeof api];

/**
 * What a heartbeat says: the visitor session's phase, so that a new content version is shown only in the
 * attract loop, between visits (main/packages/switchPolicy.ts).
 */
export interface HeartbeatBody {
  phase?: 'attract' | 'active' | 'idleWarning';
}

/** Prefix under which the content package's files are served. */
export const MEDIA_PREFIX = '/media/';
/** Prefix under which the content derivatives (thumbnails, screen images, Deep Zoom tiles) are served. */
export const DERIVED_PREFIX = '/derived/';
/** The privileged scheme and host the Electron shell serves the kiosk on. */
export const KIOSK_SCHEME = 'kiosk';
export const KIOSK_ORIGIN = 'kiosk://app';

// ------------------------------------------------------------------------------------------ staff

/** Header that carries the staff token (from `POST api.staffUnlock`) on every staff route. */
export const STAFF_TOKEN_HEADER = 'x-staff-token';

/** What staff can ask of the kiosk from the staff screen, in the order the screen lists them. */
export const STAFF_ACTIONS = ['reloadContent', 'rollback', 'relaunch', 'exit'] as const;
export type StaffActionName = (typeof STAFF_ACTIONS)[number];

export function isStaffAction(value: unknown): value is StaffActionName {
  return typeof value === 'string' && (STAFF_ACTIONS as readonly string[]).includes(value);
}

/** `POST api.staffUnlock` → */
export interface UnlockResult {
  ok: boolean;
  /** A short-lived token for the staff routes, when ok. */
  token?: string;
  /** Seconds until the PIN pad accepts tries again, when locked out. */
  lockedForSeconds?: number;
  /** Tries left before the lockout, after a wrong PIN. */
  triesLeft?: number;
  /** Why the PIN cannot be checked (e.g. no PIN has been set). */
  message?: string;
}

/** `POST api.staffAction` → */
export interface StaffActionResult {
  ok: boolean;
  message: string;
}

/** `GET api.staffVersions` → the content versions on this kiosk (docs/fleet.md). */
/** `POST api.staffAnalyticsExport` → where the visitor figures were saved, or why not. */
export type StickExportResult =
  | { ok: true; folder: string; files: string[]; events: number }
  | { ok: false; reason: 'no-stick' | 'write-failed' | 'bad-period'; detail: string };

/** A package file on a USB stick or in a watched folder, as the staff screen lists it (issue 15). */
export interface FoundPackage {
  /** What the staff screen sends back to install it (the page never names a path). */
  ref: string;
  fileName: string;
  folder: string;
  size: number;
  modified: string;
  /** The kiosk checked it as it would before installing: what it is, or why it would be refused. */
  check:
    | {
        ok: true;
        exhibitId: string;
        version: number;
        exhibitVersion: string;
        created: string;
        createdBy: string;
      }
    | { ok: false; message: string };
}

/** `GET api.staffFound` → */
export interface FoundPackages {
  /** false: kiosk.yaml names no packages folder. */
  enabled: boolean;
  /** The folders looked in (kiosk.yaml's packages.watchFolders, or the system's removable-media folders). */
  folders: string[];
  packages: FoundPackage[];
}

export interface ContentVersions {
  /** false: kiosk.yaml names no packages folder; the kiosk shows its media folder. */
  enabled: boolean;
  /** Staged first, then live, then the previous ones, newest first. */
  versions: InstalledVersion[];
  /** What staff should know: a fallback at start, a rollback the kiosk made by itself. */
  notes: string[];
  lastSwitch: string | null;
  /** The checks of the museum's network, when kiosk.yaml names packages.updateUrl. */
  updates?: UpdateStatus | null;
}

/**
 * The staff keyboard shortcut (Ctrl+Alt+Shift+K on every platform): the shell lets exactly this chord
 * through to the page, which opens the staff PIN pad as five taps in the corner do.
 */
export const STAFF_SHORTCUT = {
  label: 'Ctrl+Alt+Shift+K',
  code: 'KeyK',
  ctrlKey: true,
  altKey: true,
  shiftKey: true,
  metaKey: false,
} as const;

// ------------------------------------------------------------------------------------------ status

/** `GET api.status` → opening hours and warnings for staff. */
export interface KioskStatus {
  open: boolean;
  /** ISO time of the next opening or closing. */
  nextChange?: string;
  /** What to show while closed. */
  outsideHours?: 'closedScreen' | 'blank';
  /** Warnings for staff (e.g. settings file invalid, safe defaults in use). */
  staffWarnings?: string[];
}

/** `POST api.log` body: renderer errors into the kiosk log. */
export type LogLevel = 'info' | 'warn' | 'error';
export interface LogLine {
  level: LogLevel;
  message: string;
}
