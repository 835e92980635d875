import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspProblems, parseCsp, withSecurityHeaders } from './csp';

describe('the kiosk content security policy', () => {
  it('meets every rule', () => {
    expect(cspProblems(contentSecurityPolicy)).toEqual([]);
  });

  it('never allows inline script, eval or remote hosts anywhere', () => {
    expect(contentSecurityPolicy).not.toMatch(
      /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/,
    );
  });

  it('is set on responses, replacing a weaker one', async () => {
    const response = withSecurityHeaders(
      new Response('hi', {
        headers: { 'Content-Security-Policy': 'default-src *', 'Content-Type': 'text/plain' },
      }),
    );
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('hi');
  });
});

describe('cspProblems', () => {
  const strict = parseCsp(contentSecurityPolicy);
  const rebuild = (change: Record<string, string | null>) =>
    [...strict.entries()]
      .map(([name, sources]) =>
        name in change
          ? change[name] === null
            ? ''
            : `${name} ${change[name]}`
          : `${name} ${sources.join(' ')}`,
      )
      .concat(
        Object.entries(change)
          .filter(([n, v]) => !strict.has(n) && v !== null)
          .map(([n, v]) => `${n} ${v}`),
      )
      .filter(Boolean)
      .join('; ');

  it.each([
    ['inline scripts', { 'script-src': "'self' 'unsafe-inline'" }, "script-src allows 'unsafe-inline'"],
    ['eval', { 'script-src': "'self' 'unsafe-eval'" }, "script-src allows 'unsafe-eval'"],
    // Hostile input the check must refuse; nothing is fetched (.invalid never resolves, RFC 2606).
    [
      'a remote script host',
      { 'script-src': "'self' https://scripts.invalid" },
      'script-src allows https://scripts.invalid',
    ],
    ['inline styles', { 'style-src': "'self' 'unsafe-inline'" }, "style-src allows 'unsafe-inline'"],
    ['remote connections', { 'connect-src': "'self' https:" }, 'connect-src allows https:'],
    ['plugins', { 'object-src': "'self'" }, "object-src must be 'none'"],
    ['a missing base-uri', { 'base-uri': null }, "base-uri must be 'none'"],
    ['framing', { 'frame-ancestors': '*' }, "frame-ancestors must be 'none'"],
    [
      'a missing script-src',
      { 'script-src': null },
      'script-src is missing (it would fall back to default-src)',
    ],
    ['a permissive default', { 'default-src': "'self'" }, "default-src must be 'none'"],
  ])('flags %s', (_name, change, problem) => {
    expect(cspProblems(rebuild(change))).toContain(problem);
  });

  it('parses directive names case-insensitively and keeps the first occurrence', () => {
    const csp = parseCsp("SCRIPT-SRC 'self'; script-src *");
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
});

describe('withSecurityHeaders and content files (issue 10, point 4)', () => {
  it("keeps a content file's stricter policy, however often it is applied (Electron applies it twice)", () => {
    const file = new Response('jpeg', { headers: { 'Content-Security-Policy': "default-src 'none'" } });
    const twice = withSecurityHeaders(withSecurityHeaders(file));
    expect(twice.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(twice.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replaces any other policy with the kiosk policy, so nothing can loosen it', () => {
    const loose = new Response('x', {
      headers: { 'Content-Security-Policy': "script-src 'unsafe-inline' *" },
    });
    expect(withSecurityHeaders(loose).headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });
});
