/**
 * The kiosk checking the museum's network for newer packages (issue 15), end to end below the page: the
 * whole backend as the preview builds it, kiosk.yaml naming packages.updateUrl, packages published by the
 * code of content:publish (which writes latest.json), served by the code of content:serve on a real HTTP
 * server on loopback, the real store, checker and content worker. No mocks: a server that stalls, answers
 * 500 or cuts the download short does so for real.
 *
 *   - a newer version is pulled, verified and staged, and goes on screen only at the next attract loop;
 *   - a second check with nothing new is answered 304;
 *   - a stall, a 500 and a cut download are refused by name, nothing is staged or left behind, the version
 *     on screen is untouched, and each failure doubles the wait before the next check;
 *   - a package signed by a key the kiosk does not trust is refused once, and not downloaded again.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type HeartbeatBody } from '../common/api';
import type { ExhibitResponse } from '../common/exhibit';
import { UPDATE_INDEX_FILE } from '../common/packages';
import { contentWorkerFromSource } from '../content/load/workerLocation';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { makeTestKey, type TestKey } from '../../tests/support/packageCraft';
import { publishValidFixture } from '../../tests/support/publishFixture';
import { publishFolderHandler } from '../packages/serve';
import { createPackageStore } from '../packages/store';
import { createBackend, type Backend } from './createBackend';

const ORIGIN = 'http://127.0.0.1:4173';
const MIN = 60_000;
let root = '';
let key: TestKey;
let server: Server;
let base = '';
/** How the server answers: as content:serve does, or badly. */
type Mode = 'serve' | 'error' | 'stall' | 'cut';
let mode: Mode = 'serve';
/** The publish folder the server serves. */
let publishDir = '';
const requests: string[] = [];
const held: ServerResponse[] = [];
let clock = 0;

