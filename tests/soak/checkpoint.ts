/**
 * The simulated week's checkpoint (issue 18): a week of 1,000 visits a day takes longer than one sitting,
 * so at the end of every simulated day that has a daily relaunch the driver (week.ts) puts on disk, in the
 * out folder, everything it carries, and `npm run soak -- --resume DIR` goes on from there.
 *
 * The nightly relaunch is the natural place: the page is closed and the backend stopped, so the kiosk's
 * own files (its log, its analytics database, its package store, its settings) are at rest and can be
 * copied as they are. What the checkpoint holds:
 *   - `progress.json`: the options, where the week stands (the last day done, the simulated time), and
 *     every record the driver keeps (samples, faults with their times, visits driven and uncountable, the
 *     console traces and fault windows the error criterion needs, log lines lost, the page count);
 *   - `plan.json`: the seeded plan, written once at the start, with its SHA-256 in progress.json;
 *   - `checkpoint/day-N/`: a copy of the kiosk's folder (media, settings, packages, keys, and the small
 *     disk's log and analytics) as it was at that relaunch.
 * Every file is written atomically (main/files/atomicWrite.ts); the copy of a day is made under a
 * temporary name and renamed into place before progress.json names it, so a kill at any moment leaves the
 * last complete checkpoint intact.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from '../../main/files/atomicWrite';
import type { PlannedDay } from './plan';
import {
  FAULT_KINDS,
  type DaySummary,
  type FaultRecord,
  type HourSample,
  type SoakOptions,
  type SoakResumption,
} from './types';

export const PROGRESS_FILE = 'progress.json';
export const PLAN_FILE = 'plan.json';
export const CHECKPOINT_FORMAT = 'memorial-kiosk soak checkpoint';
export const CHECKPOINT_VERSION = 1;

/** A console error or error log line, with when it happened (real ms and simulated ms). */
export interface Trace {
  real: number;
  sim: number;
  text: string;
}

/** When an injected fault was at work, in real and simulated time: errors inside it are explained. */
export interface FaultWindow {
  fromReal: number;
  toReal: number;
  fromSim: number;
  toSim: number;
}

/** Everything the driver carries from one simulated day to the next. */
export interface DriverState {
  /** Simulated epoch ms at the relaunch, just before the backend starts again. */
  sim: number;
  /** Pages opened before the relaunch's new page. */
  pageLife: number;
  days: DaySummary[];
  samples: HourSample[];
  faults: FaultRecord[];
  visitsDriven: number;
  visitsUncountable: number;
  notFresh: string[];
  logLinesLost: string[];
  consoleTraces: Trace[];
  faultWindows: FaultWindow[];
  errorsAtLastSample: number;
  logErrorsAtLastSample: number;
}

export interface SoakCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  options: SoakOptions;
  /** The last simulated day done; the week goes on with the next. */
  afterDay: number;
  /** The copy of the kiosk's folder at that day's relaunch, relative to the out folder. */
  snapshot: string;
  planSha256: string;
  /** The first start of this week (ISO), and the real seconds spent on it up to the checkpoint. */
  startedAt: string;
  realSeconds: number;
  savedAt: string;
  chromium: string;
  diskFullMethod: string;
  /** Earlier resumptions of this week. */
  resumed: SoakResumption[];
  state: DriverState;
}

/** A checkpoint that cannot be resumed, with the reason in one sentence. */
export class CheckpointError extends Error {}

const count = z.number().int().min(0);
const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(CHECKPOINT_VERSION),
  options: z.object({
    days: z.number().int().min(1),
    visitsPerDay: z.number().int().min(1),
    seed: z.number().int(),
    outDir: z.string().min(1),
    faults: z.array(z.enum(FAULT_KINDS)),
  }),
  afterDay: z.number().int().min(1),
  snapshot: z.string().min(1),
  planSha256: z.string().regex(/^[0-9a-f]{64}$/),
  startedAt: z.string(),
  realSeconds: z.number().min(0),
  savedAt: z.string(),
  chromium: z.string(),
  diskFullMethod: z.string(),
  resumed: z.array(z.object({ afterDay: z.number().int().min(1), at: z.string() })),
  state: z.object({
    sim: z.number(),
    pageLife: count,
    days: z.array(z.object({ day: z.number().int().min(1) }).loose()),
    samples: z.array(z.object({ day: z.number().int().min(1), hour: z.number() }).loose()),
    faults: z.array(z.object({ kind: z.enum(FAULT_KINDS), day: z.number().int().min(1) }).loose()),
    visitsDriven: count,
    visitsUncountable: count,
    notFresh: z.array(z.string()),
    logLinesLost: z.array(z.string()),
    consoleTraces: z.array(z.object({ real: z.number(), sim: z.number(), text: z.string() })),
    faultWindows: z.array(
      z.object({ fromReal: z.number(), toReal: z.number(), fromSim: z.number(), toSim: z.number() }),
    ),
    errorsAtLastSample: count,
    logErrorsAtLastSample: count,
  }),
});

/** The plan's fingerprint: the same seed and options give the same plan, and so the same fingerprint. */
export function planSha256(plan: readonly PlannedDay[]): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

