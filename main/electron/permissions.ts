/**
 * Permissions: the kiosk page needs none. Camera, microphone, geolocation, notifications, HID, serial, USB,
 * Bluetooth, screen capture, clipboard, full screen, MIDI, storage access — every request is refused,
 * whatever origin asks. Narration autoplay needs no permission (it is a command-line switch).
 *
 * One check, not a request, is answered yes: the kiosk's own page may see the names of the sound outputs.
 * Chromium ties those names (and playing on an output other than the default, `setSinkId`) to the audio
 * "media" check, and `visitor.audioOutput` names the headphone output by its name (issue 17). The check
 * opens no microphone: capturing sound is a request, and every request is refused.
 *
 * The decision is one pure function so the denial is tested; `applyPermissionLockdown` wires it to a
 * session and to every device chooser Electron offers.
 */
import type { Session, WebContents } from 'electron';
import { KIOSK_ORIGIN } from '../common/api';

export interface PermissionQuery {
  permission: string;
  /** The origin asking, when Electron knows it. */
  origin?: string;
  /** A request (the page asks to use something), a check (the page asks whether it may), or a device. */
  how?: 'request' | 'check' | 'device';
  /** For "media": what kind ("audio", "video", "unknown"), as Electron gives it. */
  mediaType?: string;
}

function isKioskOrigin(origin: string | undefined): boolean {
  return origin !== undefined && origin.replace(/\/+$/, '') === KIOSK_ORIGIN;
}

/**
 * Whether to grant: never a request or a device, to any page. The one yes is the audio "media" check from
 * the kiosk's own origin, which lets its page see the sound outputs' names to play narration on the one the
 * settings name (see above). Kept as a function so the rule has one home and a table test.
 */
export function shouldGrantPermission(query: PermissionQuery): boolean {
  return (
    query.how === 'check' &&
    query.permission === 'media' &&
    query.mediaType === 'audio' &&
    isKioskOrigin(query.origin)
  );
}

type Log = (message: string) => void;

/** Refuse every permission request and check on a session, and cancel every device chooser. */
export function applyPermissionLockdown(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = shouldGrantPermission({ permission, origin: details.requestingUrl, how: 'request' });
    if (!granted) log(`permission request refused: ${permission}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    shouldGrantPermission({
      permission,
      origin: requestingOrigin,
      how: 'check',
      ...('mediaType' in details && details.mediaType ? { mediaType: details.mediaType } : {}),
    }),
  );
  session.setDevicePermissionHandler((details) =>
    shouldGrantPermission({
      permission: `device:${details.deviceType}`,
      origin: details.origin,
      how: 'device',
    }),
  );
  session.setDisplayMediaRequestHandler((_request, callback) => {
    log('screen capture request refused');
    callback(null);
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    log('HID device chooser refused');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    log('serial port chooser refused');
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    log('USB device chooser refused');
    callback();
  });
  // Nothing is ever downloaded: a drop or a link to a file must not write into the user's folders.
  session.on('will-download', (event, item) => {
    event.preventDefault();
    log(`download refused: ${item.getFilename()}`);
  });
}

/** Bluetooth device selection is a webContents event, not a session one. */
export function refuseBluetoothChooser(contents: WebContents, log: Log): void {
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    log('Bluetooth device chooser refused');
    callback('');
  });
}
