/**
 * `npx tsx scripts/bench-compare.ts before.json after.json`
 *
 * Two `npm run bench -- --only load,walk` results (bench-results/bench.json) side by side, as the Markdown
 * tables of docs/performance.md: load figures, tap → next paint per language and per screen, the slowest.
 */
import { readFileSync } from 'node:fs';
import type { LoadFigure, TapFigure } from './bench-walk';
import { median, quantile } from './bench-walk';

interface Result {
  figures: { loads?: LoadFigure[]; taps?: TapFigure[]; 'load average at start (1, 5, 15 min)'?: string };
}
const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('Usage: npx tsx scripts/bench-compare.ts before.json after.json');
  process.exit(2);
}
const before = JSON.parse(readFileSync(beforeFile, 'utf8')) as Result;
const after = JSON.parse(readFileSync(afterFile, 'utf8')) as Result;

const taps = (r: Result) => r.figures.taps ?? [];
const cell = (values: number[]) =>
  values.length === 0 ? '—' : `${quantile(values, 0.5)} / ${quantile(values, 0.95)} / ${Math.max(...values)}`;
const over = (values: number[]) => values.filter((v) => v > 100).length;
const loadsOf = (r: Result, pick: (l: LoadFigure) => number) => {
  const values = (r.figures.loads ?? []).map(pick);
  return values.length === 0
    ? '—'
    : `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
};

console.log(
  `load average at start: before ${before.figures['load average at start (1, 5, 15 min)'] ?? '?'}, after ${after.figures['load average at start (1, 5, 15 min)'] ?? '?'}\n`,
);
console.log('| figure | before | after |');
console.log('| --- | --- | --- |');
console.log(
  `| first contentful paint, ms, median (range) | ${loadsOf(before, (l) => l.fcpMs)} | ${loadsOf(after, (l) => l.fcpMs)} |`,
);
console.log(
  `| attract loop's first complete frame, ms | ${loadsOf(before, (l) => l.completeFrameMs)} | ${loadsOf(after, (l) => l.completeFrameMs)} |`,
);
console.log(
  `| bytes before it, KB | ${loadsOf(before, (l) => l.bytes / 1024)} | ${loadsOf(after, (l) => l.bytes / 1024)} |`,
);
console.log(
  `| requests before it | ${loadsOf(before, (l) => l.requests)} | ${loadsOf(after, (l) => l.requests)} |`,
);
console.log(
  `| of which font files (KB) | ${loadsOf(before, (l) => l.fonts)} (${loadsOf(before, (l) => l.fontBytes / 1024)}) | ${loadsOf(after, (l) => l.fonts)} (${loadsOf(after, (l) => l.fontBytes / 1024)}) |`,
);
const all = (r: Result) => taps(r).map((t) => t.ms);
console.log(`| every tap: p50 / p95 / max, ms | ${cell(all(before))} | ${cell(all(after))} |`);
console.log(
  `| taps over 100 ms | ${over(all(before))} of ${all(before).length} | ${over(all(after))} of ${all(after).length} |`,
);

console.log('\nTap → next paint by language, p50 / p95 / max in ms (taps over 100 ms):\n');
console.log('| language | before | after |');
console.log('| --- | --- | --- |');
const languages = [...new Set([...taps(before), ...taps(after)].map((t) => t.lang))];
for (const lang of languages) {
  const b = taps(before)
    .filter((t) => t.lang === lang)
    .map((t) => t.ms);
  const a = taps(after)
    .filter((t) => t.lang === lang)
    .map((t) => t.ms);
  console.log(`| ${lang} | ${cell(b)} (${over(b)}) | ${cell(a)} (${over(a)}) |`);
}

console.log('\nTap → next paint by screen, all languages, p50 / p95 / max in ms (taps over 100 ms):\n');
console.log('| screen | before | after |');
console.log('| --- | --- | --- |');
const screens = [...new Set([...taps(before), ...taps(after)].map((t) => t.screen))].sort();
for (const screen of screens) {
  const b = taps(before)
    .filter((t) => t.screen === screen)
    .map((t) => t.ms);
  const a = taps(after)
    .filter((t) => t.screen === screen)
    .map((t) => t.ms);
  console.log(`| ${screen} | ${cell(b)} (${over(b)}) | ${cell(a)} (${over(a)}) |`);
}

for (const [name, result] of [
  ['before', before],
  ['after', after],
] as const) {
  console.log(`\nThe ten slowest taps, ${name}:\n`);
  for (const t of [...taps(result)].sort((x, y) => y.ms - x.ms).slice(0, 10))
    console.log(`- ${t.ms} ms — ${t.lang}, ${t.screen}: ${t.control.slice(0, 50)}`);
}
