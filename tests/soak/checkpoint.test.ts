import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openingHoursSchema } from '../../main/common/settings';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  CheckpointError,
  PROGRESS_FILE,
  commitSnapshot,
  copySnapshot,
  planSha256,
  pruneSnapshots,
  readCheckpoint,
  readPlan,
  remainingDays,
  restoreSnapshot,
  snapshotName,
  writeCheckpoint,
  writePlan,
  type SoakCheckpoint,
} from './checkpoint';
import { planWeek, type PlanOptions } from './plan';
import { syntheticResult } from './syntheticResult';
import { FAULT_KINDS } from './types';

const hours = openingHoursSchema.parse({
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['09:00-21:00']]),
  ),
});

function planOptions(days: number, visitsPerDay: number, seed: number): PlanOptions {
  return {
    days,
    visitsPerDay,
    seed,
    firstDate: '2027-03-24',
    hours,
    languages: ['zh-Hans', 'en', 'ja', 'id'],
    faults: FAULT_KINDS,
    idleSeconds: 20,
    warningSeconds: 5,
  };
}

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'soak-checkpoint-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A checkpoint at the end of `afterDay`, from a synthetic week's records, with its snapshot on disk. */
function checkpointIn(outDir: string, afterDay: number, days = 7): SoakCheckpoint {
  const result = syntheticResult({ days });
  mkdirSync(path.join(outDir, snapshotName(afterDay)), { recursive: true });
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    options: { ...result.options, outDir },
    afterDay,
    snapshot: snapshotName(afterDay),
    planSha256: planSha256(planWeek(planOptions(days, 20, 1))),
    startedAt: '2026-12-02T08:00:00.000Z',
    realSeconds: 3_600,
    savedAt: '2026-12-02T09:00:00.000Z',
    chromium: '143.0',
    diskFullMethod: 'a 64 MB tmpfs',
    resumed: [],
    state: {
      sim: Date.parse('2027-03-25T02:30:00Z'),
      pageLife: afterDay + 2,
      days: result.days.slice(0, afterDay),
      samples: result.samples.filter((s) => s.day <= afterDay),
      faults: result.faults.filter((f) => f.day <= afterDay),
      visitsDriven: afterDay * 20,
      visitsUncountable: 3,
      notFresh: ['day 1 visit 3: not fresh'],
      logLinesLost: [],
      consoleTraces: [{ real: 1, sim: 2, text: 'net::ERR_FAILED' }],
      faultWindows: [{ fromReal: 0, toReal: 5, fromSim: 1, toSim: 9 }],
      errorsAtLastSample: 1,
      logErrorsAtLastSample: 0,
    },
  };
}

