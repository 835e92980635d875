/**
 * `npx tsx scripts/bench-trace.ts [--renderer out/renderer] [--lang zh-Hans,en]`
 *
 * Where the slowest taps spend their time: a Chromium performance trace (CDP Tracing, through Playwright)
 * around each of the taps the walker (scripts/bench-walk.ts) found slowest, summed on the page's main thread
 * by what the time went to — script, style, layout, paint, font loading (font files fetched and decoded in
 * the tap's window, and the style and layout they caused) — from the input event to the next frame drawn.
 * Each trace is written to bench-results/traces/ for the DevTools Performance panel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../main/preview/previewServer';
import { chooseChromium, chromiumArgs } from '../tests/chromium';
import { walkProbes } from './bench-walk';

const { values } = parseArgs({
  options: {
    renderer: { type: 'string', default: 'out/renderer' },
    lang: { type: 'string', default: 'zh-Hans,en,ja,id' },
    viewport: { type: 'string', default: '1920x1080' },
  },
});
const [width, height] = values.viewport.split('x').map(Number) as [number, number];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; mimeType?: string; type?: string } };
}

/** What each main-thread event's own time counts as (its children's time counts as theirs). */
function kindOf(name: string): string {
  if (/Font|font/.test(name)) return 'font loading';
  if (/^InlineNode::Shape|Shape(Text|Result)|HarfBuzz/.test(name)) return 'text shaping';
  if (
    /^(UpdateLayoutTree|Document::updateStyle|Document::recalcStyle|Blink\.Style|StyleRecalc|ParseAuthorStyleSheet|Document::rebuildLayoutTree)/.test(
      name,
    )
  )
    return 'style';
  if (
    /^(Layout|LocalFrameView::(layout|performLayout)|Blink\.Layout|Blink\.ForcedStyleAndLayout|Document::UpdateStyleAndLayout|LocalFrameView::UpdateStyleAndLayout|LocalFrameView::RunStyleAndLayoutLifecyclePhases)/.test(
      name,
    )
  )
    return 'layout';
  if (
    /(Paint|Layerize|Commit|Compositing|Raster|ImageDecode|Decode|UpdateLifecycle|BeginMainFrame|pushPaintArtifact)/.test(
      name,
    )
  )
    return 'paint';
  if (/^(MajorGC|MinorGC|V8\.GC|GCEvent|BlinkGC)/.test(name)) return 'script';
  if (
    /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|EventDispatch|RunMicrotasks|FireAnimationFrame|FireIdleCallback|CompileScript|CompileCode|AsyncTask Run|FrameRequestCallbackCollection|PageAnimator)/.test(
      name,
    )
  )
    return 'script';
  return 'other';
}

/** Events that mark a span rather than work (they would swallow the work inside them). */
const NOT_WORK = /^(LatencyInfo\.Flow|ThreadControllerImpl::RunTask|RunTask)$/;

interface Summary {
  tap: string;
  eventMs: number;
  byKind: Record<string, number>;
  fontRequests: number;
  fontBytes: number;
  longest: { name: string; ms: number }[];
}

function summarise(tap: string, events: TraceEvent[], from: number, to: number, eventMs: number): Summary {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events
    .filter(
      (e) =>
        main &&
        e.pid === main.pid &&
        e.tid === main.tid &&
        e.ph === 'X' &&
        e.ts >= from &&
        e.ts <= to &&
        !NOT_WORK.test(e.name),
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Self time: each event's duration less its children's (complete events nest on one thread).
  const byKind: Record<string, number> = {};
  const selfOf = new Map<TraceEvent, number>();
  const stack: TraceEvent[] = [];
  for (const e of onMain) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as TraceEvent;
      if (e.ts >= top.ts + (top.dur ?? 0)) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1];
    selfOf.set(e, e.dur ?? 0);
    if (parent) selfOf.set(parent, (selfOf.get(parent) ?? 0) - (e.dur ?? 0));
    stack.push(e);
  }
  for (const [e, self] of selfOf) {
    const kind = kindOf(e.name);
    byKind[kind] = (byKind[kind] ?? 0) + Math.max(0, self) / 1000;
  }
  const fonts = events.filter(
    (e) =>
      e.name === 'ResourceSendRequest' &&
      e.ts >= from &&
      e.ts <= to &&
      /\.(woff2?|ttf|otf)(\?|$)/.test(e.args?.data?.url ?? ''),
  );
  // Style and layout that script forced by reading layout after a write (before the frame would have).
  byKind['(of which forced by script)'] = onMain
    .filter((e) => e.name === 'Blink.ForcedStyleAndLayout.UpdateTime')
    .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  const longest = onMain
    .filter((e) => !/^(RunTask|ThreadControllerImpl|ProxyMain)/.test(e.name))
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 6)
    .map((e) => ({ name: e.name, ms: (e.dur ?? 0) / 1000 }));
  return { tap, eventMs, byKind, fontRequests: fonts.length, fontBytes: 0, longest };
}

