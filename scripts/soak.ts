/**
 * `npm run soak [-- --days 7 --visits 1000 --seed 1 --out soak-report --faults all]` — the simulated week
 * (issue 18): the kiosk's real backend and the built renderer in real Chromium with touch, under
 * Playwright's clock, through museum days with visitors, closing, the night, the daily relaunch and
 * faults injected on purpose. Writes `report.md`, `result.json` and PNG charts to --out, prints the
 * verdict and exits 1 when a criterion fails. See docs/reliability.md.
 *
 * --report-only: write the report, criteria and charts again from the result.json already in --out.
 *
 * --faults: "all" (every kind at least once), "none", or a comma-separated list of
 * rendererCrash,pageHang,backendRestart,photoFilesGone,brokenPackage,goodPackage,brokenSettings,diskFull,
 * clockJump,daylightSaving.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chooseChromium, chromiumArgs } from '../tests/chromium';
import { writeCharts } from '../tests/soak/charts';
import { judge } from '../tests/soak/criteria';
import { headline, soakReport } from '../tests/soak/report';
import { FAULT_KINDS, type FaultKind, type SoakOptions, type SoakResult } from '../tests/soak/types';
import { runWeek } from '../tests/soak/week';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    visits: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'soak-report' },
    faults: { type: 'string', default: 'all' },
    'no-build': { type: 'boolean', default: false },
    /** Write the report, criteria and charts again from an earlier run's result.json in --out. */
    'report-only': { type: 'boolean', default: false },
  },
});

function faultList(text: string): FaultKind[] {
  if (text === 'all') return [...FAULT_KINDS];
  if (text === 'none') return [];
  const kinds = text.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    console.error(`Unknown fault(s): ${unknown.join(', ')}. Known: ${FAULT_KINDS.join(', ')}.`);
    process.exit(2);
  }
  return kinds as FaultKind[];
}

const options: SoakOptions = {
  days: Number(values.days),
  visitsPerDay: Number(values.visits),
  seed: Number(values.seed),
  outDir: path.resolve(values.out),
  faults: faultList(values.faults),
};
if (!(options.days >= 1 && options.visitsPerDay >= 1 && Number.isInteger(options.seed))) {
  console.error('--days and --visits must be at least 1, --seed a whole number.');
  process.exit(2);
}

if (!values['report-only'] && (!values['no-build'] || !existsSync('out/renderer/index.html'))) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

mkdirSync(options.outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
console.log(
  `Memorial Kiosk soak: ${options.days} day(s) of ${options.visitsPerDay} visits, seed ${options.seed}, faults: ${options.faults.join(', ') || 'none'}`,
);
try {
  const result: SoakResult = values['report-only']
    ? (JSON.parse(readFileSync(path.join(options.outDir, 'result.json'), 'utf8')) as SoakResult)
    : await runWeek(options, browser, { progress: (line) => console.log(line) });
  writeFileSync(path.join(options.outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  const criteria = judge(result);
  writeFileSync(path.join(options.outDir, 'criteria.json'), `${JSON.stringify(criteria, null, 2)}\n`);
  const charts = await writeCharts(result, options.outDir, browser);
  writeFileSync(path.join(options.outDir, 'report.md'), soakReport(result, criteria, charts));
  console.log(`\n${headline(result, criteria)}\n`);
  console.log(`Report: ${path.join(options.outDir, 'report.md')}`);
  process.exitCode = criteria.every((c) => c.holds) ? 0 : 1;
} finally {
  await browser.close();
}
