/**
 * Which museum action a key press asks for, by the kiosk's key map (main/common/keyMap.ts, from
 * kiosk.yaml's accessibility.keys). Pure: the renderer's keyboard module carries the action out.
 */
import { KEY_ACTIONS, type KeyAction, type KeyMap } from '../../../main/common/keyMap';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** The action for a key press, or null when the map gives the key no action (or a modifier is held). */
export function actionForKey(press: KeyPress, map: KeyMap): KeyAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const plain = press.key;
  for (const action of KEY_ACTIONS) {
    for (const written of map[action]) {
      if (written.startsWith('Shift+') && written.length > 'Shift+'.length) {
        if (press.shiftKey && written.slice('Shift+'.length) === plain) return action;
      } else if (written === plain && !(press.shiftKey && isShiftedByMap(plain, map))) {
        return action;
      }
    }
  }
  return null;
}

/** True when the map also has "Shift+<key>" (so Shift+Tab is not taken for Tab). */
function isShiftedByMap(key: string, map: KeyMap): boolean {
  return KEY_ACTIONS.some((action) => map[action].includes(`Shift+${key}`));
}
