/**
 * Memorial Kiosk — the Electron host. A list of setup steps, each in its own file; every decision they
 * carry out is a pure, tested function in main/kiosk/ (see docs/security.md for how they meet Electron's
 * security checklist), and the backend is the same `createBackend` the loopback preview mounts.
 */
import path from 'node:path';
import { app, crashReporter, Menu, protocol, session } from 'electron';
import log from 'electron-log/main';
import { createBackend } from '../backend/createBackend';
import { formatHealth, restartsToday } from '../kiosk/health';
import { metricsListenAddress, serveMetrics } from '../backend/metricsListener';
import {
  FIRST_CONTENT_WAIT_MS,
  openWhenContentReady,
  relaunchAfterRollback,
  ROLLBACK_BEFORE_RELAUNCH_MS,
  STAFF_EXIT_DELAY_MS,
} from '../kiosk/hostEvents';
import { isDevMode, resolveKioskPaths, type KioskPaths } from '../kiosk/paths';
import { createWatchdog } from '../kiosk/watchdog';
import { startHealthWriter } from '../kiosk/health';
import { setupAnalyticsClose } from './analyticsClose';
import { setupKioskWindow, setupPageRecovery } from './kioskWindow';
import { lockDownSession, lockDownWebContents } from './lockdown';
import { configureLogging } from './logging';
import { setupOpeningHours } from './power';
import { guardKioskHandler, kioskScheme } from './protocol';
import { setupRestart } from './restart';
import { setupShellState } from './shellState';
import { KIOSK_URL } from './window';

const dev = isDevMode(process.argv);
const paths = resolveKioskPaths({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  userData: app.getPath('userData'),
  argv: process.argv,
  env: process.env,
});

setupBeforeReady(paths);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) =>
    lockDownWebContents(contents, { dev, platform: process.platform, log: (m) => log.warn(m) }),
  );
  app.whenReady().then(start, (error: unknown) => log.error(`startup failed: ${String(error)}`));
}

/** Before the app is ready: the privileged scheme, crash dumps kept locally, narration without a gesture. */
function setupBeforeReady(p: KioskPaths): void {
  protocol.registerSchemesAsPrivileged([kioskScheme]);
  app.setPath('crashDumps', p.crashDumpsDir);
  crashReporter.start({ uploadToServer: false });
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
}

async function start(): Promise<void> {
  const startedAt = new Date();
  const shell = await setupShellState(paths.stateFile, startedAt);
  configureLogging(log, { logsDir: paths.logsDir, onUncaught: (e) => shell.noteCrash('main', e.message) });
  log.info(
    `Memorial Kiosk ${app.getVersion()} (Electron ${process.versions.electron}) starting${dev ? ' in developer mode' : ''}`,
  );
  Menu.setApplicationMenu(null);
  const later = (action: () => void) => setTimeout(action, STAFF_EXIT_DELAY_MS);

  let page: Electron.WebContents | null = null;
  let lastHeartbeat: Date | null = null;
  const backend = createBackend({
    rendererDir: paths.rendererDir,
    mediaDir: paths.mediaDir,
    configDir: paths.configDir,
    derivedDir: paths.derivedDir,
    dataDir: path.dirname(paths.stateFile),
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
    // Bundled beside this file by scripts/build.ts (out/main/contentWorker.cjs).
    contentWorker: { file: path.join(__dirname, 'contentWorker.cjs') },
    kioskVersion: app.getVersion(),
    host: {
      kind: 'electron',
      exit: () =>
        void later(() => {
          closeAnalytics();
          app.exit(0);
        }),
      relaunch: () => void later(() => restart('staff asked')),
      contentReloaded: () => page?.reload(),
      heartbeat: () => {
        lastHeartbeat = new Date();
        watchdog.report({ type: 'heartbeat' });
      },
      health: () => collectHealth(),
      status: () => hours.status(),
      // For /metrics (issue 15): Electron's processes (memory in KB) and today's relaunches.
      processMemory: () =>
        app.getAppMetrics().map((m) => ({
          process: m.type.toLowerCase(),
          pid: m.pid,
          bytes: m.memory.workingSetSize * 1024,
        })),
      relaunchesToday: () =>
        restartsToday(shell.current().launches, new Date(), backend.settings.hours.timeZone),
    },
  });
  const { settings, staffWarnings } = backend;
  // app.exit() skips 'will-quit': every exit and restart closes the analytics database first.
  const closeAnalytics = setupAnalyticsClose(app, backend.analytics, {
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
  });
  const restart = setupRestart(closeAnalytics);

  const watchdog = createWatchdog({
    settings: () => settings.watchdog,
    now: () => Date.now(),
    reload: () => {
      backend.metrics.rendererRestarted();
      page?.reload();
    },
    relaunch: () =>
      void relaunchAfterRollback({
        settled: backend.packages?.settled(),
        waitMs: ROLLBACK_BEFORE_RELAUNCH_MS,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        relaunch: () => restart('too many failures'),
      }),
    log: (m) => log.warn(m),
    // The renderer gone or hung soon after a content switch: repeated, it rolls the switch back (issue 15).
    rendererFailed: (at) => void backend.packages?.rendererGone(at),
  });
  const hours = setupOpeningHours(settings.hours, staffWarnings, restart);

  // /metrics for Prometheus on its own small listener: kiosk://app reaches only the kiosk's own page.
  const metricsAt = { port: settings.metrics.port, address: metricsListenAddress(settings.metrics.expose) };
  serveMetrics(backend.metrics, metricsAt).then(
    (listener) => log.info(`metrics for Prometheus at ${listener.address}:${listener.port}/metrics`),
    (error: unknown) => {
      const warning = `Prometheus cannot read this kiosk: port ${metricsAt.port} could not be opened (${String(error)}).`;
      log.warn(warning);
      staffWarnings.push(warning);
    },
  );

  const handler = guardKioskHandler(backend.handler, (m) => log.error(m));
  protocol.handle('kiosk', (request) => handler(request));
  lockDownSession(session.defaultSession, { dev, platform: process.platform, log: (m) => log.warn(m) });

  function collectHealth() {
    return formatHealth({
      now: new Date(),
      startedAt,
      appVersion: app.getVersion(),
      electronVersion: process.versions.electron,
      metrics: app.getAppMetrics(),
      content: backend.content.lastReport(),
      shellState: shell.current(),
      timeZone: settings.hours.timeZone,
      lastHeartbeat,
      watchdogFailures: watchdog.failureCount(),
      open: hours.status().open,
      staffWarnings,
    });
  }
  startHealthWriter({ file: paths.healthFile, collect: collectHealth, log: (m) => log.warn(m) });

  const win = setupKioskWindow({
    displayIndex: settings.display,
    preloadPath: paths.preloadPath,
    dev,
    warn: (m) => {
      log.warn(m);
      staffWarnings.push(m);
    },
  });
  page = win.webContents;
  const contents = win.webContents;
  setupPageRecovery(win, watchdog, shell, restart);

  await openWhenContentReady({
    ready: backend.content.reload(),
    waitMs: FIRST_CONTENT_WAIT_MS,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    open: () => void contents.loadURL(KIOSK_URL),
    reload: () => contents.reload(),
  });
  if (dev) contents.openDevTools({ mode: 'detach' });
  log.info(`content from ${paths.mediaDir}; settings from ${paths.configDir}`);
}
