/**
 * Memorial Kiosk — the Electron main process. Thin wiring only: every decision is a pure, tested function
 * in main/shell/ (see docs/security.md for how they meet Electron's security checklist).
 */
import {
  app,
  BrowserWindow,
  crashReporter,
  Menu,
  powerSaveBlocker,
  protocol,
  screen,
  session,
} from 'electron';
import log from 'electron-log/main';
import { formatProblemLine } from './content/problems';
import { loadSettings } from './content/settings';
import { createContentService, type ContentReport } from './server/contentService';
import { createKioskHandler } from './server/handler';
import {
  formatHealth,
  readShellState,
  recordCrash,
  recordLaunch,
  startHealthWriter,
  writeJsonAtomically,
  type ShellState,
} from './shell/health';
import { createHoursController } from './shell/hours';
import { configureLogging } from './shell/logging';
import { applyZoomLimits, lockDownSession, lockDownWebContents } from './shell/lockdown';
import { isDevMode, resolveKioskPaths } from './shell/paths';
import { guardKioskHandler, kioskScheme } from './shell/protocol';
import { relaunchArgs, restartPlan } from './shell/relaunch';
import { scheduleWarnings } from './shell/schedule';
import { createStaffHooks } from './shell/staff';
import { createWatchdog } from './shell/watchdog';
import { KIOSK_URL, kioskWindowOptions, pickDisplay } from './shell/window';

const dev = isDevMode(process.argv);
const paths = resolveKioskPaths({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  userData: app.getPath('userData'),
  argv: process.argv,
  env: process.env,
});

// Before the app is ready: the privileged scheme, crash dumps kept locally, narration without a gesture.
protocol.registerSchemesAsPrivileged([kioskScheme]);
app.setPath('crashDumps', paths.crashDumpsDir);
crashReporter.start({ uploadToServer: false });
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) =>
    lockDownWebContents(contents, { dev, platform: process.platform, log: (m) => log.warn(m) }),
  );
  app.whenReady().then(start, (error: unknown) => log.error(`startup failed: ${String(error)}`));
}

