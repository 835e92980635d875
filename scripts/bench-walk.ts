/**
 * What a visitor feels, for `npm run bench`: load figures from navigation start, and a walker that, in each
 * language of the exhibit, walks every screen and taps every visible control with touch, measuring each tap
 * with the Event Timing API (input → the next paint after its handlers; what browsers call INP).
 *
 * The walker is generic: on every state it reaches (a screen, an open overlay, the photo viewer, a content
 * note) it lists the controls a visitor can see and touch, taps each once, and explores every new state a
 * tap leads to. It returns to a state by the kiosk's own controls (back, close) and, when those do not lead
 * back, by a new visit: reset, the attract loop, the language, then the taps that led there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface TapFigure {
  lang: string;
  viewport: string;
  /** The state the control was tapped in: `story`, `photos`, `overlay:Text & display`, `viewer`, ... */
  screen: string;
  control: string;
  /** Event Timing duration (the longest of the tap's pointer events and click); 16 = "under 16 ms". */
  ms: number;
  /** Whether Event Timing reported it (durations under 16 ms are not reported). */
  reported: boolean;
}

export interface LoadFigure {
  viewport: string;
  fcpMs: number;
  /** The first animation frame after the attract loop, its photograph and its type are all there. */
  completeFrameMs: number;
  bytes: number;
  requests: number;
  fonts: number;
  fontBytes: number;
}

/** Installed before the kiosk loads: Event Timing and the attract loop's first complete frame. */
export const walkProbes = `
  // tsx names the functions it compiles with a helper that the page does not have: give the page one.
  window.__name = (fn) => fn;
  window.__walk = { entries: [], clicks: 0, lastClickFrame: 0, complete: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) window.__walk.entries.push({ id: e.interactionId, name: e.name, start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  // After each click: a frame and a task, so the walker knows the handlers ran and a frame was produced.
  window.addEventListener('click', () => {
    window.__walk.clicks += 1;
    const n = window.__walk.clicks;
    requestAnimationFrame(() => setTimeout(() => { window.__walk.lastClickFrame = n; }, 0));
  }, true);
  // The attract loop's first complete frame: its current photograph decoded and every font it uses loaded.
  (function watch() {
    const check = async () => {
      const attract = document.querySelector('[data-testid="attract"]');
      const slide = attract && (attract.querySelector('.attract-slide.is-current') || attract.querySelector('.attract-slide'));
      const title = attract && attract.querySelector('.attract-title h1');
      if (!attract || !title || (attract.querySelector('.attract-slide') && !slide)) { requestAnimationFrame(check); return; }
      const url = slide ? (getComputedStyle(slide).backgroundImage.match(/url\\("?(.*?)"?\\)/) || [])[1] : null;
      if (url) { const img = new Image(); img.src = url; try { await img.decode(); } catch {} }
      await document.fonts.ready;
      requestAnimationFrame(() => { window.__walk.complete = performance.now(); });
    };
    requestAnimationFrame(check);
  })();
`;

type WalkWindow = {
  __walk: {
    entries: { id: number; name: string; start: number; duration: number }[];
    clicks: number;
    lastClickFrame: number;
    complete: number | null;
  };
  __kiosk?: { forceReset(): void };
};

/** Load figures from navigation start, in a fresh context (an empty cache, as after the kiosk starts). */
export async function measureLoad(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  chromiumNote: (context: BrowserContext) => Promise<void> = async () => undefined,
): Promise<LoadFigure> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  await chromiumNote(context);
  const page = await context.newPage();
  await page.addInitScript({ content: walkProbes });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as WalkWindow).__walk.complete !== null, null, {
    timeout: 30_000,
  });
  const figure = await page.evaluate(() => {
    const complete = (window as unknown as WalkWindow).__walk.complete ?? NaN;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (r) => r.startTime <= complete,
    );
    const size = (r: PerformanceResourceTiming) => r.transferSize || r.encodedBodySize;
    const fonts = before.filter((r) => /\.(woff2?|ttf|otf)(\?|$)/.test(r.name));
    return {
      fcpMs: fcp,
      completeFrameMs: complete,
      bytes: (nav ? size(nav) : 0) + before.reduce((s, r) => s + size(r), 0),
      requests: before.length + 1,
      fonts: fonts.length,
      fontBytes: fonts.reduce((s, r) => s + size(r), 0),
    };
  });
  await context.close();
  return { viewport: `${viewport.width}×${viewport.height}`, ...figure };
}

interface Control {
  /** Index among the state's controls, in document order: how the walker finds it again. */
  index: number;
  label: string;
}

