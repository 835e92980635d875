/**
 * health.json: a small snapshot a technician (or a monitoring script) can read without opening the kiosk —
 * uptime, memory per process, content version, the last crash, restarts today and the renderer's last
 * heartbeat. Written atomically (temporary file, fsync, rename) every minute into the user-data folder.
 *
 * Also the launch history and last crash kept across restarts (kiosk-state.json), which "restarts today"
 * and "last crash" come from.
 */
import { readFile } from 'node:fs/promises';
import { writeJsonAtomically } from '../files/atomicWrite';
import { zonedParts } from './schedule';

/** The fields of Electron's ProcessMetric that the snapshot uses (memory in KB). */
export interface ProcessMetricLike {
  type: string;
  pid: number;
  name?: string;
  serviceName?: string;
  cpu: { percentCPUUsage: number };
  memory: { workingSetSize: number; peakWorkingSetSize: number; privateBytes?: number };
}

export interface CrashRecord {
  at: string;
  kind: string;
  reason: string;
}

export interface ShellState {
  /** ISO times the kiosk started, newest last, at most a week of them. */
  launches: string[];
  lastCrash: CrashRecord | null;
}

export interface HealthInput {
  now: Date;
  startedAt: Date;
  appVersion: string;
  electronVersion?: string;
  metrics: ProcessMetricLike[];
  content: { ok: boolean; version?: string; message: string } | null;
  shellState: ShellState;
  timeZone?: string;
  lastHeartbeat: Date | null;
  watchdogFailures: number;
  open: boolean | null;
  staffWarnings: string[];
}

export interface HealthSnapshot {
  status: 'ok' | 'attention';
  attention: string[];
  writtenAt: string;
  appVersion: string;
  electronVersion?: string;
  startedAt: string;
  uptimeSeconds: number;
  open: boolean | null;
  content: { ok: boolean; version: string | null; message: string } | null;
  lastCrash: CrashRecord | null;
  restartsToday: number;
  watchdogRecoveries: number;
  renderer: { lastHeartbeat: string | null; secondsSinceHeartbeat: number | null };
  memory: {
    totalMB: number;
    processes: { type: string; pid: number; name?: string; workingSetMB: number; cpuPercent: number }[];
  };
  staffWarnings: string[];
}

const HEARTBEAT_STALE_SECONDS = 60;
const LAUNCH_HISTORY_DAYS = 8;
const MAX_LAUNCHES = 500;

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function localDate(epochMs: number, timeZone: string | undefined): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Launches on today's local date, minus the first one of the day (a restart is a launch after another). */
export function restartsToday(launches: string[], now: Date, timeZone?: string): number {
  const today = localDate(now.getTime(), timeZone);
  const count = launches.filter((iso) => {
    const t = Date.parse(iso);
    return Number.isFinite(t) && t <= now.getTime() && localDate(t, timeZone) === today;
  }).length;
  return Math.max(0, count - 1);
}

export function recordLaunch(state: ShellState, now: Date): ShellState {
  const cutoff = now.getTime() - LAUNCH_HISTORY_DAYS * 86_400_000;
  const launches = [...state.launches.filter((iso) => Date.parse(iso) > cutoff), now.toISOString()].slice(
    -MAX_LAUNCHES,
  );
  return { ...state, launches };
}

export function recordCrash(state: ShellState, crash: CrashRecord): ShellState {
  return { ...state, lastCrash: crash };
}

export function formatHealth(input: HealthInput): HealthSnapshot {
  const now = input.now.getTime();
  const processes = input.metrics.map((m) => ({
    type: m.type,
    pid: m.pid,
    ...(m.name || m.serviceName ? { name: m.name ?? m.serviceName } : {}),
    workingSetMB: mb(m.memory.workingSetSize),
    cpuPercent: Math.round(m.cpu.percentCPUUsage * 10) / 10,
  }));
  const secondsSinceHeartbeat = input.lastHeartbeat
    ? Math.max(0, Math.round((now - input.lastHeartbeat.getTime()) / 1000))
    : null;
  const attention: string[] = [];
  if (!input.content) attention.push('The content has not been loaded yet.');
  else if (!input.content.ok) attention.push(input.content.message);
  if (secondsSinceHeartbeat !== null && secondsSinceHeartbeat > HEARTBEAT_STALE_SECONDS) {
    attention.push(`No sign of life from the screen for ${secondsSinceHeartbeat} s.`);
  }
  const restarts = restartsToday(input.shellState.launches, input.now, input.timeZone);
  if (restarts > 3) attention.push(`The kiosk restarted ${restarts} times today.`);
  attention.push(...input.staffWarnings);
  return {
    status: attention.length === 0 ? 'ok' : 'attention',
    attention,
    writtenAt: input.now.toISOString(),
    appVersion: input.appVersion,
    ...(input.electronVersion ? { electronVersion: input.electronVersion } : {}),
    startedAt: input.startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.round((now - input.startedAt.getTime()) / 1000)),
    open: input.open,
    content: input.content
      ? { ok: input.content.ok, version: input.content.version ?? null, message: input.content.message }
      : null,
    lastCrash: input.shellState.lastCrash,
    restartsToday: restarts,
    watchdogRecoveries: input.watchdogFailures,
    renderer: { lastHeartbeat: input.lastHeartbeat?.toISOString() ?? null, secondsSinceHeartbeat },
    memory: {
      totalMB: Math.round(processes.reduce((sum, p) => sum + p.workingSetMB, 0) * 10) / 10,
      processes,
    },
    staffWarnings: input.staffWarnings,
  };
}

/** The persisted launch history and last crash; a missing or broken file is an empty history. */
export async function readShellState(file: string): Promise<ShellState> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    const v = value as Partial<ShellState>;
    const launches = Array.isArray(v.launches)
      ? v.launches.filter((x): x is string => typeof x === 'string')
      : [];
    const c = v.lastCrash;
    const lastCrash =
      c &&
      typeof c === 'object' &&
      typeof c.at === 'string' &&
      typeof c.kind === 'string' &&
      typeof c.reason === 'string'
        ? { at: c.at, kind: c.kind, reason: c.reason }
        : null;
    return { launches, lastCrash };
  } catch {
    return { launches: [], lastCrash: null };
  }
}

export interface HealthWriter {
  /** Write now (also called every interval). Never throws. */
  writeNow(): Promise<void>;
  stop(): void;
}

/** Write `collect()` to `file` now and every `intervalMs` (default one minute). */
export function startHealthWriter(options: {
  file: string;
  collect: () => HealthSnapshot | Promise<HealthSnapshot>;
  log: (message: string) => void;
  intervalMs?: number;
}): HealthWriter {
  let failedBefore = false;
  const writeNow = async () => {
    try {
      await writeJsonAtomically(options.file, await options.collect());
      failedBefore = false;
    } catch (error) {
      // Log the first failure of a run, not one line a minute.
      if (!failedBefore) options.log(`health.json could not be written: ${String(error)}`);
      failedBefore = true;
    }
  };
  const timer = setInterval(() => void writeNow(), options.intervalMs ?? 60_000);
  timer.unref?.();
  void writeNow();
  return { writeNow, stop: () => clearInterval(timer) };
}
