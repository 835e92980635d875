/**
 * Issue 10, point 2, "done when": with the backend loading a hostile package (a FIFO, a link to /dev/zero,
 * deep nesting, a 50 MB YAML file), the real loopback preview keeps answering and keeps serving the last
 * good package. No timing is asserted; the test prints how long each answer took and the process's peak
 * memory while the hostile load ran (the figures in the report of issue 10).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExhibitResponse } from '../../main/common/exhibit';
import type { ContentReport } from '../../main/backend/contentService';
import { startPreviewServer, type PreviewServer } from '../../main/preview/previewServer';

const valid = path.resolve('tests/fixtures/valid');
let root: string;
let media: string;
let server: PreviewServer;
const logged: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-hostile-preview-'));
  media = path.join(root, 'media');
  await cp(valid, media, { recursive: true });
  const keep = (m: string) => void logged.push(m);
  server = await startPreviewServer({
    rendererDir: path.join(root, 'no-renderer'),
    mediaDir: media,
    configDir: path.resolve('tests/e2e/kiosk-config'),
    derivedDir: path.join(root, 'cache'),
    log: { info: keep, warn: keep, error: keep },
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

async function exhibitVersion(): Promise<string | null> {
  const response = await fetch(`${server.url}/api/exhibit`);
  const body = (await response.json()) as ExhibitResponse;
  return body.status === 'ok' ? body.exhibit.version : null;
}

/** Turn the package into the hostile one of issue 10. */
async function makeHostile(): Promise<void> {
  const at = (...parts: string[]) => path.join(media, ...parts);
  await rm(at('exhibit.yaml'));
  execFileSync('mkfifo', [at('exhibit.yaml')]);
  await rm(at('people', 'ada-park.yaml'));
  await symlink('/dev/zero', at('people', 'ada-park.yaml'));
  await writeFile(at('people', 'huge.yaml'), `name:\n${`  en: "${'x'.repeat(1000)}"\n`.repeat(50 * 1024)}`);
  await writeFile(at('people', 'deep.yaml'), `name: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
  const front = '---\ntitle: Deep\nsummary: Deep\n---\n\n';
  await writeFile(at('stories', 'harbour-story', 'ja.md'), `${front}${'>'.repeat(20_000)} deep\n`);
  const lists = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
  await writeFile(at('stories', 'harbour-story', 'en.md'), `${front}${lists}\n`);
}

/** Median, 99th percentile and maximum of a list of milliseconds, for the printed figures. */
function figures(values: number[]): string {
  const ms = [...values].sort((a, b) => a - b);
  const pick = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1);
  return `median ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${pick(1)} ms`;
}

describe('the preview while a hostile package loads', () => {
  it('answers /api/exhibit with the last good package throughout, and after', async () => {
    expect(await exhibitVersion()).toBe('1.0.0');
    // The same requests with nothing loading, for comparison (the machine's own noise).
    const quiet: number[] = [];
    const quietLoop = monitorEventLoopDelay({ resolution: 5 });
    quietLoop.enable();
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await exhibitVersion();
      quiet.push(performance.now() - started);
    }
    quietLoop.disable();
    await makeHostile();

    let settled = false;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const reload = server.backend.content.reload().finally(() => (settled = true));
    const during: { version: string | null; ms: number }[] = [];
    while (!settled) {
      const started = performance.now();
      const version = await exhibitVersion();
      if (!settled) during.push({ version, ms: performance.now() - started });
    }
    const report: ContentReport = await reload;
    loop.disable();
    clearInterval(sampler);

    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((d) => d.version))).toEqual(new Set(['1.0.0']));
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/previous version stays in service/);
    expect(await exhibitVersion()).toBe('1.0.0');

    const delay = (h: ReturnType<typeof monitorEventLoopDelay>) =>
      `event-loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`;
    console.log(
      [
        `nothing loading: ${quiet.length} answers, ${figures(quiet)}; ${delay(quietLoop)}`,
        `hostile load: ${during.length} answers while it ran, ${figures(during.map((d) => d.ms))}; ${delay(loop)}`,
        `peak RSS of the process while it ran ${Math.round(peakRss / 1048576)} MB; report: ${report.message}`,
      ].join('\n'),
    );
  }, 120_000);
});
