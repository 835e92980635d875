/**
 * `npm run bench [-- --visits 500 --narrations 200 --skip-content --only load,walk --viewports 1920x1080]`
 *
 * Performance figures from scripted visits in real Chromium against the real backend. Not a test: it
 * prints the figures (and writes bench-results/bench.json) so they can be compared over time.
 *
 * What a visitor feels (scripts/bench-walk.ts):
 *  - load: first contentful paint, the attract loop's first complete frame (photograph and type there),
 *    bytes and requests before it, from navigation start, in a fresh context
 *  - walk: in every language, every screen walked and every visible control tapped by touch; Event Timing
 *    duration per tap (input → next paint), p50 / p95 / max per screen and language, the ten slowest
 * Beside it:
 *  - load → first frame of the attract loop
 *  - tap → next paint, p50/p95: from the Event Timing API (interactions it reports, ≥ 16 ms) and from a
 *    rAF-after-event probe that sees every tap
 *  - frame time p95 during story and photo transitions (rAF deltas for 1 s after the tap)
 *  - the large scan: tap → every tile of the first view drawn (sharp)
 *  - JS heap and DOM nodes after 10 and after N visits (each visit ends in the idle reset), after a GC
 *  - JS heap after N narrations played and reset, and Howls left alive
 *  - the content checker on a generated exhibit of 1,000 stories and 5,000 photos
 *  - hostile (scripts/bench-hostile.ts): answer times and the backend's event-loop delay while it loads a
 *    hostile package (FIFO, /dev/zero, deep nesting, huge and near-limit files), and the title it serves
 *  - packages (scripts/bench-packages.ts, `--only packages`): publish and verify-and-stage of the
 *    1,000-story exhibit and of a package over 500 MB, with each command's peak memory
 *  - editor (scripts/bench-editor.ts, `--only editor`): the exhibit editor's first list and its
 *    save-plus-recheck of one item, p50/p95
 *  - analytics (scripts/bench-analytics.ts): insert throughput and the dashboard's figures for 1, 7, 30 and
 *    365 days on a million generated events (`--analytics-events N` for another count)
 * Budgets to aim for: p95 tap-to-paint < 50 ms, p95 frame < 17 ms, heap growth < 5 %.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../main/preview/previewServer';
import { chooseChromium, chromiumArgs } from '../tests/chromium';
import { heapBreakdown as snapshotBreakdown, type HeapBreakdown } from '../tests/support/heapBreakdown';
import { benchAnalytics } from './bench-analytics';
import { measureLoad, median, walkLanguage, type LoadFigure, type TapFigure } from './bench-walk';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '500' },
    narrations: { type: 'string', default: '200' },
    'skip-content': { type: 'boolean', default: false },
    only: { type: 'string', default: 'load,walk,latency,visits,narrations,content,analytics' },
    'analytics-events': { type: 'string', default: '1000000' },
    viewports: { type: 'string', default: '1920x1080' },
    loads: { type: 'string', default: '5' },
    langs: { type: 'string', default: '' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
});
const VIEWPORTS = values.viewports.split(',').map((v) => {
  const [width, height] = v.split('x').map(Number);
  return { width: width ?? 1920, height: height ?? 1080 };
});
const only = new Set(values.only.split(','));
const VISITS = Number(values.visits);
const NARRATIONS = Number(values.narrations);
const IDLE_MS = 30_000;
const WARNING_MS = 10_000;

const figures: Record<string, unknown> = {};
const report = (name: string, value: number | string, unit = '') => {
  figures[name] = value;
  console.log(`${name.padEnd(50)} ${typeof value === 'number' ? value.toFixed(1) : value} ${unit}`);
};
const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const server = await startPreviewServer({
  rendererDir: path.resolve(values.renderer),
  mediaDir: path.resolve('media'),
  configDir: path.resolve('tests/e2e/kiosk-config'),
  log: { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) },
});
const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
console.log(`Memorial Kiosk bench — ${chooseChromium().description}, ${server.url}\n`);

/**
 * Probes installed before the kiosk loads: Event Timing, and next-paint after every pointerdown. Written as
 * a string: tsx would wrap named functions in a helper that does not exist in the page.
 */
const probes = `
  window.__bench = { events: [], taps: [], frames: null, byInteraction: new Map() };
  new PerformanceObserver((list) => {
    // pointerdown, pointerup and click of one tap share an interactionId: keep the longest of them.
    for (const entry of list.getEntries()) {
      if (!entry.interactionId) continue;
      const known = window.__bench.byInteraction.get(entry.interactionId) ?? 0;
      window.__bench.byInteraction.set(entry.interactionId, Math.max(known, entry.duration));
      window.__bench.events = [...window.__bench.byInteraction.values()];
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  window.addEventListener('pointerdown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__bench.taps.push(performance.now() - start), 0));
  }, true);
`;

