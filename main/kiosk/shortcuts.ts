/**
 * Which key presses reach the kiosk page. A visitor with a keyboard (or a keyboard left plugged in) must not
 * reload, zoom, print, save, open developer tools, leave full screen or close the kiosk. The rule is an
 * allow-list at heart: any chord with Ctrl, Alt or Meta (Cmd/Super) is blocked, as are the function keys,
 * Escape, the context-menu key and the browser keys. Plain keys (letters, digits, arrows, Tab, Enter,
 * Space) pass, so keyboard and switch-access navigation keep working.
 *
 * The one exception is the staff shortcut, Ctrl+Alt+Shift+K on every platform: it reaches the page, which
 * opens the staff PIN pad (it never exits by itself).
 */
import { STAFF_SHORTCUT } from '../common/api';

export { STAFF_SHORTCUT };

/** The fields of Electron's `Input` (before-input-event) this decision needs. */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  shift: boolean;
  control: boolean;
  alt: boolean;
  meta: boolean;
}

export type InputDecision = 'allow' | 'block' | 'staff';

/** Keys blocked even without a modifier. */
const BLOCKED_KEYS = new Set([
  'Escape', // leaves HTML full screen
  'ContextMenu', // opens a context menu
  'Alt', // opens the (absent) menu bar on Windows/Linux
  'AltGraph',
  'Meta', // Super / Cmd alone
  'OS',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserStop',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'GoBack',
  'GoHome',
  'Find',
  'Open',
  'Save',
  'Print',
  'Close',
  'New',
  'Props',
  'Help',
  'ZoomIn',
  'ZoomOut',
  'ZoomToggle',
]);

const FUNCTION_KEY = /^F([1-9]|1[0-9]|2[0-4])$/;

/** Decide what happens to one key event. `platform` is `process.platform`. */
export function classifyInput(input: KeyInput, platform: NodeJS.Platform): InputDecision {
  if (isStaffShortcut(input)) return 'staff';
  // Cmd on macOS, Super on Windows/Linux, Ctrl and Alt everywhere: every chord is a browser or OS command.
  if (input.control || input.alt || input.meta) return 'block';
  if (FUNCTION_KEY.test(input.key) || FUNCTION_KEY.test(input.code)) return 'block';
  if (BLOCKED_KEYS.has(input.key) || BLOCKED_KEYS.has(input.code)) return 'block';
  // Shift+F10 is the Windows/Linux context-menu chord; covered by F10 above. Nothing else is
  // platform-specific once every modifier chord is refused, but the parameter keeps the rule honest
  // should one ever be allowed again (e.g. AltGr text entry on Windows).
  void platform;
  return 'allow';
}

/** True when the key event must not reach the page (before-input-event → preventDefault). */
export function shouldBlockInput(input: KeyInput, platform: NodeJS.Platform): boolean {
  return classifyInput(input, platform) === 'block';
}

function isStaffShortcut(input: KeyInput): boolean {
  return input.code === STAFF_SHORTCUT.code && input.control && input.alt && input.shift && !input.meta;
}