const publish = (version: number, into: string, signer: TestKey = key) =>
  publishValidFixture({ workDir: root, version, outDir: into, signer });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-updates-'));
  key = makeTestKey();
  const serve = (request: Parameters<ReturnType<typeof publishFolderHandler>>[0], response: ServerResponse) =>
    publishFolderHandler({ dir: publishDir })(request, response);
  server = createServer((request, response) => {
    requests.push(`${mode} ${request.url ?? ''}${request.headers['if-none-match'] ? ' (etag)' : ''}`);
    const isPackage = (request.url ?? '').endsWith('.kioskpkg');
    if (mode === 'serve' || (!isPackage && mode !== 'error')) return serve(request, response);
    if (mode === 'error') return response.writeHead(500, 'Internal Server Error').end('oops');
    void (async () => {
      const bytes = await readFile(path.join(publishDir, path.basename(request.url ?? '')));
      response.writeHead(200, { 'Content-Length': bytes.byteLength });
      if (mode === 'stall') {
        response.write(bytes.subarray(0, 1000));
        held.push(response); // and nothing more
      } else response.write(bytes.subarray(0, bytes.byteLength >> 1), () => response.socket?.destroy());
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const r of held) r.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

/** A kiosk with version 1 installed, checking `${base}/latest.json`. */
async function kiosk(name: string): Promise<{ backend: Backend; dir: string }> {
  const dir = path.join(root, name);
  publishDir = path.join(dir, 'published');
  const first = await publish(1, publishDir);
  await cp('tests/e2e/kiosk-config', path.join(dir, 'kiosk-config'), { recursive: true });
  const yaml = path.join(dir, 'kiosk-config', 'kiosk.yaml');
  await writeFile(
    yaml,
    `${await readFile(yaml, 'utf8')}\npackages:\n  folder: ../packages\n  trustedKeys:\n    - name: tests\n      key: ${key.publicKey}\n  updateUrl: ${base}/${UPDATE_INDEX_FILE}\n  checkEveryMinutes: 15\n  stallSeconds: 5\n  downloadMinutes: 2\n`,
  );
  await cp('tests/fixtures/valid', path.join(dir, 'media'), { recursive: true });
  const store = createPackageStore({
    packagesDir: path.join(dir, 'packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  });
  expect(await store.install(first)).toMatchObject({ ok: true });
  clock = Date.parse('2026-12-02T10:00:00Z');
  const backend = createBackend({
    rendererDir: path.join(dir, 'renderer'),
    mediaDir: path.join(dir, 'media'),
    configDir: path.join(dir, 'kiosk-config'),
    derivedDir: path.join(dir, 'derived'),
    dataDir: path.join(dir, 'data'),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    host: { kind: 'preview' },
    contentWorker: contentWorkerFromSource(),
    kioskVersion: '0.1.0',
    now: () => clock,
    pollForUpdates: false,
  });
  expect(backend.settingsProblems).toEqual([]);
  expect((await backend.content.reload()).ok).toBe(true);
  return { backend, dir };
}

const call = (backend: Backend, route: string, init: RequestInit = {}) =>
  backend.handler(
    new Request(`${ORIGIN}${route}`, { ...init, headers: { Origin: ORIGIN, ...(init.headers ?? {}) } }),
  );

async function beat(backend: Backend, phase: HeartbeatBody['phase']): Promise<void> {
  clock += 1000;
  const response = await call(backend, api.heartbeat, { method: 'POST', body: JSON.stringify({ phase }) });
  expect(response.status).toBe(204);
}

async function shownVersion(backend: Backend): Promise<string | null> {
  const body = (await (await call(backend, api.exhibit)).json()) as ExhibitResponse;
  return body.status === 'ok' ? body.exhibit.version : null;
}

const states = (backend: Backend) =>
  backend.packages?.health().versions.map((v) => `${v.state} ${v.version}`);

/** One check, at `clock`, summed up as "result (reason)". */
async function check(backend: Backend): Promise<string> {
  const result = await backend.packages?.checkForUpdates();
  if (!result) throw new Error('no update check');
  return `${result.result}${result.reason ? ` (${result.reason})` : ''}`;
}

/** Minutes from now to the next check. */
const nextInMinutes = (backend: Backend) => {
  const next = backend.packages?.health().updates?.nextAt;
  return next ? (Date.parse(next) - clock) / MIN : null;
};

describe('a kiosk pulling packages from the museum network', () => {
  it('pulls a newer version, stages it for the next attract loop, and gets 304 when nothing is new', async () => {
    mode = 'serve';
    const { backend, dir } = await kiosk('pull');
    expect(await shownVersion(backend)).toBe('1.0.1');

    // Version 1 is on screen and the server's newest: nothing to fetch.
    expect(await check(backend)).toBe('up-to-date');
    expect(backend.packages?.health().updates?.last?.message).toBe(
      "Version 1, the server's newest, is on screen.",
    );
    requests.length = 0;
    expect(await check(backend)).toBe('not-modified');
    expect(requests).toEqual(['serve /latest.json (etag)']);

    // The museum publishes version 2 (content:publish rewrites latest.json).
    await publish(2, publishDir);
    requests.length = 0;
    await beat(backend, 'active'); // a visitor is at the screen
    expect(await check(backend)).toBe('staged');
    expect(requests).toEqual(['serve /latest.json (etag)', 'serve /harbour-memories-2.kioskpkg']);
    const last = backend.packages?.health().updates?.last;
    expect(last).toMatchObject({ result: 'staged', reason: null, offered: 2 });
    expect(last?.message).toBe(
      'Version 2 was downloaded and verified; it goes on screen at the next attract loop.',
    );
    expect(states(backend)).toEqual(['staged 2', 'live 1']);
    expect(nextInMinutes(backend)).toBe(15);
    // Mid-visit: still version 1.
    await backend.packages?.check();
    expect(await shownVersion(backend)).toBe('1.0.1');

    // The next check: the index is unchanged (304), nothing is downloaded again.
    requests.length = 0;
    expect(await check(backend)).toBe('not-modified');
    expect(requests).toEqual(['serve /latest.json (etag)']);

    // The visit ends: the attract loop switches to version 2, as with a package from a USB stick.
    await beat(backend, 'attract');
    await backend.packages?.check();
    await beat(backend, 'attract');
    await backend.packages?.check();
    expect(await shownVersion(backend)).toBe('1.0.2');
    expect(states(backend)).toEqual(['live 2', 'previous 1']);
    // Nothing is left of the download.
    expect(await readdir(path.join(dir, 'packages'))).not.toContain('downloads');

    // Staff roll back to version 1: the server still offers 2, and it is not fetched again.
    expect(await backend.packages?.rollback()).toMatchObject({ ok: true });
    requests.length = 0;
    expect(await check(backend)).toBe('not-modified');
    backend.packages?.stopPolling();
  }, 180_000);

  it('refuses a stall, a 500 and a cut download by name, keeps version 1, and waits longer each time', async () => {
    mode = 'serve';
    const { backend, dir } = await kiosk('failures');
    await publish(2, publishDir);
    const livePointer = await readFile(path.join(dir, 'packages', 'live.json'), 'utf8');

    const rows: [Mode, string, RegExp, number][] = [
      ['stall', 'refused (stalled)', /^The server sent nothing for 5 s; the download was stopped\.$/, 30],
      ['error', 'server-error (server-error)', /^The server answered 500 Internal Server Error\.$/, 60],
      ['cut', 'refused (truncated)', /^The download ended (early|after \d+ of \d+ bytes)/, 120],
    ];
    for (const [how, expected, message, waitMinutes] of rows) {
      mode = how;
      clock += 20 * MIN;
      expect(await check(backend), how).toBe(expected);
      const updates = backend.packages?.health().updates;
      expect(updates?.last?.message, how).toMatch(message);
      expect(updates?.last?.at).toBe(new Date(clock).toISOString());
      // Backoff: 15 min doubled per failure in a row.
      expect(nextInMinutes(backend), how).toBe(waitMinutes);
      // The version on screen is untouched; nothing is staged; nothing is left behind.
      expect(await shownVersion(backend)).toBe('1.0.1');
      expect(states(backend)).toEqual(['live 1']);
      expect(await readFile(path.join(dir, 'packages', 'live.json'), 'utf8')).toBe(livePointer);
      expect((await readdir(path.join(dir, 'packages'))).sort()).toEqual(['live.json', 'versions']);
    }
    expect(backend.packages?.health().updates?.failuresInARow).toBe(3);

    // The server is mended: the index is read again (no ETag kept after a failure), version 2 comes.
    mode = 'serve';
    requests.length = 0;
    expect(await check(backend)).toBe('staged');
    expect(requests).toEqual(['serve /latest.json', 'serve /harbour-memories-2.kioskpkg']);
    expect(backend.packages?.health().updates?.failuresInARow).toBe(0);
    expect(nextInMinutes(backend)).toBe(15);
    backend.packages?.stopPolling();
  }, 180_000);

  it('refuses a package signed by another key once, and does not download it again', async () => {
    mode = 'serve';
    const { backend } = await kiosk('untrusted');
    await publish(2, publishDir, makeTestKey());
    requests.length = 0;
    expect(await check(backend)).toBe('refused (untrusted-key)');
    expect(requests).toEqual(['serve /latest.json', 'serve /harbour-memories-2.kioskpkg']);
    requests.length = 0;
    expect(await check(backend)).toBe('refused (untrusted-key)');
    expect(backend.packages?.health().updates?.last?.message).toMatch(
      /^Version 2 was refused before and is not downloaded again: /,
    );
    expect(requests).toEqual(['serve /latest.json']);
    expect(states(backend)).toEqual(['live 1']);
    expect(nextInMinutes(backend)).toBe(60);
    backend.packages?.stopPolling();
  }, 180_000);

  it('the index content:publish writes names the newest package with its size and SHA-256', async () => {
    const dir = await mkdtemp(path.join(root, 'index-'));
    const file = await publish(1, dir);
    await publish(2, dir);
    const index = JSON.parse(await readFile(path.join(dir, UPDATE_INDEX_FILE), 'utf8')) as {
      packages: { file: string; size: number; sha256: string }[];
    };
    const second = await readFile(file.replace('-1.kioskpkg', '-2.kioskpkg'));
    expect(index.packages).toEqual([
      {
        exhibitId: 'harbour-memories',
        version: 2,
        file: 'harbour-memories-2.kioskpkg',
        size: second.byteLength,
        sha256: createHash('sha256').update(second).digest('hex'),
      },
    ]);
  }, 120_000);
});
