/**
 * Issue 15, "Watch the fleet": two kiosks on one machine (each its own folders and loopback port, the real
 * content worker) receive one published package and both report the new version in /metrics, scraped over
 * HTTP — and not before it is on screen: while the new version loads and waits for the attract loop,
 * /metrics still names the version visitors see. (Here the package is staged from a folder, as
 * `content:install` does; the network polling loop stages it the same way.)
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, type HeartbeatBody } from '../../main/common/api';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { createBackend, type Backend } from '../../main/backend/createBackend';
import { packageVersionOf } from '../../main/backend/metrics';
import { publishFolder } from '../../main/packages/publish';
import { createPackageStore } from '../../main/packages/store';
import { serveOnLoopback, type LoopbackServer } from '../../main/preview/loopback';
import { inProcessChecker } from '../support/inProcessChecker';
import { makeTestKey, type TestKey } from '../support/packageCraft';
import { parseExposition, samplesOf } from '../support/promText';

const PORTS = [4366, 4367];
let root: string;
let key: TestKey;
const published = new Map<number, string>();

interface Kiosk {
  dir: string;
  backend: Backend;
  server: LoopbackServer;
  /** Called with each line the kiosk logs (the test acts at a named moment). */
  hooks: { onLog(message: string): void };
}
const kiosks: Kiosk[] = [];

async function publish(version: number): Promise<string> {
  const content = path.join(root, `content-${version}`);
  await cp('tests/fixtures/valid', content, { recursive: true });
  const yamlFile = path.join(content, 'exhibit.yaml');
  await writeFile(
    yamlFile,
    (await readFile(yamlFile, 'utf8')).replace(/^version: .*$/m, `version: 1.0.${version}`),
  );
  const outcome = await publishFolder({
    contentDir: content,
    outDir: path.join(root, 'published'),
    privateKey: key.privateKey,
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
    createdBy: 'tests',
    version,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file;
}

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
    `${await readFile(yaml, 'utf8')}\npackages:\n  folder: ../packages\n  trustedKeys:\n    - name: tests\n      key: ${key.publicKey}\n`,
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

/** What /metrics says is on screen: "<exhibit.yaml version> package <n>". */
async function onScreen(kiosk: Kiosk): Promise<string> {
  const response = await fetch(`${kiosk.server.url}/metrics`);
  expect(response.status).toBe(200);
  const info = samplesOf(parseExposition(await response.text()), 'kiosk_content_info');
  expect(info).toHaveLength(1);
  return `${info[0]?.labels.version} package ${info[0]?.labels.package_version}`;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-metrics-fleet-'));
  key = makeTestKey();
  for (const v of [1, 2]) published.set(v, await publish(v));
}, 120_000);

afterAll(async () => {
  for (const kiosk of kiosks) {
    await kiosk.server.close();
    kiosk.backend.analytics.close();
  }
  await rm(root, { recursive: true, force: true });
});

describe('two kiosks on one machine', () => {
  it('receive one published package and both report its version in /metrics once it is on screen', async () => {
    const fleet = [await startKiosk(1), await startKiosk(2)];
    for (const kiosk of fleet) expect(await onScreen(kiosk)).toBe('1.0.1 package 1');

    // Version 2 arrives at both while a visitor is at each.
    for (const kiosk of fleet) {
      await beat(kiosk, 'active');
      expect(await storeOf(kiosk).stage(published.get(2) ?? '')).toMatchObject({ ok: true });
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
  }, 180_000);
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
