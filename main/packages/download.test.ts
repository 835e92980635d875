/**
 * Downloading a package from a real HTTP server on loopback (port 4432): a whole package arrives and
 * installs; an unchanged one is not fetched again (ETag); a server that answers 500, stalls, cuts the
 * download short or offers too much is refused by name, leaving nothing behind.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { makeTestKey, type TestKey } from '../../tests/support/packageCraft';
import { downloadPackage, nextPollDelay, type DownloadOutcome } from './download';
import { publishFolder } from './publish';
import { createPackageStore } from './store';

const PORT = 4432;
const BASE = `http://127.0.0.1:${PORT}`;
let root = '';
let key: TestKey;
let pkg: Buffer = Buffer.alloc(0);
let etag = '';
let server: Server;
/** Responses held open by the stalling route, ended at the end. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-download-'));
  key = makeTestKey();
  const content = path.join(root, 'content');
  await cp('tests/fixtures/valid', content, { recursive: true });
  const published = await publishFolder({
    contentDir: content,
    outDir: path.join(root, 'published'),
    privateKey: key.privateKey,
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
    createdBy: 'tests',
  });
  if (!published.ok) throw new Error(published.message);
  pkg = await readFile(published.file);
  etag = `"${createHash('sha256').update(pkg).digest('hex').slice(0, 16)}"`;
  server = createServer((request, response) => {
    switch (request.url) {
      case '/latest.kioskpkg':
        if (request.headers['if-none-match'] === etag) return response.writeHead(304).end();
        response.writeHead(200, { 'Content-Length': pkg.byteLength, ETag: etag });
        return response.end(pkg);
      case '/error.kioskpkg':
        return response.writeHead(500, 'Internal Server Error').end('oops');
      case '/stall.kioskpkg':
        response.writeHead(200, { 'Content-Length': pkg.byteLength });
        response.write(pkg.subarray(0, 1000));
        held.push(response); // and nothing more
        return;
      case '/truncated.kioskpkg':
        response.writeHead(200, { 'Content-Length': pkg.byteLength });
        response.write(pkg.subarray(0, Math.floor(pkg.byteLength / 2)), () => response.socket?.destroy());
        return;
      case '/huge.kioskpkg':
        response.writeHead(200, { 'Content-Length': 10 * 1024 ** 3 });
        response.flushHeaders();
        held.push(response);
        return;
      case '/endless.kioskpkg': {
        // No Content-Length: chunks until the client stops reading.
        response.writeHead(200);
        const more = () => {
          while (response.write(Buffer.alloc(64 * 1024))) if (response.destroyed) return;
        };
        response.on('drain', more);
        more();
        return;
      }
      default:
        return response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  for (const r of held) r.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

const get = (name: string, extra: { etag?: string; maxBytes?: number } = {}): Promise<DownloadOutcome> =>
  downloadPackage({
    url: `${BASE}/${name}`,
    target: path.join(root, 'incoming', name),
    timeoutMs: 30_000,
    stallMs: 1_000,
    maxBytes: extra.maxBytes ?? 64 * 1024 * 1024,
    ...(extra.etag ? { etag: extra.etag } : {}),
  });

describe('downloadPackage', () => {
  beforeAll(async () => {
    await mkdir(path.join(root, 'incoming'), { recursive: true });
  });

  it('fetches a whole package, which then installs like one from a USB stick', async () => {
    const outcome = await get('latest.kioskpkg');
    expect(outcome).toMatchObject({ status: 'downloaded', etag, bytes: pkg.byteLength });
    if (outcome.status !== 'downloaded') return;
    expect((await readFile(outcome.file)).equals(pkg)).toBe(true);
    const store = createPackageStore({
      packagesDir: path.join(root, 'kiosk'),
      trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
      checker: inProcessChecker,
      kioskVersion: '0.1.0',
    });
    expect(await store.install(outcome.file)).toMatchObject({
      ok: true,
      version: { manifest: { version: 1 } },
    });
  }, 60_000);

  it('asks with the last ETag, and a 304 means nothing new', async () => {
    expect(await get('latest.kioskpkg', { etag })).toEqual({ status: 'not-modified' });
  });

  it.each<[string, string, { maxBytes?: number }, string, RegExp]>([
    ['a server error', 'error.kioskpkg', {}, 'server-error', /answered 500 Internal Server Error/],
    ['a missing file', 'nothing-here.kioskpkg', {}, 'server-error', /answered 404/],
    ['a server that stalls', 'stall.kioskpkg', {}, 'stalled', /sent nothing for 1 s/],
    ['a download cut short', 'truncated.kioskpkg', {}, 'truncated', /ended/],
    ['an offer of 10 GB', 'huge.kioskpkg', {}, 'too-large', /offers 10 GB/],
    ['an endless stream', 'endless.kioskpkg', { maxBytes: 1024 * 1024 }, 'too-large', /passed 1 MB/],
  ])(
    'refuses %s',
    async (_name, file, extra, code, message) => {
      const outcome = await get(file, extra);
      expect(outcome).toMatchObject({ status: 'refused', refusal: { code } });
      if (outcome.status === 'refused') expect(outcome.refusal.message).toMatch(message);
      // Nothing is left behind: neither the file nor its partial download.
      expect((await readdir(path.join(root, 'incoming'))).filter((n) => n.startsWith(file))).toEqual([]);
    },
    30_000,
  );

  it('cannot reach a server that is not there', async () => {
    const outcome = await downloadPackage({
      url: 'http://127.0.0.1:4439/latest.kioskpkg',
      target: path.join(root, 'incoming', 'x.kioskpkg'),
      timeoutMs: 10_000,
      stallMs: 5_000,
      maxBytes: 1024,
    });
    expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'server-error' } });
  });
});

it.each([
  [0, 60_000],
  [1, 120_000],
  [2, 240_000],
  [5, 1_920_000],
  [6, 3_600_000],
  [100, 3_600_000],
])('nextPollDelay after %i failures → %i ms', (failures, expected) => {
  expect(nextPollDelay(failures, 60_000, 3_600_000)).toBe(expected);
});
