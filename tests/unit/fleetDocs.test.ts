/**
 * Issue 15, "Watch the fleet": the Prometheus scrape configuration, alert rules and Grafana dashboard in
 * docs/fleet/ are read as Prometheus and Grafana read them, and every metric they name is one a real
 * kiosk's /metrics serves (a real backend on loopback, with the hooks the Electron host gives it, scraped
 * over HTTP). Where Debian's promtool is installed (`apt-get install prometheus`) the files are also loaded
 * and the alert rules' own unit tests (docs/fleet/alerts.test.yml) run in it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createBackend, type Backend } from '../../main/backend/createBackend';
import { DEFAULT_SETTINGS } from '../../main/common/settings';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { serveOnLoopback, type LoopbackServer } from '../../main/preview/loopback';
import { parseExposition } from '../support/promText';

const FLEET = path.resolve('docs/fleet');
const PORT = 4363;
/** Made by Prometheus itself for each target, not by the kiosk. */
const PROMETHEUS_OWN = new Set(['up']);
const REQUIRED_ALERTS = [
  'KioskDown',
  'KioskCrashLoop',
  'KioskVersionDrift',
  'KioskDiskNearlyFull',
  'KioskUpdateFailing',
];

const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a Prometheus duration such as 5m');
const ruleFileSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        interval: duration.optional(),
        rules: z
          .array(
            z.strictObject({
              alert: z.string().regex(/^[A-Z][A-Za-z]+$/),
              expr: z.string().min(1),
              for: duration.optional(),
              labels: z.record(z.string(), z.string()).optional(),
              annotations: z.record(z.string(), z.string()).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

const dashboardSchema = z.object({
  title: z.string(),
  uid: z.string(),
  schemaVersion: z.number().int(),
  templating: z.object({
    list: z.array(z.object({ name: z.string(), type: z.string(), definition: z.string().optional() })),
  }),
  panels: z
    .array(
      z.object({
        id: z.number().int(),
        type: z.string(),
        title: z.string().min(1),
        gridPos: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
        targets: z.array(z.object({ refId: z.string(), expr: z.string().min(1) })).min(1),
      }),
    )
    .min(1),
});

let root: string;
let backend: Backend;
let server: LoopbackServer;
let served: Set<string>;
let scrapeText: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-fleet-docs-'));
  await cp('tests/fixtures/valid', path.join(root, 'media'), { recursive: true });
  backend = createBackend({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: path.join(root, 'media'),
    configDir: path.resolve('tests/e2e/kiosk-config'),
    derivedDir: path.join(root, 'derived'),
    dataDir: path.join(root, 'data'),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    contentWorker: contentWorkerFromSource(),
    // What the Electron host reports besides the backend's own figures (main/electron/index.ts).
    host: {
      kind: 'preview',
      processMemory: () => [{ process: 'renderer', pid: 1, bytes: 150 * 1024 * 1024 }],
      relaunchesToday: () => 0,
    },
  });
  await backend.content.reload();
  // The network polling loop reports its checks; the update figures appear from the first.
  backend.metrics.updateChecked({ at: new Date().toISOString(), result: 'up-to-date', reason: null });
  server = await serveOnLoopback(backend.handler, PORT);
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  scrapeText = await response.text();
  served = new Set(parseExposition(scrapeText).samples.map((s) => s.name));
}, 120_000);

afterAll(async () => {
  await server?.close();
  backend?.analytics.close();
  await rm(root, { recursive: true, force: true });
});

/** The metric names a PromQL expression uses (label values and strings left out). */
function metricNames(expr: string): string[] {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, '{}');
  const names = new Set<string>();
  for (const m of code.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)) {
    const name = m[1] as string;
    if (name.startsWith('kiosk_') || PROMETHEUS_OWN.has(name)) names.add(name);
  }
  return [...names];
}

async function readYaml(file: string): Promise<unknown> {
  return parseYaml(await readFile(path.join(FLEET, file), 'utf8'));
}

