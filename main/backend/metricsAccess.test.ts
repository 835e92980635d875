import { describe, expect, it } from 'vitest';
import { kioskSettingsSchema } from '../common/settings';
import {
  decideMetricsAccess,
  isAllowedAddress,
  isLoopbackAddress,
  type MetricsPolicy,
  type MetricsRequest,
} from './metricsAccess';

const TOKEN = 'a-metrics-token-of-32-characters';
const loopbackHosts = ['127.0.0.1:9464', 'localhost:9464', '[::1]:9464'];
const off: MetricsPolicy = { loopbackHosts, settings: { expose: false, allow: [] } };
const withToken: MetricsPolicy = { loopbackHosts, settings: { expose: true, token: TOKEN, allow: [] } };
const withList: MetricsPolicy = {
  loopbackHosts,
  settings: { expose: true, allow: ['10.0.0.0/24', 'fd00::7'] },
};
const withBoth: MetricsPolicy = {
  loopbackHosts,
  settings: { expose: true, token: TOKEN, allow: ['10.0.0.5'] },
};
const exposedBare: MetricsPolicy = { loopbackHosts, settings: { expose: true, allow: [] } };

function req(partial: Partial<MetricsRequest>): MetricsRequest {
  return {
    method: 'GET',
    remoteAddress: '127.0.0.1',
    host: '127.0.0.1:9464',
    origin: null,
    authorization: null,
    ...partial,
  };
}
const lan = (partial: Partial<MetricsRequest> = {}) =>
  req({ remoteAddress: '10.0.0.5', host: '10.0.0.20:9464', ...partial });
const bearer = `Bearer ${TOKEN}`;

describe('decideMetricsAccess', () => {
  it.each([
    // This computer: always, by a loopback name.
    ['this computer, default settings', req({}), off, 'this-computer'],
    ['this computer as localhost', req({ host: 'localhost:9464' }), off, 'this-computer'],
    ['this computer over IPv6', req({ remoteAddress: '::1', host: '[::1]:9464' }), off, 'this-computer'],
    [
      'this computer on a dual-stack socket',
      req({ remoteAddress: '::ffff:127.0.0.1' }),
      off,
      'this-computer',
    ],
    ['another loopback address', req({ remoteAddress: '127.0.0.2' }), off, 'this-computer'],
    ['HEAD', req({ method: 'HEAD' }), off, 'this-computer'],
    ['DNS rebinding: another name', req({ host: 'evil.example:9464' }), off, 421],
    ['another port in Host', req({ host: '127.0.0.1:9465' }), off, 421],
    ['no Host', req({ host: null }), off, 421],
    ['a web page on this computer', req({ origin: 'http://127.0.0.1:9464' }), off, 403],
    ['a rebinding page', req({ host: 'evil.example:9464', origin: 'http://evil.example:9464' }), off, 403],
    ['POST', req({ method: 'POST' }), off, 405],
    ['DELETE', req({ method: 'DELETE' }), off, 405],
    ['the host cannot tell (Electron protocol)', req({ remoteAddress: null }), off, 403],
    // The museum's network: off by default.
    ['LAN, expose off', lan(), off, 403],
    [
      'LAN, expose off, with a token',
      lan({ authorization: bearer }),
      { ...off, settings: { ...withToken.settings, expose: false } },
      403,
    ],
    ['LAN, exposed with neither token nor list', lan(), exposedBare, 403],
    // Token.
    ['LAN with the token', lan({ authorization: bearer }), withToken, 'network'],
    [
      'LAN with the token, lower-case scheme',
      lan({ authorization: `bearer ${TOKEN}` }),
      withToken,
      'network',
    ],
    ['LAN without the token', lan(), withToken, 401],
    [
      'LAN with a wrong token',
      lan({ authorization: 'Bearer a-metrics-token-of-32-characterX' }),
      withToken,
      401,
    ],
    ['LAN with a prefix of the token', lan({ authorization: 'Bearer a-metrics-token' }), withToken, 401],
    ['LAN with the token and more', lan({ authorization: `${bearer}x` }), withToken, 401],
    ['LAN with the token as Basic', lan({ authorization: `Basic ${TOKEN}` }), withToken, 401],
    ['LAN with an empty bearer', lan({ authorization: 'Bearer ' }), withToken, 401],
    [
      'LAN with the token from a web page',
      lan({ authorization: bearer, origin: 'http://10.0.0.5' }),
      withToken,
      403,
    ],
    ['LAN with the token, POST', lan({ authorization: bearer, method: 'POST' }), withToken, 405],
    // Allow list.
    ['LAN from an allowed network', lan(), withList, 'network'],
    ['LAN from the network edge', lan({ remoteAddress: '10.0.0.255' }), withList, 'network'],
    ['LAN from outside the network', lan({ remoteAddress: '10.0.1.5' }), withList, 403],
    [
      'LAN dual-stack from an allowed network',
      lan({ remoteAddress: '::ffff:10.0.0.9' }),
      withList,
      'network',
    ],
    ['LAN IPv6 allowed address', lan({ remoteAddress: 'fd00::7' }), withList, 'network'],
    ['LAN IPv6 other address', lan({ remoteAddress: 'fd00::8' }), withList, 403],
    ['LAN garbage address', lan({ remoteAddress: 'not-an-address' }), withList, 403],
    // Both: each must hold.
    ['both: allowed address with the token', lan({ authorization: bearer }), withBoth, 'network'],
    ['both: allowed address without the token', lan(), withBoth, 401],
    [
      'both: other address with the token',
      lan({ remoteAddress: '10.0.0.6', authorization: bearer }),
      withBoth,
      403,
    ],
  ] as const)('%s → %s', (_name, request, policy, expected) => {
    const decision = decideMetricsAccess(request, policy);
    expect(decision.allow ? decision.from : decision.status).toBe(expected);
  });

  it('gives a printable reason naming the caller', () => {
    const decision = decideMetricsAccess(lan({ remoteAddress: '10.0.1.5' }), withList);
    expect(decision).toEqual({ allow: false, status: 403, reason: '"10.0.1.5" is not in metrics.allow' });
    const odd = decideMetricsAccess(req({ host: 'evil\u001b[31m' }), off);
    expect(odd).toMatchObject({ allow: false, status: 421 });
    if (!odd.allow) expect(odd.reason).toBe('Host "evil?[31m" is not this kiosk');
  });
});

