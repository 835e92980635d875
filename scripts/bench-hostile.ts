/**
 * `npm run bench -- --only hostile` (or `tsx scripts/bench-hostile.ts [--seconds 10]`)
 *
 * Issue 10, point 2: while the backend loads a hostile package, does it keep answering, and with the last
 * good exhibit? The real loopback host (`startPreviewServer`, the one backend) runs in this process on a
 * copy of media/; a second process asks it for `/api/settings` and `/api/exhibit` back to back and times
 * every answer. Two phases of the same length:
 *  - quiet: the package is whole, nothing loads;
 *  - hostile: the package gets a FIFO in place of a story, a person linked to /dev/zero, a Markdown story
 *    of 20,000 nested quotes, a 50 MB YAML file, a 1.9 MB YAML file of 60,000 keys and a story of
 *    0.9 MB of emphasis (both just under their size limits, so they are parsed), and then exhibit.yaml
 *    itself becomes a FIFO; the content is reloaded over and over while the requests go on.
 * Reported: answer time p50 / p95 / p99 / max in each phase, the backend's main-thread event-loop delay
 * (what the loading costs the thread that answers, whatever else the machine runs), the backend process's
 * peak RSS, and whether every answer in the hostile phase still carried the last good exhibit's title.
 * The 1-minute load average is printed beside them: on a busy machine the client's own scheduling shows
 * in the answer times, not in the event-loop delay.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { startPreviewServer } from '../main/preview/previewServer';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
});
const SECONDS = Number(values.seconds);

/** The client: a separate Node process, so its timing is not the backend's event loop. */
const CLIENT = `
import { monitorEventLoopDelay } from 'node:perf_hooks';
const [base, seconds] = process.argv.slice(1);
// The first fetch of a new Node process loads and compiles its HTTP client (undici) and opens the
// connection: it is timed apart, as the client's start-up, not the backend's answer.
let started = performance.now();
await (await fetch(base + '/api/settings')).text();
const firstMs = performance.now() - started;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const until = Date.now() + Number(seconds) * 1000;
const times = [];
const titles = new Set();
let failed = 0;
let n = 0;
while (Date.now() < until) {
  const route = n++ % 2 === 0 ? '/api/settings' : '/api/exhibit';
  started = performance.now();
  try {
    const response = await fetch(base + route);
    const body = await response.text();
    times.push(performance.now() - started);
    if (!response.ok) failed += 1;
    else if (route === '/api/exhibit') titles.add(JSON.parse(body)?.exhibit?.title?.en ?? '(none)');
  } catch {
    failed += 1;
  }
}
delay.disable();
const slowest = times.indexOf(Math.max(...times));
process.stdout.write(
  JSON.stringify({ times, failed, titles: [...titles], firstMs, slowest, clientDelayMaxMs: delay.max / 1e6 }),
);
`;

interface ClientResult {
  times: number[];
  failed: number;
  titles: string[];
  /** The client's first fetch (its HTTP client's start-up included), not counted in `times`. */
  firstMs: number;
  /** Index of the slowest answer in `times`, and the client's own event-loop delay at most (ms). */
  slowest: number;
  clientDelayMaxMs: number;
}

function runClient(base: string, seconds: number): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT, base, String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as ClientResult) : reject(new Error(`client exited ${code}`)),
    );
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);

function makeHostile(media: string): void {
  const story = path.join(media, 'stories/rabe-garden/ja.md');
  rmSync(story);
  execFileSync('mkfifo', [story]);
  const person = path.join(media, 'people/john-magee.yaml');
  rmSync(person);
  symlinkSync('/dev/zero', person);
  const front = '---\ntitle: 深い\nsummary: 深い\n---\n\n';
  writeFileSync(path.join(media, 'stories/rabe-garden/id.md'), `${front}${'>'.repeat(20_000)} deep\n`);
  writeFileSync(
    path.join(media, 'stories/rabe-garden/zh-Hans.md'),
    `${front}${'*a* _b_ '.repeat(115_000)}\n`,
  );
  const line = `  en: "${'x'.repeat(1000)}"\n`;
  writeFileSync(path.join(media, 'people/huge.yaml'), `name:\n${line.repeat(50 * 1024)}`);
  const keys = Array.from({ length: 60_000 }, (_, i) => `  k${i}: "value ${i} ${'y'.repeat(12)}"`);
  writeFileSync(path.join(media, 'people/many-keys.yaml'), `name:\n  en: Many\nnote:\n${keys.join('\n')}\n`);
}

