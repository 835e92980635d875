/**
 * The content checker's report: what `npm run content:check` prints. Pure formatting over a `LoadResult`.
 */
import type { DraftTranslation, LoadResult } from './load';
import { countBySeverity, escapeControl, formatProblemLine, type Problem } from './problems';

export interface Colours {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

export const NO_COLOURS: Colours = {
  red: (s) => s,
  yellow: (s) => s,
  green: (s) => s,
  bold: (s) => s,
  dim: (s) => s,
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 errors, 5 warnings in 31 files; 12 translations marked as draft" */
export function summaryLine(result: Pick<LoadResult, 'problems' | 'drafts' | 'files'>): string {
  const { errors, warnings } = countBySeverity(result.problems);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(result.files, 'file')}; ${plural(result.drafts.length, 'translation')} marked as draft`;
}

function section(
  title: string,
  problems: readonly Problem[],
  prefix: string,
  colour: (s: string) => string,
  c: Colours,
): string[] {
  if (problems.length === 0) return [];
  const lines = [c.bold(colour(title))];
  let lastFile: string | null = null;
  for (const p of problems) {
    if (lastFile !== null && p.file !== lastFile) lines.push('');
    lastFile = p.file;
    const text = formatProblemLine(p, prefix);
    const cut = text.indexOf('  ');
    lines.push(`  ${cut > 0 ? colour(text.slice(0, cut)) + text.slice(cut) : text}`);
  }
  lines.push('');
  return lines;
}

export function draftLines(drafts: readonly DraftTranslation[], prefix: string): string[] {
  const byLanguage = new Map<string, string[]>();
  for (const d of drafts)
    byLanguage.set(d.language, [...(byLanguage.get(d.language) ?? []), prefix + d.file]);
  const lines: string[] = [];
  for (const [lang, files] of [...byLanguage].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${escapeControl(lang)} (${files.length}):`);
    for (const f of files.sort()) lines.push(`    ${escapeControl(f)}`);
  }
  return lines;
}

/** The human report, grouped by file, errors apart from warnings, ending in the summary line. */
export function formatReport(
  result: Pick<LoadResult, 'problems' | 'drafts' | 'files' | 'exhibit'>,
  options: { prefix?: string; colours?: Colours; listDrafts?: boolean } = {},
): string {
  const c = options.colours ?? NO_COLOURS;
  const prefix = options.prefix ?? '';
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  const lines = [
    ...section('Errors (must be fixed)', errors, prefix, c.red, c),
    ...section('Warnings', warnings, prefix, c.yellow, c),
  ];
  if (result.drafts.length > 0) {
    if (options.listDrafts)
      lines.push(
        c.bold('Translations marked as draft (awaiting review)'),
        ...draftLines(result.drafts, prefix),
        '',
      );
  }
  if (!result.exhibit && errors.length > 0)
    lines.push(
      c.red('The exhibit cannot be shown with this package; the kiosk would keep the last good version.'),
    );
  else if (errors.length > 0)
    lines.push('The kiosk would show this package, leaving out the items with errors.');
  const summary = summaryLine(result);
  const hint = result.drafts.length > 0 && !options.listDrafts ? c.dim(' (add --drafts to list them)') : '';
  lines.push(
    (errors.length > 0 ? c.red(summary) : warnings.length > 0 ? c.yellow(summary) : c.green(summary)) + hint,
  );
  return lines.join('\n');
}