/** The controls a visitor can see and touch in the current state, in document order. */
async function listControls(page: Page): Promise<Control[]> {
  return page.evaluate(() => {
    const candidates = Array.from(
      document.querySelectorAll<HTMLElement>(
        'button, [role="button"], [role="switch"], [role="tab"], a[href], input, select, summary',
      ),
    );
    const shown = candidates.filter((el) => {
      if (el.closest('[inert], [aria-hidden="true"], .staff-corner')) return false;
      if ((el as HTMLButtonElement).disabled) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0)
        return false;
      const box = el.getBoundingClientRect();
      return box.width > 4 && box.height > 4;
    });
    document
      .querySelectorAll('[data-bench-control]')
      .forEach((el) => el.removeAttribute('data-bench-control'));
    return shown.map((el, index) => {
      el.setAttribute('data-bench-control', String(index));
      const label =
        el.dataset.testid ??
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return { index, label: label || el.tagName.toLowerCase() };
    });
  });
}

/** Where the visitor is: the screen (and which item), an overlay, the viewer, a content note, the language. */
async function stateOf(page: Page): Promise<{ key: string; screen: string; lang: string; settings: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const settings = ['textSize', 'contrast', 'motion', 'controls'].map((k) => root.dataset[k]).join(',');
    if (document.querySelector('[data-testid="attract"]'))
      return { key: 'attract', screen: 'attract', lang: root.lang, settings };
    const idle = document.querySelector('[data-testid="idle-warning"]');
    const viewer = document.querySelector('[data-testid="photo-viewer"]');
    const dialog = document.querySelector<HTMLElement>('.overlay-panel[role="dialog"]');
    const main = document.querySelector('.visit-main > [data-testid]');
    const screen = main?.getAttribute('data-testid')?.replace(/^screen-/, '') ?? 'loading';
    const heading = (document.querySelector('.visit-main h1')?.textContent ?? '').trim().slice(0, 60);
    const note = document.querySelector('.visit-main [data-testid="content-note"]') ? '+note' : '';
    let layer = '';
    let name = screen;
    if (idle) {
      layer = '|idle';
      name = 'idle warning';
    } else if (viewer) {
      const caption = (viewer.querySelector('.viewer-caption-text')?.textContent ?? '').slice(0, 40);
      const viewerNote = viewer.querySelector('[data-testid="content-note"]') ? '+note' : '';
      layer = `|viewer:${caption}${viewerNote}`;
      name = viewerNote ? 'viewer (content note)' : 'viewer';
    } else if (dialog) {
      // One overlay is one state wherever it was opened from: it shows the same controls.
      return {
        key: `overlay:${dialog.getAttribute('aria-label') ?? ''}`,
        screen: `overlay ${dialog.closest('[data-testid]')?.getAttribute('data-testid') ?? dialog.getAttribute('aria-label')}`,
        lang: root.lang,
        settings,
      };
    } else if (note) name = `${screen} (content note)`;
    return { key: `${screen}:${heading}${note}${layer}`, screen: name, lang: root.lang, settings };
  });
}

/** Back to a state by the kiosk's own controls: close the viewer or the overlay, or go back one screen. */
async function returnBy(page: Page, key: string): Promise<void> {
  for (let step = 0; step < 2; step += 1) {
    const close = page.locator(
      '[data-testid="viewer-close"], .overlay-panel[role="dialog"] .overlay-header button, [data-testid="idle-continue"]',
    );
    if ((await close.count()) > 0) await close.first().tap({ timeout: 5_000 });
    else if (
      await page
        .getByTestId('nav-back')
        .isEnabled()
        .catch(() => false)
    )
      await page.getByTestId('nav-back').tap({ timeout: 5_000 });
    else return;
    await page.waitForTimeout(50);
    if ((await stateOf(page)).key === key) return;
  }
}

/** Tap one control and wait until its click has been handled and a frame produced (or nothing happened). */
async function tapAndMeasure(page: Page, index: number): Promise<{ ms: number; reported: boolean }> {
  const before = await page.evaluate(() => {
    const w = (window as unknown as WalkWindow).__walk;
    return { entries: w.entries.length, clicks: w.clicks, now: performance.now() };
  });
  await page.locator(`[data-bench-control="${index}"]`).tap({ timeout: 5_000 });
  // The click's frame, then time for the Event Timing entry to be delivered (it follows the paint).
  await page
    .waitForFunction(
      (clicks) => (window as unknown as WalkWindow).__walk.lastClickFrame > clicks,
      before.clicks,
      { timeout: 3_000, polling: 'raf' },
    )
    .catch(() => undefined);
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30))),
      ),
  );
  const entries = await page.evaluate(
    ({ from, since }) =>
      (window as unknown as WalkWindow).__walk.entries.slice(from).filter((e) => e.start >= since - 1),
    { from: before.entries, since: before.now },
  );
  if (entries.length === 0) return { ms: 16, reported: false };
  return { ms: Math.max(...entries.map((e) => e.duration)), reported: true };
}

export interface WalkOptions {
  viewport: { width: number; height: number };
  lang: string;
  /** At most this many states per language (a guard against a walk that never ends). */
  maxStates?: number;
  log?: (line: string) => void;
}

/**
 * Walk every state reachable in one language and tap every control once. The page is fresh, its visit
 * chunks and fonts have loaded while the attract loop ran (a visitor walks up to a kiosk that has been
 * running), and each state is entered by the taps that lead there.
 */
