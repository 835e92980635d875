/**
 * The kiosk's Content Security Policy and security headers. The policy and `withSecurityHeaders` live with
 * the request handler (main/backend/securityHeaders.ts), which sets them on every response it makes; they
 * are re-exported here for the shell, which applies them once more around the protocol handler so no
 * response — not even an error from a failing handler — leaves without them.
 *
 * `cspProblems` audits a policy against what the kiosk promises (docs/security.md) and is what the tests
 * hold the real policy to.
 */
export { contentSecurityPolicy, withSecurityHeaders } from './securityHeaders';

export type CspDirectives = Map<string, string[]>;

/** Parse a policy into directive → source list (directive names lower-cased; the first occurrence wins). */
export function parseCsp(policy: string): CspDirectives {
  const directives: CspDirectives = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

/** Directives that must be exactly `'none'`. */
const MUST_BE_NONE = ['default-src', 'object-src', 'base-uri', 'frame-ancestors', 'form-action'];
/** Directives that must be present and may name only the kiosk itself (plus data:/blob: where listed). */
const ALLOWED_SOURCES: Record<string, string[]> = {
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
};

/** Everything wrong with a policy by the kiosk's rules; empty when it is strict enough. */
export function cspProblems(policy: string): string[] {
  const csp = parseCsp(policy);
  const problems: string[] = [];
  for (const name of MUST_BE_NONE) {
    const sources = csp.get(name);
    if (!sources || sources.length !== 1 || sources[0] !== "'none'") problems.push(`${name} must be 'none'`);
  }
  for (const [name, allowed] of Object.entries(ALLOWED_SOURCES)) {
    const sources = csp.get(name);
    if (!sources) {
      problems.push(`${name} is missing (it would fall back to default-src)`);
      continue;
    }
    for (const source of sources) {
      if (!allowed.includes(source)) problems.push(`${name} allows ${source}`);
    }
  }
  return problems;
}
