/**
 * The simulated week's report in Markdown (issue 18), and the short headline for docs/reliability.md.
 * Pure: the result, the judged criteria and the chart file names in; text out.
 */
import {
  FLAT_METRICS,
  MAX_GROWTH_PERCENT_PER_DAY,
  faultWithinBudget,
  formatCount,
  formatDays,
  formatGrowth,
  formatNumber,
} from './criteria';
import { type SampleMetric, WARM_UP_VISITS, weekGrowth, withinDayGrowth } from './trend';
import { FAULT_KINDS, type Criterion, type HourSample, type SoakResult } from './types';

/** Every measurement the report tabulates, in order, with its unit. */
export const REPORT_METRICS: readonly { metric: SampleMetric; name: string; unit: string; digits: number }[] =
  [
    { metric: 'heapMB', name: 'Page JS heap', unit: 'MB', digits: 1 },
    { metric: 'objectsMB', name: 'Page JS objects (no compiled code)', unit: 'MB', digits: 2 },
    { metric: 'codeMB', name: 'Page compiled code', unit: 'MB', digits: 2 },
    { metric: 'domNodes', name: 'DOM nodes', unit: '', digits: 0 },
    { metric: 'listeners', name: 'Event listeners', unit: '', digits: 0 },
    { metric: 'detachedNodes', name: 'Detached DOM nodes', unit: '', digits: 0 },
    { metric: 'backendHeapMB', name: 'Backend JS heap after GC', unit: 'MB', digits: 1 },
    { metric: 'backendObjectsMB', name: 'Backend JS objects (no compiled code)', unit: 'MB', digits: 2 },
    { metric: 'backendRssMB', name: 'Backend resident memory', unit: 'MB', digits: 1 },
    { metric: 'backendHandles', name: 'Backend open file handles', unit: '', digits: 0 },
    { metric: 'logKB', name: 'Log size', unit: 'KB', digits: 0 },
    { metric: 'analyticsKB', name: 'Analytics size', unit: 'KB', digits: 0 },
  ];

/** How many lines of each list the report shows. */
export const LIST_CAP = 20;

/** "1 h 32 min", "12 min 5 s", "48 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** A table cell: no pipes or line breaks may escape it. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align?: string[]): string[] {
  return [row(header), `|${(align ?? header.map(() => '---')).join('|')}|`, ...rows.map((r) => row(r))];
}

/** "14:23" from a simulated ISO time, or the text as it is. */
function timeOf(at: string): string {
  return /T(\d\d:\d\d)/.exec(at)?.[1] ?? at;
}

function seconds(ms: number | null): string {
  return ms === null ? '–' : (ms / 1000).toFixed(1);
}

function formatLevel(n: number, digits: number): string {
  return digits === 0 && Number.isFinite(n) ? formatCount(n) : formatNumber(n, digits);
}

function mean(samples: readonly HourSample[], metric: SampleMetric): number {
  return samples.length === 0 ? NaN : samples.reduce((sum, s) => sum + s[metric], 0) / samples.length;
}

function faultsAsked(result: SoakResult): string {
  const asked = [...new Set(result.options.faults)];
  if (asked.length === FAULT_KINDS.length && FAULT_KINDS.every((k) => asked.includes(k)))
    return `all ${FAULT_KINDS.length} kinds`;
  return asked.length === 0 ? 'none' : asked.join(', ');
}

export function verdict(criteria: readonly Criterion[]): string {
  const failed = criteria.filter((c) => !c.holds);
  return failed.length === 0
    ? `**Verdict: every criterion holds** (${criteria.length} of ${criteria.length}).`
    : `**Verdict: ${failed.length} of ${criteria.length} criteria fail** — ${failed.map((c) => c.name).join('; ')}.`;
}

function list(title: string, items: readonly string[]): string[] {
  const lines = [`### ${title} (${formatCount(items.length)})`, ''];
  if (items.length === 0) return [...lines, 'None.', ''];
  lines.push(...items.slice(0, LIST_CAP).map((item) => `- ${item.replace(/\r?\n/g, ' ')}`));
  if (items.length > LIST_CAP) lines.push(`- … and ${formatCount(items.length - LIST_CAP)} more`);
  return [...lines, ''];
}

const CHART_TITLES: Record<string, string> = {
  'memory-page-heap.png': 'Page JS heap (MB) after forced GC, every simulated hour',
  'memory-dom-listeners.png': 'DOM nodes, event listeners and detached nodes',
  'memory-backend.png': 'Backend resident memory (MB) and open file handles',
  'sizes-log-analytics.png': 'Log and analytics sizes (KB)',
};

