/**
 * Packages on a USB stick (issue 15): the whole backend as the preview builds it, a packages folder with
 * version 1 installed, and a "stick" folder named in packages.watchFolders holding real published packages.
 * Staff see each with whether it verifies; Install stages the good one, which goes on screen at the next
 * attract loop; a file the kiosk did not list cannot be installed.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  STAFF_TOKEN_HEADER,
  type FoundPackages,
  type StaffActionResult,
  type UnlockResult,
} from '../common/api';
import type { ExhibitResponse } from '../common/exhibit';
import { contentWorkerFromSource } from '../content/load/workerLocation';
import { hashPin } from '../kiosk/staff';
import { createPackageStore } from '../packages/store';
import { inProcessChecker } from '../../tests/support/inProcessChecker';
import { makeTestKey, type TestKey } from '../../tests/support/packageCraft';
import { publishValidFixture } from '../../tests/support/publishFixture';
import { createBackend, type Backend } from './createBackend';

const ORIGIN = 'http://127.0.0.1:4173';
let root = '';
let key: TestKey;
let backend: Backend;
let token = '';
let clock = Date.parse('2026-12-01T10:00:00Z');

const publish = (version: number, signer: TestKey, outDir: string) =>
  publishValidFixture({ workDir: root, version, outDir, signer, createdBy: 'Curator' });

const call = (route: string, init: RequestInit = {}) =>
  backend.handler(
    new Request(`${ORIGIN}${route}`, {
      ...init,
      headers: { Origin: ORIGIN, [STAFF_TOKEN_HEADER]: token, ...(init.headers ?? {}) },
    }),
  );

const found = async () => (await (await call(api.staffFound)).json()) as FoundPackages;
const install = async (ref: unknown) => {
  const response = await call(api.staffInstall, { method: 'POST', body: JSON.stringify({ ref }) });
  return { status: response.status, body: (await response.json()) as StaffActionResult };
};
const shownVersion = async () => {
  const body = (await (await call(api.exhibit)).json()) as ExhibitResponse;
  return body.status === 'ok' ? body.exhibit.version : null;
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-found-'));
  key = makeTestKey();
  const stick = path.join(root, 'stick', 'KIOSK');
  await mkdir(stick, { recursive: true });
  const v1 = await publish(1, key, path.join(root, 'published'));
  await createPackageStore({
    packagesDir: path.join(root, 'packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  }).install(v1);
  // On the stick: version 1 again, version 2, and a version 3 signed by a key this kiosk does not trust.
  await cp(v1, path.join(stick, path.basename(v1)));
  await publish(2, key, stick);
  await publish(3, makeTestKey(), path.join(root, 'stick'));

  const configDir = path.join(root, 'kiosk-config');
  await cp('tests/e2e/kiosk-config', configDir, { recursive: true });
  const yaml = path.join(configDir, 'kiosk.yaml');
  await writeFile(
    yaml,
    [
      (await readFile(yaml, 'utf8')).replace(/^staffPinHash:.*\n/m, ''),
      `staffPinHash: '${await hashPin('2468', { N: 1024, r: 8, p: 1 })}'`,
      'packages:',
      '  folder: ../packages',
      '  watchFolders: [../stick, ../no-stick-in-this-port]',
      '  trustedKeys:',
      '    - name: museum',
      `      key: ${key.publicKey}`,
      '',
    ].join('\n'),
  );
  backend = createBackend({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: path.join(root, 'media'),
    configDir,
    derivedDir: path.join(root, 'derived'),
    dataDir: path.join(root, 'data'),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    host: { kind: 'preview' },
    contentWorker: contentWorkerFromSource(),
    kioskVersion: '0.1.0',
    pollForUpdates: false,
    now: () => clock,
  });
  expect((await backend.content.reload()).ok).toBe(true);
  const unlock = (await (
    await call(api.staffUnlock, { method: 'POST', body: JSON.stringify({ pin: '2468' }) })
  ).json()) as UnlockResult;
  token = unlock.token ?? '';
}, 120_000);

afterAll(async () => {
  backend.analytics.close();
  await rm(root, { recursive: true, force: true });
});

describe('packages on a USB stick', () => {
  it('are listed with whether they verify, and the good one installs at the next attract loop', async () => {
    expect(await shownVersion()).toBe('1.0.1');
    const list = await found();
    expect(list.enabled).toBe(true);
    expect(list.folders).toEqual([path.join(root, 'stick'), path.join(root, 'no-stick-in-this-port')]);
    const byName = new Map(list.packages.map((p) => [p.fileName, p]));
    expect([...byName.keys()].sort()).toEqual([
      'harbour-memories-1.kioskpkg',
      'harbour-memories-2.kioskpkg',
      'harbour-memories-3.kioskpkg',
    ]);
    expect(byName.get('harbour-memories-2.kioskpkg')).toMatchObject({
      folder: path.join(root, 'stick', 'KIOSK'),
      check: {
        ok: true,
        exhibitId: 'harbour-memories',
        version: 2,
        exhibitVersion: '1.0.2',
        createdBy: 'Curator',
      },
    });
    expect(byName.get('harbour-memories-1.kioskpkg')?.check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/version 1/i),
    });
    expect(byName.get('harbour-memories-3.kioskpkg')?.check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/key/i),
    });

    // Staff tap Install on version 2: staged, not shown until the attract loop.
    const done = await install(byName.get('harbour-memories-2.kioskpkg')?.ref);
    expect(done).toMatchObject({ status: 200, body: { ok: true } });
    expect(done.body.message).toContain('next attract loop');
    expect(backend.packages?.health().versions.map((v) => `${v.state} ${v.version}`)).toEqual([
      'staged 2',
      'live 1',
    ]);
    expect(await shownVersion()).toBe('1.0.1');
    for (let i = 0; i < 2; i++) {
      clock += 6000;
      await call(api.heartbeat, { method: 'POST', body: JSON.stringify({ phase: 'attract' }) });
      await backend.packages?.check();
    }
    expect(await shownVersion()).toBe('1.0.2');

    // The list now says version 2 is on screen (its check is made again against the new live version).
    const after = new Map((await found()).packages.map((p) => [p.fileName, p.check]));
    expect(after.get('harbour-memories-2.kioskpkg')).toMatchObject({ ok: false });
  }, 120_000);

  it('installs only a file the kiosk listed, unchanged', async () => {
    expect(await install('0123456789abcdef01234567')).toMatchObject({
      status: 200,
      body: { ok: false, message: expect.stringContaining('no longer there') },
    });
    for (const ref of [path.join(root, 'stick', 'harbour-memories-3.kioskpkg'), '../x', 42, null])
      expect((await install(ref)).status).toBe(400);
  });

  it('is staff-only', async () => {
    const anonymous = await backend.handler(
      new Request(`${ORIGIN}${api.staffFound}`, { headers: { Origin: ORIGIN } }),
    );
    expect(anonymous.status).toBe(403);
    const post = await backend.handler(
      new Request(`${ORIGIN}${api.staffInstall}`, {
        method: 'POST',
        headers: { Origin: ORIGIN },
        body: JSON.stringify({ ref: '0123456789abcdef01234567' }),
      }),
    );
    expect(post.status).toBe(403);
  });
});
