/**
 * The whole backend, built the way both hosts build it, restarted on the same data folder: the staff PIN
 * lockout must survive (issue 10, point 6), and the staff tokens must not outlive the PIN they were
 * issued under or the panel they were issued to.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, STAFF_TOKEN_HEADER, type UnlockResult } from '../common/api';
import { hashPin } from '../kiosk/staff';
import { createBackend, type Backend } from './createBackend';

const FAST = { N: 1024, r: 8, p: 1 };
const ORIGIN = 'http://127.0.0.1:4173';
let root: string;
let configDir: string;
let dataDir: string;
let clock: number;
let warnings: string[];

async function setPin(pin: string | null): Promise<void> {
  const file = path.join(configDir, 'kiosk.yaml');
  const text = (await readFile(file, 'utf8')).replace(/^staffPinHash:.*\n/m, '');
  await writeFile(file, pin === null ? text : `${text}staffPinHash: '${await hashPin(pin, FAST)}'\n`);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-backend-'));
  configDir = path.join(root, 'kiosk-config');
  dataDir = path.join(root, 'data');
  await cp('tests/e2e/kiosk-config', configDir, { recursive: true });
  await setPin('2468');
  clock = Date.parse('2026-05-04T10:00:00Z');
  warnings = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Start the backend as the preview host does (a restart is simply another call). */
function start(): Backend {
  return createBackend({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: path.join(root, 'media'),
    configDir,
    derivedDir: path.join(root, 'derived'),
    dataDir,
    log: { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    host: { kind: 'preview' },
    now: () => clock,
  });
}

const call = (backend: Backend, route: string, init: RequestInit = {}) =>
  backend.handler(
    new Request(`${ORIGIN}${route}`, { ...init, headers: { Origin: ORIGIN, ...(init.headers ?? {}) } }),
  );

async function unlock(backend: Backend, pin: string): Promise<UnlockResult> {
  const response = await call(backend, api.staffUnlock, { method: 'POST', body: JSON.stringify({ pin }) });
  return (await response.json()) as UnlockResult;
}

const health = async (backend: Backend, token: string) =>
  (await call(backend, api.staffHealth, { headers: { [STAFF_TOKEN_HEADER]: token } })).status;

describe('createBackend keeps the staff lockout in its data folder', () => {
  it('five wrong PINs, a restart, and the pad is still locked; the next round is longer', async () => {
    const first = start();
    for (const pin of ['0000', '1111', '2222', '3333']) await unlock(first, pin);
    expect(await unlock(first, '4444')).toEqual({ ok: false, lockedForSeconds: 60 });

    clock += 10_000;
    const second = start(); // the kiosk restarted
    expect(await unlock(second, '2468')).toEqual({ ok: false, lockedForSeconds: 50 });

    clock += 50_000;
    const third = start();
    for (const pin of ['0000', '1111', '2222', '3333']) await unlock(third, pin);
    expect(await unlock(third, '4444')).toEqual({ ok: false, lockedForSeconds: 300 });
    expect(warnings.filter((w) => w.startsWith('staff: 5 wrong PINs'))).toHaveLength(2);
  });

  it('a restart in the middle of a count does not give fresh tries', async () => {
    for (const pin of ['0000', '1111', '2222']) await unlock(start(), pin);
    expect(await unlock(start(), '3333')).toEqual({ ok: false, triesLeft: 1 });
  });
});

describe('staff tokens are revoked', () => {
  it('when the PIN is changed or cleared', async () => {
    const backend = start();
    const token = (await unlock(backend, '2468')).token ?? '';
    expect(await health(backend, token)).toBe(200);
    await setPin('1357');
    expect(await health(backend, token)).toBe(403);
    const again = (await unlock(backend, '1357')).token ?? '';
    expect(await health(backend, again)).toBe(200);
    await setPin(null);
    expect(await health(backend, again)).toBe(403);
  });

  it('when the staff panel closes or a visit is reset (POST /api/staff/lock)', async () => {
    const backend = start();
    const a = (await unlock(backend, '2468')).token ?? '';
    const b = (await unlock(backend, '2468')).token ?? '';
    expect((await call(backend, api.staffLock, { method: 'POST' })).status).toBe(204);
    expect([await health(backend, a), await health(backend, b)]).toEqual([403, 403]);
  });
});
