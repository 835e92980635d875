/**
 * Where the kiosk's web contents may go: only its own page, `kiosk://app/` (or `kiosk://app/index.html`).
 * Everything else — other paths on the kiosk's own origin (a file from the content package, an asset),
 * other schemes, other hosts, look-alikes, user-info tricks, ports — is refused: a page from anywhere but
 * the kiosk's own build never runs in the kiosk window. New windows are never opened; a
 * `window.open`/`target=_blank` to the kiosk's page is loaded in place instead.
 *
 * Sub-resources (assets, photographs, narration, the /api) may come from anywhere on the kiosk's origin
 * (`isKioskOriginUrl`); the request handler decides what exists there.
 */
import { KIOSK_ORIGIN } from '../common/api';

const KIOSK_PREFIX = `${KIOSK_ORIGIN}/`;
// Control characters, whitespace and backslashes have no place in a canonical kiosk URL; refusing them
// outright avoids depending on how any one parser treats them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;

/** The kiosk's page: the only documents the kiosk window may show. The renderer uses no query or hash. */
const KIOSK_PAGES = new Set([`${KIOSK_ORIGIN}/`, `${KIOSK_ORIGIN}/index.html`]);

/** True only for the kiosk's own page, `kiosk://app/` or `kiosk://app/index.html`, written canonically. */
export function isAllowedNavigation(url: unknown): boolean {
  return isKioskOriginUrl(url) && KIOSK_PAGES.has(url as string);
}

/** True only for URLs on the kiosk's own origin (`kiosk://app/…`), written canonically. */
export function isKioskOriginUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  if (FORBIDDEN_CHARACTERS.test(url)) return false;
  // Case-sensitive prefix: Chromium canonicalises scheme and host to lower case before these events,
  // so anything else did not come from the kiosk's own pages.
  if (!url.startsWith(KIOSK_PREFIX)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'kiosk:' &&
    parsed.hostname === 'app' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export type WindowOpenDecision = 'deny' | 'load-in-place';

/**
 * What to do with `window.open` / `target=_blank`: a kiosk never opens a second window. A link to the
 * kiosk's own origin is followed in the kiosk window; anything else is dropped.
 */
export function decideWindowOpen(url: unknown): WindowOpenDecision {
  return isAllowedNavigation(url) ? 'load-in-place' : 'deny';
}

/** Schemes that would reach a network or the file system; requests to them are cancelled. */
const BLOCKED_REQUEST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * Whether a sub-resource request must be cancelled (defence in depth under the CSP): anything that would
 * leave the machine or read local files, and any kiosk:// host other than `app`.
 */
export function isBlockedRequest(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (BLOCKED_REQUEST_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol === 'kiosk:') return !isKioskOriginUrl(url);
  return false;
}
