/**
 * The kiosk's side of content packages (issue 15), when kiosk.yaml names a packages folder: which version's
 * folder the content service loads, and the moment a staged version becomes the one visitors see.
 *
 *   - At start, a version staged before the kiosk stopped is switched to at once (nobody is mid-visit
 *     before the first screen), and the pointer is resolved: a lost or partial live version falls back to
 *     the last whole one, and staff are told.
 *   - While running, each heartbeat brings the session's phase. A staged version is switched to only on a
 *     fresh report of the attract loop (switchPolicy.ts); it loads in the content worker while the old
 *     exhibit stays in service, and replaces it only when the renderer reports the attract loop again.
 *   - A new version that fails to load is rolled back by itself, and staff are told.
 *   - So is one under which the visitor screen keeps failing (the renderer gone or hung, as the host's
 *     watchdog sees it) within minutes of the switch (crashRollback.ts decides; `rendererGone` is told).
 *
 * Staging itself (content:install, a USB stick, the network) writes into the same folder; this notices
 * the staged version at the next heartbeat check.
 *
 * Over the museum's network (packages.updateUrl): `startPolling` checks the publish folder's index at once
 * and then every `checkEveryMinutes`, waiting twice as long after each failure in a row (updates.ts
 * decides; packages/pull.ts downloads and stages). A version it stages takes the same path to the screen as
 * one from a USB stick. The last check and its result are in `health().updates`, for the staff screen.
 */
import path from 'node:path';
import type { HeartbeatBody } from '../common/api';
import type { InstalledVersion, UpdateCheck, UpdateStatus } from '../common/packages';
import { escapeControl } from '../content/problems';
import {
  crashRollbackNote,
  decideCrashRollback,
  type CrashRollbackSettings,
} from '../packages/crashRollback';
import { FRESH_MEMORY, pullOnce, type PullLimits, type PullMemory } from '../packages/pull';
import type { PackageStore } from '../packages/store';
import { delayBeforeNextCheck, failuresAfter } from '../packages/updates';
import { decideSwitch, mayShowNow, type SwitchInput } from '../packages/switchPolicy';
import type { ContentLog, ContentReport, ContentService } from './contentService';

export interface PackagesHealth {
  folder: string;
  versions: InstalledVersion[];
  /** What staff should know: a fallback at start, an automatic rollback. */
  notes: string[];
  lastSwitch: string | null;
  /** A new version has loaded and waits for the attract loop to be shown. */
  waiting: boolean;
  /** The checks of the museum's network, when kiosk.yaml names packages.updateUrl. */
  updates: UpdateStatus | null;
}

export interface PackageRuntime {
  /** Resolves once the packages folder has been read at start. */
  ready: Promise<void>;
  /** The folder the next content load reads: the live version's, or the kiosk's media folder. */
  contentDir(): string;
  heartbeat(body: HeartbeatBody): void;
  /** Look for a staged version now (what each heartbeat does at most every few seconds). */
  check(): Promise<void>;
  health(): PackagesHealth;
  /** Staff chose rollback: the previous version, shown at once. */
  rollback(): Promise<{ ok: boolean; message: string }>;
  /**
   * The host saw the visitor screen fail at `at` (ms): the renderer gone, or hung. Soon after a switch to a
   * new version, repeated failures roll it back by itself (the same rollback as staff's), and staff are told.
   */
  rendererGone(at: number): Promise<void>;
  /** Resolves when no rollback that `rendererGone` started is under way (before the host restarts). */
  settled(): Promise<void>;
  /**
   * Check the museum's network for a newer package now (one check at a time: a second caller gets the one
   * under way). Null when kiosk.yaml names no update address.
   */
  checkForUpdates(): Promise<UpdateCheck | null>;
  /** Check at once, then again and again, each after the wait the last result calls for. */
  startPolling(): void;
  /** No more checks (a check under way finishes). */
  stopPolling(): void;
}

export interface PackageRuntimeOptions {
  store: PackageStore;
  /** The kiosk's own media folder, shown when no version is installed. */
  fallbackDir: string;
  content: ContentService;
  log: ContentLog;
  now: () => number;
  /** A new version is in service: show it (Electron reloads the page). */
  shown(report: ContentReport): void;
  /** How often a heartbeat may look at the packages folder (default 5 s). */
  checkEveryMs?: number;
  /** kiosk.yaml's packages.crashRollback (default: 3 failures within 10 minutes). */
  crashRollback?: CrashRollbackSettings;
  /** kiosk.yaml's packages.updateUrl and its limits: check the museum's network for newer packages. */
  updates?: { url: string; intervalMs: number; limits: PullLimits };
  /** Told of each check's outcome (/metrics). */
  updateChecked?(check: UpdateCheck): void;
}

