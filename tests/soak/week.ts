/**
 * The simulated week (issue 18): carries out tests/soak/plan.ts against the kiosk's real backend (its own
 * process, tests/soak/backendChild.ts) and the built renderer in real Chromium with touch, under
 * Playwright's clock, and records what the report and the criteria need (types.ts).
 *
 * Time: the page's clock is paused and moved only by the driver: reading and looking are `runFor` (every
 * timer of the kiosk runs, as in real time), the gaps between visitors and the night are `fastForward`
 * (due timers fire once). The backend is sent the same time after every move. So a visit's course never
 * depends on how fast this machine is.
 *
 * The watchdog is the kiosk's own pure decision (main/kiosk/watchdog.ts) fed with what Electron would
 * feed it: the renderer gone (Playwright's `crash` event) and the page's heartbeats (passed on by the
 * backend). Its "reload" is carried out as a new page, as Electron's reload of a dead renderer is.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { openingHoursSchema, type WatchdogSettings } from '../../main/common/settings';
import { contentWorkerBuilt, contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { summarize } from '../../main/analytics/queries';
import { decideRecovery, initialWatchdogState, type WatchdogState } from '../../main/kiosk/watchdog';
import { zonedParts } from '../../main/kiosk/schedule';
import { createChecker } from '../../main/packages/checker';
import { createKeyPair, PUBLIC_KEY_FILE, readPrivateKey } from '../../main/packages/keys';
import { publishFolder } from '../../main/packages/publish';
import { createPackageStore } from '../../main/packages/store';
import { trustPolicyOf } from '../../main/packages/keys';
import { loadSettings } from '../../main/config/settings';
import { installRecordingSpeaker, clearSpoken } from '../support/recordingSpeaker';
import { freshState } from '../support/freshState';
import { heapBreakdown } from '../support/heapBreakdown';
import { pinchOut, swipeUp } from '../support/touch';
import {
  commitSnapshot,
  copySnapshot,
  planSha256,
  pruneSnapshots,
  readPlan,
  remainingDays,
  restoreSnapshot,
  writeCheckpoint,
  writePlan,
  PLAN_FILE,
  PROGRESS_FILE,
  type FaultWindow,
  type SoakCheckpoint,
  type Trace,
} from './checkpoint';
import { daylightSavingDays, planWeek, type PlannedDay, type PlannedVisit, type VisitStep } from './plan';
import type { DaySummary, FaultKind, FaultRecord, HourSample, SoakOptions, SoakResult } from './types';

export const SOAK_TIME_ZONE = 'Europe/Berlin';
/** Europe's clocks go forward in the night to Sunday 28 March 2027. */
export const DAYLIGHT_SAVING_DATE = '2027-03-28';

/** What the backend process reports of its memory (see backendChild.ts). */
interface BackendMemory {
  heapUsed: number;
  objectsKB: number;
  codeKB: number;
}

