/**
 * The Electron wiring of the kiosk's guards. Every decision is a tested pure function elsewhere
 * (navigation.ts, shortcuts.ts, permissions.ts); this file only attaches them to Electron's events, for the
 * kiosk window and for any other web contents that ever comes into being (app 'web-contents-created').
 */
import type { Session, WebContents } from 'electron';
import { decideWindowOpen, isAllowedNavigation, isBlockedRequest } from '../kiosk/navigation';
import { applyPermissionLockdown, refuseBluetoothChooser } from './permissions';
import { shouldBlockInput } from '../kiosk/shortcuts';

export interface LockdownOptions {
  dev: boolean;
  platform: NodeJS.Platform;
  log: (message: string) => void;
}

/** Pinch and Ctrl+wheel zoom off, page zoom back to 100 %. Re-applied after loads and display changes. */
export function applyZoomLimits(contents: WebContents): void {
  if (contents.isDestroyed()) return;
  contents.setZoomFactor(1);
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
}

export function lockDownWebContents(contents: WebContents, options: LockdownOptions): void {
  const { log } = options;
  const refuse = (what: string, url: string) => log(`refused ${what}: ${url.slice(0, 200)}`);

  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      refuse('navigation', event.url);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      refuse('frame navigation', event.url);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      refuse('redirect', event.url);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'load-in-place') {
      setImmediate(() => {
        if (!contents.isDestroyed()) void contents.loadURL(url).catch(() => undefined);
      });
    } else {
      refuse('new window', url);
    }
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused <webview>');
  });
  // No native dialogs: a page's beforeunload prompt is ignored rather than shown.
  contents.on('will-prevent-unload', (event) => {
    event.preventDefault();
  });
  // No context menu: Electron shows none by default; listening makes that explicit and keeps it so.
  contents.on('context-menu', () => undefined);
  contents.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input, options.platform)) event.preventDefault();
  });
  contents.on('zoom-changed', () => applyZoomLimits(contents));
  contents.on('did-finish-load', () => applyZoomLimits(contents));
  contents.on('devtools-opened', () => {
    if (!options.dev) {
      contents.closeDevTools();
      log('refused developer tools (start with --kiosk-dev to allow them)');
    }
  });
  refuseBluetoothChooser(contents, log);
}

/** Session-wide: no permissions, no device choosers, no downloads, no network, no spellchecker. */
export function lockDownSession(session: Session, options: LockdownOptions): void {
  applyPermissionLockdown(session, options.log);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = isBlockedRequest(details.url);
    if (cancel) options.log(`refused request: ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
  // The protocol handler already sets the policy on every kiosk:// response; this sets it once more on
  // anything else a session ever receives. Written out (equal to contentSecurityPolicy, asserted in
  // lockdown.test.ts) so static scanners such as electronegativity can read it.
  session.webRequest.onHeadersReceived((details, callback) => {
    // prettier-ignore
    callback({
      responseHeaders: { // eng-disable CSP_GLOBAL_CHECK — reviewed: 'self' is only the kiosk's own bundle (docs/security.md)
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}