const server = await startPreviewServer({
  rendererDir: path.resolve(values.renderer),
  mediaDir: path.resolve('media'),
  configDir: path.resolve('tests/e2e/kiosk-config'),
  log: { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) },
});
const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: [...chromiumArgs],
});
const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink',
  'blink.user_timing',
  'loading',
  'latencyInfo',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'fonts',
  'netlog',
];
mkdirSync('bench-results/traces', { recursive: true });
const results: Summary[] = [];

async function traced(page: Page, name: string, tap: () => Promise<void>): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await browser.startTracing(page, { categories });
  const before = await page.evaluate(
    () => (window as unknown as { __walk: { entries: unknown[] } }).__walk.entries.length,
  );
  const marker = await page.evaluate(() => performance.timeOrigin + performance.now());
  await tap();
  await page.waitForTimeout(700);
  const buffer = await browser.stopTracing();
  writeFileSync(`bench-results/traces/${name.replace(/[^\w.-]+/g, '_')}.json`, buffer);
  const entries = await page.evaluate(
    (from) =>
      (
        window as unknown as { __walk: { entries: { start: number; duration: number }[] } }
      ).__walk.entries.slice(from),
    before,
  );
  const eventMs = entries.length > 0 ? Math.max(...entries.map((e) => e.duration)) : 16;
  const start = entries.length > 0 ? Math.min(...entries.map((e) => e.start)) : 0;
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  // Trace timestamps are in µs of the browser's monotonic clock; the page's origin in it is marked by the
  // first event of navigation start we can find. Simpler and robust: the window is from the first input
  // event's dispatch to the end of the event timing duration after it.
  const input = trace.traceEvents
    .filter((e) => e.name === 'EventDispatch' && /pointerdown|touchstart/.test(JSON.stringify(e.args ?? {})))
    .sort((a, b) => a.ts - b.ts)[0];
  const from = input?.ts ?? Math.min(...trace.traceEvents.filter((e) => e.ts > 0).map((e) => e.ts));
  void marker;
  void start;
  const summary = summarise(name, trace.traceEvents, from, from + Math.max(eventMs, 16) * 1000, eventMs);
  results.push(summary);
  const kinds = Object.entries(summary.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  console.log(
    `${String(eventMs).padStart(4)} ms  ${name.padEnd(42)} ${kinds}; font files fetched: ${summary.fontRequests}`,
  );
  console.log(`        longest: ${summary.longest.map((l) => `${l.name} ${l.ms.toFixed(0)}`).join(', ')}`);
}

try {
  for (const lang of values.lang.split(',')) {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript({ content: walkProbes });
    await page.goto(server.url);
    await page.waitForFunction(
      () => (window as unknown as { __walk: { complete: unknown } }).__walk.complete !== null,
    );
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2_500);
    const tapId = (id: string) => () => page.getByTestId(id).tap();
    await traced(page, `${lang} attract → language choice`, tapId('attract'));
    await traced(page, `${lang} choose-${lang} → home`, tapId(`choose-${lang}`));
    await traced(page, `${lang} home → stories`, tapId('section-stories'));
    await traced(page, `${lang} stories → a story`, () =>
      page.locator('[data-testid^="story-"]').first().tap(),
    );
    if (await page.getByTestId('content-note').isVisible())
      await traced(page, `${lang} content note → continue`, tapId('content-note-continue'));
    await page.getByTestId('nav-home').tap();
    await traced(page, `${lang} home → people`, tapId('section-people'));
    await traced(page, `${lang} people → a person`, () =>
      page.locator('[data-testid^="person-"]').nth(1).tap(),
    );
    await traced(page, `${lang} nav-display`, tapId('nav-display'));
    await traced(page, `${lang} text-large`, tapId('text-large'));
    await traced(page, `${lang} text-standard`, tapId('text-standard'));
    await page.locator('.overlay-panel .overlay-header button').tap();
    await traced(page, `${lang} nav-language`, tapId('nav-language'));
    const other = lang === 'en' ? 'zh-Hans' : 'en';
    await traced(page, `${lang} language-${other}`, tapId(`language-${other}`));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync('bench-results/traces/summary.json', JSON.stringify(results, null, 2));
