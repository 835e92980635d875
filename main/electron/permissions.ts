/**
 * Permissions: the kiosk page needs none. Camera, microphone, geolocation, notifications, HID, serial, USB,
 * Bluetooth, screen capture, clipboard, full screen, MIDI, storage access — every request and every check
 * is refused, whatever origin asks. Narration autoplay needs no permission (it is a command-line switch).
 *
 * The decision is one pure function so the denial is tested; `applyPermissionLockdown` wires it to a
 * session and to every device chooser Electron offers.
 */
import type { Session, WebContents } from 'electron';

export interface PermissionQuery {
  permission: string;
  /** The origin asking, when Electron knows it. */
  origin?: string;
}

/** Always false: no permission is ever granted to any page. Kept as a function so the rule has one home. */
export function shouldGrantPermission(query: PermissionQuery): boolean {
  void query;
  return false;
}

type Log = (message: string) => void;

/** Refuse every permission request and check on a session, and cancel every device chooser. */
export function applyPermissionLockdown(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = shouldGrantPermission({ permission, origin: details.requestingUrl });
    if (!granted) log(`permission request refused: ${permission}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    shouldGrantPermission({ permission, origin: requestingOrigin }),
  );
  session.setDevicePermissionHandler((details) =>
    shouldGrantPermission({ permission: `device:${details.deviceType}`, origin: details.origin }),
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
