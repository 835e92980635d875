/**
 * Issue 15, "Done when": several kiosks on one machine (each its own folders and loopback port, the real
 * content worker and store) pull one published package from one server (the code of `npm run
 * content:serve` on loopback) and all report the new version in /metrics, scraped over HTTP — and not
 * before it is on screen: while the new version loads and waits for the attract loop, /metrics still names
 * the version visitors see. Each check of the network shows in /metrics, and so does a server that is gone.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, type HeartbeatBody } from '../../main/common/api';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { createBackend, type Backend } from '../../main/backend/createBackend';
import { packageVersionOf } from '../../main/backend/metrics';
import { UPDATE_INDEX_FILE } from '../../main/common/packages';
import { createPublishServer } from '../../main/packages/serve';
import type { Server } from 'node:http';
import { createPackageStore } from '../../main/packages/store';
import { serveOnLoopback, type LoopbackServer } from '../../main/preview/loopback';
import { inProcessChecker } from '../support/inProcessChecker';
import { makeTestKey, type TestKey } from '../support/packageCraft';
import { publishValidFixture } from '../support/publishFixture';
import { parseExposition, samplesOf, valueOf, type Exposition } from '../support/promText';

const PORTS = [4366, 4367];
const SERVER_PORT = 4368;
const UPDATE_URL = `http://127.0.0.1:${SERVER_PORT}/${UPDATE_INDEX_FILE}`;
let root: string;
let key: TestKey;
const published = new Map<number, string>();
let publishServer: Server | null = null;

interface Kiosk {
  dir: string;
  backend: Backend;
  server: LoopbackServer;
  /** Called with each line the kiosk logs (the test acts at a named moment). */
  hooks: { onLog(message: string): void };
}
const kiosks: Kiosk[] = [];

const publish = (version: number) =>
  publishValidFixture({ workDir: root, version, outDir: path.join(root, 'published'), signer: key });