export async function writePlan(outDir: string, plan: readonly PlannedDay[]): Promise<string> {
  await writeJsonAtomically(path.join(outDir, PLAN_FILE), plan);
  return planSha256(plan);
}

/** The plan written at the start of the week, checked against the checkpoint's fingerprint. */
export function readPlan(outDir: string, expectedSha256: string): PlannedDay[] {
  const file = path.join(outDir, PLAN_FILE);
  let plan: PlannedDay[];
  try {
    plan = JSON.parse(readFileSync(file, 'utf8')) as PlannedDay[];
  } catch (error) {
    throw new CheckpointError(`The week's plan ${file} cannot be read (${reason(error)}).`);
  }
  if (!Array.isArray(plan) || planSha256(plan) !== expectedSha256)
    throw new CheckpointError(`The week's plan ${file} is not the plan the checkpoint was made with.`);
  return plan;
}

export async function writeCheckpoint(outDir: string, checkpoint: SoakCheckpoint): Promise<void> {
  await writeJsonAtomically(path.join(outDir, PROGRESS_FILE), checkpoint);
}

/** The checkpoint in `outDir`, or a CheckpointError that says in one sentence why it cannot be resumed. */
export function readCheckpoint(outDir: string): SoakCheckpoint {
  const file = path.join(outDir, PROGRESS_FILE);
  if (!existsSync(file))
    throw new CheckpointError(
      `There is no ${PROGRESS_FILE} in ${outDir}: the week has not finished a day with a relaunch there yet, so there is nothing to resume.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CheckpointError(`${file} is not readable JSON (${reason(error)}).`);
  }
  if (typeof json === 'object' && json !== null && !('format' in json))
    throw new CheckpointError(
      `${file} was written by a soak that kept no checkpoint (before 2 Dec 2026); it cannot be resumed.`,
    );
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckpointError(
      `${file} is not a checkpoint this soak can resume: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}.`,
    );
  }
  const checkpoint = parsed.data as unknown as SoakCheckpoint;
  if (checkpoint.afterDay >= checkpoint.options.days)
    throw new CheckpointError(
      `${file} is at the end of day ${checkpoint.afterDay} of ${checkpoint.options.days}: the week has no day left to run.`,
    );
  if (checkpoint.state.days.length !== checkpoint.afterDay)
    throw new CheckpointError(
      `${file} says day ${checkpoint.afterDay} is done but holds ${checkpoint.state.days.length} day(s).`,
    );
  if (!existsSync(path.join(outDir, checkpoint.snapshot)))
    throw new CheckpointError(
      `The copy of the kiosk's folder the checkpoint names (${path.join(outDir, checkpoint.snapshot)}) is missing.`,
    );
  return checkpoint;
}

/** The days a resumed week still has to run: those after the checkpoint, exactly as planned. */
export function remainingDays(plan: readonly PlannedDay[], afterDay: number): PlannedDay[] {
  return plan.filter((day) => day.day > afterDay);
}

/** Where the copy of the kiosk's folder at the end of `day` lives, relative to the out folder. */
export function snapshotName(day: number): string {
  return path.join('checkpoint', `day-${day}`);
}

/**
 * Copy the kiosk's folder (`work`, at rest) under a temporary name beside the checkpoints. Call
 * `commitSnapshot` once the day is recorded: only then is the copy named where progress.json will point.
 */
export function copySnapshot(outDir: string, work: string, day: number): string {
  const temp = path.join(outDir, `${snapshotName(day)}.partial`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(path.dirname(temp), { recursive: true });
  cpSync(work, temp, { recursive: true });
  return temp;
}

/** Name the day's copy as the checkpoint's (replacing an older copy of that day). */
export function commitSnapshot(outDir: string, day: number, temp: string): string {
  const name = snapshotName(day);
  const target = path.join(outDir, name);
  rmSync(target, { recursive: true, force: true });
  renameSync(temp, target);
  return name;
}

/** Remove the copies of other days, once progress.json names the newest one. */
export function pruneSnapshots(outDir: string, keep: string): void {
  const dir = path.join(outDir, 'checkpoint');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (path.join('checkpoint', name) !== keep)
      rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Put the kiosk's folder back as it was at the checkpoint: everything the killed run did after it (a half
 * day of visits in the analytics, a package staged, a photograph moved away) is gone. `disk` (a folder of
 * `work`, relative) is recreated by `makeDisk` before its content is copied in, so a small disk that did not
 * survive (a tmpfs after a reboot) is mounted again first.
 */
export function restoreSnapshot(
  outDir: string,
  snapshot: string,
  work: string,
  disk: string,
  makeDisk: (dir: string) => void,
): void {
  const from = path.join(outDir, snapshot);
  rmSync(work, { recursive: true, force: true });
  cpSync(from, work, {
    recursive: true,
    filter: (source) => path.relative(from, source).split(path.sep)[0] !== disk,
  });
  const diskDir = path.join(work, disk);
  mkdirSync(diskDir, { recursive: true });
  makeDisk(diskDir);
  if (existsSync(path.join(from, disk))) cpSync(path.join(from, disk), diskDir, { recursive: true });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
