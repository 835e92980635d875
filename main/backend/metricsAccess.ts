/**
 * Who may read the kiosk's `/metrics` (issue 15, "Watch the fleet"): one pure decision, apart from the
 * page's own access rule (main/backend/access.ts), because the caller here is Prometheus, not a page.
 *
 * - Only GET and HEAD; a request that carries `Origin` comes from a web page and is refused (Prometheus
 *   sends none), so no page in any browser can read the figures.
 * - From this computer (127.0.0.0/8, ::1): always, when `Host` is a loopback name with the server's own
 *   port (a DNS-rebinding page sends its own name: 421).
 * - From the museum's network: only when kiosk.yaml sets `metrics.expose`, and then with the bearer token
 *   (`metrics.token`) and from an allowed address (`metrics.allow`), each of them that is set; with
 *   neither set nothing from the network is let in.
 * - The host cannot tell who is asking (Electron's `protocol.handle`: only the kiosk's own page reaches it):
 *   refused; Electron serves `/metrics` on its own small listener instead (main/backend/metricsListener.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { MetricsSettings } from '../common/settings';

export interface MetricsRequest {
  method: string;
  /** The caller's address as the host's socket saw it; null when the host cannot tell. */
  remoteAddress: string | null;
  /** The `Host` header. */
  host: string | null;
  origin: string | null;
  authorization: string | null;
}

export interface MetricsPolicy {
  /** The `Host` values a caller on this computer may use, lower case (`127.0.0.1:9464`, `localhost:9464`). */
  loopbackHosts: readonly string[];
  settings: Pick<MetricsSettings, 'expose' | 'token' | 'allow'>;
}

export type MetricsDecision =
  | { allow: true; from: 'this-computer' | 'network' }
  | { allow: false; status: 401 | 403 | 405 | 421; reason: string };

/** A bare address without the IPv4-in-IPv6 prefix Node gives on a dual-stack socket (`::ffff:10.0.0.5`). */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopbackAddress(address: string): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && LOOPBACK.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** Whether `address` is one of the allowed addresses or networks (as kiosk.yaml's schema accepts them). */
export function isAllowedAddress(address: string, allow: readonly string[]): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allow) {
    const [base = '', prefix] = entry.split('/');
    const type = isIP(base) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(base) === 0) continue;
    if (prefix === undefined) list.addAddress(base, type);
    else list.addSubnet(base, Number(prefix), type);
  }
  return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearerToken(header: string | null, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function decideMetricsAccess(request: MetricsRequest, policy: MetricsPolicy): MetricsDecision {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { allow: false, status: 405, reason: `method ${printable(request.method)} on /metrics` };
  }
  if (request.origin !== null) {
    return {
      allow: false,
      status: 403,
      reason: `a web page's request (Origin ${printable(request.origin)})`,
    };
  }
  const remote = request.remoteAddress;
  if (remote === null) {
    return {
      allow: false,
      status: 403,
      reason: 'the caller cannot be told apart here; use the metrics port',
    };
  }
  if (isLoopbackAddress(remote)) {
    const host = (request.host ?? '').trim().toLowerCase();
    if (!policy.loopbackHosts.includes(host)) {
      return {
        allow: false,
        status: 421,
        reason: `Host ${printable(request.host ?? '(none)')} is not this kiosk`,
      };
    }
    return { allow: true, from: 'this-computer' };
  }
  const { expose, token, allow } = policy.settings;
  const who = printable(plainAddress(remote));
  if (!expose) {
    return { allow: false, status: 403, reason: `${who} is not this computer and metrics.expose is off` };
  }
  if (!token && allow.length === 0) {
    return { allow: false, status: 403, reason: `${who}: metrics.expose needs a token or an allow list` };
  }
  if (allow.length > 0 && !isAllowedAddress(remote, allow)) {
    return { allow: false, status: 403, reason: `${who} is not in metrics.allow` };
  }
  if (token && !hasBearerToken(request.authorization, token)) {
    return { allow: false, status: 401, reason: `${who} without the metrics token` };
  }
  return { allow: true, from: 'network' };
}

/** The decision's fields, read from a web-standard Request and the host's socket address. */
export function metricsRequestOf(request: Request, remoteAddress: string | null): MetricsRequest {
  return {
    method: request.method,
    remoteAddress,
    host: request.headers.get('host'),
    origin: request.headers.get('origin'),
    authorization: request.headers.get('authorization'),
  };
}

/** For log lines: at most 100 printable ASCII characters. */
function printable(value: string): string {
  return JSON.stringify(value.slice(0, 100).replace(/[^\x20-\x7e]/g, '?'));
}
