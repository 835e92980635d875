/**
 * The kiosk:// scheme: its privileges (registered before the app is ready) and the guard around the one
 * request handler that `protocol.handle('kiosk', …)` mounts. The guard answers only `kiosk://app`, never
 * throws, and puts the security headers on whatever comes back.
 */
import type { CustomScheme } from 'electron';
import { KIOSK_SCHEME } from '../common/api';
import { withSecurityHeaders } from '../backend/csp';

/**
 * standard: real origins and relative URLs; secure: a secure context (no mixed-content demotion);
 * supportFetchAPI: the renderer fetches /api; stream: media elements read with Range requests;
 * corsEnabled: fetch/XHR to the scheme behave like http(s). Service workers are not allowed and the CSP
 * is never bypassed.
 */
export const kioskScheme: CustomScheme = {
  scheme: KIOSK_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    corsEnabled: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    codeCache: true,
  },
};

export type RequestHandler = (request: Request) => Promise<Response>;

const UNAVAILABLE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Memorial Kiosk</title>' +
  '<body style="background:#14110f"></body>';

/**
 * Wrap the kiosk handler for `protocol.handle`: refuse other kiosk:// hosts, turn a thrown error into a calm
 * "temporarily unavailable" answer (logged), and set the security headers on every response.
 */
export function guardKioskHandler(
  handler: RequestHandler,
  logError: (message: string) => void,
): RequestHandler {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return withSecurityHeaders(new Response('Not found', { status: 404 }));
    }
    if (url.protocol !== `${KIOSK_SCHEME}:` || url.host !== 'app' || url.username || url.password) {
      return withSecurityHeaders(new Response('Not found', { status: 404 }));
    }
    try {
      return withSecurityHeaders(await handler(request));
    } catch (error) {
      logError(`kiosk request ${url.pathname} failed: ${String(error)}`);
      const isPage = url.pathname === '/' || url.pathname.endsWith('.html');
      return withSecurityHeaders(
        new Response(isPage ? UNAVAILABLE_PAGE : 'Temporarily unavailable', {
          status: 503,
          headers: {
            'Content-Type': isPage ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
            'Retry-After': '5',
            'Cache-Control': 'no-store',
          },
        }),
      );
    }
  };
}
