import { writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export interface BrowserFailure {
  /** "[project] file:line › title" */
  test: string;
  /** The first line of the error, and how long the test ran. */
  error: string;
  seconds: number;
}

/**
 * Prints the plain closing line CI reads ("browser: N passed, N failed, N skipped") and writes the counts,
 * with each failed test and the first line of its error, to E2E_SUMMARY, so the test command can repeat
 * the failures at the very end of its output, where a CI log cut to its last lines still shows them.
 */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private failures: BrowserFailure[] = [];
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed') this.passed += 1;
    else if (result.status === 'skipped') this.skipped += 1;
    else {
      this.failed += 1;
      const project = test.parent.project()?.name;
      // Playwright colours its messages; the log wants plain text.
      // eslint-disable-next-line no-control-regex -- the escape character is what is being removed
      const message = (result.error?.message ?? result.status).replace(/\u001b\[[0-9;]*m/g, '');
      this.failures.push({
        test: `${project ? `[${project}] ` : ''}${test.location.file.split('/tests/').at(-1)}:${test.location.line} › ${test.title}`,
        error: message.split('\n').find((line) => line.trim() !== '') ?? result.status,
        seconds: Math.round(result.duration / 100) / 10,
      });
    }
  }
  onEnd(_result: FullResult): void {
    const counts = { passed: this.passed, failed: this.failed, skipped: this.skipped };
    console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    if (process.env.E2E_SUMMARY)
      writeFileSync(process.env.E2E_SUMMARY, JSON.stringify({ ...counts, failures: this.failures }));
  }
  printsToStdio(): boolean {
    return false;
  }
}
