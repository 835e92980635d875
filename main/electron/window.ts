/**
 * The kiosk window: which display it goes on and the options it is created with. Pure, so the security
 * flags are tested; `main/index.ts` passes the result straight to `new BrowserWindow`.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { KIOSK_ORIGIN } from '../common/api';

/** Dark warm background, so a (re)load never flashes white. */
export const KIOSK_BACKGROUND = '#14110f';
/** What the window loads. */
export const KIOSK_URL = `${KIOSK_ORIGIN}/`;

export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
}

export interface DisplayChoice {
  display: DisplayInfo;
  /** Set when the configured display does not exist and the primary one is used instead. */
  warning?: string;
}

/** The configured display (index into the screen's list), or the primary one when it is not connected. */
export function pickDisplay(displays: DisplayInfo[], index: number, primary: DisplayInfo): DisplayChoice {
  const wanted = Number.isInteger(index) && index >= 0 ? displays[index] : undefined;
  if (wanted) return { display: wanted };
  return {
    display: primary,
    warning: `Display ${index} is not connected (${displays.length} found); using the primary display.`,
  };
}

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