/** The first day: the change of clocks falls on day 5 of a week, on the last day of a shorter run. */
export function firstDateFor(days: number): string {
  const back = Math.min(4, days - 1);
  return new Date(Date.parse(`${DAYLIGHT_SAVING_DATE}T12:00:00Z`) - back * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
const LANGUAGES = ['zh-Hans', 'en', 'ja', 'id'];
const HOUR = 3_600_000;
const VOICES = [
  { name: 'Huihui', lang: 'zh-CN', localService: true },
  { name: 'Zira', lang: 'en-US', localService: true },
  { name: 'Haruka', lang: 'ja-JP', localService: true },
  { name: 'Damayanti', lang: 'id-ID', localService: true },
];

/** The soak kiosk's settings: open 09:00–21:00 every day, a short idle time, packages on, analytics on. */
export function soakKioskYaml(packagesDir: string, trustedKey: string): string {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `    ${d}: ['09:00-21:00']`);
  return [
    '# The simulated week (tests/soak): twelve open hours a day, a short idle time so a thousand visits fit.',
    'visitor:',
    '  idleSeconds: 20',
    '  warningSeconds: 5',
    '  volume: 0.8',
    '  fadeSeconds: 0.2',
    '  hideCursor: false',
    "  # The audio guide's visitors time out as quickly as the others here (issue 17 gives them longer).",
    '  accessibility:',
    '    audioIdleSeconds: 20',
    '    audioWarningSeconds: 5',
    'hours:',
    `  timeZone: ${SOAK_TIME_ZONE}`,
    '  week:',
    ...days,
    "  dailyRelaunchAt: '03:30'",
    'packages:',
    `  folder: ${JSON.stringify(packagesDir)}`,
    '  trustedKeys:',
    `    - name: soak`,
    `      key: ${trustedKey}`,
    '',
  ].join('\n');
}

interface Sinks {
  progress(line: string): void;
}

/**
 * Runs the week, or (with `resume`, a checkpoint read from the out folder) the rest of a week that was
 * stopped: the kiosk's folder is put back as it was at the checkpoint's relaunch, every record the driver
 * keeps is taken up again, and the week goes on with the next day of the same plan (checkpoint.ts).
 */
export async function runWeek(
  options: SoakOptions,
  browser: Browser,
  sinks: Sinks,
  resume: SoakCheckpoint | null = null,
): Promise<SoakResult> {
  const startedReal = Date.now();
  const resumption = resume ? { afterDay: resume.afterDay, at: new Date(startedReal).toISOString() } : null;
  const out = path.resolve(options.outDir);
  const work = path.join(out, 'kiosk');
  const mediaDir = path.join(work, 'media');
  const derivedDir = path.join(work, 'derived');
  const configDir = path.join(work, 'config');
  const packagesDir = path.join(work, 'packages');
  const keysDir = path.join(work, 'keys');
  // The log and analytics live on a small disk of their own, so the full-disk fault fills only them.
  const disk = path.join(work, 'disk');
  const wantDisk = options.faults.includes('diskFull');
  let diskFullMethod: string;
  let kioskYaml: string;
  if (resume) {
    // A small disk still mounted from the stopped run goes first (its content may be half a day on).
    unmountSmallDisk(disk);
    let remounted = '';
    restoreSnapshot(out, resume.snapshot, work, path.basename(disk), (dir) => {
      remounted = mountSmallDisk(dir, wantDisk);
    });
    diskFullMethod =
      remounted === resume.diskFullMethod
        ? remounted
        : `${resume.diskFullMethod}; after the resumption: ${remounted}`;
    const publicKey = readFileSync(path.join(keysDir, PUBLIC_KEY_FILE), 'utf8').trim();
    kioskYaml = soakKioskYaml(packagesDir, publicKey);
  } else {
    // A new week: an earlier week's checkpoint in this folder no longer applies.
    unmountSmallDisk(disk);
    rmSync(work, { recursive: true, force: true });
    for (const stale of [PROGRESS_FILE, PLAN_FILE, 'checkpoint'])
      rmSync(path.join(out, stale), { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync('media', mediaDir, { recursive: true });
    if (existsSync('.media-cache')) cpSync('.media-cache', derivedDir, { recursive: true });
    mkdirSync(configDir, { recursive: true });
    mkdirSync(packagesDir, { recursive: true });
    const key = createKeyPair(keysDir);
    kioskYaml = soakKioskYaml(packagesDir, key.publicKey);
    writeFileSync(path.join(configDir, 'kiosk.yaml'), kioskYaml);
    mkdirSync(disk, { recursive: true });
    diskFullMethod = mountSmallDisk(disk, wantDisk);
  }
  const { settings } = loadSettings(configDir);
  const watchdogSettings: WatchdogSettings = settings.watchdog;

  const dataDir = path.join(disk, 'data');
  const logDir = path.join(disk, 'logs');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'kiosk.log');

  const hours = openingHoursSchema.parse(settings.hours);
  const planned = planWeek({
    days: options.days,
    visitsPerDay: options.visitsPerDay,
    seed: options.seed,
    firstDate: firstDateFor(options.days),
    hours,
    languages: LANGUAGES,
    faults: options.faults,
    idleSeconds: settings.visitor.idleSeconds,
    warningSeconds: settings.visitor.warningSeconds,
  });
  // A resumed week carries out the plan it started with, written at its start; the seed makes the same
  // plan again unless plan.ts has changed since, which is worth saying.
  const plan = resume ? readPlan(out, resume.planSha256) : planned;
  if (resume && planSha256(planned) !== resume.planSha256)
    sinks.progress(
      `  note: plan.ts now makes another plan for seed ${options.seed}; the week goes on with the plan it started with (${PLAN_FILE})`,
    );
  const planFingerprint = resume ? resume.planSha256 : await writePlan(out, plan);
  const dstDays = new Set(daylightSavingDays(plan, SOAK_TIME_ZONE));

  // SOAK_PORT: a port of one's own on a machine shared with other test runs; else any free one.
  const port = process.env.SOAK_PORT ? Number(process.env.SOAK_PORT) : await freePort();
  const worker = contentWorkerBuilt()?.file ?? null;
  const carried = resume?.state;
  const samples: HourSample[] = [...(carried?.samples ?? [])];
  const faults: FaultRecord[] = [...(carried?.faults ?? [])];
  const days: DaySummary[] = [...(carried?.days ?? [])];
  const notFresh: string[] = [...(carried?.notFresh ?? [])];
  const consoleTraces: Trace[] = [...(carried?.consoleTraces ?? [])];
  const faultWindows: FaultWindow[] = [...(carried?.faultWindows ?? [])];
  const logLinesLost: string[] = [...(carried?.logLinesLost ?? [])];
  let visitsDriven = carried?.visitsDriven ?? 0;
  let visitsUncountable = carried?.visitsUncountable ?? 0;
  let sim = carried?.sim ?? plan[0]!.opens - 10 * 60_000;

  // ---- the backend process ------------------------------------------------------------------------
  let backend: ChildProcess | null = null;
  let onHeartbeat: () => void = () => undefined;
  let onMemory: (memory: BackendMemory) => void = () => undefined;
  const backendArgs = () => [
    ...['--port', String(port), '--renderer', path.resolve('out/renderer'), '--media', mediaDir],
    ...['--config', configDir, '--derived', derivedDir, '--data', dataDir, '--log', logFile],
    ...['--now', String(sim)],
    ...(worker ? ['--worker', worker] : []),
  ];
  async function startBackend(): Promise<void> {
    const child = fork(path.resolve('tests/soak/backendChild.ts'), backendArgs(), {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, TZ: SOAK_TIME_ZONE },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    backend = child;
    child.on('message', (message: { heartbeat?: boolean; ready?: string; memory?: BackendMemory }) => {
      if (message.heartbeat) onHeartbeat();
      if (message.memory) onMemory(message.memory);
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: string }) => {
        if (message.ready) {
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null) =>
        reject(new Error(`the backend exited (${code}) before it was ready`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }
  async function stopBackend(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = backend;
    backend = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
  const tellBackendTheTime = () => backend?.send({ clock: sim });

  // ---- the page -----------------------------------------------------------------------------------
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let cdp: CDPSession | null = null;
  let fresh: string | null = null;
  let crashed = false;
  /** Pages opened so far: a new one after each relaunch and recovery. */
  let pageLife = carried?.pageLife ?? 0;
  /** Visits driven before the current page was opened: what it has served is the difference. */
  let visitsBeforePage = 0;
  let visitor = settings.visitor;
  async function openPage(): Promise<void> {
    if (context) await context.close().catch(() => undefined);
    context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      hasTouch: true,
      timezoneId: SOAK_TIME_ZONE,
    });
    page = await context.newPage();
    pageLife += 1;
    visitsBeforePage = visitsDriven;
    page.setDefaultTimeout(60_000);
    crashed = false;
    const mine = page;
    mine.on('crash', () => {
      crashed = true;
    });
    mine.on('console', (message) => {
      if (message.type() === 'error') consoleTraces.push({ real: Date.now(), sim, text: message.text() });
    });
    mine.on('pageerror', (error) =>
      consoleTraces.push({ real: Date.now(), sim, text: `page error: ${error.message}` }),
    );
    // tsx (which runs this driver) names functions with a helper the page does not have.
    await mine.addInitScript('window.__name = (f) => f;');
    await installRecordingSpeaker(mine, VOICES);
    await mine.clock.install({ time: sim });
    await mine.clock.pauseAt(sim + 1_000);
    sim += 1_000;
    tellBackendTheTime();
    await mine.goto(`http://127.0.0.1:${port}/`);
    await runFor(1_000);
    cdp = await context.newCDPSession(mine);
    await cdp.send('Performance.enable');
    visitor = await mine.evaluate(`fetch('/api/settings').then((r) => r.json())`);
    fresh = null;
  }
  const thePage = (): Page => {
    if (!page) throw new Error('no page');
    return page;
  };
  /** Where the real time goes (SOAK_TRACE=1 prints it after each day): ms and calls per kind of step. */
  const spent: Record<string, number> = {};
  const calls: Record<string, number> = {};
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      spent[what] = (spent[what] ?? 0) + Date.now() - t;
      calls[what] = (calls[what] ?? 0) + 1;
    }
  };
  /**
   * Moves the page's clock: the very call Playwright's `clock.runFor` / `clock.fastForward` makes in the
   * page (its clock controller, installed by `clock.install`), in one round trip. Playwright's own call
   * also adds an init script to the context for each move, so that a page loaded later in the context
   * replays the moves; the soak never loads a second document in a context (every new page is a new
   * context), and those scripts would pile up by the tens of thousands over a day, one more round trip
   * each. Where the controller is not there (another Playwright), Playwright's own call is used.
   */
  async function moveClock(how: 'runFor' | 'fastForward', ms: number): Promise<void> {
    const page = thePage();
    const moved = await page.evaluate(
      `globalThis.__pwClock?.controller ? globalThis.__pwClock.controller.${how}(${ms}).then(() => true) : false`,
    );
    if (moved !== true) await page.clock[how](ms);
  }
  async function runFor(ms: number): Promise<void> {
    sim += ms;
    tellBackendTheTime();
    await timed(ms > 5_000 ? 'runFor long' : 'runFor short', () => moveClock('runFor', ms));
  }
  async function jumpTo(target: number): Promise<void> {
    if (target <= sim) return;
    const ms = target - sim;
    sim = target;
    tellBackendTheTime();
    await timed('fastForward', () => moveClock('fastForward', ms));
  }
  const visible = (testId: string) => timed('visible', () => thePage().getByTestId(testId).isVisible());
  async function waitFor(testId: string, timeout = 60_000): Promise<void> {
    await timed('waitFor', () => thePage().getByTestId(testId).waitFor({ state: 'visible', timeout }));
  }
  /**
   * A real touch at the centre of the element. Not Playwright's `tap()`: its hit-target check retries
   * after the first touch has already landed (seen on the idle warning, which that touch had dismissed).
   */
  async function tap(testId: string): Promise<void> {
    await timed('tap', async () => {
      const target = thePage().getByTestId(testId);
      // One round trip when the element is on the screen already (boundingBox is null when it is not
      // visible); else wait for it to show.
      let box = await target.boundingBox();
      if (!box) {
        await target.waitFor({ state: 'visible' });
        box = await target.boundingBox();
      }
      const viewport = thePage().viewportSize();
      if (box && viewport && (box.y < 0 || box.y + box.height / 2 > viewport.height)) {
        await target.scrollIntoViewIfNeeded();
        box = await target.boundingBox();
      }
      if (!box) throw new Error(`${testId} has no box on the screen`);
      await thePage().touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    });
    await runFor(300);
  }
  const freshNow = async () => JSON.stringify(await timed('fresh', () => freshState(thePage())));

  // ---- the watchdog -------------------------------------------------------------------------------
  /**
   * Waits, in real time, for the kiosk's watchdog to decide on a reload after a fault, feeding it what
   * Electron would (the renderer gone; heartbeats; a tick a second), and keeps the page's clock moving so
   * a live page keeps beating. Returns the decision's reason.
   */
  async function watchUntilReload(budgetMs: number): Promise<string> {
    let state: WatchdogState = initialWatchdogState();
    state = decideRecovery(state, { type: 'heartbeat' }, Date.now(), watchdogSettings).state;
    onHeartbeat = () => {
      state = decideRecovery(state, { type: 'heartbeat' }, Date.now(), watchdogSettings).state;
    };
    let pendingClock: Promise<void> | null = null;
    const started = Date.now();
    try {
      for (;;) {
        const event = crashed
          ? ({ type: 'render-process-gone', reason: 'crashed' } as const)
          : ({ type: 'tick' } as const);
        const decision = decideRecovery(state, event, Date.now(), watchdogSettings);
        state = decision.state;
        if (decision.action !== 'none') {
          if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
          return decision.reason;
        }
        if (Date.now() - started > budgetMs * 3) throw new Error('the watchdog never decided to reload');
        if (!pendingClock && !crashed) {
          sim += 1_000;
          tellBackendTheTime();
          pendingClock = thePage()
            .clock.runFor(1_000)
            .catch(() => undefined)
            .finally(() => {
              pendingClock = null;
            });
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
    } finally {
      onHeartbeat = () => undefined;
    }
  }

  async function recoverPage(): Promise<void> {
    await openPage();
    await waitFor('attract');
  }

  // ---- measuring ----------------------------------------------------------------------------------
  let errorsAtLastSample = carried?.errorsAtLastSample ?? 0;
  let logErrorsAtLastSample = carried?.logErrorsAtLastSample ?? 0;
  async function sample(day: number): Promise<void> {
    await timed('sample', () => takeSample(day));
  }
  async function takeSample(day: number): Promise<void> {
    const session = cdp;
    if (!session) return;
    // The backend measures itself (a GC, then a heap snapshot) in its own process while the page is
    // measured over CDP: both are at rest (the page's clock is paused), so the two are taken at once and
    // the hour's sample costs the longer of the two, not their sum.
    const unmeasured: BackendMemory = { heapUsed: NaN, objectsKB: NaN, codeKB: NaN };
    const backendMeasured = new Promise<BackendMemory>((resolve) => {
      // A heap snapshot of the backend takes a second or two here, longer on a busy machine.
      const timer = setTimeout(() => resolve(unmeasured), 120_000);
      onMemory = (memory) => {
        clearTimeout(timer);
        resolve(memory);
      };
      if (!backend?.send({ memory: true })) resolve(unmeasured);
    });
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    let detached = NaN;
    try {
      const answer = (await session.send('DOM.getDetachedDomNodes' as never)) as {
        detachedNodes?: unknown[];
      };
      detached = answer.detachedNodes?.length ?? 0;
    } catch {
      detached = NaN;
    }
    const breakdown = await heapBreakdown(session).catch(() => null);
    const backendMemory = await backendMeasured;
    onMemory = () => undefined;
    const pid = backend?.pid;
    const logErrors = countLogErrors(logFile);
    samples.push({
      day,
      // Hours since day 1 began, on the local clock of each day (what the charts and the fit use).
      hour: (day - 1) * 24 + localHours(sim),
      at: localIso(sim),
      heapMB: metric('JSHeapUsedSize') / 1_048_576,
      objectsMB: breakdown ? breakdown.objectsKB / 1024 : NaN,
      codeMB: breakdown ? breakdown.codeKB / 1024 : NaN,
      domNodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      detachedNodes: detached,
      backendRssMB: pid ? rssMB(pid) : NaN,
      backendHeapMB: backendMemory.heapUsed / 1_048_576,
      backendObjectsMB: backendMemory.objectsKB / 1024,
      backendHandles: pid ? openHandles(pid) : NaN,
      logKB: sizeKB(logDir),
      analyticsKB: sizeKB(dataDir),
      consoleErrors: consoleTraces.length - errorsAtLastSample,
      logErrors: logErrors - logErrorsAtLastSample,
      visits: visitsDriven,
      page: pageLife,
      visitsOnPage: visitsDriven - visitsBeforePage,
    });
    errorsAtLastSample = consoleTraces.length;
    logErrorsAtLastSample = logErrors;
  }

  // ---- one visit ----------------------------------------------------------------------------------
  async function passNote(): Promise<void> {
    if (await visible('content-note')) await tap('content-note-continue');
  }
  async function home(): Promise<void> {
    if (!(await visible('home'))) await tap('nav-home');
    await waitFor('home');
  }
  async function nth(prefix: string, index: number, exclude: RegExp | null = null): Promise<void> {
    const all = thePage().locator(`[data-testid^="${prefix}"]`);
    const ids = await timed('nth', () =>
      all.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? '')),
    );
    const usable = ids.filter((id) => !exclude || !exclude.test(id));
    const id = usable[index % usable.length];
    if (!id) throw new Error(`nothing to open: ${prefix}*`);
    await tap(id);
  }
  /** Reading or looking: the visitor swipes the text (or the photograph) on every few seconds. */
  async function readFor(ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 8_000) {
      await runFor(Math.min(left, 8_000));
      if (left > 8_000) await timed('swipe', () => swipeUp(thePage(), 960, 700, 300, cdp ?? undefined));
    }
  }
  async function step(s: VisitStep, last: boolean, ending: PlannedVisit['ending']): Promise<void> {
    const p = thePage();
    switch (s.kind) {
      case 'story': {
        await home();
        await tap('section-stories');
        await nth('story-', s.index, /^story-place/);
        await passNote();
        await waitFor('screen-story');
        if (s.narration && (await visible('narration-play'))) await tap('narration-play');
        await readFor(s.readSeconds * 1_000);
        if (!(last && ending === 'walkAwayMidStory')) await home();
        return;
      }
      case 'photo': {
        await home();
        await tap('section-photos');
        await nth('gallery-', s.index);
        await passNote();
        await waitFor('photo-viewer');
        if (s.zoom === 'pinch') {
          const box = await p.getByTestId('zoomable').boundingBox();
          if (box)
            await timed('pinch', () =>
              pinchOut(p, box.x + box.width / 2, box.y + box.height / 2, cdp ?? undefined),
            );
          await runFor(500);
        } else {
          await tap('zoom-in');
          await tap('zoom-in');
          await tap('zoom-out');
        }
        await readFor(s.lookSeconds * 1_000);
        if (await visible('viewer-next')) await tap('viewer-next');
        await tap('viewer-close');
        await home();
        return;
      }
      case 'language': {
        await tap('nav-language');
        await tap(`language-${s.lang}`);
        return;
      }
      case 'display': {
        await tap('nav-display');
        await tap(`text-${s.textSize}`);
        if (s.contrast) await tap('toggle-contrast');
        await p
          .getByRole('dialog')
          .getByRole('button', { name: /close|关闭|閉じる|tutup/i })
          .first()
          .tap();
        await runFor(300);
        return;
      }
      case 'audioGuide': {
        // Mid-visit, the keypad: the guide reads the screen; a few presses, then back to touch.
        for (let i = 0; i < s.presses; i += 1) {
          await p.keyboard.press('ArrowDown');
          await runFor(300);
        }
        await clearSpoken(p);
        return;
      }
    }
  }
  async function visit(v: PlannedVisit, label: string): Promise<void> {
    const p = thePage();
    const state = await freshNow();
    if (fresh === null) fresh = state;
    else if (state !== fresh) notFresh.push(`${label}: ${state} (fresh: ${fresh})`);
    const audio = v.steps.some((s) => s.kind === 'audioGuide');
    if (audio) {
      // A blind visitor: the audio key wakes the kiosk and the guide starts; the language by arrow keys.
      await p.keyboard.press('a');
      await runFor(300);
      await waitFor('language-choice');
      for (let i = 0; i < 8; i += 1) {
        const focused = await p.evaluate(`document.activeElement?.getAttribute('data-testid') ?? ''`);
        if (focused === `choose-${v.lang}`) break;
        await p.keyboard.press('ArrowDown');
        await runFor(200);
      }
      await p.keyboard.press('Enter');
      await runFor(300);
    } else {
      await tap('attract');
      await tap(`choose-${v.lang}`);
    }
    await waitFor('home');
    visitsDriven += 1;
    for (const [i, s] of v.steps.entries()) await step(s, i === v.steps.length - 1, v.ending);
    const idle = visitor.idleSeconds * 1_000;
    const warning = visitor.warningSeconds * 1_000;
    if (v.ending === 'continueOnce') {
      await runFor(idle + 500);
      await waitFor('idle-warning');
      await tap('idle-continue');
    } else if (v.ending === 'leaveFromHome') await home();
    await runFor(idle + warning + 1_000);
    await waitFor('attract');
    if (audio) await clearSpoken(p);
  }

  // ---- faults -------------------------------------------------------------------------------------
  const budgets: Partial<Record<FaultKind, number>> = {
    rendererCrash: 10_000,
    pageHang: watchdogSettings.heartbeatTimeoutSeconds * 1_000 + 10_000,
  };
  async function inject(kind: FaultKind, day: number, nextVisit: () => Promise<void>): Promise<void> {
    const startReal = Date.now();
    const startSim = sim;
    let detail = '';
    let recoveredMs: number | null = null;
    let ok = false;
    const back = () => {
      recoveredMs = Date.now() - startReal;
    };
    try {
      switch (kind) {
        case 'rendererCrash': {
          await runFor(6_000); // a heartbeat or two since the page loaded
          const session = cdp;
          void session?.send('Page.crash').catch(() => undefined);
          const reason = await watchUntilReload(budgets.rendererCrash!);
          await recoverPage();
          back();
          detail = `CDP Page.crash; the watchdog decided "${reason}"; a new page was on its attract loop; the next visit went through`;
          ok = recoveredMs! <= budgets.rendererCrash!;
          await nextVisit();
          break;
        }
        case 'pageHang': {
          await runFor(6_000);
          void thePage()
            .evaluate('for (;;) {}')
            .catch(() => undefined);
          const reason = await watchUntilReload(budgets.pageHang!);
          await recoverPage();
          back();
          detail = `an endless loop in the page; the watchdog decided "${reason}"; a new page was on its attract loop; the next visit went through`;
          ok = recoveredMs! <= budgets.pageHang!;
          await nextVisit();
          break;
        }
        case 'backendRestart': {
          const before = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
          await stopBackend('SIGKILL');
          await startBackend();
          const after = readFileSync(logFile, 'utf8');
          for (const line of before) if (!after.includes(line)) logLinesLost.push(line);
          await runFor(31_000); // the page's next status poll reaches the new backend
          await nextVisit();
          back();
          detail = `the backend was killed (SIGKILL) and started again on the same port; ${before.length} log lines before, all kept: ${logLinesLost.length === 0}; the next visit went through`;
          ok = logLinesLost.length === 0;
          break;
        }
        case 'photoFilesGone': {
          // A visitor is looking at a photograph when its files disappear (a technician's mistake, a
          // failing disk): the viewer, the next photograph and the gallery must still work.
          await tap('attract');
          await tap('choose-en');
          await tap('section-photos');
          await nth('gallery-', 0);
          await passNote();
          await waitFor('photo-viewer');
          const aside = path.join(work, 'photos-aside');
          mkdirSync(aside, { recursive: true });
          const photos = path.join(mediaDir, 'photos');
          const gone = readdirSync(photos).filter((f) => !f.endsWith('.yaml'));
          for (const f of gone) renameSync(path.join(photos, f), path.join(aside, f));
          const derivedAside = path.join(work, 'derived-aside');
          renameSync(derivedDir, derivedAside);
          await tap('zoom-in');
          if (await visible('viewer-next')) await tap('viewer-next');
          await tap('viewer-close');
          await tap('nav-home');
          await tap('section-photos');
          await nth('gallery-', 1);
          await passNote();
          await runFor(2_000);
          const blank = !(await thePage().locator('main, [data-testid]').first().isVisible());
          await runFor((visitor.idleSeconds + visitor.warningSeconds + 1) * 1_000);
          await waitFor('attract');
          visitsDriven += 1;
          for (const f of gone) renameSync(path.join(aside, f), path.join(photos, f));
          renameSync(derivedAside, derivedDir);
          back();
          detail = `${gone.length} photograph files and the derivative cache moved away while the viewer was open; the viewer, the next photograph and the gallery went on${blank ? ', but the screen went blank' : ' without a blank screen'}; the idle reset came; the files were put back`;
          ok = !blank;
          break;
        }
        case 'brokenPackage': {
          const file = path.join(work, 'broken.kioskpkg');
          writeFileSync(file, Buffer.concat([Buffer.from('\x1f\x8b\x08\x00'), Buffer.alloc(4096, 7)]));
          const outcome = await soakStore().stage(file);
          await nextVisit();
          back();
          detail = outcome.ok
            ? 'a broken package was ACCEPTED'
            : `a broken package in the import folder was refused (${outcome.refusal.code}: ${outcome.refusal.message.slice(0, 120)}); the next visit went through`;
          ok = !outcome.ok;
          break;
        }
        case 'goodPackage': {
          const store = soakStore();
          const before = (await store.state()).contentDir;
          const published = await publishFolder({
            contentDir: mediaDir,
            outDir: path.join(work, 'published'),
            privateKey: readPrivateKey(keysDir),
            checker: createChecker(worker ? { file: worker } : contentWorkerFromSource()),
            kioskVersion: '0.1.0',
            createdBy: 'soak',
          });
          if (!published.ok) throw new Error(`publish failed: ${published.message}`);
          const staged = await store.stage(published.file);
          if (!staged.ok) throw new Error(`the good package was refused: ${staged.refusal.message}`);
          // The kiosk switches at an attract loop between visitors: visit on until it has.
          let visitsUntil = 0;
          for (; visitsUntil < 6 && (await store.state()).contentDir === before; visitsUntil += 1) {
            await runFor(6_000);
            await nextVisit();
          }
          const after = (await store.state()).contentDir;
          back();
          const folder = after ? path.basename(path.dirname(after)) : 'none';
          detail = `version ${published.manifest.version} published, signed and staged mid-day; live ${after !== before ? `after ${visitsUntil} more visit(s), at an attract loop` : 'NEVER'} (${folder})`;
          ok = after !== before;
          break;
        }
        case 'brokenSettings': {
          // A technician's half-finished edit: kiosk.yaml no longer parses. The kiosk must start on its
          // defaults (opening hours too: it may be closed by them) with a staff warning, then mend.
          const file = path.join(configDir, 'kiosk.yaml');
          let warned = false;
          let shown = '';
          try {
            writeFileSync(file, 'visitor:\n  idleSeconds: [unclosed\nhours: {\n');
            await stopBackend();
            await startBackend();
            await openPage();
            await thePage().locator('[data-testid="attract"], [data-testid="closed"]').first().waitFor();
            shown = (await visible('attract')) ? 'its attract loop' : 'its closed screen (the default hours)';
            const status = (await thePage().evaluate(`fetch('/api/status').then((r) => r.json())`)) as {
              staffWarnings?: string[];
            };
            warned = (status.staffWarnings ?? []).some((w) => /kiosk\.yaml|kiosk-config|settings/i.test(w));
            if (await visible('attract')) await nextVisit();
          } finally {
            writeFileSync(file, kioskYaml);
            await stopBackend();
            await startBackend();
            await openPage();
          }
          await waitFor('attract');
          back();
          detail = `kiosk.yaml broken (invalid YAML); restarted on its defaults the kiosk showed ${shown}, staff warning: ${warned ? 'yes' : 'NO'}; mended and restarted, its own settings again (idle ${visitor.idleSeconds} s)`;
          ok = warned && visitor.idleSeconds === settings.visitor.idleSeconds;
          break;
        }
        case 'diskFull': {
          const filler = path.join(disk, 'filler');
          const filled = fillDisk(filler);
          const countedBefore = countVisits(dataDir, plan);
          for (let i = 0; i < 3; i += 1) {
            await nextVisit();
            visitsUncountable += 1;
          }
          rmSync(filler, { force: true });
          await nextVisit();
          back();
          detail = `${diskFullMethod}: filled with ${(filled / 1_048_576).toFixed(1)} MB; three visits went through on a full disk (analytics counted ${countedBefore ?? '?'} before), then the space came back and the next visit went through`;
          ok = true;
          break;
        }
        case 'clockJump': {
          // A time correction: the computer's clock is set back an hour, without timers running.
          sim -= HOUR;
          tellBackendTheTime();
          await thePage().clock.setSystemTime(sim);
          await runFor(31_000);
          await nextVisit();
          back();
          detail =
            'the clock was set back one hour (a time correction) between visits; the next visit went through';
          ok = true;
          break;
        }
        case 'daylightSaving':
          return;
      }
    } catch (error) {
      detail = `${detail} FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      ok = false;
      await recoverPage().catch(() => undefined);
    }
    faultWindows.push({
      fromReal: startReal,
      toReal: Date.now() + 2_000,
      fromSim: startSim - 1_000,
      toSim: sim + 60_000,
    });
    faults.push({
      kind,
      day,
      at: localIso(startSim),
      detail,
      recoveredMs,
      budgetMs: budgets[kind] ?? null,
      ok,
    });
    sinks.progress(
      `  fault ${kind} at ${localIso(startSim)}: ${ok ? 'recovered' : 'NOT RECOVERED'} ${detail}`,
    );
  }
  function soakStore() {
    return createPackageStore({
      packagesDir,
      trust: trustPolicyOf(settings),
      checker: createChecker(worker ? { file: worker } : contentWorkerFromSource()),
      kioskVersion: '0.1.0',
    });
  }

  /** The relaunch's second half: the backend starts again (no log line may be lost), a new page opens. */
  async function startAfterRelaunch(): Promise<boolean> {
    const before = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    await startBackend();
    const after = readFileSync(logFile, 'utf8');
    for (const line of before) if (!after.includes(line)) logLinesLost.push(line);
    await openPage();
    return thePage()
      .getByTestId('closed')
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(() => true)
      .catch(() => false);
  }

  // ---- the week -----------------------------------------------------------------------------------
  if (resume) {
    sinks.progress(
      `resuming after day ${resume.afterDay} (checkpoint of ${resume.savedAt}): the kiosk's folder as it was at that night's relaunch`,
    );
    // The stopped run's relaunch, carried out again from the checkpoint: the backend starts, a new page.
    if (!(await startAfterRelaunch())) throw new Error('the resumed kiosk did not show its closed screen');
  } else {
    await startBackend();
    await openPage();
    // Before the doors open, the closed screen.
    await waitFor('closed', 120_000);
  }
  try {
    for (const day of remainingDays(plan, resume?.afterDay ?? 0)) {
      const dayReal = Date.now();
      sinks.progress(`day ${day.day} (${day.date}): ${day.visits.length} visitors`);
      await jumpTo(day.opens - 60_000);
      await runFor(61_000);
      await waitFor('attract');
      const opened = localTime(sim);
      let nextSample = day.opens;
      let walkedAway = 0;
      let done = 0;
      const faultsBefore = new Map(day.faults.map((f) => [f.beforeVisit, f.kind]));
      for (const [i, v] of day.visits.entries()) {
        if (sim >= day.closes - 2 * 60_000) break;
        await jumpTo(Math.min(v.arrive, day.closes - 2 * 60_000));
        if (sim >= nextSample) {
          await sample(day.day);
          nextSample += HOUR;
        }
        const label = `day ${day.day} visit ${i + 1}`;
        const kind = faultsBefore.get(i);
        if (kind) await inject(kind, day.day, () => visit(v, `${label} (after ${kind})`));
        else {
          try {
            await visit(v, label);
          } catch (error) {
            notFresh.push(`${label} failed: ${firstLines(error)}`);
            await thePage()
              .screenshot({ path: path.join(out, `failed-${day.day}-${i + 1}.png`) })
              .catch(() => undefined);
            // A technician's restart, if a new page alone does not bring the kiosk back.
            await recoverPage().catch(async () => {
              await stopBackend();
              await startBackend();
              await recoverPage();
            });
          }
        }
        done += 1;
        if (v.ending === 'walkAwayMidStory') walkedAway += 1;
        if (done % 100 === 0)
          sinks.progress(
            `  ${done} visits, ${localTime(sim)}, ${((Date.now() - dayReal) / done / 1000).toFixed(1)} s each`,
          );
      }
      await sample(day.day);
      // Closing time: the closed screen.
      await jumpTo(day.closes + 60_000);
      await runFor(31_000);
      const closedScreenShown = await thePage()
        .getByTestId('closed')
        .waitFor({ state: 'visible', timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
      const closed = localTime(sim);
      // The night, then the daily relaunch: the backend restarts and the page is a new one.
      let relaunched = false;
      let checkpoint: { copy: string; sim: number; pageLife: number } | null = null;
      if (day.relaunch !== null && day.day < plan.length) {
        await jumpTo(day.relaunch);
        appendFileSync(
          logFile,
          `${new Date(sim).toISOString()} info soak: daily relaunch of day ${day.day}\n`,
        );
        // The whole kiosk restarts, as Electron's relaunch does: the page goes with the backend (an old
        // page polling a backend that is gone was a console error no fault explains).
        await (context as BrowserContext | null)?.close().catch(() => undefined);
        context = null;
        await stopBackend();
        // The kiosk is at rest: its folder is copied for the checkpoint, named once the day is recorded.
        checkpoint = { copy: copySnapshot(out, work, day.day), sim, pageLife };
        relaunched = await startAfterRelaunch();
      }
      days.push({
        day: day.day,
        date: day.date,
        visits: done,
        walkedAway,
        opened,
        closed,
        closedScreenShown,
        relaunched,
        realSeconds: Math.round((Date.now() - dayReal) / 1000),
      });
      if (dstDays.has(day.date))
        faults.push({
          kind: 'daylightSaving',
          day: day.day,
          at: localIso(day.opens),
          detail: `the clocks went forward in the night before; the local day had 23 hours; opened ${opened}, closed screen at ${closed}, relaunch ${relaunched ? 'done' : 'not needed (last day)'}`,
          recoveredMs: null,
          budgetMs: null,
          ok: opened.startsWith('09:0') && closedScreenShown,
        });
      sinks.progress(`day ${day.day} done: ${done} visits in ${days[days.length - 1]!.realSeconds} s`);
      // A week takes hours: after every day with a relaunch, everything the driver carries is on disk,
      // and `--resume` goes on from here should the run be stopped.
      if (checkpoint) {
        const snapshot = commitSnapshot(out, day.day, checkpoint.copy);
        await writeCheckpoint(out, {
          format: 'memorial-kiosk soak checkpoint',
          version: 1,
          options,
          afterDay: day.day,
          snapshot,
          planSha256: planFingerprint,
          startedAt: resume?.startedAt ?? new Date(startedReal).toISOString(),
          realSeconds: (resume?.realSeconds ?? 0) + Math.round((Date.now() - startedReal) / 1000),
          savedAt: new Date().toISOString(),
          chromium: browser.version(),
          diskFullMethod,
          resumed: resume ? [...resume.resumed, resumption!] : [],
          state: {
            sim: checkpoint.sim,
            pageLife: checkpoint.pageLife,
            days,
            samples,
            faults,
            visitsDriven,
            visitsUncountable,
            notFresh,
            logLinesLost,
            consoleTraces,
            faultWindows,
            errorsAtLastSample,
            logErrorsAtLastSample,
          },
        });
        pruneSnapshots(out, snapshot);
        sinks.progress(`  checkpoint: ${path.join(out, PROGRESS_FILE)} (resume with --resume ${out})`);
      }
      if (process.env.SOAK_TRACE) {
        const perVisit = (ms: number) => (ms / Math.max(1, done) / 1000).toFixed(2);
        const total = Object.values(spent).reduce((a, b) => a + b, 0);
        sinks.progress(
          `  real s per visit today (${done} visits): ${perVisit(Date.now() - dayReal)} in all; ${Object.entries(
            spent,
          )
            .sort((a, b) => b[1] - a[1])
            .map(
              ([k, ms]) => `${k} ${perVisit(ms)} (${((calls[k] ?? 0) / Math.max(1, done)).toFixed(1)} calls)`,
            )
            .join(', ')}; not in a step ${perVisit(Date.now() - dayReal - total)}`,
        );
        for (const k of Object.keys(spent)) delete spent[k];
        for (const k of Object.keys(calls)) delete calls[k];
      }
    }
  } finally {
    // (Assigned inside openPage(), which TypeScript's narrowing does not see.)
    await (context as BrowserContext | null)?.close().catch(() => undefined);
    await stopBackend();
  }
  // What the kiosk wrote, kept beside the report for a technician; then the small disk goes.
  const counted = countVisits(dataDir, plan);
  const logTraces = errorLogLines(logFile);
  cpSync(logDir, path.join(out, 'logs'), { recursive: true });
  unmountSmallDisk(disk);

  // ---- what the errors were -----------------------------------------------------------------------
  const inFault = (t: Trace) => faultWindows.some((w) => t.real >= w.fromReal && t.real <= w.toReal);
  const unexpectedErrors = consoleTraces
    .filter((t) => !inFault(t))
    .map((t) => `console ${localIso(t.sim)}: ${t.text}`);
  for (const t of logTraces)
    if (!faultWindows.some((w) => t.sim >= w.fromSim && t.sim <= w.toSim))
      unexpectedErrors.push(`log ${localIso(t.sim)}: ${t.text}`);

  return {
    options,
    ...(resume ? { resumed: [...resume.resumed, resumption!] } : {}),
    startedAt: resume?.startedAt ?? new Date(startedReal).toISOString(),
    // Real time spent on the week: the runs before the stop (up to their checkpoint) and this one.
    realSeconds: (resume?.realSeconds ?? 0) + Math.round((Date.now() - startedReal) / 1000),
    chromium: browser.version(),
    days,
    samples,
    faults,
    visitsDriven,
    visitsCounted: counted,
    visitsOnFullDisk: visitsUncountable,
    notFresh,
    unexpectedErrors,
    logLinesLost,
    diskFullMethod,
  };
}

/** An error's message without Playwright's long call log: its first line and the locator waited for. */
function firstLines(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split('\n');
  const waiting = lines.find((l) => /waiting for/.test(l))?.trim();
  return [lines[0], waiting].filter(Boolean).join(' — ');
}

// ---- helpers ----------------------------------------------------------------------------------------

function localIso(t: number): string {
  const p = zonedParts(t, SOAK_TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
/** Hours since local midnight, as the kiosk's clock on the wall shows them. */
function localHours(t: number): number {
  const p = zonedParts(t, SOAK_TIME_ZONE);
  return p.hour + p.minute / 60 + p.second / 3600;
}
function localTime(t: number): string {
  return localIso(t).slice(11);
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}
function openHandles(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}
function sizeKB(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    try {
      const s = statSync(path.join(dir, name));
      if (s.isFile()) bytes += s.size;
    } catch {
      // gone between the listing and the look
    }
  }
  return bytes / 1024;
}
function countLogErrors(logFile: string): number {
  try {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => / error #\d+ /.test(l)).length;
  } catch {
    return 0;
  }
}
function errorLogLines(logFile: string): { sim: number; text: string }[] {
  try {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => / error #\d+ /.test(l))
      .map((l) => ({ sim: Date.parse(l.slice(0, 24)), text: l.slice(25, 400) }));
  } catch {
    return [];
  }
}

/** Visits the kiosk's own analytics counted over the week (the staff dashboard's figure). */
function countVisits(dataDir: string, plan: PlannedDay[]): number | null {
  const file = path.join(dataDir, 'analytics.sqlite');
  if (!existsSync(file)) return null;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const summary = summarize(db, {
      from: plan[0]!.date,
      to: plan[plan.length - 1]!.date,
      timeZone: SOAK_TIME_ZONE,
    });
    return summary.visits;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * A small disk for the log and analytics: a 64 MB tmpfs where this machine lets us mount one (root in
 * this VM), so filling it is a real ENOSPC; otherwise the folder stays on the main disk and is "filled"
 * only up to what the main disk allows, which the report says.
 */
function mountSmallDisk(dir: string, wanted: boolean): string {
  if (!wanted) return 'not needed (no full-disk fault in this run)';
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status === 0) return 'a 64 MB tmpfs mounted for the log and analytics folders, filled to ENOSPC';
  return `no tmpfs could be mounted here (${(result.stderr || '').trim() || 'mount failed'}); the folder was filled on the main disk as far as a 64 MB file`;
}
function unmountSmallDisk(dir: string): void {
  // A backend of a killed run may hold its log open a moment longer: then detach the disk lazily.
  if (spawnSync('umount', [dir]).status !== 0 && isMountPoint(dir)) spawnSync('umount', ['-l', dir]);
}
function isMountPoint(dir: string): boolean {
  try {
    return readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .some((line) => line.split(' ')[1] === dir);
  } catch {
    return false;
  }
}

/** Writes a file until the disk is full (or 64 MB); returns the bytes written. */
function fillDisk(file: string): number {
  const chunk = Buffer.alloc(1_048_576, 0);
  let written = 0;
  for (let i = 0; i < 64; i += 1) {
    try {
      appendFileSync(file, chunk);
      written += chunk.length;
    } catch {
      // ENOSPC: the disk is full; fill the last bytes too.
      for (let small = 65_536; small >= 512; small /= 2) {
        try {
          for (;;) {
            appendFileSync(file, chunk.subarray(0, small));
            written += small;
          }
        } catch {
          // this size no longer fits; try a smaller one
        }
      }
      break;
    }
  }
  return written;
}
