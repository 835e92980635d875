/**
 * npm run content:build [folder]
 *
 * Builds the image derivatives (thumbnails, screen-sized images, Deep Zoom tiles) of an exhibit package
 * (default: media) into `.media-cache/` beside it. Incremental: only new or changed images are built, so
 * a second run does nothing. Exits 1 when an image could not be built.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import pc from 'picocolors';
import { ensureDerivatives, type DerivativeProgress } from '../main/content/derive';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h') || args.filter((a) => !a.startsWith('-')).length > 1) {
    process.stdout.write('Usage: npm run content:build -- [folder]   (default folder: media)\n');
    return args.includes('--help') || args.includes('-h') ? 0 : 2;
  }
  const mediaDir = path.resolve(args.find((a) => !a.startsWith('-')) ?? 'media');
  const derivedDir = path.join(path.dirname(mediaDir), '.media-cache');
  const tty = process.stdout.isTTY === true;
  const c = tty && pc.isColorSupported ? pc : { red: String, green: String, bold: String, dim: String };
  const shown = (p: string) => path.relative(process.cwd(), p) || '.';
  process.stdout.write(`Building image derivatives for ${shown(mediaDir)}/ into ${shown(derivedDir)}/\n`);

  let bar: cliProgress.SingleBar | null = null;
  const onProgress = (p: DerivativeProgress) => {
    if (tty) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: '  {bar} {value}/{total}  {file}', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0, { file: '' });
      }
      bar.update(p.done, { file: p.file });
      if (p.status === 'failed') bar.updateETA();
    } else if (p.status !== 'up-to-date') {
      process.stdout.write(
        `  [${p.done}/${p.total}] ${p.status === 'built' ? 'built' : 'FAILED'}  ${p.file}${p.message ? `  ${p.message}` : ''}\n`,
      );
    }
  };
  const summary = await ensureDerivatives(mediaDir, derivedDir, { onProgress });
  (bar as cliProgress.SingleBar | null)?.stop();

  for (const f of summary.failed)
    process.stdout.write(c.red(`  could not build ${shown(path.join(mediaDir, f.file))}: ${f.message}\n`));
  const parts = [
    `built ${summary.built}`,
    `up to date ${summary.upToDate}`,
    ...(summary.failed.length > 0 ? [`failed ${summary.failed.length}`] : []),
    ...(summary.removed > 0 ? [`removed ${summary.removed} old`] : []),
  ];
  const line = `${parts.join(', ')} (${summary.total} images) in ${summary.seconds.toFixed(1)} s`;
  process.stdout.write(`${summary.failed.length > 0 ? c.red(line) : c.green(line)}\n`);
  if (summary.failed.length > 0)
    process.stdout.write('Run npm run content:check to see what is wrong with these images.\n');
  return summary.failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Building the derivatives failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
