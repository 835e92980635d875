import { CONTENT_FILE_POLICY } from './mime';

/**
 * Security headers on every response the kiosk serves, from the protocol and the preview alike.
 * The content security policy allows only the kiosk's own origin: no inline scripts, no eval, no network.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=(), display-capture=()',
};

/**
 * The same response with the kiosk's security headers set (existing values are replaced), except that a
 * content file keeps its stricter policy (`default-src 'none'`, set by the handler): applying the headers
 * twice, as the Electron host does, never loosens anything.
 */
export function withSecurityHeaders(response: Response): Response {
  const keepStricter = response.headers.get('content-security-policy') === CONTENT_FILE_POLICY;
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (name === 'Content-Security-Policy' && keepStricter) continue;
    response.headers.set(name, value);
  }
  return response;
}
