import { describe, expect, it } from 'vitest';
import { shouldGrantPermission } from './permissions';

// Every permission name Electron 45 can ask about (from electron.d.ts), plus device kinds and unknowns.
const permissions = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
  'device:hid',
  'device:serial',
  'device:usb',
  'something-new',
];

describe('shouldGrantPermission', () => {
  it.each(permissions)('refuses %s, even to the kiosk origin', (permission) => {
    expect(shouldGrantPermission({ permission, origin: 'kiosk://app' })).toBe(false);
    expect(shouldGrantPermission({ permission, origin: 'https://evil.example' })).toBe(false);
    expect(shouldGrantPermission({ permission })).toBe(false);
  });
});
