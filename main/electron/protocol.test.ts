import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../backend/csp';
import { guardKioskHandler } from './protocol';

describe('guardKioskHandler', () => {
  const ok = () => vi.fn(async () => new Response('body', { status: 200 }));

  it('passes kiosk://app requests through and adds the security headers', async () => {
    const inner = ok();
    const guarded = guardKioskHandler(inner, () => {});
    const response = await guarded(new Request('kiosk://app/index.html'));
    expect(inner).toHaveBeenCalledOnce();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('body');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
  });

  it.each([
    'kiosk://evil/index.html',
    'kiosk://app.evil/',
    'kiosk://app:81/',
    'kiosk://localhost/',
    'https://app/',
  ])('answers 404 without calling the handler for %s', async (url) => {
    const inner = ok();
    const response = await guardKioskHandler(inner, () => {})(new Request(url));
    expect(response.status).toBe(404);
    expect(inner).not.toHaveBeenCalled();
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
  });

  it('turns a thrown error into a logged 503 with headers, a dark page for documents', async () => {
    const logged: string[] = [];
    const guarded = guardKioskHandler(
      async () => {
        throw new Error('disk on fire');
      },
      (m) => logged.push(m),
    );
    const page = await guarded(new Request('kiosk://app/'));
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('#14110f');
    expect(page.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    const api = await guarded(new Request('kiosk://app/api/exhibit'));
    expect(api.status).toBe(503);
    expect(await api.text()).toBe('Temporarily unavailable');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('disk on fire');
  });
});