/** "stopped and resumed after day 2 (2026-12-02 09:14 UTC)", for a week continued with --resume. */
export function resumedText(result: SoakResult): string {
  const at = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const each = (result.resumed ?? []).map((r) => `after day ${r.afterDay} (${at(r.at)})`);
  return each.length === 0 ? '' : `stopped and resumed ${each.join(', then ')}`;
}

function resumedLines(result: SoakResult): string[] {
  if (!result.resumed?.length) return [];
  return [
    `Resumed: the run was ${resumedText(result)}, from the checkpoint at that night's relaunch (\`--resume\`); ` +
      'the real time above is that of the runs up to the checkpoint and after it, without the pause.',
  ];
}

export function soakReport(
  result: SoakResult,
  criteria: readonly Criterion[],
  charts: readonly string[],
): string {
  const { options } = result;
  const started = result.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const lines: string[] = [
    '# A simulated week in the hall — soak report',
    '',
    `Run ${started}, ${formatDuration(result.realSeconds)} real time, on ${result.chromium}.`,
    `${options.days} simulated day${options.days === 1 ? '' : 's'} × ${formatCount(options.visitsPerDay)} visits, ` +
      `seed ${options.seed}; faults asked for: ${faultsAsked(result)}. ` +
      `Visits driven: ${formatCount(result.visitsDriven)}; counted by the kiosk's analytics: ${
        result.visitsCounted === null ? 'not read' : formatCount(result.visitsCounted)
      }.`,
    `Full disk: ${result.diskFullMethod}.`,
    ...resumedLines(result),
    '',
    verdict(criteria),
    '',
    '## What must hold',
    '',
    ...table(
      ['', 'Criterion', 'Figures'],
      criteria.map((c) => [c.holds ? '✓' : '✗', c.name, c.detail]),
      [':-:', '---', '---'],
    ),
    '',
    '## Day by day',
    '',
    ...table(
      [
        'Day',
        'Date',
        'Visits',
        'Walked away',
        'Opened',
        'Closed',
        'Closed screen',
        'Relaunched',
        'Real time (s)',
      ],
      result.days.map((d) => [
        String(d.day),
        d.date,
        formatCount(d.visits),
        formatCount(d.walkedAway),
        d.opened,
        d.closed,
        d.closedScreenShown ? 'shown' : '**not shown**',
        d.relaunched ? 'yes' : '**no**',
        formatCount(d.realSeconds),
      ]),
      ['--:', '---', '--:', '--:', ':-:', ':-:', ':-:', ':-:', '--:'],
    ),
    '',
    '## Faults',
    '',
  ];
  if (result.faults.length === 0) lines.push('No fault was injected.', '');
  else
    lines.push(
      ...table(
        ['Day', 'Simulated time', 'Fault', 'What happened', 'Recovered in (s)', 'Budget (s)', 'OK'],
        [...result.faults]
          .sort((a, b) => a.day - b.day || a.at.localeCompare(b.at))
          .map((f) => [
            String(f.day),
            timeOf(f.at),
            f.kind,
            f.detail,
            f.recoveredMs === null ? '–' : seconds(f.recoveredMs),
            seconds(f.budgetMs),
            faultWithinBudget(f) ? '✓' : '✗',
          ]),
        ['--:', ':-:', '---', '---', '--:', '--:', ':-:'],
      ),
      '',
    );

  const sampledDays = result.samples.map((s) => s.day);
  const firstDay = sampledDays.length > 0 ? Math.min(...sampledDays) : 1;
  const lastDay = sampledDays.length > 0 ? Math.max(...sampledDays) : options.days;
  const within = withinDayGrowth(result.samples, 'objectsMB');
  lines.push(
    '## Growth',
    '',
    `Within the day: one slope common to every page's life with its own level per life (the daily relaunch ` +
      `and each recovery bring a new page), without the samples a page took before it had served ${WARM_UP_VISITS} visitors ` +
      `(its warm-up: screens, stories and code loaded on first use), ${formatDays(within)}, as % of the level per ${formatNumber(within.hoursPerDay, 1)} ` +
      `open hours. Across the week: a straight line through every sample of the same days, per 24 hours. ` +
      `± is one standard error of the slope. The criteria allow at most ${MAX_GROWTH_PERCENT_PER_DAY} %/day within ` +
      `the day for: ${FLAT_METRICS.map((m) => m.name).join(', ')}; a metric fails when growth beyond that is ` +
      `evident, that is when the slope less twice its standard error (about a 95 % lower bound) is above it.`,
    '',
    ...table(
      ['Measurement', `Day ${firstDay} level`, `Day ${lastDay} level`, 'Within the day', 'Across the week'],
      REPORT_METRICS.map(({ metric, name, unit, digits }) => {
        const level = (day: number) =>
          formatLevel(
            mean(
              result.samples.filter((s) => s.day === day),
              metric,
            ),
            digits,
          ) + (unit ? ` ${unit}` : '');
        return [
          name,
          level(firstDay),
          level(lastDay),
          formatGrowth(withinDayGrowth(result.samples, metric)),
          formatGrowth(weekGrowth(result.samples, metric)),
        ];
      }),
      ['---', '--:', '--:', '--:', '--:'],
    ),
    '',
    `${formatCount(result.samples.length)} samples, one every simulated hour while the doors were open ` +
      `(the page at rest, after a forced garbage collection).`,
    '',
  );

  if (charts.length > 0) {
    lines.push('## Charts', '');
    for (const file of charts) lines.push(`![${CHART_TITLES[file] ?? file}](${encodeURI(file)})`, '');
  }

  lines.push(
    '## Lists',
    '',
    ...list('Visits that did not start fresh', result.notFresh),
    ...list('Errors no injected fault explains', result.unexpectedErrors),
    ...list('Log lines lost across restarts', result.logLinesLost),
  );
  return lines.join('\n').replace(/\n+$/, '\n');
}

