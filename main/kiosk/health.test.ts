import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  formatHealth,
  readShellState,
  recordCrash,
  recordLaunch,
  restartsToday,
  startHealthWriter,
  type HealthInput,
  type ShellState,
} from './health';

const metric = (type: string, pid: number, kb: number, cpu = 1.25) => ({
  type,
  pid,
  cpu: { percentCPUUsage: cpu },
  memory: { workingSetSize: kb, peakWorkingSetSize: kb },
});

function input(overrides: Partial<HealthInput> = {}): HealthInput {
  return {
    now: new Date('2026-05-04T10:00:00Z'),
    startedAt: new Date('2026-05-04T08:00:00Z'),
    appVersion: '0.1.0',
    electronVersion: '45.4.1',
    metrics: [metric('Browser', 100, 102_400), metric('Tab', 101, 256_000), metric('GPU', 102, 51_200)],
    content: { ok: true, version: '2026.05', message: 'Exhibit loaded.' },
    shellState: { launches: ['2026-05-04T08:00:00.000Z'], lastCrash: null },
    timeZone: 'Asia/Shanghai',
    lastHeartbeat: new Date('2026-05-04T09:59:57Z'),
    watchdogFailures: 0,
    open: true,
    staffWarnings: [],
    ...overrides,
  };
}

describe('formatHealth', () => {
  it('summarises a healthy kiosk', () => {
    expect(formatHealth(input())).toEqual({
      status: 'ok',
      attention: [],
      writtenAt: '2026-05-04T10:00:00.000Z',
      appVersion: '0.1.0',
      electronVersion: '45.4.1',
      startedAt: '2026-05-04T08:00:00.000Z',
      uptimeSeconds: 7200,
      open: true,
      content: { ok: true, version: '2026.05', message: 'Exhibit loaded.' },
      lastCrash: null,
      restartsToday: 0,
      watchdogRecoveries: 0,
      renderer: { lastHeartbeat: '2026-05-04T09:59:57.000Z', secondsSinceHeartbeat: 3 },
      memory: {
        totalMB: 400,
        processes: [
          { type: 'Browser', pid: 100, workingSetMB: 100, cpuPercent: 1.3 },
          { type: 'Tab', pid: 101, workingSetMB: 250, cpuPercent: 1.3 },
          { type: 'GPU', pid: 102, workingSetMB: 50, cpuPercent: 1.3 },
        ],
      },
      staffWarnings: [],
    });
  });

  it.each([
    [
      'content that failed',
      { content: { ok: false, message: 'The content package could not be used (3 errors).' } },
      'could not be used',
    ],
    ['content not loaded', { content: null }, 'not been loaded'],
    [
      'a silent screen',
      { lastHeartbeat: new Date('2026-05-04T09:58:00Z') },
      'No sign of life from the screen for 120 s',
    ],
    [
      'many restarts',
      {
        shellState: {
          launches: ['01', '02', '03', '04', '05'].map((m) => `2026-05-04T0${m.slice(1)}:00:00Z`),
          lastCrash: null,
        },
      },
      'restarted 4 times today',
    ],
    ['a settings warning', { staffWarnings: ['kiosk-config has 2 problems'] }, 'kiosk-config has 2 problems'],
  ] as [string, Partial<HealthInput>, string][])('asks for attention on %s', (_name, overrides, text) => {
    const h = formatHealth(input(overrides));
    expect(h.status).toBe('attention');
    expect(h.attention.join(' ')).toContain(text);
  });

  it('reports no heartbeat yet as null, not as stale', () => {
    const h = formatHealth(input({ lastHeartbeat: null }));
    expect(h.renderer).toEqual({ lastHeartbeat: null, secondsSinceHeartbeat: null });
    expect(h.status).toBe('ok');
  });
});

describe('launch history', () => {
  it.each([
    // Asia/Shanghai is UTC+8: its day 2026-05-04 runs from 2026-05-03T16:00Z to 2026-05-04T16:00Z.
    [['2026-05-03T15:59:00Z', '2026-05-03T16:01:00Z'], '2026-05-04T10:00:00Z', 0],
    [['2026-05-03T16:01:00Z', '2026-05-04T02:00:00Z', '2026-05-04T09:00:00Z'], '2026-05-04T10:00:00Z', 2],
    [['2026-05-04T09:00:00Z', 'garbage', '2026-05-04T11:00:00Z'], '2026-05-04T10:00:00Z', 0],
    [[], '2026-05-04T10:00:00Z', 0],
  ])('%o at %s → %i restarts today', (launches, now, expected) => {
    expect(restartsToday(launches, new Date(now), 'Asia/Shanghai')).toBe(expected);
  });

  it('keeps about a week of launches and the last crash', () => {
    let s: ShellState = {
      launches: ['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'],
      lastCrash: null,
    };
    s = recordLaunch(s, new Date('2026-05-04T10:00:00Z'));
    expect(s.launches).toEqual(['2026-05-01T00:00:00.000Z', '2026-05-04T10:00:00.000Z']);
    s = recordCrash(s, { at: '2026-05-04T10:05:00.000Z', kind: 'renderer', reason: 'oom' });
    expect(s.lastCrash?.reason).toBe('oom');
  });
});

describe('files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-health-'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing or broken state file as an empty history', async () => {
    expect(await readShellState(path.join(dir, 'missing.json'))).toEqual({ launches: [], lastCrash: null });
    await writeFile(
      path.join(dir, 'broken.json'),
      '{"launches": [1, "2026-05-04T10:00:00Z"], "lastCrash": {"at": 3}}',
    );
    expect(await readShellState(path.join(dir, 'broken.json'))).toEqual({
      launches: ['2026-05-04T10:00:00Z'],
      lastCrash: null,
    });
  });

  it('writes health every interval and logs a failure once, not every minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const file = path.join(dir, 'health.json');
    let n = 0;
    const log = vi.fn();
    let fail = false;
    const writer = startHealthWriter({
      file,
      intervalMs: 60_000,
      log,
      collect: () => {
        if (fail) throw new Error('no metrics');
        return formatHealth(input({ watchdogFailures: ++n }));
      },
    });
    await writer.writeNow();
    expect(JSON.parse(await readFile(file, 'utf8')).watchdogRecoveries).toBeGreaterThanOrEqual(1);
    const before = n;
    vi.advanceTimersByTime(60_000);
    await vi.waitFor(async () => {
      expect(JSON.parse(await readFile(file, 'utf8')).watchdogRecoveries).toBe(before + 1);
    });
    fail = true;
    await writer.writeNow();
    await writer.writeNow();
    expect(log).toHaveBeenCalledOnce();
    writer.stop();
  });
});
