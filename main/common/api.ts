/**
 * The one typed list of routes between the renderer and the kiosk's request handler. Both the shell
 * (via `protocol.handle`) and `npm run preview` (via a loopback HTTP server) serve exactly these.
 */
export const api = {
  /** GET → ExhibitResponse */
  exhibit: '/api/exhibit',
  /** GET → VisitorSettings */
  settings: '/api/settings',
  /** GET → { open, nextChange?, outsideHours? } — opening hours, polled by the renderer. */
  status: '/api/status',
  /** POST { ok: true } every few seconds from the renderer; the watchdog's proof of life. */
  heartbeat: '/api/heartbeat',
  /** POST { pin } → { ok, lockedForSeconds?, triesLeft? } */
  staffUnlock: '/api/staff/unlock',
  /** GET (with staff token) → health snapshot */
  staffHealth: '/api/staff/health',
  /** POST (with staff token) { action: 'exit' | 'reloadContent' | 'relaunch' } */
  staffAction: '/api/staff/action',
  /** POST { level, message } — renderer errors into the kiosk log. */
  log: '/api/log',
} as const;

export type ApiRoute = (typeof api)[keyof typeof api];

/** Prefix under which the content package's files are served. */
export const MEDIA_PREFIX = '/media/';
/** Prefix under which the content derivatives (thumbnails, screen images, Deep Zoom tiles) are served. */
export const DERIVED_PREFIX = '/derived/';
/** The privileged scheme and host the Electron shell serves the kiosk on. */
export const KIOSK_SCHEME = 'kiosk';
export const KIOSK_ORIGIN = 'kiosk://app';
