/**
 * npm run content:check [folder] [--json] [--drafts]
 *
 * Checks an exhibit package (default: media) and prints every problem with its file, line, column and
 * field. Exits 1 when there is any error, 0 otherwise (warnings alone pass), 2 when it cannot run.
 *
 * The check runs the kiosk's own loader in a worker thread with the kiosk's time and memory budget (60 s,
 * 384 MB of heap), so a package the kiosk would give up on is reported here the same way.
 */
import path from 'node:path';
import pc from 'picocolors';
import { formatReport, NO_COLOURS } from '../main/content/check';
import { DEFAULT_LOAD_BUDGET, loadInWorker } from '../main/content/load/inWorker';
import { contentWorkerFromSource } from '../main/content/load/workerLocation';
import { countBySeverity } from '../main/content/problems';

const USAGE = `Usage: npm run content:check -- [folder] [--json] [--drafts]

  folder     the exhibit package to check (default: media)
  --json     print the result as JSON (for other programs)
  --drafts   list every translation marked as draft
`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const folders = args.filter((a) => !a.startsWith('-'));
  for (const flag of flags) {
    if (!['--json', '--drafts', '--help', '-h'].includes(flag)) {
      process.stderr.write(`Unknown option ${flag}\n\n${USAGE}`);
      return 2;
    }
  }
  if (flags.has('--help') || flags.has('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (folders.length > 1) {
    process.stderr.write(`Give one folder at most.\n\n${USAGE}`);
    return 2;
  }
  const folder = folders[0] ?? 'media';
  const started = performance.now();
  const outcome = await loadInWorker({ mediaDir: folder, options: {} }, contentWorkerFromSource());
  if (outcome.status !== 'done') {
    const budget = `${DEFAULT_LOAD_BUDGET.timeMs / 1000} s, ${DEFAULT_LOAD_BUDGET.memoryMb} MB`;
    process.stderr.write(
      `The check of ${folder} was stopped: ${outcome.message} (the kiosk's budget is ${budget}). The kiosk would give up on this package the same way and keep showing the last good version: look for a very large or deeply nested file.\n`,
    );
    return 1;
  }
  const result = outcome.result;
  const seconds = (performance.now() - started) / 1000;
  const { errors, warnings } = countBySeverity(result.problems);
  if (flags.has('--json')) {
    process.stdout.write(
      `${JSON.stringify(
        {
          ok: errors === 0,
          folder,
          errors,
          warnings,
          files: result.files,
          seconds: Number(seconds.toFixed(3)),
          exhibit: result.exhibit ? { id: result.exhibit.id, version: result.exhibit.version } : null,
          problems: result.problems,
          drafts: result.drafts,
        },
        null,
        2,
      )}\n`,
    );
    return errors > 0 ? 1 : 0;
  }
  const prefix = `${path.relative(process.cwd(), path.resolve(folder)).split(path.sep).join('/') || '.'}/`;
  const colours = process.stdout.isTTY && pc.isColorSupported ? pc : NO_COLOURS;
  process.stdout.write(`${formatReport(result, { prefix, colours, listDrafts: flags.has('--drafts') })}\n`);
  return errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `The checker itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
