import { describe, expect, it } from 'vitest';
import { decideAccess, kioskProtocolPolicy, loopbackPolicy, type AccessRequest } from './access';

const preview = loopbackPolicy(4173);
const own = 'http://127.0.0.1:4173';

function req(partial: Partial<AccessRequest>): AccessRequest {
  return { method: 'GET', host: '127.0.0.1:4173', origin: null, secFetchSite: null, ...partial };
}

describe('decideAccess on the loopback preview', () => {
  it.each([
    // Host: loopback names only, with the server's own port.
    ['the kiosk page by address', req({}), 'allow'],
    ['localhost', req({ host: 'localhost:4173' }), 'allow'],
    ['IPv6 loopback', req({ host: '[::1]:4173' }), 'allow'],
    ['upper-case name', req({ host: 'LOCALHOST:4173' }), 'allow'],
    ['DNS rebinding: another name', req({ host: 'evil.example:4173' }), 421],
    ['DNS rebinding: bare name', req({ host: 'evil.example' }), 421],
    ['a look-alike ending in the address', req({ host: 'evil.127.0.0.1:4173' }), 421],
    ['a name starting with the address', req({ host: '127.0.0.1.evil.example:4173' }), 421],
    ['another port', req({ host: '127.0.0.1:4174' }), 421],
    ['no port', req({ host: '127.0.0.1' }), 421],
    ['0.0.0.0', req({ host: '0.0.0.0:4173' }), 421],
    ['a LAN address', req({ host: '192.168.1.20:4173' }), 421],
    ['user info', req({ host: 'x@127.0.0.1:4173' }), 421],
    ['empty Host', req({ host: '' }), 421],
    ['no Host at all', req({ host: null }), 421],
    // Origin: absent, or the page's own.
    ['GET from the own page', req({ origin: own }), 'allow'],
    [
      'GET from localhost page to localhost',
      req({ host: 'localhost:4173', origin: 'http://localhost:4173' }),
      'allow',
    ],
    ['GET from another origin', req({ origin: 'http://evil.example' }), 403],
    ['GET from another local server', req({ origin: 'http://127.0.0.1:8080' }), 403],
    ['GET from the same server under another name', req({ origin: 'http://localhost:4173' }), 403],
    ['GET from https on the same address', req({ origin: 'https://127.0.0.1:4173' }), 403],
    ['GET from an opaque origin (sandbox, file:)', req({ origin: 'null' }), 403],
    ['GET with an empty Origin', req({ origin: '' }), 403],
    ['GET with a trailing slash on Origin', req({ origin: `${own}/` }), 403],
    // State-changing requests must prove they come from the page.
    ['POST from the own page', req({ method: 'POST', origin: own }), 'allow'],
    ['POST with Sec-Fetch-Site: same-origin', req({ method: 'POST', secFetchSite: 'same-origin' }), 'allow'],
    ['POST with neither (curl, a native program)', req({ method: 'POST' }), 403],
    ['POST with Sec-Fetch-Site: cross-site', req({ method: 'POST', secFetchSite: 'cross-site' }), 403],
    ['POST with Sec-Fetch-Site: same-site', req({ method: 'POST', secFetchSite: 'same-site' }), 403],
    ['POST with Sec-Fetch-Site: none', req({ method: 'POST', secFetchSite: 'none' }), 403],
    ['POST from another origin', req({ method: 'POST', origin: 'http://evil.example' }), 403],
    [
      'POST from another origin claiming same-origin',
      req({ method: 'POST', origin: 'http://evil.example', secFetchSite: 'same-origin' }),
      403,
    ],
    ['PUT with neither', req({ method: 'PUT' }), 403],
    ['PATCH with neither', req({ method: 'PATCH' }), 403],
    ['DELETE with neither', req({ method: 'DELETE' }), 403],
    ['DELETE from the own page', req({ method: 'DELETE', origin: own }), 'allow'],
    ['HEAD with neither', req({ method: 'HEAD' }), 'allow'],
    // Methods the kiosk does not use.
    ['TRACE', req({ method: 'TRACE', origin: own }), 405],
    ['TRACK', req({ method: 'TRACK' }), 405],
    ['OPTIONS (a CORS preflight)', req({ method: 'OPTIONS', origin: 'http://evil.example' }), 405],
    ['CONNECT', req({ method: 'CONNECT' }), 405],
    ['PROPFIND', req({ method: 'PROPFIND' }), 405],
    ['lower-case get', req({ method: 'get' }), 405],
    ['405 before the Host check', req({ method: 'TRACE', host: 'evil.example' }), 405],
  ] as const)('%s → %s', (_name, request, expected) => {
    const decision = decideAccess(request, preview);
    expect(decision.allow ? 'allow' : decision.status).toBe(expected);
  });

  it('gives a printable reason', () => {
    const decision = decideAccess(req({ host: 'evil\u001b[31m.example' }), preview);
    expect(decision).toMatchObject({ allow: false, status: 421 });
    if (!decision.allow) expect(decision.reason).toMatch(/^Host "evil\?\[31m\.example" is not this kiosk$/);
  });

  it('port 80 is left out of Host and Origin by browsers', () => {
    const policy = loopbackPolicy(80);
    expect(decideAccess(req({ host: '127.0.0.1', origin: 'http://127.0.0.1' }), policy)).toEqual({
      allow: true,
    });
    expect(decideAccess(req({ host: '127.0.0.1:80' }), policy)).toMatchObject({ status: 421 });
  });
});

describe('decideAccess on the Electron host (kiosk://app)', () => {
  const kiosk = (partial: Partial<AccessRequest>) => req({ host: 'app', ...partial });
  it.each([
    ['the page', kiosk({}), 'allow'],
    ['POST from the page', kiosk({ method: 'POST', origin: 'kiosk://app' }), 'allow'],
    // Only the kiosk's own page can reach the scheme, and Electron may not pass Origin through.
    ['POST without Origin', kiosk({ method: 'POST' }), 'allow'],
    ['POST from a loopback page', kiosk({ method: 'POST', origin: 'http://127.0.0.1:4173' }), 403],
    ['POST from an opaque origin', kiosk({ method: 'POST', origin: 'null' }), 403],
    ['another kiosk host', kiosk({ host: 'evil' }), 421],
    ['a loopback Host', kiosk({ host: '127.0.0.1:4173' }), 421],
    ['TRACE', kiosk({ method: 'TRACE' }), 405],
  ] as const)('%s → %s', (_name, request, expected) => {
    const decision = decideAccess(request, kioskProtocolPolicy);
    expect(decision.allow ? 'allow' : decision.status).toBe(expected);
  });
});
