/**
 * Issue 15, "Watch the fleet": the kiosk's /metrics, scraped over real HTTP from a real backend (the
 * loopback preview host, the real content worker on the test exhibit, a real analytics database), and from
 * the small metrics listener Electron uses, on the machine's own network address as a LAN caller.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../main/common/api';
import type { ExhibitResponse } from '../../main/common/exhibit';
import { metricsListenAddress, serveMetrics, type MetricsListener } from '../../main/backend/metricsListener';
import { startPreviewServer, type PreviewServer } from '../../main/preview/previewServer';
import { parseExposition, samplesOf, valueOf, type Exposition } from '../support/promText';

const PREVIEW_PORT = 4361;
const LISTENER_PORT = 4362;
const LOOPBACK_LISTENER_PORT = 4365;
const TOKEN = 'fleet-token-5f2c9a1e7b3d4c60';

let root: string;
let dataDir: string;
let server: PreviewServer;
let listener: MetricsListener;
const warnings: string[] = [];

/** This machine's first address on a network (not loopback), the way a LAN scraper reaches the kiosk. */
const lanAddress =
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? null;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-metrics-'));
  const configDir = path.join(root, 'kiosk-config');
  dataDir = path.join(root, 'data');
  await cp('tests/e2e/kiosk-config', configDir, { recursive: true });
  await writeFile(
    path.join(configDir, 'kiosk.yaml'),
    `metrics:\n  port: ${LISTENER_PORT}\n  expose: true\n  token: ${TOKEN}\n`,
    { flag: 'a' },
  );
  await cp('tests/fixtures/valid', path.join(root, 'media'), { recursive: true });
  server = await startPreviewServer({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: path.join(root, 'media'),
    configDir,
    derivedDir: path.join(root, 'derived'),
    dataDir,
    port: PREVIEW_PORT,
    log: { info: () => undefined, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) },
  });
  const m = server.settings.metrics;
  listener = await serveMetrics(server.backend.metrics, {
    port: m.port,
    address: metricsListenAddress(m.expose),
  });
}, 120_000);