describe('addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    ['', false],
    ['localhost', false],
  ] as const)('loopback %s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['192.168.1.7', ['192.168.1.0/24'], true],
    ['192.168.2.7', ['192.168.1.0/24'], false],
    ['192.168.1.7', ['192.168.1.7'], true],
    ['192.168.1.7', ['10.0.0.0/8', '192.168.1.7'], true],
    ['2001:db8::5', ['2001:db8::/32'], true],
    ['2001:db9::5', ['2001:db8::/32'], false],
    ['192.168.1.7', [], false],
    ['192.168.1.7', ['0.0.0.0/0'], true],
  ] as const)('%s in %j → %s', (address, allow, expected) => {
    expect(isAllowedAddress(address, allow)).toBe(expected);
  });
});

describe("kiosk.yaml's metrics section", () => {
  it('defaults to this computer only, on port 9464', () => {
    expect(kioskSettingsSchema.parse({}).metrics).toEqual({ port: 9464, expose: false, allow: [] });
  });

  it.each([
    [{ expose: true, token: TOKEN, allow: ['10.0.0.5', '10.0.0.0/24', 'fd00::/8', '::1'] }, true],
    [{ token: 'short' }, false],
    [{ token: 'has a space in it, sixteen+' }, false],
    [{ allow: ['10.0.0.0/33'] }, false],
    [{ allow: ['kiosk-1.museum.lan'] }, false],
    [{ allow: ['10.0.0'] }, false],
    [{ port: 80 }, false],
    [{ expose: 'yes' }, false],
    [{ exposed: true }, false],
  ] as const)('%j → valid %s', (metrics, valid) => {
    expect(kioskSettingsSchema.safeParse({ metrics }).success).toBe(valid);
  });
});