async function tap(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).tap();
}
async function passNote(page: Page): Promise<void> {
  if (await page.getByTestId('content-note').isVisible()) await tap(page, 'content-note-continue');
}
async function frameTimesDuring(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(() => {
    const frames = [];
    window.__bench.frames = frames;
    let last = performance.now();
    const until = last + 1000;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      if (now < until) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })()`);
  await action();
  await page.waitForTimeout(1100);
  return page.evaluate(() => (window as unknown as { __bench: { frames: number[] } }).__bench.frames);
}
/** The page's heap snapshot, summed (see tests/support/heapBreakdown.ts). */
async function heapBreakdown(page: Page): Promise<HeapBreakdown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await snapshotBreakdown(cdp);
  } finally {
    await cdp.detach();
  }
}

function reportHeapBreakdown(what: string, after10: HeapBreakdown, afterN: HeapBreakdown): void {
  const kb = (a: number, b: number) => `${a.toFixed(0)} / ${b.toFixed(0)} KB`;
  report(`JS objects after 10 / N ${what} (no compiled code)`, kb(after10.objectsKB, afterN.objectsKB));
  report(
    `JS object growth 10 → N ${what}`,
    ((afterN.objectsKB - after10.objectsKB) / after10.objectsKB) * 100,
    '%',
  );
  report(`compiled code after 10 / N ${what}`, kb(after10.codeKB, afterN.codeKB));
}

/** Tap → next paint per viewport, language and screen; the overall figures; the ten slowest controls. */
function reportTaps(taps: TapFigure[], languages: string[]): void {
  const q = (v: number[], p: number) => quantile(v, p);
  const line = (v: number[]) =>
    `n ${String(v.length).padStart(3)}  p50 ${q(v, 0.5).toFixed(0).padStart(3)}  p95 ${q(v, 0.95).toFixed(0).padStart(3)}  max ${Math.max(
      ...v,
    )
      .toFixed(0)
      .padStart(3)} ms  over 100 ms: ${v.filter((x) => x > 100).length}`;
  const viewports = [...new Set(taps.map((t) => t.viewport))];
  console.log('\nTap → next paint (Event Timing duration; 16 = under 16 ms, not reported by the API)');
  for (const viewport of viewports) {
    const inView = taps.filter((t) => t.viewport === viewport);
    report(`${viewport} all taps`, line(inView.map((t) => t.ms)));
    for (const lang of languages) {
      const mine = inView.filter((t) => t.lang === lang);
      if (mine.length === 0) continue;
      report(`${viewport} ${lang}`, line(mine.map((t) => t.ms)));
      const screens = [...new Set(mine.map((t) => t.screen))].sort();
      for (const screen of screens)
        report(
          `${viewport} ${lang}   ${screen}`,
          line(mine.filter((t) => t.screen === screen).map((t) => t.ms)),
        );
    }
  }
  const all = taps.map((t) => t.ms);
  report(
    'ALL taps: p50 / p95 / max',
    `${q(all, 0.5).toFixed(0)} / ${q(all, 0.95).toFixed(0)} / ${Math.max(...all).toFixed(0)} ms (${all.length} taps, ${all.filter((x) => x > 100).length} over 100 ms)`,
  );
  console.log('\nThe ten slowest taps:');
  for (const t of [...taps].sort((a, b) => b.ms - a.ms).slice(0, 10))
    console.log(
      `  ${String(t.ms).padStart(4)} ms  ${t.viewport} ${t.lang.padEnd(8)} ${t.screen.padEnd(28)} ${t.control}`,
    );
  console.log('');
}

async function memory(page: Page): Promise<{ heapMB: number; nodes: number; listeners: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  await cdp.detach();
  return { heapMB: get('JSHeapUsedSize') / 1048576, nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2));
report('load average at start (1, 5, 15 min)', load.join(' '));

try {
  // A. Load: from navigation start to the attract loop, in fresh contexts.
  if (only.has('load')) {
    const loads: LoadFigure[] = [];
    for (const viewport of VIEWPORTS)
      for (let i = 0; i < Number(values.loads); i += 1)
        loads.push(await measureLoad(browser, server.url, viewport));
    figures.loads = loads;
    for (const viewport of VIEWPORTS) {
      const name = `${viewport.width}×${viewport.height}`;
      const mine = loads.filter((l) => l.viewport === name);
      const range = (pick: (l: LoadFigure) => number) => {
        const v = mine.map(pick);
        return `${median(v).toFixed(0)} (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})`;
      };
      report(
        `${name} first contentful paint, median (range)`,
        range((l) => l.fcpMs),
        'ms',
      );
      report(
        `${name} attract first complete frame, median (range)`,
        range((l) => l.completeFrameMs),
        'ms',
      );
      report(
        `${name} bytes before the attract loop shows`,
        `${(median(mine.map((l) => l.bytes)) / 1024).toFixed(0)} KB`,
      );
      report(
        `${name} requests before it (of which fonts)`,
        `${median(mine.map((l) => l.requests))} (${median(mine.map((l) => l.fonts))} fonts, ${(median(mine.map((l) => l.fontBytes)) / 1024).toFixed(0)} KB)`,
      );
    }
  }

  // B. The walk: every screen, every control, in every language.
  if (only.has('walk')) {
    const exhibit = (await (await fetch(new URL('/api/exhibit', server.url))).json()) as {
      exhibit?: { languages: string[] };
      languages?: string[];
    };
    const languages =
      values.langs !== ''
        ? values.langs.split(',')
        : (exhibit.exhibit?.languages ?? exhibit.languages ?? ['en']);
    const taps: TapFigure[] = [];
    for (const viewport of VIEWPORTS)
      for (const lang of languages)
        taps.push(
          ...(await walkLanguage(browser, server.url, { viewport, lang, log: (l) => console.log(l) })),
        );
    figures.taps = taps;
    reportTaps(taps, languages);
  }

  // 0. What this Chromium gives at best: a tap on a bare button in an empty page, with the same probe (the
  // floor under every walk figure, on this machine at this load).
  if (only.has('latency') || only.has('walk')) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    const page = await context.newPage();
    await page.setContent(`<button style="width:300px;height:300px">tap</button><script>${probes}</script>`);
    for (let i = 0; i < 40; i += 1) await page.locator('button').tap();
    await page.waitForTimeout(300);
    const baseline = await page.evaluate(() => {
      const { events, taps } = (window as unknown as { __bench: { events: number[]; taps: number[] } })
        .__bench;
      return { events, taps };
    });
    report('baseline: tap → next paint p50, empty page (rAF)', quantile(baseline.taps, 0.5), 'ms');
    report(
      'baseline: tap → next paint p50, empty page (ET)',
      baseline.events.length >= baseline.taps.length / 2 ? quantile(baseline.events, 0.5) : '< 16',
      'ms',
    );
    await context.close();
  }

  // 1. Latency, frames, load and deep zoom, in real time.
  if (only.has('latency')) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript({ content: probes });
    await page.goto(server.url);
    await page.getByTestId('attract').waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('attract-first-frame').length > 0);
    report(
      'load → attract first frame',
      await page.evaluate(() => performance.getEntriesByName('attract-first-frame')[0]?.startTime ?? NaN),
      'ms',
    );

    const storyFrames: number[] = [];
    const photoFrames: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      await tap(page, 'attract');
      await tap(page, 'choose-en');
      await tap(page, 'section-stories');
      storyFrames.push(
        ...(await frameTimesDuring(page, () =>
          page
            .locator('[data-testid^="story-"]')
            .nth(round % 5)
            .tap(),
        )),
      );
      await passNote(page);
      await page.locator('.visit-main').evaluate((el) => el.scrollBy({ top: 900 }));
      await tap(page, 'nav-home');
      await tap(page, 'section-photos');
      photoFrames.push(
        ...(await frameTimesDuring(page, () =>
          page
            .locator('[data-testid^="gallery-"]')
            .nth(round % 3)
            .tap(),
        )),
      );
      await passNote(page);
      await tap(page, 'zoom-in');
      await tap(page, 'viewer-next');
      await tap(page, 'viewer-close');
      await tap(page, 'nav-display');
      await tap(page, 'text-large');
      await tap(page, 'toggle-contrast');
      await tap(page, 'toggle-contrast');
      await tap(page, 'text-standard');
      await page.getByRole('dialog').locator('.overlay-header button').tap();
      await tap(page, 'nav-home');
      await page.evaluate(() =>
        (window as unknown as { __kiosk?: { forceReset(): void } }).__kiosk?.forceReset(),
      );
      await page.reload();
      await page.getByTestId('attract').waitFor();
    }
    // The probes survive reloads through addInitScript; gather the last page's and the totals.
    report('frame time p95, story transitions', quantile(storyFrames.slice(1), 0.95), 'ms');
    report('frame time p95, photo transitions', quantile(photoFrames.slice(1), 0.95), 'ms');

    // Tap latency over one long scripted visit (one page, so every probe is kept).
    await tap(page, 'attract');
    await tap(page, 'choose-en');
    for (let i = 0; i < 8; i += 1) {
      for (const section of ['stories', 'photos', 'people', 'timeline', 'diary']) {
        await tap(page, 'nav-home');
        await tap(page, `section-${section}`);
      }
    }
    await tap(page, 'nav-home');
    await tap(page, 'section-people');
    for (let i = 0; i < 10; i += 1) {
      await page
        .locator('[data-testid^="person-"]')
        .nth(i % 5)
        .tap();
      await tap(page, 'nav-back');
    }
    await page.waitForTimeout(300);
    const taps = await page.evaluate(() => {
      const { events, taps } = (window as unknown as { __bench: { events: number[]; taps: number[] } })
        .__bench;
      return { events, taps };
    });
    report('taps measured', String(taps.taps.length));
    report('tap → next paint p50 (rAF probe)', quantile(taps.taps, 0.5), 'ms');
    report('tap → next paint p95 (rAF probe)', quantile(taps.taps, 0.95), 'ms');
    const slow = taps.events.length;
    report('interactions ≥ 16 ms (Event Timing)', `${slow} of ${taps.taps.length}`);
    // Interactions under 16 ms are not reported by Event Timing: they count as "< 16".
    const all = [...taps.events, ...Array.from({ length: Math.max(0, taps.taps.length - slow) }, () => 0)];
    const et = (q: number) => {
      const v = quantile(all, q);
      return v === 0 ? '< 16' : v.toFixed(1);
    };
    report('tap → next paint p50 (Event Timing)', et(0.5), 'ms');
    report('tap → next paint p95 (Event Timing)', et(0.95), 'ms');

    // The large scan: tap in the gallery → every tile of the first view drawn.
    await tap(page, 'nav-home');
    await tap(page, 'section-photos');
    await page.getByTestId('gallery-safety-zone-map-scan').tap();
    await passNote(page);
    const sharp = await page
      .getByTestId('zoomable')
      .getAttribute('data-sharp-after-ms', { timeout: 20_000 })
      .catch(() => null);
    await page.waitForFunction(() => document.querySelector('[data-sharp-after-ms]') !== null, null, {
      timeout: 20_000,
    });
    report(
      'large scan (8192×6144): open → sharp',
      Number(sharp ?? (await page.getByTestId('zoomable').getAttribute('data-sharp-after-ms'))),
      'ms',
    );
    await context.close();
  }

  // 2. Memory over many visits, each ending in the idle reset (page clock fast-forwards the idle time).
  if (only.has('visits')) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(server.url);
    await page.getByTestId('attract').waitFor();
    const languages = ['zh-Hans', 'en', 'ja', 'id'];
    const visit = async (n: number) => {
      await tap(page, 'attract');
      await tap(page, `choose-${languages[n % 4]}`);
      await tap(page, 'section-stories');
      await page
        .locator('[data-testid^="story-"]')
        .nth(n % 5)
        .tap();
      await passNote(page);
      await tap(page, 'nav-home');
      await tap(page, 'section-photos');
      await page
        .locator('[data-testid^="gallery-"]')
        .nth(n % 3)
        .tap();
      await passNote(page);
      await page.clock.runFor(IDLE_MS + WARNING_MS + 200);
      await page.getByTestId('attract').waitFor();
    };
    const started = performance.now();
    for (let n = 0; n < 10; n += 1) await visit(n);
    const after10 = await memory(page);
    const objects10 = await heapBreakdown(page);
    for (let n = 10; n < VISITS; n += 1) await visit(n);
    const afterN = await memory(page);
    const objectsN = await heapBreakdown(page);
    report('visits scripted', `${VISITS} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    report('JS heap after 10 visits', after10.heapMB, 'MB');
    report(`JS heap after ${VISITS} visits`, afterN.heapMB, 'MB');
    report('heap growth 10 → N visits', ((afterN.heapMB - after10.heapMB) / after10.heapMB) * 100, '%');
    reportHeapBreakdown('visits', objects10, objectsN);
    report('detached DOM nodes after 10 / N visits', `${objects10.detached} / ${objectsN.detached}`);
    report('DOM nodes after 10 / N visits', `${after10.nodes} / ${afterN.nodes}`);
    report('event listeners after 10 / N visits', `${after10.listeners} / ${afterN.listeners}`);
    await context.close();
  }

  // 3. Narrations played and reset.
  if (NARRATIONS > 0 && only.has('narrations')) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('attract').waitFor();
    // Every other narration ends at once, while the sound is still starting (a visitor who walks away).
    const play = async (n: number) => {
      await tap(page, 'attract');
      await tap(page, 'choose-en');
      await tap(page, 'section-diary');
      await tap(page, 'diary-rabe-garden-gate');
      await passNote(page);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="narration-player"][data-status="ready"]') !== null,
      );
      if (n % 2 === 0) {
        await page.evaluate(() => {
          document.querySelector<HTMLButtonElement>('[data-testid="narration-play"]')?.click();
          (window as unknown as { __kiosk: { forceReset(): void } }).__kiosk.forceReset();
        });
      } else {
        await page.getByTestId('narration-play').tap();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="narration-player"][data-status="playing"]') !== null,
        );
        await page.evaluate(() =>
          (window as unknown as { __kiosk: { forceReset(): void } }).__kiosk.forceReset(),
        );
      }
      await page.getByTestId('attract').waitFor();
    };
    for (let n = 0; n < 10; n += 1) await play(n);
    const before = await memory(page);
    const objectsBefore = await heapBreakdown(page);
    const started = performance.now();
    for (let n = 10; n < NARRATIONS; n += 1) await play(n);
    const after = await memory(page);
    const objectsAfter = await heapBreakdown(page);
    const howls = await page.evaluate(
      () =>
        (
          window as unknown as { __kioskNarration?: { activeHowls(): number } }
        ).__kioskNarration?.activeHowls() ?? -1,
    );
    report(
      'narrations played and reset',
      `${NARRATIONS} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    report('JS heap after 10 / N narrations', `${before.heapMB.toFixed(2)} / ${after.heapMB.toFixed(2)} MB`);
    report('heap growth over narrations', ((after.heapMB - before.heapMB) / before.heapMB) * 100, '%');
    reportHeapBreakdown('narrations', objectsBefore, objectsAfter);
    report('Howls alive after the last reset', String(howls));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

// 4. The content checker on a generated large exhibit.
if (!values['skip-content'] && only.has('content')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-content.ts'], {
    encoding: 'utf8',
  });
  const line =
    (result.stdout ?? '').split('\n').find((l) => /checked|took|seconds|\bs\b/i.test(l)) ?? result.stdout;
  report('content checker, 1,000 stories + 5,000 photos', line.trim());
}

// 5. The analytics store on a million generated events: inserts, and the dashboard's figures per period.
if (only.has('analytics')) {
  benchAnalytics({ events: Number(values['analytics-events']), days: 365, runs: 20, report });
}

// 5. The backend answering while it loads a hostile package (issue 10, point 2).
if (only.has('hostile')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-hostile.ts'], {
    encoding: 'utf8',
  });
  for (const line of (result.stdout ?? '').trim().split('\n')) {
    const [name, ...rest] = line.split(/\s{2,}/);
    if (name && rest.length > 0) report(`hostile: ${name}`, rest.join(' '));
  }
  if (result.status !== 0) report('hostile: failed', (result.stderr ?? '').trim().split('\n').at(-1) ?? '');
}

// 6. The exhibit editor (issue 14): its first list, and save-plus-recheck of one item.
if (only.has('editor')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-editor.ts'], {
    encoding: 'utf8',
  });
  for (const line of (result.stdout ?? '').trim().split('\n')) {
    const [name, ...rest] = line.split(/\s{2,}/);
    if (name && rest.length > 0) report(`editor: ${name}`, rest.join(' '));
  }
  if (result.status !== 0) report('editor: failed', (result.stderr ?? '').trim().split('\n').at(-1) ?? '');
}

// 7. Content packages (issue 15): publish and verify-and-stage of the 1,000-story exhibit and of a package
// over 500 MB, each command in its own process with its peak memory. Not in the default list (it writes
// over 1 GB to the temporary folder): `npm run bench -- --only packages`.
if (only.has('packages')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-packages.ts'], {
    encoding: 'utf8',
  });
  for (const line of (result.stdout ?? '').trim().split('\n')) {
    const [name, ...rest] = line.split(/\s{2,}/);
    if (name && rest.length > 0) report(`packages: ${name}`, rest.join(' '));
  }
  if (result.status !== 0) report('packages: failed', (result.stderr ?? '').trim().split('\n').at(-1) ?? '');
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
console.log('\nWritten to bench-results/bench.json');