const storeOf = (kiosk: Pick<Kiosk, 'dir'>) =>
  createPackageStore({
    packagesDir: path.join(kiosk.dir, 'packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  });

async function startKiosk(n: number): Promise<Kiosk> {
  const dir = path.join(root, `kiosk-${n}`);
  await cp('tests/e2e/kiosk-config', path.join(dir, 'kiosk-config'), { recursive: true });
  const yaml = path.join(dir, 'kiosk-config', 'kiosk.yaml');
  await writeFile(
    yaml,
    `${await readFile(yaml, 'utf8')}\npackages:\n  folder: ../packages\n  trustedKeys:\n    - name: tests\n      key: ${key.publicKey}\n  updateUrl: ${UPDATE_URL}\n`,
  );
  await cp('tests/fixtures/valid', path.join(dir, 'media'), { recursive: true });
  expect(await storeOf({ dir }).install(published.get(1) ?? '')).toMatchObject({ ok: true });
  const hooks: Kiosk['hooks'] = { onLog: () => undefined };
  const backend = createBackend({
    rendererDir: path.join(dir, 'renderer'),
    mediaDir: path.join(dir, 'media'),
    configDir: path.join(dir, 'kiosk-config'),
    derivedDir: path.join(dir, 'derived'),
    dataDir: path.join(dir, 'data'),
    log: { info: (m) => hooks.onLog(m), warn: () => undefined, error: () => undefined },
    host: { kind: 'preview' },
    contentWorker: contentWorkerFromSource(),
    kioskVersion: '0.1.0',
    // The test drives the checks one by one (packages.checkForUpdates()).
    pollForUpdates: false,
  });
  expect((await backend.content.reload()).ok).toBe(true);
  const server = await serveOnLoopback(backend.handler, PORTS[n - 1]);
  const kiosk: Kiosk = { dir, backend, server, hooks };
  kiosks.push(kiosk);
  return kiosk;
}

async function beat(kiosk: Kiosk, phase: HeartbeatBody['phase']): Promise<void> {
  const response = await fetch(`${kiosk.server.url}${api.heartbeat}`, {
    method: 'POST',
    headers: { Origin: kiosk.server.url },
    body: JSON.stringify({ phase }),
  });
  expect(response.status).toBe(204);
}

async function scrape(kiosk: Kiosk): Promise<Exposition> {
  const response = await fetch(`${kiosk.server.url}/metrics`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

/** What /metrics says is on screen: "<exhibit.yaml version> package <n>". */
async function onScreen(kiosk: Kiosk): Promise<string> {
  const info = samplesOf(await scrape(kiosk), 'kiosk_content_info');
  expect(info).toHaveLength(1);
  return `${info[0]?.labels.version} package ${info[0]?.labels.package_version}`;
}

/** What /metrics says of the last check of the network: "<result> <reason> <1|0>". */
async function lastCheck(kiosk: Kiosk): Promise<string> {
  const samples = samplesOf(await scrape(kiosk), 'kiosk_update_last_check_success');
  expect(samples).toHaveLength(1);
  return `${samples[0]?.labels.result} ${samples[0]?.labels.reason || '-'} ${samples[0]?.value}`;
}

async function startPublishServer(): Promise<void> {
  const started = createPublishServer({ dir: path.join(root, 'published') });
  await new Promise<void>((resolve) => started.listen(SERVER_PORT, '127.0.0.1', resolve));
  publishServer = started;
}

async function stopPublishServer(): Promise<void> {
  const stopping = publishServer;
  publishServer = null;
  if (!stopping) return;
  stopping.closeAllConnections();
  await new Promise<void>((resolve) => stopping.close(() => resolve()));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-metrics-fleet-'));
  key = makeTestKey();
  published.set(1, await publish(1));
}, 120_000);

afterAll(async () => {
  await stopPublishServer();
  for (const kiosk of kiosks) {
    await kiosk.server.close();
    kiosk.backend.analytics.close();
  }
  await rm(root, { recursive: true, force: true });
});

describe('two kiosks on one machine', () => {
  it('pull one published package from one server and all report its version in /metrics once it is on screen', async () => {
    await startPublishServer();
    const fleet = [await startKiosk(1), await startKiosk(2)];
    for (const kiosk of fleet) {
      expect(await onScreen(kiosk)).toBe('1.0.1 package 1');
      // No check yet: no update figures at all (so "update failing" cannot fire for a kiosk that never checks).
      expect(samplesOf(await scrape(kiosk), 'kiosk_update_last_check_success')).toEqual([]);
      expect(await kiosk.backend.packages?.checkForUpdates()).toMatchObject({ result: 'up-to-date' });
      expect(await lastCheck(kiosk)).toBe('up-to-date - 1');
    }

    // Version 2 is published into the folder the server serves (latest.json names it), and pulled by both
    // while a visitor is at each.
    published.set(2, await publish(2));
    for (const kiosk of fleet) {
      await beat(kiosk, 'active');
      expect(await kiosk.backend.packages?.checkForUpdates()).toMatchObject({ result: 'staged', offered: 2 });
      expect(await lastCheck(kiosk)).toBe('staged - 1');
      const figures = await scrape(kiosk);
      expect(valueOf(figures, 'kiosk_update_checks_total', { result: 'staged' })).toBe(1);
      expect(valueOf(figures, 'kiosk_update_last_success_timestamp_seconds')).toBe(
        valueOf(figures, 'kiosk_update_last_check_timestamp_seconds'),
      );
      await kiosk.backend.packages?.check();
      expect(await onScreen(kiosk)).toBe('1.0.1 package 1');
    }

    // The attract loop at the first: it switches and loads version 2, and a visitor touches the screen the
    // moment the load starts: version 2 waits, loaded, for the next attract loop, and /metrics still names
    // version 1 — what is on screen.
    const [first, second] = fleet as [Kiosk, Kiosk];
    first.hooks.onLog = (message) => {
      if (message.includes('switched to version 2')) first.backend.packages?.heartbeat({ phase: 'active' });
    };
    await beat(first, 'attract');
    await vi.waitFor(() => expect(first.backend.packages?.health().waiting).toBe(true), {
      timeout: 60_000,
      interval: 50,
    });
    expect(await onScreen(first)).toBe('1.0.1 package 1');
    first.hooks.onLog = () => undefined;

    // Both reach the attract loop: both show version 2, and say so.
    for (const kiosk of [first, second]) {
      await beat(kiosk, 'attract');
      await vi.waitFor(
        async () => {
          await kiosk.backend.packages?.check();
          if (kiosk.backend.packages?.health().waiting) await beat(kiosk, 'attract');
          expect(await onScreen(kiosk)).toBe('1.0.2 package 2');
        },
        { timeout: 60_000, interval: 200 },
      );
    }
    const exhibit = (await (await fetch(`${second.server.url}${api.exhibit}`)).json()) as {
      exhibit?: { version: string };
    };
    expect(exhibit.exhibit?.version).toBe('1.0.2');

    // The server goes away: the next check fails, by name, and /metrics says so; the version stays.
    await stopPublishServer();
    expect(await first.backend.packages?.checkForUpdates()).toMatchObject({ result: 'server-error' });
    expect(await lastCheck(first)).toMatch(/^server-error \S+ 0$/);
    const figures = await scrape(first);
    expect(valueOf(figures, 'kiosk_update_last_success_timestamp_seconds')).toBeLessThan(
      valueOf(figures, 'kiosk_update_last_check_timestamp_seconds'),
    );
    expect(await onScreen(first)).toBe('1.0.2 package 2');
  }, 240_000);
});

describe('packageVersionOf', () => {
  it.each([
    ['/k/packages/versions/harbour-memories-2-0123456789ab/content', 2],
    ['/k/packages/versions/expo-2025-14-0123456789ab/content', 14],
    ['/k/packages/versions/harbour-memories-2-0123456789ab', null],
    ['/k/media', null],
    [null, null],
  ] as const)('%s → %s', (dir, expected) => {
    expect(packageVersionOf(dir)).toBe(expected);
  });
});
