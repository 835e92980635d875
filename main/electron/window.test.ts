import { describe, expect, it } from 'vitest';
import { KIOSK_BACKGROUND, KIOSK_URL, kioskWindowOptions, pickDisplay, type DisplayInfo } from './window';

const primary: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const side: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 1080, height: 1920 } };

describe('pickDisplay', () => {
  it.each([
    [0, primary, false],
    [1, side, false],
    [2, primary, true],
    [-1, primary, true],
    [0.5, primary, true],
    [Number.NaN, primary, true],
  ])('index %s → display %o (warning %s)', (index, expected, warns) => {
    const choice = pickDisplay([primary, side], index, primary);
    expect(choice.display).toBe(expected);
    expect(Boolean(choice.warning)).toBe(warns);
  });
});

describe('kioskWindowOptions', () => {
  const bounds = side.bounds;

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

  it('loads the kiosk origin', () => {
    expect(KIOSK_URL).toBe('kiosk://app/');
    expect(KIOSK_BACKGROUND).toBe('#14110f');
  });
});
