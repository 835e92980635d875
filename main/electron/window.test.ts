import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../kiosk/navigation';
import { KIOSK_BACKGROUND, KIOSK_URL, kioskWindowOptions } from './window';

const side = { x: 1920, y: 0, width: 1080, height: 1920 };

describe('kioskWindowOptions', () => {
  const bounds = side;

  it('locks the window down on the chosen display', () => {
    const o = kioskWindowOptions({ bounds, preloadPath: '/app/out/preload/index.cjs', dev: false });
    expect(o).toMatchObject({
      x: 1920,
      y: 0,
      width: 1080,
      height: 1920,
      kiosk: true,
      fullscreen: true,
      frame: false,
    });
    expect(o).toMatchObject({
      show: false,
      backgroundColor: KIOSK_BACKGROUND,
      closable: false,
      resizable: false,
    });
    expect(o.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/out/preload/index.cjs',
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
        devTools: false,
        disableDialogs: true,
        autoplayPolicy: 'no-user-gesture-required',
        disableBlinkFeatures: 'Auxclick',
      }),
    );
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(o.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('allows developer tools only in developer mode, and never loosens the sandbox', () => {
    const o = kioskWindowOptions({ bounds, preloadPath: 'p', dev: true });
    expect(o.kiosk).toBe(false);
    expect(o.webPreferences?.devTools).toBe(true);
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('loads a page the navigation rule lets it stay on', () => {
    expect(isAllowedNavigation(KIOSK_URL)).toBe(true);
  });
});
