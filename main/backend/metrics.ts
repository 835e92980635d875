/**
 * The kiosk's `/metrics` for Prometheus (issue 15, "Watch the fleet"), in the Prometheus text format with
 * prom-client. Each backend has its own `Registry` (never prom-client's global one: several backends run in
 * one test process), and every figure is read when Prometheus asks (`collect`), not kept up to date between
 * scrapes. The names are listed in docs/fleet.md; the alert rules and the dashboard in docs/fleet/ use them,
 * and tests/unit/fleetDocs.test.ts checks each name they use against a real scrape.
 *
 * What only the host knows comes through small hooks: the memory of its other processes (Electron's
 * renderer, GPU …), the relaunches today (its launch history), the renderer restarts (the watchdog's
 * reloads, counted with `rendererRestarted`), and the network update checks (`updateChecked`, fed by the
 * polling loop of main/packages/).
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { Counter, Gauge, Registry } from 'prom-client';
import type { ExhibitResponse } from '../common/exhibit';
import type { MetricsSettings } from '../common/settings';
import { localDayHour, summarize } from '../analytics/queries';
import type { AnalyticsStore } from '../analytics/store';
import type { ContentReport } from './contentService';
import { decideMetricsAccess, metricsRequestOf } from './metricsAccess';
import { loopbackPolicy } from './access';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** One process of the kiosk and its resident memory, as the host reports it. */
export interface ProcessMemory {
  /** What it is, in lower case: 'renderer', 'gpu', 'utility', 'browser' … */
  process: string;
  pid: number;
  bytes: number;
}

/**
 * One check of the museum's network for a newer package, as the polling loop reports it (the shape of
 * `UpdateCheck` in main/common/packages.ts; only these fields are read).
 */
export interface UpdateCheckReport {
  /** ISO 8601 time the check began. */
  at: string;
  /** 'staged', 'up-to-date', 'not-modified': the check worked; anything else ('refused', 'server-error') failed. */
  result: string;
  /** Why it failed (a refusal code such as 'hash-mismatch' or 'stalled'), null when it worked. */
  reason: string | null;
}

const SUCCESSFUL_CHECKS = new Set(['staged', 'up-to-date', 'not-modified']);

export interface MetricsSources {
  host: 'electron' | 'preview';
  kioskVersion: string;
  startedAt: number;
  now(): number;
  /** The kiosk's writable data folder: its free disk is reported. */
  dataDir: string;
  exhibit(): ExhibitResponse;
  /** The live content package's version, when a packages folder is set and one is live. */
  packageVersion(): number | null;
  contentReport(): ContentReport | null;
  open(): boolean;
  analytics: AnalyticsStore;
  timeZone?: string;
  /** Milliseconds of the renderer's last heartbeat, null before the first. */
  lastHeartbeat(): number | null;
  /** The host's other processes (Electron: app.getAppMetrics()); the backend's own is always reported. */
  processMemory?(): ProcessMemory[];
  /** Restarts of the whole kiosk today (the host's launch history). */
  relaunchesToday?(): number;
}

export interface KioskMetrics {
  registry: Registry;
  /** The text Prometheus reads. */
  scrape(): Promise<{ contentType: string; body: string }>;
  /**
   * Answer a request for /metrics: `remoteAddress` as the host's socket saw it (null when it cannot tell),
   * decided by `decideMetricsAccess`.
   */
  answer(request: Request, url: URL, remoteAddress: string | null): Promise<Response>;
  /** The watchdog reloaded the page (a new renderer): the host calls this. */
  rendererRestarted(): void;
  /** The network polling loop finished one check. */
  updateChecked(check: UpdateCheckReport): void;
}

export interface MetricsLog {
  warn(message: string): void;
}