describe('docs/fleet/alerts.yml', () => {
  it('has the shape of a Prometheus rule file and the alerts the issue names', async () => {
    const rules = ruleFileSchema.parse(await readYaml('alerts.yml'));
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    for (const name of REQUIRED_ALERTS) expect(alerts).toContain(name);
    expect(new Set(alerts).size).toBe(alerts.length);
  });

  it('names only metrics a kiosk serves', async () => {
    const rules = ruleFileSchema.parse(await readYaml('alerts.yml'));
    for (const rule of rules.groups.flatMap((g) => g.rules)) {
      const names = metricNames(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) {
        if (!PROMETHEUS_OWN.has(name)) expect(served, `${rule.alert} uses ${name}`).toContain(name);
      }
    }
  });
});

describe('docs/fleet/prometheus.yml', () => {
  it('scrapes /metrics on the port kiosk.yaml uses by default, with the rules beside it', async () => {
    const config = z
      .object({
        rule_files: z.array(z.string()),
        scrape_configs: z.array(
          z.object({
            job_name: z.string(),
            metrics_path: z.string(),
            authorization: z.object({ type: z.literal('Bearer'), credentials_file: z.string() }),
            static_configs: z.array(z.object({ targets: z.array(z.string()).min(1) })),
          }),
        ),
      })
      .parse(await readYaml('prometheus.yml'));
    expect(config.rule_files).toEqual(['alerts.yml']);
    const job = config.scrape_configs.find((c) => c.job_name === 'memorial-kiosk');
    expect(job?.metrics_path).toBe('/metrics');
    const targets = job?.static_configs.flatMap((s) => s.targets) ?? [];
    for (const target of targets) expect(target).toMatch(new RegExp(`:${DEFAULT_SETTINGS.metrics.port}$`));
  });
});

describe('docs/fleet/dashboard.json', () => {
  it('is a Grafana dashboard whose every query names metrics a kiosk serves', async () => {
    const dashboard = dashboardSchema.parse(
      JSON.parse(await readFile(path.join(FLEET, 'dashboard.json'), 'utf8')),
    );
    const queries = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: p.title, expr: t.expr }))),
      ...dashboard.templating.list
        .filter((v) => v.definition)
        .map((v) => ({ where: `variable ${v.name}`, expr: v.definition ?? '' })),
    ];
    expect(queries.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const { where, expr } of queries) {
      const names = metricNames(expr.replace(/^label_values\((.*), *\w+\)$/, '$1'));
      expect(names.length, where).toBeGreaterThan(0);
      for (const name of names) {
        used.add(name);
        if (!PROMETHEUS_OWN.has(name)) expect(served, `${where} uses ${name}`).toContain(name);
      }
    }
    // The panels show each figure the issue asks a kiosk to report.
    for (const name of [
      'kiosk_content_info',
      'kiosk_uptime_seconds',
      'kiosk_visits_today',
      'kiosk_renderer_restarts_total',
      'kiosk_relaunches_today',
      'kiosk_process_resident_memory_bytes',
      'kiosk_update_last_check_timestamp_seconds',
      'kiosk_update_last_check_success',
      'kiosk_content_problems',
      'kiosk_data_disk_free_bytes',
    ]) {
      expect(used, name).toContain(name);
    }
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!promtool)('promtool (Debian package prometheus)', () => {
  const run = (args: string[], input?: string) =>
    execFileSync('promtool', args, { cwd: FLEET, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });

  it('loads the rules and the configuration', () => {
    expect(run(['check', 'rules', 'alerts.yml'])).toMatch(/SUCCESS: \d+ rules found/);
    // --syntax-only: the token file of a real setup is not in the repository.
    expect(run(['check', 'config', '--syntax-only', 'prometheus.yml'])).toMatch(/SUCCESS/);
  });

  it("passes the rules' own unit tests (docs/fleet/alerts.test.yml)", () => {
    expect(run(['test', 'rules', 'alerts.test.yml'])).toMatch(/SUCCESS/);
  });

  it('finds nothing to say about what /metrics serves', () => {
    // check metrics prints its lint findings and exits 3 when there are any.
    expect(run(['check', 'metrics'], scrapeText)).toBe('');
  });
});

it.runIf(!promtool)('promtool is not installed', () => {
  console.log('skipped the promtool checks: promtool is not installed (Debian: apt-get install prometheus)');
});
