import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskHandler, type KioskHandler } from './handler';
import { DEFAULT_SETTINGS } from '../config/settings';

let root: string;
let handler: KioskHandler;
const audioBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-handler-'));
  const renderer = path.join(root, 'renderer');
  const media = path.join(root, 'media');
  const derived = path.join(root, 'derived');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await mkdir(path.join(media, 'audio'), { recursive: true });
  await mkdir(path.join(derived, 'abc123'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(path.join(renderer, 'assets', 'app-1.js'), 'console.log(1)');
  await writeFile(path.join(media, 'audio', 'voice.ogg'), audioBytes);
  await writeFile(path.join(media, 'exhibit.yaml'), 'id: test\n');
  await writeFile(path.join(media, '.secret'), 'hidden');
  await writeFile(path.join(derived, 'abc123', 'thumb.webp'), 'webp');
  await writeFile(path.join(root, 'outside.txt'), 'secret outside the package');
  await symlink(path.join(root, 'outside.txt'), path.join(media, 'escape.txt'));
  await symlink(root, path.join(media, 'escape-dir'));
  await symlink(path.join(media, 'exhibit.yaml'), path.join(media, 'inside-link.yaml'));
  handler = createKioskHandler({
    rendererDir: renderer,
    mediaDir: media,
    derivedDir: derived,
    getExhibit: () => ({ status: 'unavailable', reason: 'test' }),
    getVisitorSettings: () => DEFAULT_SETTINGS.visitor,
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => handler(new Request(`http://127.0.0.1${p}`, init));

describe('serving files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/assets/app-1.js', 'text/javascript; charset=utf-8'],
    ['/media/exhibit.yaml', 'text/plain; charset=utf-8'],
    ['/media/audio/voice.ogg', 'audio/ogg'],
    ['/derived/abc123/thumb.webp', 'image/webp'],
  ])('%s is served as %s', async (p, type) => {
    const response = await get(p);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves a symlink that stays inside the package', async () => {
    const response = await get('/media/inside-link.yaml');
    expect(await response.text()).toBe('id: test\n');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('/media/audio/voice.ogg', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(await response.text()).toBe('');
  });

  it('refuses other methods on files', async () => {
    expect((await get('/media/exhibit.yaml', { method: 'POST', body: 'x' })).status).toBe(405);
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
    const unlock = await get('/api/staff/unlock', { method: 'POST', body: JSON.stringify({ pin: '1234' }) });
    expect(unlock.status).toBe(503);
  });

  it('answers unknown api routes with 404', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
  });
});