export function createKioskMetrics(
  sources: MetricsSources,
  settings: () => MetricsSettings,
  log: MetricsLog,
): KioskMetrics {
  const registry = new Registry();
  const registers = [registry];
  const seconds = (ms: number) => ms / 1000;

  new Gauge({
    name: 'kiosk_info',
    help: 'This kiosk: its software version and host (electron or preview); always 1.',
    labelNames: ['kiosk_version', 'host'],
    registers,
    collect() {
      this.reset();
      this.set({ kiosk_version: sources.kioskVersion, host: sources.host }, 1);
    },
  });
  new Gauge({
    name: 'kiosk_content_info',
    help: 'The exhibit on screen: its id, version (exhibit.yaml, as /api/exhibit gives it) and content package version ("" without packages); always 1, absent while no exhibit is loaded.',
    labelNames: ['exhibit', 'version', 'package_version'],
    registers,
    collect() {
      this.reset();
      const current = sources.exhibit();
      if (current.status !== 'ok') return;
      const pkg = sources.packageVersion();
      this.set(
        {
          exhibit: current.exhibit.id,
          version: current.exhibit.version,
          package_version: pkg === null ? '' : String(pkg),
        },
        1,
      );
    },
  });
  new Gauge({
    name: 'kiosk_content_loaded',
    help: '1 when an exhibit is on screen, 0 when none could be loaded.',
    registers,
    collect() {
      this.set(sources.exhibit().status === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kiosk_content_problems',
    help: "The content checker's errors and warnings about the exhibit on screen, at its last load.",
    labelNames: ['severity'],
    registers,
    collect() {
      const report = sources.contentReport();
      this.set({ severity: 'error' }, report?.errors ?? 0);
      this.set({ severity: 'warning' }, report?.warnings ?? 0);
    },
  });
  new Gauge({
    name: 'kiosk_start_time_seconds',
    help: 'When this kiosk process started (Unix time); it changes at each relaunch.',
    registers,
    collect() {
      this.set(seconds(sources.startedAt));
    },
  });
  new Gauge({
    name: 'kiosk_uptime_seconds',
    help: 'Seconds since this kiosk process started.',
    registers,
    collect() {
      this.set(Math.max(0, seconds(sources.now() - sources.startedAt)));
    },
  });
  new Gauge({
    name: 'kiosk_open',
    help: '1 during opening hours (kiosk.yaml), 0 outside them (read at most once a minute).',
    registers,
    collect() {
      this.set(sources.open() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kiosk_visits_today',
    help: "Visits started today (the kiosk's time zone), from the on-device analytics; 0 when analytics is off.",
    registers,
    collect() {
      this.set(visitsToday(sources, log));
    },
  });
  new Gauge({
    name: 'kiosk_renderer_last_heartbeat_timestamp_seconds',
    help: 'When the visitor screen last said it was alive (Unix time); 0 before its first heartbeat.',
    registers,
    collect() {
      const at = sources.lastHeartbeat();
      this.set(at === null ? 0 : seconds(at));
    },
  });
  const restarts = new Counter({
    name: 'kiosk_renderer_restarts_total',
    help: 'Times the watchdog reloaded the visitor screen (a crashed, hung or silent renderer) since this process started.',
    registers,
  });
  if (sources.relaunchesToday) {
    const relaunches = sources.relaunchesToday;
    new Gauge({
      name: 'kiosk_relaunches_today',
      help: 'Restarts of the whole kiosk today (by the watchdog, staff or the nightly relaunch).',
      registers,
      collect() {
        this.set(relaunches());
      },
    });
  }
  new Gauge({
    name: 'kiosk_process_resident_memory_bytes',
    help: "Resident memory of each of the kiosk's processes: process=\"backend\" is the backend's own (Electron's main process); the others as the host reports them.",
    labelNames: ['process', 'pid'],
    registers,
    collect() {
      this.reset();
      this.set({ process: 'backend', pid: String(process.pid) }, process.memoryUsage.rss());
      for (const p of sources.processMemory?.() ?? []) {
        if (p.pid === process.pid) continue;
        this.set({ process: p.process, pid: String(p.pid) }, p.bytes);
      }
    },
  });
  new Gauge({
    name: 'kiosk_backend_heap_used_bytes',
    help: "The backend's JavaScript heap in use.",
    registers,
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  });
  const diskFree = new Gauge({
    name: 'kiosk_data_disk_free_bytes',
    help: "Free space (for the kiosk's user) on the disk of the kiosk's data folder.",
    registers,
  });
  new Gauge({
    name: 'kiosk_data_disk_size_bytes',
    help: "Size of the disk of the kiosk's data folder.",
    registers,
    async collect() {
      try {
        const s = await statfs(sources.dataDir);
        this.set(s.blocks * s.bsize);
        diskFree.set(s.bavail * s.bsize);
      } catch (error) {
        log.warn(`metrics: free disk of ${sources.dataDir} not known (${String(error)})`);
      }
    },
  });

  let updates: UpdateMetrics | null = null;

  return {
    registry,
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    async answer(request, url, remoteAddress) {
      const decision = decideMetricsAccess(metricsRequestOf(request, remoteAddress), {
        loopbackHosts: loopbackPolicy(url.port).hosts,
        settings: settings(),
      });
      if (!decision.allow) {
        if (decision.status !== 421) log.warn(`metrics: refused ${decision.status}: ${decision.reason}`);
        const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
        if (decision.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="kiosk metrics"';
        if (decision.status === 405) headers.Allow = 'GET, HEAD';
        return new Response(`${decision.reason}\n`, { status: decision.status, headers });
      }
      const { contentType, body } = await this.scrape();
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' },
      });
    },
    rendererRestarted() {
      restarts.inc();
    },
    updateChecked(check) {
      // The update figures appear at the first check: a kiosk that never checks the network has none
      // (so "update failing" never fires for it).
      updates ??= createUpdateMetrics(registry);
      updates.record(check);
    },
  };
}

interface UpdateMetrics {
  record(check: UpdateCheckReport): void;
}

function createUpdateMetrics(registry: Registry): UpdateMetrics {
  const registers = [registry];
  const lastCheck = new Gauge({
    name: 'kiosk_update_last_check_timestamp_seconds',
    help: "When the kiosk last checked the museum's network for a newer package (Unix time).",
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'kiosk_update_last_success_timestamp_seconds',
    help: 'When a check last worked (staged a package, or found nothing newer); 0 while none has.',
    registers,
  });
  const lastResult = new Gauge({
    name: 'kiosk_update_last_check_success',
    help: '1 when the last check worked, 0 when it failed; result and reason say how.',
    labelNames: ['result', 'reason'],
    registers,
  });
  const checks = new Counter({
    name: 'kiosk_update_checks_total',
    help: 'Checks of the network since this process started, by result.',
    labelNames: ['result'],
    registers,
  });
  return {
    record(check) {
      const at = Date.parse(check.at);
      const atSeconds = Number.isFinite(at) ? at / 1000 : Date.now() / 1000;
      const ok = SUCCESSFUL_CHECKS.has(check.result);
      const result = label(check.result);
      lastCheck.set(atSeconds);
      if (ok) lastSuccess.set(atSeconds);
      lastResult.reset();
      lastResult.set({ result, reason: ok ? '' : label(check.reason ?? '') }, ok ? 1 : 0);
      checks.inc({ result });
    },
  };
}

/** A label value from a short code: at most 40 characters of letters, digits and dashes. */
function label(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
}

function visitsToday(sources: MetricsSources, log: MetricsLog): number {
  const db = sources.analytics.database();
  if (!db) return 0;
  try {
    const day = localDayHour(sources.now() / 1000, sources.timeZone).day;
    const zone = sources.timeZone ? { timeZone: sources.timeZone } : {};
    return summarize(db, { from: day, to: day, ...zone }).visits;
  } catch (error) {
    log.warn(`metrics: visits today not read (${String(error)})`);
    return 0;
  }
}

/**
 * The content package version on screen: that of the version folder being served
 * (`versions/<exhibit>-<version>-<hash>/content`), which stays the old one while a new version loads and
 * waits for the attract loop; null when the kiosk shows its media folder.
 */
export function packageVersionOf(servedDir: string | null): number | null {
  if (!servedDir || path.basename(servedDir) !== 'content') return null;
  const match = /-(\d+)-[0-9a-f]+$/.exec(path.basename(path.dirname(servedDir)));
  return match ? Number(match[1]) : null;
}
