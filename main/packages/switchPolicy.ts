/**
 * When a staged version may become the one visitors see: only between visits. The renderer reports its
 * session phase with every heartbeat (every 5 s, and at once when the phase changes); the kiosk switches
 * only on a fresh report of the attract loop, never while a visit or its "are you still there?" question is
 * on screen, and never on an old report (a renderer that stopped reporting may be mid-visit or frozen).
 * Pure: the clock comes in with the input.
 */
import type { HeartbeatBody } from '../common/api';

export type SessionPhase = NonNullable<HeartbeatBody['phase']>;

export interface SwitchInput {
  /** A verified version waits to be switched to. */
  staged: boolean;
  /** The renderer's last report, or null when none has arrived since the kiosk started. */
  lastReport: { phase: SessionPhase; at: number } | null;
  now: number;
  /** A switch or a content load is under way. */
  busy: boolean;
}

/** A report older than this says nothing about now (two heartbeats missed, and a margin). */
export const FRESH_REPORT_MS = 12_000;

export type SwitchDecision = 'switch' | 'wait';

export function decideSwitch(input: SwitchInput): SwitchDecision {
  if (!input.staged || input.busy || !input.lastReport) return 'wait';
  if (input.lastReport.phase !== 'attract') return 'wait';
  if (input.now - input.lastReport.at > FRESH_REPORT_MS || input.now < input.lastReport.at) return 'wait';
  return 'switch';
}

/** Whether a loaded new version may be shown now (the same rule, for the moment of showing it). */
export function mayShowNow(lastReport: SwitchInput['lastReport'], now: number): boolean {
  return decideSwitch({ staged: true, lastReport, now, busy: false }) === 'switch';
}

/** The phase from a heartbeat body, or null when it says none (an older renderer). */
export function phaseOf(body: unknown): SessionPhase | null {
  const phase = (body as { phase?: unknown } | null)?.phase;
  return phase === 'attract' || phase === 'active' || phase === 'idleWarning' ? phase : null;
}