describe('the checkpoint on disk', () => {
  it.each([1, 3, 6])('reads back exactly what was written at the end of day %i', async (afterDay) => {
    const out = tempFolder();
    const written = checkpointIn(out, afterDay);
    await writeCheckpoint(out, written);
    expect(readCheckpoint(out)).toEqual(written);
    // Written atomically: no temporary file is left beside it.
    expect(existsSync(path.join(out, PROGRESS_FILE))).toBe(true);
    expect((await import('node:fs')).readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  const refusals: [string, (out: string) => void, RegExp][] = [
    ['no progress.json', () => undefined, /nothing to resume/],
    ['not JSON', (out) => writeFileSync(path.join(out, PROGRESS_FILE), '{"format": '), /not readable JSON/],
    [
      'the old progress.json without a checkpoint',
      (out) => writeFileSync(path.join(out, PROGRESS_FILE), '{"days": [], "samples": []}'),
      /kept no checkpoint/,
    ],
    [
      'a later format',
      (out) =>
        writeFileSync(path.join(out, PROGRESS_FILE), JSON.stringify({ ...checkpointIn(out, 2), version: 2 })),
      /not a checkpoint this soak can resume: version/,
    ],
    [
      'a visit count that is not a count',
      (out) => {
        const c = checkpointIn(out, 2);
        writeFileSync(
          path.join(out, PROGRESS_FILE),
          JSON.stringify({ ...c, state: { ...c.state, visitsDriven: -1 } }),
        );
      },
      /state\.visitsDriven/,
    ],
    [
      'the last day done',
      (out) => writeFileSync(path.join(out, PROGRESS_FILE), JSON.stringify(checkpointIn(out, 7))),
      /no day left/,
    ],
    [
      'days missing from the records',
      (out) => {
        const c = checkpointIn(out, 3);
        writeFileSync(
          path.join(out, PROGRESS_FILE),
          JSON.stringify({ ...c, state: { ...c.state, days: c.state.days.slice(0, 2) } }),
        );
      },
      /holds 2 day/,
    ],
    [
      'the kiosk folder copy gone',
      (out) => {
        writeFileSync(path.join(out, PROGRESS_FILE), JSON.stringify(checkpointIn(out, 2)));
        rmSync(path.join(out, snapshotName(2)), { recursive: true });
      },
      /is missing/,
    ],
  ];
  it.each(refusals)('refuses to resume with %s, saying why', (_name, make, message) => {
    const out = tempFolder();
    make(out);
    expect(() => readCheckpoint(out)).toThrow(CheckpointError);
    expect(() => readCheckpoint(out)).toThrow(message);
  });
});

describe('a resumed week runs the plan an uninterrupted week runs', () => {
  const cases: [days: number, visits: number, seed: number, afterDay: number][] = [
    [7, 1000, 1, 1],
    [7, 1000, 1, 4],
    [7, 1000, 7, 6],
    [2, 40, 1, 1],
    [3, 200, 42, 2],
  ];
  it.each(cases)(
    '%i days × %i visits, seed %i, stopped after day %i',
    async (days, visits, seed, afterDay) => {
      const out = tempFolder();
      // The first run writes its plan; the resumed run reads it back.
      const sha = await writePlan(out, planWeek(planOptions(days, visits, seed)));
      const resumed = remainingDays(readPlan(out, sha), afterDay);
      // An uninterrupted run with the same seed, planned afresh.
      const uninterrupted = planWeek(planOptions(days, visits, seed));
      expect(resumed).toEqual(uninterrupted.slice(afterDay));
      expect(resumed[0]?.day).toBe(afterDay + 1);
      expect(resumed.flatMap((d) => d.faults)).toEqual(
        uninterrupted.slice(afterDay).flatMap((d) => d.faults),
      );
      expect(planSha256(uninterrupted)).toBe(sha);
    },
  );

  it('another seed is another plan, and its fingerprint says so', async () => {
    const out = tempFolder();
    const sha = await writePlan(out, planWeek(planOptions(2, 40, 1)));
    expect(planSha256(planWeek(planOptions(2, 40, 2)))).not.toBe(sha);
    writeFileSync(path.join(out, 'plan.json'), JSON.stringify(planWeek(planOptions(2, 40, 2))));
    expect(() => readPlan(out, sha)).toThrow(/not the plan the checkpoint was made with/);
  });
});

describe("the copy of the kiosk's folder", () => {
  function kioskFolder(root: string): string {
    const work = path.join(root, 'kiosk');
    mkdirSync(path.join(work, 'media', 'photos'), { recursive: true });
    mkdirSync(path.join(work, 'disk', 'data'), { recursive: true });
    mkdirSync(path.join(work, 'disk', 'logs'), { recursive: true });
    writeFileSync(path.join(work, 'media', 'photos', 'a.jpg'), 'photo');
    writeFileSync(path.join(work, 'disk', 'logs', 'kiosk.log'), 'line 1\n');
    writeFileSync(path.join(work, 'disk', 'data', 'analytics.sqlite'), 'day 1');
    return work;
  }

  it('puts back the folder as it was at the checkpoint, the small disk made again first', () => {
    const out = tempFolder();
    const work = kioskFolder(out);
    const name = commitSnapshot(out, 1, copySnapshot(out, work, 1));
    expect(name).toBe(snapshotName(1));
    // What the killed run did after the checkpoint.
    writeFileSync(path.join(work, 'disk', 'logs', 'kiosk.log'), 'line 1\nline 2 of day 2\n');
    writeFileSync(path.join(work, 'disk', 'data', 'analytics.sqlite'), 'day 1 and half of day 2');
    rmSync(path.join(work, 'media', 'photos', 'a.jpg'));
    writeFileSync(path.join(work, 'staged.kioskpkg'), 'x');
    const made: string[] = [];
    restoreSnapshot(out, name, work, 'disk', (dir) => {
      made.push(dir);
      // The disk is empty when it is made again: its content comes from the copy afterwards.
      expect(existsSync(path.join(dir, 'logs'))).toBe(false);
    });
    expect(made).toEqual([path.join(work, 'disk')]);
    expect(readFileSync(path.join(work, 'disk', 'logs', 'kiosk.log'), 'utf8')).toBe('line 1\n');
    expect(readFileSync(path.join(work, 'disk', 'data', 'analytics.sqlite'), 'utf8')).toBe('day 1');
    expect(readFileSync(path.join(work, 'media', 'photos', 'a.jpg'), 'utf8')).toBe('photo');
    expect(existsSync(path.join(work, 'staged.kioskpkg'))).toBe(false);
  });

  it('keeps only the newest day once progress.json names it', () => {
    const out = tempFolder();
    const work = kioskFolder(out);
    const one = commitSnapshot(out, 1, copySnapshot(out, work, 1));
    const two = commitSnapshot(out, 2, copySnapshot(out, work, 2));
    // A copy left half-made by a kill goes too.
    mkdirSync(path.join(out, `${snapshotName(3)}.partial`), { recursive: true });
    pruneSnapshots(out, two);
    expect(existsSync(path.join(out, one))).toBe(false);
    expect(existsSync(path.join(out, two))).toBe(true);
    expect(existsSync(path.join(out, `${snapshotName(3)}.partial`))).toBe(false);
  });
});
