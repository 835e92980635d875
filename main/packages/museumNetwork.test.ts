import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { isLocalAddress, outsideMuseumNetwork } from './museumNetwork';
import { FRESH_MEMORY, pullOnce } from './pull';
import { createPackageStore } from './store';

describe('isLocalAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['172.32.0.1', false],
    ['172.15.0.1', false],
    ['192.168.1.20', true],
    ['192.169.1.20', false],
    ['169.254.10.10', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['8.8.8.8', false],
    ['192.0.2.10', false],
    ['::1', true],
    ['[::1]', true],
    ['fd12:3456::5', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['febf::1', true],
    ['fec0::1', false],
    ['2001:db8::1', false],
    ['::ffff:10.0.0.5', true],
    ['::ffff:8.8.8.8', false],
    ['kiosk-server', false],
    ['', false],
  ])('%s → %s', (address, local) => {
    expect(isLocalAddress(address)).toBe(local);
  });
});

describe('outsideMuseumNetwork: the update server of packages.updateUrl', () => {
  it.each([
    ['http://10.0.0.5:8040/latest.json', null],
    ['http://127.0.0.1:4000/latest.json', null],
    ['http://[fd00::5]/kiosk-packages/latest.json', null],
    [
      'http://203.0.113.7/latest.json',
      "The update server 203.0.113.7 is outside the museum's own network; a kiosk fetches packages only from a server on it. Set packages.updateUrl in kiosk.yaml to the museum's server (docs/fleet.md).",
    ],
    ['https://[2001:db8::7]/latest.json', expect.stringContaining('2001:db8::7 is outside')],
  ])('%s', async (url, expected) => {
    expect(await outsideMuseumNetwork(url)).toEqual(expected);
  });

  it('resolves a name on this machine (localhost, from /etc/hosts): local', async () => {
    expect(await outsideMuseumNetwork('http://localhost:8040/latest.json')).toBeNull();
  });

  // The museum's DNS is not here: its answers are given as a museum's server would have them.
  it.each([
    ['all local', ['10.0.0.5', 'fd00::5'], null],
    [
      'one address outside',
      ['10.0.0.5', '198.51.100.4'],
      expect.stringContaining('nas.museum.example (at 198.51.100.4) is outside'),
    ],
  ])('a name that resolves to %s', async (_, addresses, expected) => {
    expect(
      await outsideMuseumNetwork('http://nas.museum.example/latest.json', () => Promise.resolve(addresses)),
    ).toEqual(expected);
  });

  it('a name that cannot be resolved is left to the request (server not reached)', async () => {
    expect(
      await outsideMuseumNetwork('http://nas.museum.example/latest.json', () =>
        Promise.reject(new Error('ENOTFOUND')),
      ),
    ).toBeNull();
  });
});

it('a kiosk told to check a server outside the museum refuses before sending anything, naming why', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'kiosk-outside-network-'));
  try {
    const store = createPackageStore({
      packagesDir: path.join(root, 'packages'),
      trust: { trustedKeys: [], acceptUnsigned: false },
      checker: inProcessChecker,
      kioskVersion: '0.1.0',
    });
    // 192.0.2.0/24 is reserved for documentation: nothing answers there, and nothing is sent.
    const { check } = await pullOnce({
      store,
      url: 'http://192.0.2.10/latest.json',
      limits: { downloadMs: 60_000, stallMs: 10_000, maxBytes: 1024 },
      memory: FRESH_MEMORY,
      now: () => Date.now(),
    });
    expect(check).toMatchObject({ result: 'refused', reason: 'outside-network' });
    expect(check.message).toMatch(/^The update server 192\.0\.2\.10 is outside the museum's own network/);
    // Nothing was downloaded, nothing is left.
    expect(await readdir(path.join(root, 'packages', 'downloads')).catch(() => [])).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
