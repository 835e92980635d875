/**
 * A kiosk fetches packages only from the museum's own network, never from the internet: the update server
 * of `packages.updateUrl` must be at a local address. Checked before each check of the network, on every
 * address the name resolves to (a name that resolves to the internet, even partly, is refused), so a typo
 * in `kiosk.yaml` or a name taken over outside the museum cannot make the kiosk reach out.
 *
 * Local: loopback, the private IPv4 ranges (RFC 1918), link-local, shared address space (RFC 6598, used
 * inside some institutions), IPv6 unique-local and link-local, and IPv4 addresses written in IPv6.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

function isLocalIpv4(address: string): boolean {
  const p = ipv4Parts(address);
  if (!p) return false;
  const [a = -1, b = -1] = p;
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local
    (a === 100 && b >= 64 && b <= 127) // shared address space
  );
}

/** Whether an IP address (v4 or v6) is on a local network rather than the internet. Pure. */
export function isLocalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const kind = isIP(bare);
  if (kind === 4) return isLocalIpv4(bare);
  if (kind !== 6) return false;
  if (bare === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1]) return isLocalIpv4(mapped[1]);
  const first = parseInt(bare.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique-local fc00::/7
    (first & 0xffc0) === 0xfe80 // link-local fe80::/10
  );
}

export type Resolve = (host: string) => Promise<string[]>;

const resolveAll: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Why the update server at `url` may not be asked, or null when it may. A name that cannot be resolved is
 * left to the request itself, which then fails as "server not reached".
 */
export async function outsideMuseumNetwork(
  url: string,
  resolve: Resolve = resolveAll,
): Promise<string | null> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null; // not a URL: the settings schema refuses it first
  }
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return null;
    }
  }
  const outside = addresses.find((a) => !isLocalAddress(a));
  if (!outside) return null;
  const at = outside === host ? '' : ` (at ${outside})`;
  return `The update server ${host}${at} is outside the museum's own network; a kiosk fetches packages only from a server on it. Set packages.updateUrl in kiosk.yaml to the museum's server (docs/fleet.md).`;
}
