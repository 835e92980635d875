/**
 * Content packages (issue 15), with the commands a museum runs: on the 1,000-story bench exhibit
 * (scripts/bench-content.ts) and on a copy of it carrying ten 52 MB narrations (over 500 MB in all, the
 * audio incompressible so the package is as large as its files):
 *
 *   npm run keys:create → npm run content:publish (timed) → npm run content:install --now (verify and stage,
 *   timed)
 *
 * each in its own process under /usr/bin/time, whose peak resident memory is the figure: the aim is memory
 * independent of the package's size (every file streamed). Prints `name  value` lines for scripts/bench.ts.
 *
 * `node --import tsx scripts/bench-packages.ts [--big-mb 520] [--keep]`
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateExhibit } from './bench-content';

const { values } = parseArgs({
  options: {
    'big-mb': { type: 'string', default: '520' },
    keep: { type: 'boolean', default: false },
  },
});
const BIG_FILES = 10;

const line = (name: string, value: string) => process.stdout.write(`${name}  ${value}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * An MP3 of `bytes` as the checker reads one: MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes
 * each) with random payloads, so gzip cannot shrink it. Written in 1 MB pieces.
 */
async function writeNoiseMp3(file: string, bytes: number): Promise<void> {
  const FRAME = 417;
  const piece = Buffer.alloc(FRAME * 2514); // about 1 MB of whole frames
  const out = createWriteStream(file);
  for (let written = 0; written < bytes; written += piece.length) {
    randomFillSync(piece);
    for (let at = 0; at < piece.length; at += FRAME) piece.set([0xff, 0xfb, 0x90, 0x64], at);
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** One npm script in its own process under /usr/bin/time: seconds, peak resident memory, its output. */
function run(script: string, args: string[]): { seconds: number; peakKB: number; output: string } {
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb=%M', process.execPath, '--import', 'tsx', `scripts/${script}.ts`, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = /peak-rss-kb=(\d+)/.exec(result.stderr ?? '');
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0)
    throw new Error(`${script} ${args.join(' ')} failed: ${output.split('\n').slice(-3).join(' | ')}`);
  return { seconds, peakKB: Number(peak?.[1] ?? NaN), output };
}

async function newestPackage(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.kioskpkg')).sort();
  const last = names.at(-1);
  if (!last) throw new Error(`no package in ${dir}`);
  return path.join(dir, last);
}

/** Publish `media` and install it on a fresh kiosk: the figures of both, under `label`. */
async function publishAndInstall(root: string, media: string, label: string): Promise<void> {
  const keys = path.join(root, `${label}-keys`);
  const config = path.join(root, `${label}-config`);
  const published = path.join(root, `${label}-published`);
  await mkdir(config, { recursive: true });
  await writeFile(
    path.join(config, 'kiosk.yaml'),
    `packages:\n  folder: ${JSON.stringify(path.join(root, `${label}-kiosk`))}\n`,
  );
  run('keys-create', ['--out', keys, '--config', config]);
  const publish = run('content-publish', [
    media,
    '--key',
    keys,
    '--out',
    published,
    '--yes',
    '--by',
    'bench',
  ]);
  const file = await newestPackage(published);
  const size = (await stat(file)).size;
  line(`${label}: package size`, mb(size));
  line(
    `${label}: publish (check, hash, pack, sign)`,
    `${publish.seconds.toFixed(1)} s, peak memory ${mb(publish.peakKB * 1024)}`,
  );
  const install = run('content-install', [file, '--config', config, '--now']);
  line(
    `${label}: verify and stage (content:install --now)`,
    `${install.seconds.toFixed(1)} s, peak memory ${mb(install.peakKB * 1024)}`,
  );
}

const root = await mkdtemp(path.join(tmpdir(), 'kiosk-bench-packages-'));
try {
  line(
    'load average at start',
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  );
  const small = await generateExhibit(path.join(root, 'small'), 'shared');
  await publishAndInstall(root, small, '1,000 stories');

  // The same exhibit with ten long narrations: over 500 MB of incompressible audio.
  const big = await generateExhibit(path.join(root, 'big'), 'shared');
  const each = Math.ceil((Number(values['big-mb']) * 1024 * 1024) / BIG_FILES);
  for (let i = 0; i < BIG_FILES; i += 1) {
    await writeNoiseMp3(path.join(big, 'audio', `long-${i}.mp3`), each);
    const entry = path.join(big, 'diary', `entry-${i}.yaml`);
    const yaml = await readFile(entry, 'utf8');
    await writeFile(
      entry,
      yaml.replace(/^narration:\n.*$/m, `narration:\n  en: { audio: audio/long-${i}.mp3 }`),
    );
  }
  await publishAndInstall(root, big, `${values['big-mb']} MB`);
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
}
