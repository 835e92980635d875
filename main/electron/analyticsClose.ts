/**
 * The analytics database closed cleanly when the kiosk quits (issue 16): on Electron's `will-quit` (and
 * before the host's own `app.exit()`, which skips it: staff's "Exit kiosk", a restart), the
 * store writes its WAL back into the database file and closes it, so that the file on disk is whole and
 * complete by itself (a technician can copy it, `npm run analytics:export` can read it) and nothing is left
 * for SQLite to recover at the next start. Once closed, the store keeps nothing more: a batch arriving
 * while the window goes away is dropped, and the file is never opened again by this process.
 *
 * `closeAnalyticsOnQuit` is plain Node, tested with the real store (analyticsClose.test.ts); the host
 * only hands it Electron's `app`.
 */
import type { AnalyticsStore } from '../analytics/store';

/** The part of Electron's `app` this step uses. */
export interface QuitEvents {
  on(event: 'will-quit', listener: () => void): unknown;
}

export interface CloseLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Close the store (once; a second call does nothing). Never throws: quitting must not be held up. */
export function closeAnalyticsOnQuit(store: AnalyticsStore, log: CloseLog): void {
  if (!store.enabled || store.closed()) return;
  try {
    store.close();
    log.info(`analytics: database closed (${store.file})`);
  } catch (error) {
    log.warn(`analytics: the database could not be closed cleanly (${String(error)})`);
  }
}

/**
 * The setup step: close the analytics database when the app quits. Returns the close itself, for the
 * host's own exits: `app.exit()` (staff's "Exit kiosk", a restart) quits without 'will-quit'.
 */
export function setupAnalyticsClose(app: QuitEvents, store: AnalyticsStore, log: CloseLog): () => void {
  const close = () => closeAnalyticsOnQuit(store, log);
  app.on('will-quit', close);
  return close;
}
