/**
 * Keeps the exhibit the kiosk is showing: builds missing derivatives, loads the content package in a
 * worker thread (main/content/load/worker.ts) with a time and a memory budget, and keeps the last good
 * package in service while a new one loads, and when the new one cannot be used at all or its load is
 * stopped. Shared by the Electron host and the preview (createBackend.ts); each host says where the worker's
 * code is (`worker`): the bundled out/main/contentWorker.cjs in Electron, the TypeScript source under tsx.
 *
 * What went wrong reaches staff two ways: the report (the staff action's answer and the health screen)
 * and `staffWarnings()` (the warnings on the staff screen), and every line of it goes to the log.
 */
import type { Exhibit, ExhibitResponse } from '../common/exhibit';
import { ensureDerivatives, type DerivativeSummary } from '../content/derive';
import { DEFAULT_LOAD_BUDGET, loadInWorker, type LoadBudget } from '../content/load/inWorker';
import type { ContentWorkerLocation } from '../content/load/workerLocation';
import { escapeControl, formatProblemLine } from '../content/problems';
import { adoptDerivatives, adoptionText } from '../packages/derivatives';

export type { ContentWorkerLocation } from '../content/load/workerLocation';

export interface ContentLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ContentReport {
  ok: boolean;
  errors: number;
  warnings: number;
  version?: string;
  message: string;
  /** Images whose thumbnails, screen images or tiles could not be built (they show from the original). */
  derivativeFailures?: { file: string; message: string }[];
}

export interface ContentService {
  current(): ExhibitResponse;
  /**
   * Load (or reload) the package. Never throws; keeps the last good exhibit on failure. A reload asked for
   * while one runs starts once that one has finished (both callers get the later report).
   *
   * `showWhen`, when given, is awaited after the new exhibit has loaded and before it replaces the one in
   * service (a new content version waits for the attract loop, main/packages/switchPolicy.ts).
   */
  reload(options?: { showWhen?: () => Promise<void> }): Promise<ContentReport>;
  /** The folder the exhibit in service was loaded from (its photographs are served from there). */
  servedMediaDir(): string | null;
  lastReport(): ContentReport | null;
  /** What staff should know about the content now (a stopped load, images that could not be built). */
  staffWarnings(): string[];
}

