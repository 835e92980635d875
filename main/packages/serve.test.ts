/**
 * content:serve's server on a real loopback socket, over a real publish folder: the folder's own files with
 * ETag and 304, read-only, nothing outside the folder (climbing, encoded slashes, hidden files, subfolders,
 * symbolic links out of it). Plus its small pure parts, table by table.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishServer, etagOf, matchesEtag, servedName } from './serve';

describe('servedName', () => {
  it.each([
    ['/latest.json', 'latest.json'],
    ['/nanjing-safety-zone-4.kioskpkg', 'nanjing-safety-zone-4.kioskpkg'],
    ['/', null],
    ['/.hidden', null],
    ['/..', null],
    ['/a..b', null],
    ['/sub/latest.json', null],
    ['/%2e%2e%2fsecret', null],
    ['/..%2fsecret', null],
    ['/a%5cb', null],
    ['/%00', null],
    ['/%E0%A4%A', null],
    ['/name with space', null],
  ])('%s → %s', (url, name) => {
    expect(servedName(url)).toBe(name);
  });
});

describe('matchesEtag', () => {
  it.each([
    [undefined, false],
    ['"a-1"', true],
    ['W/"a-1"', true],
    ['"b", "a-1"', true],
    ['*', true],
    ['"a-2"', false],
  ])('%s → %s', (header, matches) => {
    expect(matchesEtag(header, '"a-1"')).toBe(matches);
  });
  it('changes with the size and the modification time', () => {
    const one = etagOf({ ino: 7, size: 100, mtimeMs: 1000.5 });
    expect(one).toBe('"7-64-f4434"');
    expect(etagOf({ ino: 7, size: 101, mtimeMs: 1000.5 })).not.toBe(one);
    expect(etagOf({ ino: 7, size: 100, mtimeMs: 1000.6 })).not.toBe(one);
  });
});

describe('the publish folder server', () => {
  let root = '';
  let server: Server;
  let port = 0;
  const lines: string[] = [];

  /** A raw request: the path is sent exactly as given (no URL clean-up on the way). */
  function get(
    rawPath: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: rawPath, method: init.method ?? 'GET', headers: init.headers ?? {} },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiosk-serve-'));
    const dir = path.join(root, 'published');
    await mkdir(path.join(dir, 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'latest.json'), '{"format":1,"packages":[]}\n');
    await writeFile(path.join(dir, 'harbour-1.kioskpkg'), Buffer.alloc(5000, 7));
    await writeFile(path.join(dir, '.hidden'), 'no');
    await writeFile(path.join(dir, 'sub', 'inner.json'), 'no');
    await writeFile(path.join(root, 'secret'), 'outside');
    await symlink(path.join(root, 'secret'), path.join(dir, 'link.json'));
    server = createPublishServer({ dir, log: (line) => lines.push(line) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(root, { recursive: true, force: true });
  });

  it('serves a file with its length and ETag, and answers 304 to its ETag', async () => {
    const first = await get('/harbour-1.kioskpkg');
    expect(first.status).toBe(200);
    expect(first.headers['content-length']).toBe('5000');
    expect(first.headers['content-type']).toBe('application/octet-stream');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
    expect(first.body.length).toBe(5000);
    const again = await get('/harbour-1.kioskpkg', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const index = await get('/latest.json');
    expect(index.headers['content-type']).toBe('application/json');
    expect(index.headers.etag).not.toBe(etag);
    const head = await get('/latest.json', { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '27', '']);
  });

  it('lists the files it serves at /: no hidden files, subfolders or links', async () => {
    expect((await get('/')).body).toBe('harbour-1.kioskpkg\nlatest.json\n');
  });

  it('is read-only', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      const r = await get('/latest.json', { method });
      expect([r.status, r.headers.allow]).toEqual([405, 'GET, HEAD']);
    }
  });

  it.each([
    '/../secret',
    '/%2e%2e/secret',
    '/..%2fsecret',
    '/%2e%2e%2fsecret',
    '/sub/inner.json',
    '/sub%2finner.json',
    '/sub',
    '/.hidden',
    '/link.json',
    '/missing.kioskpkg',
    '//etc/passwd',
    '/..\\secret',
  ])('refuses %s with 404', async (rawPath) => {
    const r = await get(rawPath);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside');
  });
});
