import { describe, expect, it } from 'vitest';
import { defaultKeyMap, type KeyMap } from '../../../main/common/keyMap';
import { actionForKey, type KeyPress } from './keyActions';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ...extra });

describe('actionForKey with the default map', () => {
  const map = defaultKeyMap();
  it.each([
    [press('ArrowDown'), 'move-next'],
    [press('ArrowRight'), 'move-next'],
    [press('Tab'), 'move-next'],
    [press('Tab', { shiftKey: true }), 'move-previous'],
    [press('ArrowUp'), 'move-previous'],
    [press('ArrowLeft'), 'move-previous'],
    [press('Enter'), 'choose'],
    [press(' '), 'choose'],
    [press('Escape'), 'back'],
    [press('Home'), 'start'],
    [press('h'), 'help'],
    [press('H', { shiftKey: true }), 'help'],
    [press('+', { shiftKey: true }), 'louder'],
    [press('='), 'louder'],
    [press('-'), 'quieter'],
    [press('a'), 'audio-mode'],
    [press('PageDown'), 'next-chapter'],
    [press('PageUp'), 'previous-chapter'],
    [press('x'), null],
    [press('F5'), null],
    [press('a', { ctrlKey: true }), null],
    [press('Tab', { altKey: true }), null],
  ] as const)('%o → %s', (keyPress, action) => {
    expect(actionForKey(keyPress, map)).toBe(action);
  });
});

describe("a museum's own map", () => {
  const map: KeyMap = {
    ...defaultKeyMap(),
    'move-next': ['2'],
    'move-previous': ['8'],
    choose: ['5'],
    'audio-mode': ['0'],
  };
  it.each([
    [press('2'), 'move-next'],
    [press('8'), 'move-previous'],
    [press('5'), 'choose'],
    [press('0'), 'audio-mode'],
    // The default keys it replaced do nothing now.
    [press('ArrowDown'), null],
    [press('Enter'), null],
    [press('a'), null],
  ] as const)('%o → %s', (keyPress, action) => {
    expect(actionForKey(keyPress, map)).toBe(action);
  });
});
