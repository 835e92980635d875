/**
 * The kiosk window's options (which display it goes on is `main/kiosk/display.ts`). Pure, so the security
 * flags are tested; `main/electron/index.ts` passes the result straight to `new BrowserWindow`.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { KIOSK_ORIGIN } from '../common/api';

/** Dark warm background, so a (re)load never flashes white. */
export const KIOSK_BACKGROUND = '#14110f';
/** What the window loads. */
export const KIOSK_URL = `${KIOSK_ORIGIN}/`;

export interface KioskWindowInput {
  bounds: Rectangle;
  preloadPath: string;
  /** Developer mode (`--kiosk-dev`): developer tools allowed, not kiosk-locked. */
  dev: boolean;
}

export function kioskWindowOptions({
  bounds,
  preloadPath,
  dev,
}: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    show: false,
    kiosk: !dev,
    fullscreen: true,
    frame: false,
    resizable: dev,
    movable: dev,
    minimizable: false,
    maximizable: false,
    closable: dev,
    skipTaskbar: !dev,
    autoHideMenuBar: true,
    alwaysOnTop: !dev,
    backgroundColor: KIOSK_BACKGROUND,
    title: 'Memorial Kiosk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: dev,
      disableDialogs: true,
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      enableWebSQL: false,
      zoomFactor: 1,
      disableHtmlFullscreenWindowResize: true,
      // Middle-click (auxclick) cannot open anything either.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