export interface ContentServiceOptions {
  /** The package folder; a function is asked afresh at each load (the live version of a packages folder). */
  mediaDir: string | (() => string | Promise<string>);
  derivedDir: string;
  log: ContentLog;
  /**
   * Where the content worker's code is (see main/content/load/workerLocation.ts). Without it nothing can
   * be loaded: every reload reports so (for tests of a backend that needs no content).
   */
  worker?: ContentWorkerLocation;
  /**
   * Time and memory for one load (default 60 s and 384 MB, see DEFAULT_LOAD_BUDGET); a function is asked
   * afresh at each load.
   */
  budget?: Partial<LoadBudget> | (() => Partial<LoadBudget>);
  /** Build missing derivatives before loading (default true). */
  buildDerivatives?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The staff screen's sentence for images whose derivatives failed. Pure. */
export function derivativeWarning(failed: readonly { file: string; message: string }[]): string | null {
  if (failed.length === 0) return null;
  const names = failed.slice(0, 3).map((f) => escapeControl(f.file));
  const more = failed.length > 3 ? ` and ${failed.length - 3} more` : '';
  return `${plural(failed.length, 'image')} could not be prepared for the screen (${names.join(', ')}${more}); they show from the original file, or not at all if it is damaged. Details in the log; run npm run content:check.`;
}

export function createContentService(options: ContentServiceOptions): ContentService {
  const { log } = options;
  const budget = (): LoadBudget => ({
    ...DEFAULT_LOAD_BUDGET,
    ...(typeof options.budget === 'function' ? options.budget() : options.budget),
  });
  let good: { exhibit: Exhibit; loadedAt: string; problems: number } | null = null;
  let servedDir: string | null = null;
  const mediaDirNow = async (): Promise<string> =>
    typeof options.mediaDir === 'function' ? await options.mediaDir() : options.mediaDir;
  let report: ContentReport | null = null;
  let warnings: string[] = [];
  let unavailableReason = 'The exhibit has not been loaded yet.';

  async function buildDerivatives(mediaDir: string): Promise<DerivativeSummary['failed']> {
    if (options.buildDerivatives === false) return [];
    try {
      // A version from a package brings its derivatives: taken in first, so none is built again.
      const adoption = await adoptDerivatives(mediaDir, options.derivedDir).catch((error: unknown) => ({
        adopted: 0,
        present: 0,
        note: `those of the package could not be taken in (${escapeControl(String(error))}); they are built here`,
      }));
      const taken = adoptionText(adoption);
      if (adoption?.note) log.warn(taken);
      else if (taken) log.info(taken);
      const summary = await ensureDerivatives(mediaDir, options.derivedDir);
      for (const f of summary.failed)
        log.warn(
          `content: could not build the derivatives of ${escapeControl(f.file)}: ${escapeControl(f.message)}`,
        );
      return summary.failed;
    } catch (error) {
      log.warn(`content: could not build the image derivatives: ${escapeControl(String(error))}`);
      return [{ file: 'photos/', message: String(error) }];
    }
  }

  async function load(showWhen?: () => Promise<void>): Promise<ContentReport> {
    const mediaDir = await mediaDirNow();
    const failed = await buildDerivatives(mediaDir);
    const derivatives = derivativeWarning(failed);
    const extra = failed.length > 0 ? { derivativeFailures: failed } : {};
    const outcome = options.worker
      ? await loadInWorker(
          { mediaDir, options: { derivedDir: options.derivedDir, trustDerivedDecode: true } },
          options.worker,
          budget(),
        )
      : { status: 'failed' as const, message: 'no content worker was given to the content service' };
    if (outcome.status !== 'done') {
      const message = good
        ? `The new content could not be used: ${outcome.message}; the previous version stays in service. Check the package with npm run content:check.`
        : `The content package could not be used: ${outcome.message}. Check it with npm run content:check.`;
      if (!good) unavailableReason = 'The content package could not be used.';
      log.error(message);
      warnings = [message, ...(derivatives ? [derivatives] : [])];
      return { ok: false, errors: 1, warnings: 0, message, ...extra };
    }
    const { exhibit, problems } = outcome.result;
    const errors = problems.filter((p) => p.severity === 'error');
    for (const p of errors) log.warn(`content error: ${formatProblemLine(p)}`);
    const counts = { errors: errors.length, warnings: problems.length - errors.length };
    if (!exhibit) {
      unavailableReason = 'The content package could not be used.';
      const message = good
        ? `The new content could not be used (${plural(errors.length, 'error')}); the previous version stays in service.`
        : `The content package could not be used (${plural(errors.length, 'error')}).`;
      log.error(message);
      warnings = [message, ...(derivatives ? [derivatives] : [])];
      return { ok: false, ...counts, message, ...extra };
    }
    if (showWhen) await showWhen();
    good = { exhibit, loadedAt: new Date().toISOString(), problems: problems.length };
    servedDir = mediaDir;
    const loaded =
      errors.length > 0
        ? `Exhibit ${exhibit.id} ${exhibit.version} loaded; ${plural(errors.length, 'broken item')} ${errors.length === 1 ? 'was' : 'were'} left out.`
        : `Exhibit ${exhibit.id} ${exhibit.version} loaded.`;
    const message = derivatives ? `${loaded} ${derivatives}` : loaded;
    if (derivatives) log.warn(message);
    else log.info(message);
    warnings = derivatives ? [derivatives] : [];
    return { ok: true, ...counts, version: exhibit.version, message, ...extra };
  }

  async function reloadNow(showWhen?: () => Promise<void>): Promise<ContentReport> {
    try {
      report = await load(showWhen);
    } catch (error) {
      report = { ok: false, errors: 1, warnings: 0, message: `Loading the content failed: ${String(error)}` };
      warnings = [report.message];
      log.error(report.message);
    }
    return report;
  }

  let running: Promise<ContentReport> | null = null;
  let queued: Promise<ContentReport> | null = null;
  function reload(reloadOptions: { showWhen?: () => Promise<void> } = {}): Promise<ContentReport> {
    if (!running) {
      running = reloadNow(reloadOptions.showWhen).finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return reload(reloadOptions);
    });
    return queued;
  }

  return {
    current: () => (good ? { status: 'ok', ...good } : { status: 'unavailable', reason: unavailableReason }),
    reload,
    lastReport: () => report,
    servedMediaDir: () => servedDir,
    staffWarnings: () => warnings,
  };
}
