/**
 * Who may ask the kiosk's backend for anything: one pure decision, applied by the request handler to every
 * request before it is routed, with each host's own policy.
 *
 * - The loopback preview (and the editor, the bench, the end-to-end tests) listens on 127.0.0.1. Any page
 *   in any browser on the machine can send it requests, and a web page whose name resolves to 127.0.0.1
 *   (DNS rebinding) can even read the answers. So the `Host` header must be a loopback name with the
 *   server's own port (a rebinding page sends its own name: refused with 421), a present `Origin` must be
 *   the page's own origin, and a request that changes something (POST, PUT, PATCH, DELETE) must prove it
 *   comes from the kiosk's own page with `Origin` or `Sec-Fetch-Site: same-origin` — browsers send one of
 *   them on every such request and a page cannot forge either.
 * - The Electron host serves `kiosk://app`. Only the kiosk's own page can reach that scheme (navigation and
 *   requests are locked down), so a present `Origin` must be `kiosk://app` and a missing one is accepted:
 *   Electron does not promise to pass every request header through `protocol.handle`.
 *
 * Methods the kiosk does not know (TRACE, OPTIONS, CONNECT, PROPFIND, …) get 405, with the security
 * headers like every other answer.
 */

/** What the decision looks at: the request line and three headers, as they arrived. */
export interface AccessRequest {
  method: string;
  /** The `Host` header (or, where the host sends none, the host of the request URL). */
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
}

export interface AccessPolicy {
  /** The scheme the kiosk's page is served on; its own origin is `scheme//host`. */
  scheme: 'http:' | 'kiosk:';
  /** The `Host` values this server answers to, lower case (`127.0.0.1:4173`, `app`). */
  hosts: readonly string[];
  /** Whether a request that changes something must carry `Origin` or `Sec-Fetch-Site: same-origin`. */
  writesNeedProof: boolean;
}

export type AccessDecision = { allow: true } | { allow: false; status: 403 | 405 | 421; reason: string };

/** Methods the kiosk answers; everything else is 405. */
export const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** What the 405 answer's `Allow` header lists: what the kiosk's routes actually use. */
export const ALLOWED_METHODS = 'GET, HEAD, POST';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isKnownMethod(method: string | undefined): boolean {
  return (KNOWN_METHODS as readonly (string | undefined)[]).includes(method);
}

/**
 * The loopback names a browser may use for the preview, each with the server's port (none for port 80,
 * which browsers leave out of `Host` and `Origin`).
 */
export function loopbackPolicy(port: number | string): AccessPolicy {
  const p = String(port);
  const suffix = p === '' || p === '80' ? '' : `:${p}`;
  return {
    scheme: 'http:',
    hosts: ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}${suffix}`),
    writesNeedProof: true,
  };
}

/** The Electron host's own origin, `kiosk://app`. */
export const kioskProtocolPolicy: AccessPolicy = { scheme: 'kiosk:', hosts: ['app'], writesNeedProof: false };

export function decideAccess(request: AccessRequest, policy: AccessPolicy): AccessDecision {
  const method = request.method;
  if (!isKnownMethod(method)) {
    return { allow: false, status: 405, reason: `method ${printable(method)} is not used by the kiosk` };
  }
  const host = (request.host ?? '').trim().toLowerCase();
  if (!policy.hosts.includes(host)) {
    return {
      allow: false,
      status: 421,
      reason: `Host ${printable(request.host ?? '(none)')} is not this kiosk`,
    };
  }
  const origin = request.origin;
  if (origin !== null && origin !== `${policy.scheme}//${host}`) {
    return { allow: false, status: 403, reason: `Origin ${printable(origin)} is not the kiosk's page` };
  }
  if (policy.writesNeedProof && STATE_CHANGING.has(method) && origin === null) {
    if (request.secFetchSite?.trim().toLowerCase() !== 'same-origin') {
      return { allow: false, status: 403, reason: `${method} without Origin or Sec-Fetch-Site: same-origin` };
    }
  }
  return { allow: true };
}

/** The request's access fields, read from a web-standard Request. */
export function accessRequestOf(request: Request, url: URL): AccessRequest {
  return {
    method: request.method,
    host: request.headers.get('host') ?? url.host,
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
  };
}

/** For log lines: at most 100 printable ASCII characters. */
function printable(value: string): string {
  return JSON.stringify(value.slice(0, 100).replace(/[^\x20-\x7e]/g, '?'));
}