export function createPackageRuntime(options: PackageRuntimeOptions): PackageRuntime {
  const { store, log, now } = options;
  let liveDir: string | null = null;
  let versions: InstalledVersion[] = [];
  const notes: string[] = [];
  let lastSwitch: string | null = null;
  let lastReport: SwitchInput['lastReport'] = null;
  let lastCheckAt = -Infinity;
  let busy = false;
  let inflight: Promise<void> | null = null;
  let waiting: (() => void) | null = null;
  /** A version is being switched to (not merely looked for): staff's rollback must wait for it. */
  let switching = false;
  /** Settles when the check under way has either started a switch or finished. */
  let lookedOrSwitching: Promise<void> = Promise.resolve();
  /** When a newer version went on screen; null after any rollback (so a rollback never rolls back again). */
  let switchedAt: number | null = null;
  /** When the visitor screen failed since that switch. */
  let failures: number[] = [];
  let crashRollingBack: Promise<void> = Promise.resolve();
  const crashSettings = options.crashRollback ?? { crashes: 3, withinMinutes: 10 };
  const newVersionShown = () => {
    lastSwitch = new Date(now()).toISOString();
    switchedAt = now();
    failures = [];
  };

  // Checks of the museum's network.
  let memory: PullMemory = FRESH_MEMORY;
  let lastUpdate: UpdateCheck | null = null;
  let failuresInARow = 0;
  let nextCheckAt: number | null = null;
  let updateInflight: Promise<UpdateCheck | null> | null = null;
  let pollTimer: NodeJS.Timeout | undefined;
  let polling = false;

  async function checkForUpdatesNow(): Promise<UpdateCheck | null> {
    const updates = options.updates;
    if (!updates) return null;
    await ready;
    const outcome = await pullOnce({ store, url: updates.url, limits: updates.limits, memory, now });
    memory = outcome.memory;
    lastUpdate = outcome.check;
    failuresInARow = failuresAfter(failuresInARow, outcome.check.result);
    nextCheckAt = now() + delayBeforeNextCheck(failuresInARow, updates.intervalMs);
    // A version staged: the staff screen lists it at once; the next attract loop switches to it.
    if (outcome.check.result === 'staged') versions = await store.list();
    return outcome.check;
  }

  /** The log line and /metrics, once the check is over (a caller told of it may check again at once). */
  function report(check: UpdateCheck): void {
    options.updateChecked?.(check);
    const { result, reason, message } = check;
    const line = `packages: update check ${result}${reason ? ` (${reason})` : ''}: ${message}`;
    if (result === 'refused' || result === 'server-error')
      log.warn(`${line} Next check in ${Math.round(((nextCheckAt ?? now()) - now()) / 60_000)} min.`);
    else log.info(line);
  }

  function checkForUpdates(): Promise<UpdateCheck | null> {
    updateInflight ??= checkForUpdatesNow()
      .catch((error: unknown) => {
        log.error(`packages: the update check failed: ${String(error)}`);
        return null;
      })
      .finally(() => {
        updateInflight = null;
      })
      .then((check) => {
        if (check) report(check);
        return check;
      });
    return updateInflight;
  }

  function scheduleNextCheck(delayMs: number): void {
    if (!polling) return;
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      void checkForUpdates().then(() => {
        const updates = options.updates;
        if (updates) scheduleNextCheck(delayBeforeNextCheck(failuresInARow, updates.intervalMs));
      });
    }, delayMs);
    // A waiting check never keeps the process alive.
    pollTimer.unref();
  }

  const note = (message: string) => {
    notes.unshift(message);
    notes.splice(5);
  };

  async function refresh(): Promise<Awaited<ReturnType<PackageStore['state']>>> {
    const state = await store.state();
    liveDir = state.contentDir;
    versions = await store.list();
    return state;
  }

  const ready = (async () => {
    try {
      const state = await store.state();
      if (state.fellBack) {
        log.warn(`packages: ${state.fellBack}`);
        note(state.fellBack);
      }
      if (state.staged) {
        const switched = await store.switchToStaged();
        if (switched) {
          newVersionShown();
          log.info(`packages: version ${switched.manifest.version} staged before the start is now live`);
        }
      }
      await refresh();
      log.info(
        liveDir
          ? `packages: showing ${escapeControl(path.basename(path.dirname(liveDir)))}`
          : `packages: no version installed in ${store.dir}; showing ${options.fallbackDir}`,
      );
    } catch (error) {
      const message = `The packages folder ${store.dir} cannot be read (${String(error)}); the media folder is shown.`;
      log.error(message);
      note(message);
    }
  })();

  /** Resolves when the renderer reports the attract loop (at once if it just did). */
  function attractLoop(): Promise<void> {
    if (mayShowNow(lastReport, now())) return Promise.resolve();
    return new Promise((resolve) => {
      waiting = resolve;
    });
  }

  /** One check at a time: a second caller waits for the one under way. */
  function check(): Promise<void> {
    inflight ??= checkNow().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function checkNow(): Promise<void> {
    await ready;
    if (busy) return;
    busy = true;
    let settle = () => undefined as void;
    lookedOrSwitching = new Promise<void>((resolve) => {
      settle = resolve;
    });
    try {
      const state = await refresh();
      if (decideSwitch({ staged: state.staged !== null, lastReport, now: now(), busy: false }) !== 'switch')
        return;
      switching = true;
      settle();
      const switched = await store.switchToStaged();
      if (!switched) return;
      await refresh();
      log.info(
        `packages: switched to version ${switched.manifest.version}; it is shown at the next attract loop`,
      );
      const report = await options.content.reload({ showWhen: attractLoop });
      if (report.ok) {
        newVersionShown();
        options.shown(report);
        return;
      }
      // The new version would not load: back to the one before, by itself.
      const back = await store.rollback();
      switchedAt = null;
      await refresh();
      const message = back.ok
        ? `Version ${switched.manifest.version} could not be shown (${report.message}); the kiosk went back to version ${back.version.manifest.version} by itself.`
        : `Version ${switched.manifest.version} could not be shown (${report.message}), and there is no version to go back to.`;
      log.error(`packages: ${message}`);
      note(message);
      if (back.ok) await options.content.reload();
    } catch (error) {
      log.error(`packages: the switch failed: ${String(error)}`);
      note(`A content switch failed: ${String(error)}`);
    } finally {
      busy = false;
      switching = false;
      settle();
    }
  }

  /** The rollback staff's button and the crash rule share: the previous version, loaded and shown at once. */
  async function goBack(): Promise<
    { ok: true; version: number; shown: boolean; message: string } | { ok: false; message: string }
  > {
    const back = await store.rollback();
    if (!back.ok) return back;
    switchedAt = null;
    failures = [];
    await refresh();
    const report = await options.content.reload();
    if (report.ok) options.shown(report);
    return { ok: true, version: back.version.manifest.version, shown: report.ok, message: report.message };
  }

  return {
    ready,
    contentDir: () => liveDir ?? options.fallbackDir,
    heartbeat(body) {
      if (!body.phase) return;
      lastReport = { phase: body.phase, at: now() };
      if (waiting && mayShowNow(lastReport, now())) {
        const resolve = waiting;
        waiting = null;
        resolve();
      }
      const checkEvery = options.checkEveryMs ?? 5_000;
      if (body.phase === 'attract' && now() - lastCheckAt >= checkEvery) {
        lastCheckAt = now();
        void check();
      }
    },
    check,
    health: () => ({
      folder: store.dir,
      versions,
      notes: [...notes],
      lastSwitch,
      waiting: waiting !== null,
      updates: options.updates
        ? {
            url: options.updates.url,
            last: lastUpdate,
            nextAt: nextCheckAt === null ? null : new Date(nextCheckAt).toISOString(),
            failuresInARow,
          }
        : null,
    }),
    async rollback() {
      await ready;
      // A routine look at the packages folder (each few heartbeats) is not a switch: wait for it to end,
      // rather than send staff away (it took seconds on a busy machine). A real switch still refuses.
      if (busy && !switching) await lookedOrSwitching;
      if (busy) return { ok: false, message: 'A content switch is under way; try again in a moment.' };
      busy = true;
      try {
        const back = await goBack();
        if (!back.ok) return { ok: false, message: back.message };
        log.info(`packages: staff rolled back to version ${back.version}`);
        return { ok: back.shown, message: `Rolled back to version ${back.version}. ${back.message}` };
      } finally {
        busy = false;
      }
    },
    rendererGone(at) {
      // Nothing to judge without a switch since the start or the last rollback; a few are enough to keep.
      if (switchedAt === null) return crashRollingBack;
      failures = [...failures.slice(-99), at];
      const decision = decideCrashRollback({ switchedAt, failures, now: at, settings: crashSettings });
      if (!decision.rollBack) return crashRollingBack;
      // Armed once per switch: the failures that follow this rollback do not roll back again.
      switchedAt = null;
      failures = [];
      crashRollingBack = crashRollingBack.then(async () => {
        await ready;
        // A switch or staff's rollback under way changes the version anyway: leave it to them (a newer
        // version switched to meanwhile is judged afresh).
        if (busy) await (inflight ?? lookedOrSwitching);
        if (busy || switchedAt !== null) return;
        busy = true;
        try {
          const left = (await store.state()).live?.manifest.version ?? 0;
          const back = await goBack();
          const message = crashRollbackNote(
            left,
            back.ok ? back.version : null,
            decision.counted,
            crashSettings,
          );
          log.error(`packages: ${message}`);
          note(message);
        } catch (error) {
          log.error(`packages: going back after the renderer failures failed: ${String(error)}`);
          note(`Going back to the previous version failed: ${String(error)}`);
        } finally {
          busy = false;
        }
      });
      return crashRollingBack;
    },
    settled: () => crashRollingBack,
    checkForUpdates,
    startPolling() {
      if (!options.updates || polling) return;
      polling = true;
      scheduleNextCheck(0);
    },
    stopPolling() {
      polling = false;
      clearTimeout(pollTimer);
    },
  };
}