afterAll(async () => {
  await listener?.close();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One real HTTP request (node:http, so Host and the local address can be chosen). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function scrape(url = `${server.url}/metrics`): Promise<Exposition> {
  const answer = await get(url);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(answer.body);
}

const visitId = () => randomBytes(16).toString('hex');

async function recordVisits(count: number): Promise<void> {
  const at = Math.floor(Date.now() / 1000);
  const events = Array.from({ length: count }, () => visitId()).flatMap((visit) => [
    { visit, at, name: 'visitStart' },
    { visit, at, name: 'languageChosen', lang: 'en' },
  ]);
  const response = await fetch(`${server.url}${api.events}`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(204);
}

describe('/metrics on the loopback preview', () => {
  it('is the Prometheus text format, every metric with its HELP and TYPE', async () => {
    const metrics = await scrape();
    expect(metrics.samples.length).toBeGreaterThan(10);
    for (const sample of metrics.samples) {
      const family = sample.name.replace(/_total$/, '');
      expect(metrics.types.get(sample.name) ?? metrics.types.get(family), sample.name).toBeDefined();
      expect(metrics.help.get(sample.name) ?? metrics.help.get(family), sample.name).toBeTruthy();
    }
    expect(metrics.types.get('kiosk_renderer_restarts_total')).toBe('counter');
    expect(metrics.types.get('kiosk_visits_today')).toBe('gauge');
  });

  it("names the content on screen with /api/exhibit's version, and its checker counts", async () => {
    const exhibit = (await (await fetch(`${server.url}${api.exhibit}`)).json()) as ExhibitResponse;
    if (exhibit.status !== 'ok') throw new Error('the test exhibit did not load');
    const metrics = await scrape();
    const info = samplesOf(metrics, 'kiosk_content_info');
    expect(info).toEqual([
      {
        name: 'kiosk_content_info',
        labels: { exhibit: exhibit.exhibit.id, version: exhibit.exhibit.version, package_version: '' },
        value: 1,
      },
    ]);
    expect(valueOf(metrics, 'kiosk_content_loaded')).toBe(1);
    const report = server.backend.content.lastReport();
    expect(valueOf(metrics, 'kiosk_content_problems', { severity: 'error' })).toBe(report?.errors);
    expect(valueOf(metrics, 'kiosk_content_problems', { severity: 'warning' })).toBe(report?.warnings);
    expect(valueOf(metrics, 'kiosk_info', { host: 'preview' })).toBe(1);
  });

  it('counts the visits recorded today through the analytics route', async () => {
    const before = valueOf(await scrape(), 'kiosk_visits_today');
    await recordVisits(3);
    expect(valueOf(await scrape(), 'kiosk_visits_today')).toBe(before + 3);
    await recordVisits(1);
    expect(valueOf(await scrape(), 'kiosk_visits_today')).toBe(before + 4);
  });

  it('reports uptime, memory, free disk, the opening hours and the last heartbeat', async () => {
    const first = await scrape();
    const started = valueOf(first, 'kiosk_start_time_seconds');
    expect(started).toBeLessThanOrEqual(Date.now() / 1000);
    expect(valueOf(first, 'kiosk_uptime_seconds')).toBeGreaterThanOrEqual(0);
    const backend = valueOf(first, 'kiosk_process_resident_memory_bytes', { process: 'backend' });
    expect(samplesOf(first, 'kiosk_process_resident_memory_bytes')[0]?.labels.pid).toBe(String(process.pid));
    expect(backend).toBeGreaterThan(10 * 1024 * 1024);
    expect(valueOf(first, 'kiosk_backend_heap_used_bytes')).toBeGreaterThan(0);
    const disk = await statfs(dataDir);
    expect(valueOf(first, 'kiosk_data_disk_size_bytes')).toBe(disk.blocks * disk.bsize);
    const free = valueOf(first, 'kiosk_data_disk_free_bytes');
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(disk.blocks * disk.bsize);
    expect(valueOf(first, 'kiosk_open')).toBe(1); // the test kiosk is open around the clock
    expect(valueOf(first, 'kiosk_renderer_last_heartbeat_timestamp_seconds')).toBe(0);

    const beat = await fetch(`${server.url}${api.heartbeat}`, {
      method: 'POST',
      headers: { Origin: server.url },
      body: JSON.stringify({ phase: 'attract' }),
    });
    expect(beat.status).toBe(204);
    const second = await scrape();
    expect(valueOf(second, 'kiosk_renderer_last_heartbeat_timestamp_seconds')).toBeGreaterThanOrEqual(
      started,
    );
    expect(valueOf(second, 'kiosk_start_time_seconds')).toBe(started);
  });

  it('counts renderer restarts the host reports, and shows update checks from their first', async () => {
    const before = await scrape();
    expect(valueOf(before, 'kiosk_renderer_restarts_total')).toBe(0);
    expect(samplesOf(before, 'kiosk_update_last_check_timestamp_seconds')).toEqual([]);

    server.backend.metrics.rendererRestarted();
    server.backend.metrics.rendererRestarted();
    server.backend.metrics.updateChecked({
      at: '2026-12-02T08:00:00.000Z',
      result: 'up-to-date',
      reason: null,
    });
    server.backend.metrics.updateChecked({
      at: '2026-12-02T08:15:00.000Z',
      result: 'refused',
      reason: 'hash-mismatch',
    });
    const after = await scrape();
    expect(valueOf(after, 'kiosk_renderer_restarts_total')).toBe(2);
    expect(valueOf(after, 'kiosk_update_last_check_timestamp_seconds')).toBe(
      Date.parse('2026-12-02T08:15:00Z') / 1000,
    );
    expect(valueOf(after, 'kiosk_update_last_success_timestamp_seconds')).toBe(
      Date.parse('2026-12-02T08:00:00Z') / 1000,
    );
    expect(samplesOf(after, 'kiosk_update_last_check_success')).toEqual([
      {
        name: 'kiosk_update_last_check_success',
        labels: { result: 'refused', reason: 'hash-mismatch' },
        value: 0,
      },
    ]);
    expect(valueOf(after, 'kiosk_update_checks_total', { result: 'up-to-date' })).toBe(1);
    expect(valueOf(after, 'kiosk_update_checks_total', { result: 'refused' })).toBe(1);
  });

  it('refuses web pages, other names for this computer, writes, and a host that cannot tell who asks', async () => {
    expect((await get(`${server.url}/metrics`, { Origin: server.url })).status).toBe(403);
    expect((await get(`${server.url}/metrics`, { Host: `evil.example:${PREVIEW_PORT}` })).status).toBe(421);
    const post = await get(`${server.url}/metrics`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await get(`${server.url}/metrics`, {}, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    // Electron's protocol.handle passes no caller: /metrics is refused there (its listener serves it).
    const inProcess = await server.backend.handler(new Request(`${server.url}/metrics`));
    expect(inProcess.status).toBe(403);
  });
});

describe('/metrics on its own listener, from the museum network', () => {
  it('listens on every address only because kiosk.yaml exposes it', () => {
    expect(listener.address).toBe('0.0.0.0');
    expect(metricsListenAddress(false)).toBe('127.0.0.1');
  });

  it('serves this computer without a token, and nothing but /metrics', async () => {
    const metrics = await scrape(`${listener.url}/metrics`);
    expect(valueOf(metrics, 'kiosk_info', { host: 'preview' })).toBe(1);
    expect((await get(`${listener.url}/api/exhibit`)).status).toBe(404);
    const root = await get(`${listener.url}/`);
    expect(root.status).toBe(404);
    expect(root.headers['x-content-type-options']).toBe('nosniff');
    const post = await get(`${listener.url}/metrics`, {}, 'POST');
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect((await get(`${listener.url}/metrics`, { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it.skipIf(lanAddress === null)(
    'not exposed, it listens on 127.0.0.1 only: the network cannot connect',
    async () => {
      const own = await serveMetrics(server.backend.metrics, {
        port: LOOPBACK_LISTENER_PORT,
        address: metricsListenAddress(false),
      });
      try {
        expect(valueOf(await scrape(`${own.url}/metrics`), 'kiosk_content_loaded')).toBe(1);
        await expect(get(`http://${lanAddress}:${LOOPBACK_LISTENER_PORT}/metrics`)).rejects.toMatchObject({
          code: 'ECONNREFUSED',
        });
      } finally {
        await own.close();
      }
    },
  );

  it.skipIf(lanAddress === null)(
    'a LAN caller without the token is refused (401), with a wrong one too, with it served',
    async () => {
      const lan = `http://${lanAddress}:${LISTENER_PORT}/metrics`;
      const without = await get(lan);
      expect(without.status).toBe(401);
      expect(without.headers['www-authenticate']).toBe('Bearer realm="kiosk metrics"');
      expect((await get(lan, { Authorization: 'Bearer not-the-token-at-all' })).status).toBe(401);
      const withToken = await get(lan, { Authorization: `Bearer ${TOKEN}` });
      expect(withToken.status).toBe(200);
      const metrics = parseExposition(withToken.body);
      expect(valueOf(metrics, 'kiosk_content_loaded')).toBe(1);
      expect(warnings.some((w) => w.includes(`"${lanAddress}" without the metrics token`))).toBe(true);
    },
  );

  it.skipIf(lanAddress === null)(
    'an allow list refuses other addresses (403) even with the token',
    async () => {
      const lan = `http://${lanAddress}:${LISTENER_PORT}/metrics`;
      const settings = server.settings.metrics;
      const saved = settings.allow;
      try {
        // The settings are read at each request; a list that leaves this machine's address out.
        settings.allow = ['198.51.100.0/24'];
        expect((await get(lan, { Authorization: `Bearer ${TOKEN}` })).status).toBe(403);
        settings.allow = [`${lanAddress}/32`];
        expect((await get(lan, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      } finally {
        settings.allow = saved;
      }
    },
  );

  it.runIf(lanAddress === null)('needs a network address to act as a LAN caller', () => {
    console.log('skipped the LAN callers: this machine has no IPv4 address besides loopback');
  });

  it('the preview server itself is never reachable from the network', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${PREVIEW_PORT}`);
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });
});
