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
  it.each(permissions)('refuses %s as a request or a device, even to the kiosk origin', (permission) => {
    for (const how of ['request', 'device', undefined] as const) {
      for (const mediaType of ['audio', 'video', undefined]) {
        expect(shouldGrantPermission({ permission, origin: 'kiosk://app', how, mediaType })).toBe(false);
        expect(shouldGrantPermission({ permission, origin: 'https://evil.example', how, mediaType })).toBe(
          false,
        );
        expect(shouldGrantPermission({ permission, how, mediaType })).toBe(false);
      }
    }
  });

  it.each(permissions.filter((p) => p !== 'media'))(
    'refuses %s as a check, even to the kiosk origin',
    (permission) => {
      expect(
        shouldGrantPermission({ permission, origin: 'kiosk://app', how: 'check', mediaType: 'audio' }),
      ).toBe(false);
    },
  );

  // The one yes: the kiosk's own page may see the sound outputs' names (narration on the headphones).
  it.each<[string, Parameters<typeof shouldGrantPermission>[0], boolean]>([
    [
      'the audio check from the kiosk',
      { permission: 'media', how: 'check', mediaType: 'audio', origin: 'kiosk://app' },
      true,
    ],
    [
      '… with a trailing slash',
      { permission: 'media', how: 'check', mediaType: 'audio', origin: 'kiosk://app/' },
      true,
    ],
    [
      'the video check (cameras)',
      { permission: 'media', how: 'check', mediaType: 'video', origin: 'kiosk://app' },
      false,
    ],
    [
      'a check of unknown kind',
      { permission: 'media', how: 'check', mediaType: 'unknown', origin: 'kiosk://app' },
      false,
    ],
    ['a check without a kind', { permission: 'media', how: 'check', origin: 'kiosk://app' }, false],
    [
      'the audio check from another origin',
      { permission: 'media', how: 'check', mediaType: 'audio', origin: 'https://evil.example' },
      false,
    ],
    [
      '… from a look-alike',
      { permission: 'media', how: 'check', mediaType: 'audio', origin: 'kiosk://app.evil' },
      false,
    ],
    ['… from no origin', { permission: 'media', how: 'check', mediaType: 'audio' }, false],
    [
      'the microphone itself (a request)',
      { permission: 'media', how: 'request', mediaType: 'audio', origin: 'kiosk://app' },
      false,
    ],
  ])('%s → %s', (_name, query, granted) => {
    expect(shouldGrantPermission(query)).toBe(granted);
  });
});