/**
 * The headline for docs/reliability.md: 10–20 lines of Markdown. `reportPath`, when given, is linked at the
 * end (relative to docs/).
 */
export function headline(result: SoakResult, criteria: readonly Criterion[], reportPath?: string): string {
  const { options } = result;
  const failed = criteria.filter((c) => !c.holds);
  const late = result.faults.filter((f) => !faultWithinBudget(f));
  const worst = (kind: string): string => {
    const times = result.faults
      .filter((f) => f.kind === kind && f.recoveredMs !== null)
      .map((f) => f.recoveredMs ?? 0);
    const budget = result.faults.find((f) => f.kind === kind)?.budgetMs ?? null;
    if (times.length === 0) return `${kind}: not injected`;
    return `${kind} ${(Math.max(...times) / 1000).toFixed(1)} s${
      budget === null ? '' : ` (budget ${(budget / 1000).toFixed(0)} s)`
    }`;
  };
  const kinds = new Set(result.faults.map((f) => f.kind));
  const memory = FLAT_METRICS.map(({ metric, name }) => {
    const g = withinDayGrowth(result.samples, metric);
    return `  - ${name}: ${formatGrowth(g)} (${formatCount(g.n)} samples, ${formatDays(g)})`;
  });
  const lines = [
    `### Simulated week: ${result.startedAt.slice(0, 10)}`,
    '',
    failed.length === 0
      ? `**All ${criteria.length} criteria hold.**`
      : `**${failed.length} of ${criteria.length} criteria fail:** ${failed.map((c) => c.name).join('; ')}.`,
    '',
    `- ${options.days} simulated day${options.days === 1 ? '' : 's'} × ${formatCount(options.visitsPerDay)} visits ` +
      `(seed ${options.seed}): ${formatCount(result.visitsDriven)} driven, ${
        result.visitsCounted === null ? 'analytics not read' : `${formatCount(result.visitsCounted)} counted`
      }; ${formatDuration(result.realSeconds)} real time on ${result.chromium}${
        result.resumed?.length ? `; ${resumedText(result)}` : ''
      }.`,
    `- Faults: ${result.faults.length} injected (${kinds.size} kinds), ${result.faults.length - late.length} recovered within budget; slowest ${[
      'rendererCrash',
      'pageHang',
    ]
      .map(worst)
      .join(', ')}.`,
    `- Visits not fresh: ${formatCount(result.notFresh.length)}; unexplained errors: ${formatCount(
      result.unexpectedErrors.length,
    )}; log lines lost: ${formatCount(result.logLinesLost.length)}.`,
    `- Growth within each page's life, after its first ${WARM_UP_VISITS} visits${
      options.days > 1 ? ' and the first day' : ''
    } (limit ${MAX_GROWTH_PERCENT_PER_DAY} %/day):`,
    ...memory,
  ];
  if (reportPath) lines.push('', `Full report with charts: [${reportPath}](${encodeURI(reportPath)}).`);
  return lines.join('\n') + '\n';
}
