/**
 * The keys a visitor (or a tactile keypad that emulates a keyboard) uses to operate the kiosk, in the
 * museum's words. Plain data, part of the contract: the settings schema validates a museum's own map in
 * `kiosk-config/kiosk.yaml` (accessibility.keys), the renderer reads the map from `GET /api/settings`.
 *
 * A key is written as the browser names it (KeyboardEvent.key: "ArrowDown", "Enter", "Escape", "Home",
 * "PageDown", "h", "+"), optionally prefixed "Shift+" when it needs the Shift key held ("Shift+Tab").
 */
export const KEY_ACTIONS = [
  'move-next',
  'move-previous',
  'choose',
  'back',
  'start',
  'help',
  'louder',
  'quieter',
  'audio-mode',
  'next-chapter',
  'previous-chapter',
] as const;

export type KeyAction = (typeof KEY_ACTIONS)[number];

export type KeyMap = Record<KeyAction, string[]>;

/** The default map (docs/accessibility.md): arrows and Tab move, Enter chooses, Escape goes back. */
export function defaultKeyMap(): KeyMap {
  return {
    'move-next': ['ArrowDown', 'ArrowRight', 'Tab'],
    'move-previous': ['ArrowUp', 'ArrowLeft', 'Shift+Tab'],
    choose: ['Enter', ' '],
    back: ['Escape', 'Backspace'],
    start: ['Home'],
    help: ['h', 'H'],
    louder: ['+', '='],
    quieter: ['-', '_'],
    'audio-mode': ['a', 'A'],
    'next-chapter': ['PageDown'],
    'previous-chapter': ['PageUp'],
  };
}
