/**
 * `npm test`: everything that proves the kiosk, in order — lint and format, type-check, unit tests, the
 * content checker on the sample exhibit, the Electron security scan, the packaging-layout check, the build,
 * the end-to-end tests in Chromium, and the Electron tests (skipped, with the reason, where there is no
 * Electron binary). Every step runs even if an earlier one failed, so one run shows every problem; the
 * exit code is non-zero if any step failed. The last line sums the tests: "N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chooseChromium } from '../tests/chromium';

/** Failed browser tests, repeated at the very end of the output (tests/e2e/summaryReporter.ts). */
const browserFailures: { test: string; error: string; seconds: number }[] = [];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const results: { step: string; ok: boolean; ms: number }[] = [];
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2);

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  if (only.length > 0 && !only.includes(step)) return true;
  console.log(`\n━━ ${step}: ${[command, ...args].join(' ')}`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  results.push({ step, ok, ms: Math.round(performance.now() - started) });
  return ok;
}

function add(counts: Counts | null): void {
  if (!counts) return;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
const npx = 'npx';

run('lint', npx, ['eslint', '.', '--max-warnings=0']);
run('format', npx, ['prettier', '--check', '.', '--log-level=warn']);
run('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// The contract alone, with neither Node nor DOM types: both processes must be able to import it.
run('contract', npx, ['tsc', '-p', 'main/common/tsconfig.json', '--noEmit']);

rmSync('test-results/unit.json', { force: true });
const unitOk = run('unit', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson<{
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}>('test-results/unit.json');
if (unit)
  add({
    passed: unit.numPassedTests,
    failed: unit.numFailedTests,
    skipped: unit.numPendingTests + unit.numTodoTests,
  });
else if (!unitOk) add({ passed: 0, failed: 1, skipped: 0 });

if (run('content', npx, ['tsx', 'scripts/content-check.ts', 'media']))
  add({ passed: 1, failed: 0, skipped: 0 });
else add({ passed: 0, failed: 1, skipped: 0 });

if (existsSync('scripts/security-scan.ts')) {
  if (run('security', npx, ['tsx', 'scripts/security-scan.ts'])) add({ passed: 1, failed: 0, skipped: 0 });
  else add({ passed: 0, failed: 1, skipped: 0 });
}

const built = run('build', npx, ['tsx', 'scripts/build.ts', '--quiet']);

if (existsSync('scripts/package-layout.ts') && built) {
  if (run('package', npx, ['tsx', 'scripts/package-layout.ts'])) add({ passed: 1, failed: 0, skipped: 0 });
  else add({ passed: 0, failed: 1, skipped: 0 });
}

if (built) {
  console.log(`\nBrowser tests use ${chooseChromium().description}.`);
  rmSync('test-results/e2e-summary.json', { force: true });
  const ok = run('e2e', npx, ['playwright', 'test', '-c', 'tests/playwright.config.ts'], {
    E2E_SUMMARY: 'test-results/e2e-summary.json',
  });
  const e2e = readJson<Counts & { failures?: typeof browserFailures }>('test-results/e2e-summary.json');
  browserFailures.push(...(e2e?.failures ?? []));
  add(e2e ?? (ok ? null : { passed: 0, failed: 1, skipped: 0 }));
}

// The short soak (issue 18): one simulated day of 200 visits with a renderer crash and a page hang, the
// kiosk's real backend and Chromium; each criterion of the simulated week counts as one test.
if (built) {
  rmSync('test-results/soak', { recursive: true, force: true });
  const soak = ['--import', 'tsx', 'scripts/soak.ts', '--no-build', '--days', '1', '--visits', '200'];
  run('soak', process.execPath, [
    ...soak,
    '--faults',
    'rendererCrash,pageHang',
    '--out',
    'test-results/soak',
  ]);
  const criteria = readJson<{ name: string; holds: boolean; detail: string }[]>(
    'test-results/soak/criteria.json',
  );
  if (criteria) {
    add({
      passed: criteria.filter((c) => c.holds).length,
      failed: criteria.filter((c) => !c.holds).length,
      skipped: 0,
    });
    for (const c of criteria.filter((k) => !k.holds))
      browserFailures.push({ test: `soak › ${c.name}`, error: c.detail, seconds: 0 });
  } else if (only.length === 0 || only.includes('soak')) add({ passed: 0, failed: 1, skipped: 0 });
}

if (existsSync('tests/electron/playwright.config.ts') && built) {
  rmSync('test-results/electron-summary.json', { force: true });
  const ok = run('electron', npx, ['playwright', 'test', '-c', 'tests/electron/playwright.config.ts'], {
    E2E_SUMMARY: 'test-results/electron-summary.json',
  });
  const electron = readJson<Counts & { failures?: typeof browserFailures }>(
    'test-results/electron-summary.json',
  );
  browserFailures.push(...(electron?.failures ?? []));
  add(electron ?? (ok ? null : { passed: 0, failed: 1, skipped: 0 }));
}

console.log('\n━━ Summary');
for (const r of results)
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.step.padEnd(10)} ${(r.ms / 1000).toFixed(1)} s`);
const failedSteps = results.filter((r) => !r.ok).length;
if (failedSteps > 0 && total.failed === 0) total.failed = failedSteps;
if (browserFailures.length > 0) {
  console.log('Failed browser tests:');
  for (const f of browserFailures) console.log(`  ✘ ${f.test} (${f.seconds} s): ${f.error.slice(0, 300)}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