/** Mid-phase, so without blocking the backend's thread (this process is the backend too). */
async function breakExhibit(media: string): Promise<void> {
  const exhibit = path.join(media, 'exhibit.yaml');
  await rm(exhibit);
  await promisify(execFile)('mkfifo', [exhibit]);
}

const work = mkdtempSync(path.join(tmpdir(), 'kiosk-bench-hostile-'));
const media = path.join(work, 'media');
cpSync('media', media, { recursive: true });
const server = await startPreviewServer({
  rendererDir: path.resolve(values.renderer),
  mediaDir: media,
  configDir: path.resolve('tests/e2e/kiosk-config'),
  derivedDir: path.join(work, 'derived'),
  port: 0,
  log: { info: () => {}, warn: () => {}, error: () => {} },
});

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function phase(name: string, during: () => Promise<void>) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const load = loadavg()[0] ?? NaN;
  const [client] = await Promise.all([runClient(server.url.replace(/\/$/, ''), SECONDS), during()]);
  delay.disable();
  const sorted = [...client.times].sort((a, b) => a - b);
  const ms = (ns: number) => ns / 1e6;
  console.log(
    `${`answers while ${name}`.padEnd(40)} ${sorted.length} answers, ${client.failed} failed · ` +
      `p50 ${quantile(sorted, 0.5).toFixed(1)} · p95 ${quantile(sorted, 0.95).toFixed(1)} · ` +
      `p99 ${quantile(sorted, 0.99).toFixed(1)} · max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  console.log(
    `${`event-loop delay while ${name}`.padEnd(40)} p50 ${ms(delay.percentile(50)).toFixed(1)} · ` +
      `p99 ${ms(delay.percentile(99)).toFixed(1)} · max ${ms(delay.max).toFixed(1)} ms ` +
      `(1-min load at start ${load.toFixed(1)})`,
  );
  console.log(
    `${`the client while ${name}`.padEnd(40)} first fetch (its start-up) ${client.firstMs.toFixed(1)} ms · ` +
      `slowest answer was no. ${client.slowest + 1} of ${sorted.length} · its own event-loop delay max ` +
      `${client.clientDelayMaxMs.toFixed(1)} ms`,
  );
  console.log(`${`exhibit title while ${name}`.padEnd(40)} ${client.titles.join(' | ')}`);
}

try {
  await phase('quiet', async () => {});
  let reloads = 0;
  let stop = false;
  const hostileReports: string[] = [];
  // The hostile files are written before the phase: this process is also the backend, and writing 50 MB
  // would hold its thread, which is the bench's doing, not the loader's.
  makeHostile(media);
  await phase('loading hostile', async () => {
    const started = Date.now();
    let broke = false;
    while (!stop && Date.now() - started < SECONDS * 1000) {
      if (!broke && Date.now() - started > (SECONDS * 1000) / 2) {
        await breakExhibit(media);
        broke = true;
      }
      const report = await server.backend.content.reload();
      reloads += 1;
      hostileReports.push(
        `${report.errors} errors, ${report.ok ? 'exhibit in use' : 'last good exhibit kept'}: ${report.message}`,
      );
    }
    stop = true;
  });
  console.log(`${'reloads of the hostile package'.padEnd(40)} ${reloads}`);
  console.log(`${'what each reload said'.padEnd(40)} ${[...new Set(hostileReports)].join(' / ')}`);
  console.log(`${'backend process peak RSS'.padEnd(40)} ${(peakRss / 2 ** 20).toFixed(0)} MB`);
} finally {
  clearInterval(sampler);
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
