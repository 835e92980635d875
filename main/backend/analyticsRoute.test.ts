/**
 * The analytics routes through the whole backend, built as both hosts build it, on a real data folder:
 * a batch from the kiosk's own page is stored (events outside the closed list left out), a batch from
 * another origin is refused by the handler's access check, the figures need the staff token, and with
 * analytics off nothing is stored and no database file is made.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyticsSummary } from '../common/analytics';
import { api, STAFF_TOKEN_HEADER, type StickExportResult, type UnlockResult } from '../common/api';
import { hashPin } from '../kiosk/staff';
import { acceptedEvents } from './analyticsRoute';
import { createBackend, type Backend } from './createBackend';

const ORIGIN = 'http://127.0.0.1:4173';
const VISIT = '0123456789abcdef0123456789abcdef';
let root: string;
let configDir: string;
let dataDir: string;
const clock = Date.parse('2026-05-04T10:00:00Z');
const now = Math.floor(clock / 1000);
const backends: Backend[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-analytics-route-'));
  configDir = path.join(root, 'kiosk-config');
  dataDir = path.join(root, 'data');
  await cp('tests/e2e/kiosk-config', configDir, { recursive: true });
  const file = path.join(configDir, 'kiosk.yaml');
  const text = (await readFile(file, 'utf8')).replace(/^staffPinHash:.*\n/m, '');
  await writeFile(file, `${text}staffPinHash: '${await hashPin('2468', { N: 1024, r: 8, p: 1 })}'\n`);
});

afterEach(async () => {
  for (const b of backends.splice(0)) b.analytics.close();
  await rm(root, { recursive: true, force: true });
});

async function start(extraYaml = ''): Promise<Backend> {
  if (extraYaml) await writeFile(path.join(configDir, 'kiosk.yaml'), extraYaml, { flag: 'a' });
  const backend = createBackend({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: path.join(root, 'media'),
    configDir,
    derivedDir: path.join(root, 'derived'),
    dataDir,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    host: { kind: 'preview' },
    now: () => clock,
  });
  backends.push(backend);
  return backend;
}

const post = (backend: Backend, body: unknown, origin = ORIGIN) =>
  backend.handler(
    new Request(`${ORIGIN}${api.events}`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

async function figures(backend: Backend, token: string): Promise<Response> {
  return backend.handler(
    new Request(`${ORIGIN}${api.staffAnalytics}?from=2026-05-04&to=2026-05-04`, {
      headers: { Origin: ORIGIN, [STAFF_TOKEN_HEADER]: token },
    }),
  );
}

async function unlock(backend: Backend): Promise<string> {
  const response = await backend.handler(
    new Request(`${ORIGIN}${api.staffUnlock}`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      body: JSON.stringify({ pin: '2468' }),
    }),
  );
  return ((await response.json()) as UnlockResult).token ?? '';
}

const batch = {
  events: [
    { visit: VISIT, at: now, name: 'visitStart' },
    { visit: VISIT, at: now + 2, name: 'languageChosen', lang: 'en' },
    // Free text, an unknown event, a time far from the clock: all left out.
    { visit: VISIT, at: now + 3, name: 'languageChosen', lang: 'en', note: 'my name is Ann' },
    { visit: VISIT, at: now + 3, name: 'search', query: 'Rabe' },
    { visit: VISIT, at: now - 30 * 86_400, name: 'visitStart' },
    { visit: VISIT, at: now + 60, name: 'visitEnd', how: 'idleReset', screen: 'home' },
  ],
};

describe('analytics routes', () => {
  it('stores a batch from the kiosk page and shows its figures to staff only', async () => {
    const backend = await start();
    expect((await post(backend, batch)).status).toBe(204);
    expect((await figures(backend, 'wrong')).status).toBe(403);
    const response = await figures(backend, await unlock(backend));
    expect(response.status).toBe(200);
    const summary = (await response.json()) as AnalyticsSummary;
    expect(summary.visits).toBe(1);
    expect(summary.languages).toEqual([{ lang: 'en', visits: 1 }]);
    expect(summary.medianVisitSeconds).toBe(60);
    expect(summary.visitEnds).toEqual([{ how: 'idleReset', visits: 1 }]);
  });

  it('refuses a batch from another origin before it reaches the store', async () => {
    const backend = await start();
    expect((await post(backend, batch, 'http://evil.example')).status).toBe(403);
    const summary = (await (await figures(backend, await unlock(backend))).json()) as AnalyticsSummary;
    expect(summary.visits).toBe(0);
  });

  it('refuses a body over the limit with 413', async () => {
    const backend = await start();
    const big = { events: [{ visit: VISIT, at: now, name: 'visitStart', pad: 'x'.repeat(20_000) }] };
    expect((await post(backend, big)).status).toBe(413);
  });

  it.each([
    ['', true],
    ['analytics:\n  enabled: false\n', false],
  ])('tells the kiosk page whether it records (%j)', async (yaml, recording) => {
    const backend = await start(yaml);
    const response = await backend.handler(
      new Request(`${ORIGIN}${api.events}`, { headers: { Origin: ORIGIN } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recording });
  });

  it('with analytics off, answers 204 alike and makes no database', async () => {
    const backend = await start('analytics:\n  enabled: false\n');
    expect((await post(backend, batch)).status).toBe(204);
    expect((await readdir(dataDir).catch(() => [])).filter((f) => f.startsWith('analytics'))).toEqual([]);
    const summary = (await (await figures(backend, await unlock(backend))).json()) as AnalyticsSummary;
    expect(summary).toMatchObject({ enabled: false, visits: 0 });
  });

  it.each([
    [{ events: [{ visit: VISIT, at: now, name: 'visitStart' }] }, 1, 0],
    [{ events: [{ visit: 'not-random', at: now, name: 'visitStart' }] }, 0, 1],
    [{ events: [{ visit: VISIT, at: now + 0.5, name: 'visitStart' }] }, 0, 1],
    [{ events: [{ visit: VISIT, at: now, name: 'screen', screen: 'home', dwell: 3, item: 'a b' }] }, 0, 1],
    [{ events: Array.from({ length: 61 }, () => ({ visit: VISIT, at: now, name: 'visitStart' })) }, 0, 1],
    [null, 0, 1],
  ])('acceptedEvents(%j)', (body, accepted, refused) => {
    const result = acceptedEvents(body, now);
    expect(result.events).toHaveLength(accepted);
    expect(result.refused).toBe(refused);
  });
});

describe('saving the figures onto a USB stick', () => {
  const save = async (
    backend: Backend,
    token: string,
    body: unknown = { from: '2026-05-04', to: '2026-05-04' },
  ) => {
    const response = await backend.handler(
      new Request(`${ORIGIN}${api.staffAnalyticsExport}`, {
        method: 'POST',
        headers: { Origin: ORIGIN, [STAFF_TOKEN_HEADER]: token },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, result: (await response.json()) as StickExportResult };
  };

  it('writes both CSV files into kiosk-analytics/ on the stick, for staff only', async () => {
    // The watched folder is the stick itself (a Windows drive letter, or a folder named in kiosk.yaml).
    await mkdir(path.join(root, 'stick'));
    const backend = await start('packages:\n  watchFolders: [../stick]\n');
    expect((await post(backend, batch)).status).toBe(204);
    expect((await save(backend, 'wrong')).status).toBe(403);
    const token = await unlock(backend);

    const { status, result } = await save(backend, token);
    expect(status).toBe(200);
    expect(result).toMatchObject({
      ok: true,
      folder: path.join(root, 'stick', 'kiosk-analytics'),
      events: 3,
    });
    const files = (await readdir(path.join(root, 'stick', 'kiosk-analytics'))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^[A-Za-z0-9-]+-2026-05-04-2026-05-04-daily\.csv$/);
    expect(files[1]).toMatch(/-2026-05-04-2026-05-04-events\.csv$/);
    const events = await readFile(path.join(root, 'stick', 'kiosk-analytics', files[1] ?? ''), 'utf8');
    expect(events.split('\r\n')[0]).toBe('time,visit,event,screen,item,lang,value,detail,number');
    expect(events.split('\r\n').filter((l) => l.includes(VISIT))).toHaveLength(3);
    const daily = await readFile(path.join(root, 'stick', 'kiosk-analytics', files[0] ?? ''), 'utf8');
    expect(daily.split('\r\n')[1]).toMatch(/^2026-05-04,1,60,/);

    expect((await save(backend, token, { from: '2026-05-05', to: '2026-05-04' })).result).toMatchObject({
      ok: false,
      reason: 'bad-period',
    });
  });

  it('says so when no stick is there, or when it cannot be written', async () => {
    const backend = await start('packages:\n  watchFolders: [../no-stick, ../locked]\n');
    const token = await unlock(backend);
    expect((await save(backend, token)).result).toEqual({ ok: false, reason: 'no-stick', detail: '' });

    // A stick that cannot take the files (its kiosk-analytics is a file, not a folder): said, with why.
    await mkdir(path.join(root, 'locked'));
    await writeFile(path.join(root, 'locked', 'kiosk-analytics'), 'not a folder');
    expect((await save(backend, token)).result).toMatchObject({
      ok: false,
      reason: 'write-failed',
      detail: expect.stringMatching(new RegExp(`locked: (EEXIST|ENOTDIR)`)),
    });
  });
});
