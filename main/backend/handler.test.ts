import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../common/api';
import { DEFAULT_SETTINGS } from '../config/settings';
import { kioskProtocolPolicy, loopbackPolicy } from './access';
import { createKioskHandler, type KioskHandler } from './handler';
import type { KioskHandlerOptions } from './types';

let root: string;
let renderer: string;
let media: string;
let derived: string;
let handler: KioskHandler;
const audioBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
/** The loopback origin the test requests come from (no port: the URL says none). */
const ORIGIN = 'http://127.0.0.1';

function makeHandler(extra: Partial<KioskHandlerOptions> = {}): KioskHandler {
  return createKioskHandler({
    rendererDir: renderer,
    mediaDir: media,
    derivedDir: derived,
    getExhibit: () => ({ status: 'unavailable', reason: 'test' }),
    getVisitorSettings: () => DEFAULT_SETTINGS.visitor,
    access: (url) => loopbackPolicy(url.port),
    ...extra,
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-handler-'));
  renderer = path.join(root, 'renderer');
  media = path.join(root, 'media');
  derived = path.join(root, 'derived');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await mkdir(path.join(media, 'audio'), { recursive: true });
  await mkdir(path.join(media, 'photos'), { recursive: true });
  await mkdir(path.join(derived, 'abc123', 'tiles_files', '0'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(path.join(renderer, 'assets', 'app-1.js'), 'console.log(1)');
  await writeFile(path.join(media, 'audio', 'voice.ogg'), audioBytes);
  await writeFile(path.join(media, 'audio', 'voice.en.vtt'), 'WEBVTT\n');
  await writeFile(path.join(media, 'photos', 'gate.jpg'), 'jpeg bytes');
  await writeFile(path.join(media, 'exhibit.yaml'), 'id: test\n');
  await writeFile(path.join(media, '.secret'), 'hidden');
  await writeFile(path.join(derived, 'abc123', 'thumb.webp'), 'webp');
  await writeFile(path.join(derived, 'abc123', 'tiles.dzi'), '<Image/>');
  await writeFile(path.join(derived, 'abc123', 'tiles_files', '0', '0_0.jpeg'), 'tile');
  await writeFile(path.join(derived, 'manifest.json'), '{}');
  await writeFile(path.join(root, 'outside.txt'), 'secret outside the package');
  await symlink(path.join(root, 'outside.txt'), path.join(media, 'escape.txt'));
  await symlink(root, path.join(media, 'escape-dir'));
  await symlink(path.join(media, 'photos', 'gate.jpg'), path.join(media, 'inside-link.jpg'));
  // A content package's attempt to put script on the kiosk's origin (issue 10, point 4).
  await writeFile(path.join(media, 'evil.html'), '<!doctype html><script src="evil.js"></script>');
  await writeFile(path.join(media, 'evil.js'), 'alert(document.domain)');
  await writeFile(
    path.join(media, 'evil.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  await writeFile(
    path.join(media, 'evil.xhtml'),
    '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
  );
  await writeFile(path.join(media, 'evil.mjs'), 'alert(1)');
  await writeFile(path.join(media, 'evil.css'), 'body{}');
  await writeFile(path.join(media, 'evil.pdf'), '%PDF-1.4');
  await writeFile(path.join(media, 'README'), 'no extension');
  await writeFile(path.join(derived, 'abc123', 'evil.html'), '<script>alert(1)</script>');
  await symlink(path.join(media, 'evil.html'), path.join(media, 'photos', 'disguised.jpg'));
  await symlink(path.join(media, 'photos', 'gate.jpg'), path.join(media, 'photos', 'renamed.html'));
  handler = makeHandler();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => handler(new Request(`http://127.0.0.1${p}`, init));
/** A POST as the kiosk's own page sends it (browsers add Origin to every POST). */
const post = (p: string, body: BodyInit | null, headers: Record<string, string> = {}, h = handler) =>
  h(new Request(`http://127.0.0.1${p}`, { method: 'POST', body, headers: { Origin: ORIGIN, ...headers } }));

describe('serving files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/assets/app-1.js', 'text/javascript; charset=utf-8'],
    ['/media/audio/voice.ogg', 'audio/ogg'],
    ['/derived/abc123/thumb.webp', 'image/webp'],
  ])('%s is served as %s', async (p, type) => {
    const response = await get(p);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves a symlink that stays inside the package', async () => {
    const response = await get('/media/inside-link.jpg');
    expect(await response.text()).toBe('jpeg bytes');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('/media/audio/voice.ogg', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(await response.text()).toBe('');
  });

  it('refuses other methods on files', async () => {
    expect((await post('/media/photos/gate.jpg', 'x')).status).toBe(405);
  });
});

describe('the content package serves only what the content format uses (issue 10, point 4)', () => {
  it.each([
    ['/media/photos/gate.jpg', 'image/jpeg'],
    ['/media/inside-link.jpg', 'image/jpeg'],
    ['/media/audio/voice.ogg', 'audio/ogg'],
    ['/media/audio/voice.en.vtt', 'text/vtt; charset=utf-8'],
    ['/derived/abc123/thumb.webp', 'image/webp'],
    ['/derived/abc123/tiles.dzi', 'application/xml; charset=utf-8'],
    ['/derived/abc123/tiles_files/0/0_0.jpeg', 'image/jpeg'],
  ])('%s is served as %s, inert: default-src none and nosniff', async (p, type) => {
    const response = await get(p);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    '/media/evil.html',
    '/media/evil.js',
    '/media/evil.mjs',
    '/media/evil.svg',
    '/media/evil.xhtml',
    '/media/evil.css',
    '/media/evil.pdf',
    '/media/README',
    '/media/exhibit.yaml',
    '/media/photos/disguised.jpg',
    '/media/photos/renamed.html',
    '/derived/abc123/evil.html',
    '/derived/manifest.json',
  ])('%s is not served', async (p) => {
    const response = await get(p);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/script|alert|id: test/);
  });

  it("the app's own page keeps the kiosk's full policy", async () => {
    const response = await get('/');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('hostile paths all get 404', () => {
  const hostile = [
    '/media/../outside.txt',
    '/media/%2e%2e/outside.txt',
    '/media/%2E%2E/outside.txt',
    '/media/.%2e/outside.txt',
    '/media/%2e./outside.txt',
    '/media/..%2foutside.txt',
    '/media/..%2Foutside.txt',
    '/media/..%5coutside.txt',
    '/media/..%5Coutside.txt',
    '/media/%252e%252e/outside.txt',
    '/media/..\\outside.txt',
    '/media/audio/..%2f..%2foutside.txt',
    '/media//etc/passwd',
    '/media/%2fetc%2fpasswd',
    '/media/C:/Windows/win.ini',
    '/media/C%3A%5CWindows%5Cwin.ini',
    '/media/exhibit.yaml%00.png',
    '/media/exhibit.yaml%00',
    '/media/escape.txt',
    '/media/escape-dir/outside.txt',
    '/media/.secret',
    '/media/',
    '/media/audio',
    '/media/audio/',
    '/media/%',
    '/media/%zz',
    '/derived/../../outside.txt',
    '/derived/abc123/../../../outside.txt',
    '/derived/%2e%2e/renderer/index.html',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/nothing-here.js',
  ];
  it.each(hostile)('%s', async (p) => {
    const response = await get(p);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });
});

describe('Range requests', () => {
  it('answers a byte range with 206 and the right bytes', async () => {
    const response = await get('/media/audio/voice.ogg', { headers: { Range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(audioBytes.subarray(100, 200))).toBe(true);
  });

  it('answers an open-ended range to the end of the file', async () => {
    const response = await get('/media/audio/voice.ogg', { headers: { Range: 'bytes=990-' } });
    expect(response.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(audioBytes.subarray(990))).toBe(true);
  });

  it('answers a suffix range with the last bytes', async () => {
    const response = await get('/media/audio/voice.ogg', { headers: { Range: 'bytes=-10' } });
    expect(response.headers.get('content-range')).toBe('bytes 990-999/1000');
  });

  it('answers a range past the end with 416', async () => {
    const response = await get('/media/audio/voice.ogg', { headers: { Range: 'bytes=5000-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  it('serves the whole file for a malformed range', async () => {
    const response = await get('/media/audio/voice.ogg', { headers: { Range: 'items=1-2' } });
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(1000);
  });
});

describe('api', () => {
  it('serves the exhibit and the settings as JSON', async () => {
    const exhibit = await get('/api/exhibit');
    expect(exhibit.headers.get('content-type')).toContain('application/json');
    expect(await exhibit.json()).toEqual({ status: 'unavailable', reason: 'test' });
    expect(await (await get('/api/settings')).json()).toEqual(DEFAULT_SETTINGS.visitor);
  });

  it('refuses staff routes without a token and without staff services', async () => {
    expect((await get('/api/staff/health')).status).toBe(403);
    const unlock = await post('/api/staff/unlock', JSON.stringify({ pin: '1234' }));
    expect(unlock.status).toBe(503);
  });

  it('answers unknown api routes with 404', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
  });
});

/** A body that streams `total` bytes in 64 KB chunks and counts how many the handler pulled. */
function countingBody(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => sent };
}

const streamed = (p: string, body: ReadableStream<Uint8Array>, h = handler) =>
  h(
    new Request(`http://127.0.0.1${p}`, {
      method: 'POST',
      body,
      headers: { Origin: ORIGIN },
      duplex: 'half',
    } as RequestInit),
  );

describe('request bodies are limited while they stream (issue 10, point 5)', () => {
  const routes = ['/api/log', '/api/staff/unlock', '/api/staff/action'];
  const withStaff = () =>
    makeHandler({
      staff: {
        unlock: async () => ({ ok: false, triesLeft: 4 }),
        isValidToken: () => true,
        lock: () => undefined,
        health: async () => ({}),
        action: async () => ({ ok: true, message: 'done' }),
      },
    });

  it.each(routes)(
    '%s: a declared Content-Length over 16 KB is refused with 413 before reading',
    async (route) => {
      const { body, pulled } = countingBody(200 * 1024 * 1024);
      const request = new Request(`http://127.0.0.1${route}`, {
        method: 'POST',
        body,
        headers: { Origin: ORIGIN, 'Content-Length': String(200 * 1024 * 1024) },
        duplex: 'half',
      } as RequestInit);
      const response = await withStaff()(request);
      expect(response.status).toBe(413);
      expect(pulled()).toBe(0);
    },
  );

  it.each(routes)('%s: a streamed body is abandoned as it passes 16 KB: 413', async (route) => {
    const { body, pulled } = countingBody(200 * 1024 * 1024);
    const response = await streamed(route, body, withStaff());
    expect(response.status).toBe(413);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    // One 64 KB chunk read (it passes the limit at once), not 200 MB.
    expect(pulled()).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('a body of exactly 16 KB is read', async () => {
    const lines: string[] = [];
    const h = makeHandler({ onRendererLog: (_l, m) => lines.push(m) });
    const message = 'x'.repeat(16 * 1024 - JSON.stringify({ message: '' }).length);
    const body = JSON.stringify({ message });
    expect(Buffer.byteLength(body)).toBe(16 * 1024);
    expect((await post('/api/log', body, {}, h)).status).toBe(204);
    expect(lines).toHaveLength(1);
  });
});

describe('/api/log writes one clean line, within a rate limit (issue 10, point 5)', () => {
  function logHandler(clock: { t: number }) {
    const lines: Array<[LogLevel, string]> = [];
    const h = makeHandler({ onRendererLog: (level, m) => lines.push([level, m]), now: () => clock.t });
    return { h, lines };
  }

  it('forged lines and terminal escapes are flattened into the one line', async () => {
    const { h, lines } = logHandler({ t: 0 });
    const message =
      'boom\n2026-05-04 10:00:00 [info] staff: PIN accepted\r\n\u001b[2J\u001b[31mred\u001b[0m\u2028next\u0000\u0085\u202eevil';
    expect((await post('/api/log', JSON.stringify({ level: 'error', message }), {}, h)).status).toBe(204);
    expect(lines).toEqual([['error', 'boom 2026-05-04 10:00:00 [info] staff: PIN accepted red next evil']]);
  });

  it('writes 20 lines in a burst, drops the rest and reports how many once, when lines get through again', async () => {
    const clock = { t: 1_000_000 };
    const { h, lines } = logHandler(clock);
    for (let i = 0; i < 25; i++) await post('/api/log', JSON.stringify({ message: `line ${i}` }), {}, h);
    expect(lines).toHaveLength(20);
    clock.t += 500; // one line's worth of refill (2 per second)
    await post('/api/log', JSON.stringify({ message: 'after' }), {}, h);
    expect(lines.slice(20)).toEqual([
      ['warn', '5 log lines dropped (more than 20 in 10 s)'],
      ['info', 'after'],
    ]);
  });
});

describe('POST /api/staff/lock revokes the staff tokens (issue 10, point 6)', () => {
  it('calls lock() and answers 204 without needing a token', async () => {
    let locked = 0;
    const h = makeHandler({
      staff: {
        unlock: async () => ({ ok: true, token: 't' }),
        isValidToken: () => true,
        lock: () => {
          locked += 1;
        },
        health: async () => ({}),
        action: async () => ({ ok: true, message: 'done' }),
      },
    });
    expect((await post('/api/staff/lock', null, {}, h)).status).toBe(204);
    expect(locked).toBe(1);
    expect((await get('/api/staff/lock')).status).toBe(405);
  });
});

describe('every request is checked for Host and Origin (issue 10, point 7)', () => {
  const security = (r: Response) => ({
    csp: r.headers.get('content-security-policy')?.startsWith("default-src 'none'"),
    nosniff: r.headers.get('x-content-type-options'),
  });
  const secure = { csp: true, nosniff: 'nosniff' };

  it.each([
    ['DNS rebinding (another name)', { Host: 'evil.example' }, 421],
    ['another port', { Host: '127.0.0.1:9999' }, 421],
    ['a look-alike', { Host: '127.0.0.1.evil.example' }, 421],
    ['a foreign origin', { Origin: 'http://evil.example' }, 403],
    ['another local origin', { Origin: 'http://127.0.0.1:9999' }, 403],
    ['an opaque origin', { Origin: 'null' }, 403],
    ['the own origin', { Origin: ORIGIN }, 200],
    ['no origin (curl, the tests)', {}, 200],
  ])('GET with %s: %j → %i', async (_name, headers, status) => {
    const response = await get('/api/settings', { headers });
    expect(response.status).toBe(status);
    expect(security(response)).toEqual(secure);
  });

  it.each([
    ['no Origin and no Sec-Fetch-Site', {}, 403],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }, 403],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }, 403],
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }, 204],
    ['a foreign Origin', { Origin: 'http://evil.example' }, 403],
    ['the own Origin', { Origin: ORIGIN }, 204],
  ])('POST /api/log with %s: %j → %i', async (_name, headers, status) => {
    const response = await get('/api/log', { method: 'POST', headers, body: '{"message":"x"}' });
    expect(response.status).toBe(status);
    expect(security(response)).toEqual(secure);
  });

  it.each(['OPTIONS', 'PROPFIND', 'MKCOL'])('%s gets 405 with the security headers', async (method) => {
    const response = await get('/api/settings', { method, headers: { Origin: ORIGIN } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(security(response)).toEqual(secure);
  });

  it('the Electron host accepts its own origin, kiosk://app, and refuses others', async () => {
    const h = makeHandler({ access: () => kioskProtocolPolicy });
    const at = (origin?: string) =>
      h(
        new Request('kiosk://app/api/log', {
          method: 'POST',
          body: '{"message":"x"}',
          headers: origin ? { Origin: origin } : {},
        }),
      );
    expect((await at('kiosk://app')).status).toBe(204);
    expect((await at()).status).toBe(204);
    expect((await at('http://127.0.0.1:4173')).status).toBe(403);
    expect((await at('null')).status).toBe(403);
  });
});
