/**
 * The kiosk window on the configured display, following display changes, with every page event forwarded
 * to the watchdog (the decisions are `main/kiosk/hostEvents.ts`).
 */
import { app, BrowserWindow, screen } from 'electron';
import log from 'electron-log/main';
import { pickDisplay } from '../kiosk/display';
import { childProcessGone, loadFailure, SHOW_WINDOW_FALLBACK_MS } from '../kiosk/hostEvents';
import type { Watchdog } from '../kiosk/watchdog';
import { applyZoomLimits } from './lockdown';
import type { Restart } from './restart';
import type { ShellStateStore } from './shellState';
import { kioskWindowOptions } from './window';

export interface KioskWindowInput {
  displayIndex: number;
  preloadPath: string;
  dev: boolean;
  /** A warning for staff (the configured display is missing). */
  warn(message: string): void;
}

export function setupKioskWindow(input: KioskWindowInput): BrowserWindow {
  const choose = () => pickDisplay(screen.getAllDisplays(), input.displayIndex, screen.getPrimaryDisplay());
  const choice = choose();
  if (choice.warning) input.warn(choice.warning);
  const options = kioskWindowOptions({
    bounds: choice.display.bounds,
    preloadPath: input.preloadPath,
    dev: input.dev,
  });
  const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK — set in kioskWindowOptions, asserted in window.test.ts
  win.once('ready-to-show', () => win.show());
  setTimeout(() => {
    if (!win.isDestroyed()) win.show();
  }, SHOW_WINDOW_FALLBACK_MS);
  const refit = () => {
    if (win.isDestroyed()) return;
    win.setBounds(choose().display.bounds);
    win.setKiosk(!input.dev);
    applyZoomLimits(win.webContents);
  };
  screen.on('display-metrics-changed', refit);
  screen.on('display-added', refit);
  screen.on('display-removed', refit);
  log.info(`kiosk window on display ${choice.display.id}`);
  return win;
}

/** Every way the page can fail, told to the watchdog; crashes recorded for the staff screen. */
export function setupPageRecovery(
  win: BrowserWindow,
  watchdog: Watchdog,
  shell: ShellStateStore,
  restart: Restart,
): void {
  const contents = win.webContents;
  // The window is not closable in kiosk mode; should it go anyway, the kiosk comes back.
  app.on('window-all-closed', () => restart('the kiosk window closed'));
  contents.on('did-finish-load', () => watchdog.report({ type: 'loaded' }));
  contents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
    const event = loadFailure(code, description, isMainFrame);
    if (event) watchdog.report(event);
  });
  contents.on('render-process-gone', (_e, details) => {
    shell.noteCrash('renderer', details.reason);
    watchdog.report({ type: 'render-process-gone', reason: details.reason });
  });
  contents.on('unresponsive', () => watchdog.report({ type: 'unresponsive' }));
  contents.on('responsive', () => watchdog.report({ type: 'responsive' }));
  app.on('child-process-gone', (_e, details) => {
    const answer = childProcessGone(details);
    log.warn(answer.logLine);
    if (answer.crash) shell.noteCrash(answer.crash.kind, answer.crash.reason);
    if (answer.event) watchdog.report(answer.event);
  });
}
