/**
 * `npm run soak [-- --days 7 --visits 1000 --seed 1 --out soak-report --faults all]` — the simulated week
 * (issue 18): the kiosk's real backend and the built renderer in real Chromium with touch, under
 * Playwright's clock, through museum days with visitors, closing, the night, the daily relaunch and
 * faults injected on purpose. Writes `report.md`, `result.json` and PNG charts to --out, prints the
 * verdict and exits 1 when a criterion fails. See docs/reliability.md.
 *
 * --report-only: write the report, criteria and charts again from the result.json already in --out.
 *
 * --resume DIR: go on with a week that was stopped (killed, or its session ended), from the last simulated
 * day it finished, in the folder it was writing (its --out). The week's own options come from its
 * checkpoint (DIR/progress.json); the report says it was resumed. See docs/reliability.md.
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
import { writeJsonAtomically } from '../main/files/atomicWrite';
import { chooseChromium, chromiumArgs } from '../tests/chromium';
import { CheckpointError, readCheckpoint, type SoakCheckpoint } from '../tests/soak/checkpoint';
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
    /** Go on with the stopped week in this folder, from its last checkpoint. */
    resume: { type: 'string' },
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

/** The stopped week's checkpoint, or a one-sentence reason why it cannot go on. */
function checkpointToResume(dir: string): SoakCheckpoint {
  const outDir = path.resolve(dir);
  const given = ['--days', '--visits', '--seed', '--out', '--faults', '--report-only'].filter((flag) =>
    process.argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)),
  );
  if (given.length > 0) {
    console.error(
      `--resume goes on with the week as it was started; leave out ${given.join(', ')} (the checkpoint has them).`,
    );
    process.exit(2);
  }
  let checkpoint: SoakCheckpoint;
  try {
    checkpoint = readCheckpoint(outDir);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  if (checkpoint.options.outDir !== outDir) {
    console.error(
      `This week ran in ${checkpoint.options.outDir}; its kiosk folder names files there, so resume it there (--resume ${checkpoint.options.outDir}).`,
    );
    process.exit(2);
  }
  const resultFile = path.join(outDir, 'result.json');
  if (existsSync(resultFile)) {
    const done = JSON.parse(readFileSync(resultFile, 'utf8')) as Partial<SoakResult>;
    if (done.startedAt === checkpoint.startedAt && done.days?.length === checkpoint.options.days) {
      console.error(`This week finished already: see ${path.join(outDir, 'report.md')}.`);
      process.exit(2);
    }
  }
  return checkpoint;
}

const resume = values.resume === undefined ? null : checkpointToResume(values.resume);
const options: SoakOptions = resume
  ? resume.options
  : {
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

// A resumed week goes on with the kiosk it was started with: it builds only when there is no build.
const build = !values['no-build'] && !resume;
if (!values['report-only'] && (build || !existsSync('out/renderer/index.html'))) {
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
  `Memorial Kiosk soak: ${options.days} day(s) of ${options.visitsPerDay} visits, seed ${options.seed}, faults: ${options.faults.join(', ') || 'none'}${resume ? `; resumed after day ${resume.afterDay} of the week started ${resume.startedAt}` : ''}`,
);
try {
  const result: SoakResult = values['report-only']
    ? (JSON.parse(readFileSync(path.join(options.outDir, 'result.json'), 'utf8')) as SoakResult)
    : await runWeek(options, browser, { progress: (line) => console.log(line) }, resume);
  await writeJsonAtomically(path.join(options.outDir, 'result.json'), result);
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