export async function walkLanguage(
  browser: Browser,
  url: string,
  options: WalkOptions,
): Promise<TapFigure[]> {
  const { viewport, lang } = options;
  const log = options.log ?? (() => undefined);
  const context = await browser.newContext({ viewport, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript({ content: walkProbes });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as WalkWindow).__walk.complete !== null, null, {
    timeout: 30_000,
  });
  // The attract loop runs a while before anyone walks up: its prefetches finish.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2_500);
  await page.waitForLoadState('networkidle');

  const figures: TapFigure[] = [];
  const viewportName = `${viewport.width}×${viewport.height}`;
  const defaultSettings = (await stateOf(page)).settings;

  // A path is the list of control labels (with their index) tapped after choosing the language.
  type Path = Control[];
  const startVisit = async () => {
    await page.evaluate(() => (window as unknown as WalkWindow).__kiosk?.forceReset());
    await page.getByTestId('attract').waitFor();
    await page.getByTestId('attract').tap();
    await page.getByTestId(`choose-${lang}`).tap();
    await page.getByTestId('home').waitFor();
  };
  const follow = async (path: Path): Promise<boolean> => {
    await startVisit();
    for (const step of path) {
      const controls = await listControls(page);
      const control = controls.find((c) => c.index === step.index && c.label === step.label);
      if (!control) return false;
      await page.locator(`[data-bench-control="${control.index}"]`).tap({ timeout: 5_000 });
      await page.waitForTimeout(50);
    }
    return true;
  };

  // The first states: the attract loop and the language choice, measured as a visitor meets them.
  const attract = await tapAndMeasure(
    page,
    (await listControls(page)).findIndex((c) => c.label === 'attract'),
  );
  figures.push({ lang, viewport: viewportName, screen: 'attract', control: 'attract', ...attract });
  await page.getByTestId('language-choice').waitFor();
  const choice = (await listControls(page)).find((c) => c.label === `choose-${lang}`);
  if (!choice) throw new Error(`no choose-${lang} on the language choice`);
  const chosen = await tapAndMeasure(page, choice.index);
  figures.push({
    lang,
    viewport: viewportName,
    screen: 'language-choice',
    control: `choose-${lang}`,
    ...chosen,
  });
  await page.getByTestId('home').waitFor();

  const seen = new Set<string>();
  const queue: { key: string; path: Path }[] = [];
  const home = await stateOf(page);
  seen.add(home.key);
  queue.push({ key: home.key, path: [] });
  const maxStates = options.maxStates ?? 200;

  while (queue.length > 0 && seen.size <= maxStates) {
    const { key, path } = queue.shift() as { key: string; path: Path };
    if (!(await follow(path)) || (await stateOf(page)).key !== key) {
      log(`  (could not return to ${key}; skipped)`);
      continue;
    }
    const controls = await listControls(page);
    for (let i = 0; i < controls.length; i += 1) {
      let here = await stateOf(page);
      if (here.key !== key && here.settings === defaultSettings) await returnBy(page, key);
      here = await stateOf(page);
      if (here.key !== key || here.settings !== defaultSettings) {
        if (!(await follow(path))) break;
        here = await stateOf(page);
        if (here.key !== key) break;
      }
      const now = await listControls(page);
      const control = now.find((c) => c.index === controls[i]?.index && c.label === controls[i]?.label);
      if (!control) continue;
      const measured = await tapAndMeasure(page, control.index).catch(() => null);
      if (!measured) continue;
      figures.push({
        lang,
        viewport: viewportName,
        screen: here.screen,
        control: control.label,
        ...measured,
      });
      const after = await stateOf(page);
      const isNew = after.key !== key && !seen.has(after.key);
      // Only new states of this visit in this language and with the default display settings are explored:
      // the language overlay's other languages are walked in their own run.
      if (
        isNew &&
        after.lang === here.lang &&
        after.settings === defaultSettings &&
        after.key !== 'attract'
      ) {
        seen.add(after.key);
        queue.push({ key: after.key, path: [...path, control] });
      }
    }
  }
  const fonts = await page.evaluate(() => {
    const names = performance.getEntriesByType('resource').map((r) => r.name);
    const isFont = (n: string) => /\.(woff2?|ttf|otf)(\?|$)/.test(n);
    return {
      all: names.filter(isFont).length,
      // The full fontsource files, fetched only for a character the cut fonts do not have.
      fallback: names.filter((n) => isFont(n) && /\/noto-[a-z-]+-(?:\d+-)?wght-normal/.test(n)).length,
    };
  });
  log(
    `  ${lang} ${viewportName}: ${seen.size} states, ${figures.length} taps; font files fetched ${fonts.all} (full-font fallback ${fonts.fallback})`,
  );
  await context.close();
  return figures;
}

export const quantile = (values: number[], q: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

export const median = (values: number[]): number => quantile(values, 0.5);
