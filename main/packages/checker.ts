/**
 * The content checker as publishing and installing use it: the very loader `npm run content:check` runs,
 * in a worker thread with the kiosk's time and memory budget, summed up in the few numbers a manifest keeps
 * and the first errors a refusal names.
 */
import { DEFAULT_LOAD_BUDGET, loadInWorker, type LoadBudget } from '../content/load/inWorker';
import type { ContentWorkerLocation } from '../content/load/workerLocation';
import { formatProblemLine } from '../content/problems';
import type { PackageManifest, Refusal } from '../common/packages';
import type { LoadResult } from '../content/load/types';

export interface CheckerSummary {
  /** null when the checker could not finish (over time or memory): then `errors` is 1 and `firstErrors` says why. */
  exhibitId: string | null;
  exhibitVersion: string;
  checker: PackageManifest['checker'];
  /** Translations marked as draft, counted by language (they add up to `checker.drafts`). */
  draftLanguages: Record<string, number>;
  files: number;
  /** The first few errors, one line each, for a refusal and the log. */
  firstErrors: string[];
  /** The first few warnings. */
  firstWarnings: string[];
}

/** Counts the `placeholder: true` the exhibit carries (photographs, narration). Pure. */
export function countPlaceholders(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countPlaceholders(v), 0);
  if (value && typeof value === 'object') {
    let n = (value as { placeholder?: unknown }).placeholder === true ? 1 : 0;
    for (const v of Object.values(value)) n += countPlaceholders(v);
    return n;
  }
  return 0;
}

/** A checker over a folder: the real one (below), or a test's. */
export type Checker = (folder: string) => Promise<CheckerSummary>;

/** The summary of a finished load. Pure. */
export function summarize(result: LoadResult): CheckerSummary {
  const { exhibit, problems, drafts, files } = result;
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const unusable = exhibit ? [] : ['the exhibit could not be loaded'];
  const draftLanguages: Record<string, number> = {};
  for (const d of drafts) draftLanguages[d.language] = (draftLanguages[d.language] ?? 0) + 1;
  return {
    exhibitId: exhibit?.id ?? null,
    exhibitVersion: exhibit ? String(exhibit.version) : '',
    checker: {
      errors: Math.max(errors.length, unusable.length),
      warnings: warnings.length,
      drafts: drafts.length,
      placeholders: countPlaceholders(exhibit),
    },
    draftLanguages,
    files,
    firstErrors: errors.length > 0 ? errors.slice(0, 5).map((p) => formatProblemLine(p)) : unusable,
    firstWarnings: warnings.slice(0, 5).map((p) => formatProblemLine(p)),
  };
}

/** The checker `npm run content:check` runs: the loader in a worker thread, with the kiosk's budget. */
export function createChecker(worker: ContentWorkerLocation, budget: Partial<LoadBudget> = {}): Checker {
  return async (folder) => {
    const outcome = await loadInWorker(
      { mediaDir: folder, options: { derivedDir: `${folder}.no-derivatives` } },
      worker,
      { ...DEFAULT_LOAD_BUDGET, ...budget },
    );
    if (outcome.status !== 'done')
      return {
        exhibitId: null,
        exhibitVersion: '',
        checker: { errors: 1, warnings: 0, drafts: 0, placeholders: 0 },
        draftLanguages: {},
        files: 0,
        firstErrors: [`the checker was stopped: ${outcome.message}`],
        firstWarnings: [],
      };
    return summarize(outcome.result);
  };
}

/** The refusal for a checker summary with errors, or for an exhibit other than the manifest's. Pure. */
export function checkerRefusal(
  summary: CheckerSummary,
  manifest: Pick<PackageManifest, 'exhibitId'>,
): Refusal | null {
  if (summary.checker.errors > 0) {
    const more =
      summary.checker.errors > summary.firstErrors.length ? ` (${summary.checker.errors} errors in all)` : '';
    return {
      code: 'checker-errors',
      message: `The content checker found errors: ${summary.firstErrors.join('; ')}${more}.`,
    };
  }
  if (summary.exhibitId !== manifest.exhibitId)
    return {
      code: 'checker-errors',
      message: `The manifest names the exhibit "${manifest.exhibitId}" but exhibit.yaml inside says "${summary.exhibitId ?? ''}".`,
    };
  return null;
}