async function start(): Promise<void> {
  const startedAt = new Date();
  let shellState: ShellState = recordLaunch(await readShellState(paths.stateFile), startedAt);
  const saveState = (next: ShellState) => {
    shellState = next;
    void writeJsonAtomically(paths.stateFile, shellState).catch((e: unknown) =>
      log.warn(`state not saved: ${String(e)}`),
    );
  };
  saveState(shellState);
  const noteCrash = (kind: string, reason: string) =>
    saveState(recordCrash(shellState, { at: new Date().toISOString(), kind, reason }));

  configureLogging(log, { logsDir: paths.logsDir, onUncaught: (e) => noteCrash('main', e.message) });
  log.info(
    `Memorial Kiosk ${app.getVersion()} (Electron ${process.versions.electron}) starting${dev ? ' in developer mode' : ''}`,
  );
  Menu.setApplicationMenu(null);

  // Settings: never throw; problems go to the log and to the staff screen.
  const { settings, problems } = loadSettings(paths.configDir);
  for (const p of problems) log.warn(`settings: ${formatProblemLine(p)}`);
  const staffWarnings = [
    ...(problems.length > 0
      ? [`kiosk-config has ${problems.length} problem(s); safe defaults are used for them (see the log).`]
      : []),
    ...scheduleWarnings(settings.hours),
  ];

  const content = createContentService({
    mediaDir: paths.mediaDir,
    derivedDir: paths.derivedDir,
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });

  let win: BrowserWindow | null = null;
  let lastHeartbeat: Date | null = null;
  const restart = (reason: string) => {
    log.warn(`restarting the kiosk: ${reason}`);
    const plan = restartPlan(process.argv);
    if (plan.method === 'relaunch') app.relaunch({ args: relaunchArgs(process.argv) });
    app.exit(plan.method === 'exit' ? plan.code : 0);
  };

  const watchdog = createWatchdog({
    settings: () => settings.watchdog,
    now: () => Date.now(),
    reload: () => win?.webContents.reload(),
    relaunch: () => restart('too many failures'),
    log: (m) => log.warn(m),
  });

  let blocker: number | null = null;
  const hours = createHoursController({
    getHours: () => settings.hours,
    getWarnings: () => staffWarnings,
    now: () => Date.now(),
    power: {
      prevent: () => {
        if (blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
      },
      allow: () => {
        if (blocker !== null) powerSaveBlocker.stop(blocker);
        blocker = null;
      },
    },
    relaunch: restart,
    log: (m) => log.info(m),
  });

  const staff = createStaffHooks({
    getSettings: () => loadSettings(paths.configDir).settings,
    getHealth: async () => collectHealth(),
    onExit: () => {
      log.info('staff: exit');
      setTimeout(() => app.exit(0), 300);
    },
    onReloadContent: async () => {
      const report = await content.reload();
      if (report.ok) win?.webContents.reload();
      return report;
    },
    onRelaunch: () => {
      setTimeout(() => restart('staff asked'), 300);
    },
    log: (m) => log.info(m),
  });

  const handler = guardKioskHandler(
    createKioskHandler({
      rendererDir: paths.rendererDir,
      mediaDir: paths.mediaDir,
      derivedDir: paths.derivedDir,
      getExhibit: () => content.current(),
      getVisitorSettings: () => settings.visitor,
      getStatus: () => hours.status(),
      onHeartbeat: () => {
        lastHeartbeat = new Date();
        watchdog.report({ type: 'heartbeat' });
      },
      onRendererLog: (level, message) => log[level](`renderer: ${message}`),
      staff,
    }),
    (m) => log.error(m),
  );
  protocol.handle('kiosk', (request) => handler(request));
  lockDownSession(session.defaultSession, { dev, platform: process.platform, log: (m) => log.warn(m) });

  function collectHealth() {
    return formatHealth({
      now: new Date(),
      startedAt,
      appVersion: app.getVersion(),
      electronVersion: process.versions.electron,
      metrics: app.getAppMetrics(),
      content: content.lastReport(),
      shellState,
      timeZone: settings.hours.timeZone,
      lastHeartbeat,
      watchdogFailures: watchdog.failureCount(),
      open: hours.status().open,
      staffWarnings,
    });
  }
  startHealthWriter({ file: paths.healthFile, collect: collectHealth, log: (m) => log.warn(m) });

  // The window, on the configured display.
  const choice = pickDisplay(screen.getAllDisplays(), settings.display, screen.getPrimaryDisplay());
  if (choice.warning) {
    log.warn(choice.warning);
    staffWarnings.push(choice.warning);
  }
  const options = kioskWindowOptions({ bounds: choice.display.bounds, preloadPath: paths.preloadPath, dev });
  win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK — set in kioskWindowOptions, asserted in window.test.ts
  const contents = win.webContents;
  win.once('ready-to-show', () => win?.show());
  setTimeout(() => win?.show(), 5_000); // never stay invisible, even if the first paint is slow
  win.on('closed', () => {
    win = null;
  });
  // The window is not closable in kiosk mode; should it go anyway, the kiosk comes back.
  app.on('window-all-closed', () => restart('the kiosk window closed'));

  contents.on('did-finish-load', () => watchdog.report({ type: 'loaded' }));
  contents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
    if (isMainFrame && code !== -3)
      watchdog.report({ type: 'load-failed', description: `${code} ${description}` });
  });
  contents.on('render-process-gone', (_e, details) => {
    noteCrash('renderer', details.reason);
    watchdog.report({ type: 'render-process-gone', reason: details.reason });
  });
  contents.on('unresponsive', () => watchdog.report({ type: 'unresponsive' }));
  contents.on('responsive', () => watchdog.report({ type: 'responsive' }));
  app.on('child-process-gone', (_e, details) => {
    log.warn(`child process gone: ${details.type} ${details.reason} (exit ${details.exitCode})`);
    if (details.type === 'GPU') {
      if (details.reason !== 'clean-exit') noteCrash('gpu', details.reason);
      watchdog.report({ type: 'gpu-process-gone', reason: details.reason });
    }
  });
  const refit = () => {
    if (!win) return;
    const again = pickDisplay(screen.getAllDisplays(), settings.display, screen.getPrimaryDisplay());
    win.setBounds(again.display.bounds);
    win.setKiosk(!dev);
    applyZoomLimits(contents);
  };
  screen.on('display-metrics-changed', refit);
  screen.on('display-added', refit);
  screen.on('display-removed', refit);

  // Load the exhibit first (briefly) so the page opens on content; a slow first derivative build must not
  // keep the screen dark, so after 20 s the page opens anyway and reloads once the content is ready.
  const ready = content.reload();
  const first = await Promise.race([ready, delay(20_000).then(() => null)]);
  void contents.loadURL(KIOSK_URL);
  if (first === null) {
    void ready.then((report: ContentReport) => {
      if (report.ok) contents.reload();
    });
  }
  if (dev) contents.openDevTools({ mode: 'detach' });
  log.info(
    `kiosk window on display ${choice.display.id}; content from ${paths.mediaDir}; settings from ${paths.configDir}`,
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
