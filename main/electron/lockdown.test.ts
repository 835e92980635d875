/**
 * The Electron wiring, exercised against small fakes of WebContents and Session (no Electron here): each
 * guard must be attached and must act on what it receives.
 */
import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../backend/csp';
import { lockDownSession, lockDownWebContents } from './lockdown';

function fakeEvent(extra: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), ...extra };
}

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loadURL = vi.fn(async () => undefined);
  closeDevTools = vi.fn();
  setZoomFactor = vi.fn();
  setVisualZoomLevelLimits = vi.fn(async () => undefined);
  isDestroyed = () => false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function setup(dev = false) {
  const contents = new FakeContents();
  const log = vi.fn();
  lockDownWebContents(contents as unknown as WebContents, { dev, platform: 'linux', log });
  return { contents, log };
}

describe('lockDownWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s refuses everything but the kiosk page',
    (name) => {
      const { contents } = setup();
      const evil = fakeEvent({ url: 'https://evil.example/' });
      contents.emit(name, evil);
      expect(evil.preventDefault).toHaveBeenCalled();
      const packaged = fakeEvent({ url: 'kiosk://app/media/evil.html' });
      contents.emit(name, packaged);
      expect(packaged.preventDefault).toHaveBeenCalled();
      const own = fakeEvent({ url: 'kiosk://app/' });
      contents.emit(name, own);
      expect(own.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('denies every new window, following a kiosk link in place', async () => {
    const { contents } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'kiosk://app/media/evil.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'kiosk://app/' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledWith('kiosk://app/');
  });

  it('refuses <webview>, beforeunload prompts and blocked keys; lets the staff shortcut through', () => {
    const { contents } = setup();
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    const unload = fakeEvent();
    contents.emit('will-prevent-unload', unload);
    expect(unload.preventDefault).toHaveBeenCalled();
    const key = (input: Record<string, unknown>) => {
      const e = fakeEvent();
      contents.emit('before-input-event', e, {
        type: 'keyDown',
        shift: false,
        control: false,
        alt: false,
        meta: false,
        ...input,
      });
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(key({ key: 'F5', code: 'F5' })).toBe(true);
    expect(key({ key: 'r', code: 'KeyR', control: true })).toBe(true);
    expect(key({ key: 'K', code: 'KeyK', control: true, alt: true, shift: true })).toBe(false);
    expect(key({ key: 'a', code: 'KeyA' })).toBe(false);
  });

  it('closes developer tools unless in developer mode', () => {
    const locked = setup(false);
    locked.contents.emit('devtools-opened');
    expect(locked.contents.closeDevTools).toHaveBeenCalled();
    const dev = setup(true);
    dev.contents.emit('devtools-opened');
    expect(dev.contents.closeDevTools).not.toHaveBeenCalled();
  });

  it('pins the zoom after loads and zoom attempts', () => {
    const { contents } = setup();
    contents.emit('did-finish-load');
    contents.emit('zoom-changed', fakeEvent(), 'in');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledTimes(2);
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    expect(contents.setZoomFactor).toHaveBeenCalledWith(1);
  });

  it('cancels the Bluetooth chooser', () => {
    const { contents } = setup();
    const e = fakeEvent();
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', e, [{ deviceId: 'x' }], callback);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });
});

type Listener = (...args: never[]) => unknown;

class FakeSession extends EventEmitter {
  handlers: Record<string, Listener> = {};
  setPermissionRequestHandler = (h: Listener) => (this.handlers.request = h);
  setPermissionCheckHandler = (h: Listener) => (this.handlers.check = h);
  setDevicePermissionHandler = (h: Listener) => (this.handlers.device = h);
  setDisplayMediaRequestHandler = (h: Listener) => (this.handlers.display = h);
  setSpellCheckerEnabled = vi.fn();
  webRequest = {
    onBeforeRequest: (h: Listener) => (this.handlers.beforeRequest = h),
    onHeadersReceived: (h: Listener) => (this.handlers.headers = h),
  };
}

describe('lockDownSession', () => {
  function setupSession() {
    const session = new FakeSession();
    const log = vi.fn();
    lockDownSession(session as unknown as Session, { dev: false, platform: 'linux', log });
    // Calls the captured handlers with loosely typed arguments, as Electron would.
    const call = (name: string, ...args: unknown[]) =>
      (session.handlers[name] as (...a: unknown[]) => unknown)(...args);
    return { session, call, log };
  }

  it('refuses permission requests, checks, devices and screen capture', () => {
    const { call } = setupSession();
    const callback = vi.fn();
    call('request', {}, 'media', callback, { requestingUrl: 'kiosk://app/' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(call('check', {}, 'fullscreen', 'kiosk://app', {})).toBe(false);
    expect(call('device', { deviceType: 'usb', origin: 'kiosk://app' })).toBe(false);
    const display = vi.fn();
    call('display', {}, display);
    expect(display).toHaveBeenCalledWith(null);
  });

  it.each([
    ['select-hid-device', (e: unknown, cb: unknown) => [e, {}, cb], undefined],
    ['select-usb-device', (e: unknown, cb: unknown) => [e, {}, cb], undefined],
    ['select-serial-port', (e: unknown, cb: unknown) => [e, [], {}, cb], ''],
  ] as const)('cancels %s', (name, args, expected) => {
    const { session } = setupSession();
    const e = fakeEvent();
    const callback = vi.fn();
    session.emit(name, ...args(e, callback));
    expect(e.preventDefault).toHaveBeenCalled();
    if (expected === undefined) expect(callback).toHaveBeenCalledWith();
    else expect(callback).toHaveBeenCalledWith(expected);
  });

  it('cancels downloads and turns the spellchecker off', () => {
    const { session } = setupSession();
    const e = fakeEvent();
    session.emit('will-download', e, { getFilename: () => 'x.exe' });
    expect(e.preventDefault).toHaveBeenCalled();
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels network and file requests, keeps kiosk ones', () => {
    const { call } = setupSession();
    const decide = (url: string) => {
      const callback = vi.fn();
      call('beforeRequest', { url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://example.com/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('kiosk://app/assets/index.js')).toEqual({ cancel: false });
  });

  it('sets exactly the kiosk content security policy on other responses', () => {
    const { call } = setupSession();
    const callback = vi.fn();
    call('headers', { responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
});
