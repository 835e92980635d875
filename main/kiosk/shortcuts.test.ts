import { describe, expect, it } from 'vitest';
import { classifyInput, shouldBlockInput, type KeyInput } from './shortcuts';

type Mods = Partial<Pick<KeyInput, 'shift' | 'control' | 'alt' | 'meta'>>;

function key(keyName: string, code: string, mods: Mods = {}, type = 'keyDown'): KeyInput {
  return { type, key: keyName, code, shift: false, control: false, alt: false, meta: false, ...mods };
}

/** The platform's "command" modifier: Ctrl on Windows and Linux, Cmd (meta) on macOS. */
const platforms: { platform: NodeJS.Platform; primary: Mods }[] = [
  { platform: 'win32', primary: { control: true } },
  { platform: 'linux', primary: { control: true } },
  { platform: 'darwin', primary: { meta: true } },
];

/** Shortcuts expressed with the platform's primary modifier. */
const primaryChords: [string, string, string, Mods?][] = [
  ['reload', 'r', 'KeyR'],
  ['hard reload', 'R', 'KeyR', { shift: true }],
  ['devtools I', 'I', 'KeyI', { shift: true }],
  ['devtools J', 'J', 'KeyJ', { shift: true }],
  ['devtools C', 'C', 'KeyC', { shift: true }],
  ['devtools mac', 'i', 'KeyI', { alt: true }],
  ['zoom in +', '+', 'Equal', { shift: true }],
  ['zoom in numpad', '+', 'NumpadAdd'],
  ['zoom in =', '=', 'Equal'],
  ['zoom out', '-', 'Minus'],
  ['zoom out numpad', '-', 'NumpadSubtract'],
  ['zoom reset', '0', 'Digit0'],
  ['zoom reset numpad', '0', 'Numpad0'],
  ['print', 'p', 'KeyP'],
  ['save', 's', 'KeyS'],
  ['find', 'f', 'KeyF'],
  ['find next', 'g', 'KeyG'],
  ['close tab', 'w', 'KeyW'],
  ['quit', 'q', 'KeyQ'],
  ['new window', 'n', 'KeyN'],
  ['new tab', 't', 'KeyT'],
  ['open file', 'o', 'KeyO'],
  ['location bar', 'l', 'KeyL'],
  ['history', 'h', 'KeyH'],
  ['downloads', 'j', 'KeyJ'],
  ['view source', 'u', 'KeyU'],
  ['select all', 'a', 'KeyA'],
  ['next tab', 'Tab', 'Tab'],
  ['previous tab', 'Tab', 'Tab', { shift: true }],
  ['ctrl+f4', 'F4', 'F4'],
  ['fullscreen mac', 'f', 'KeyF', { control: true }],
  ['hide app mac', 'h', 'KeyH'],
  ['minimise mac', 'm', 'KeyM'],
  ['left bracket back', '[', 'BracketLeft'],
  ['right bracket forward', ']', 'BracketRight'],
];

/** Shortcuts with fixed keys regardless of platform. */
const fixedChords: [string, string, string, Mods?][] = [
  ['F5 reload', 'F5', 'F5'],
  ['Shift+F5', 'F5', 'F5', { shift: true }],
  ['F12 devtools', 'F12', 'F12'],
  ['F3 find', 'F3', 'F3'],
  ['F11 fullscreen', 'F11', 'F11'],
  ['F1 help', 'F1', 'F1'],
  ['F7 caret browsing', 'F7', 'F7'],
  ['F10 menu', 'F10', 'F10'],
  ['Shift+F10 context menu', 'F10', 'F10', { shift: true }],
  ['Ctrl+Shift+R', 'R', 'KeyR', { control: true, shift: true }],
  ['Ctrl+Shift+I', 'I', 'KeyI', { control: true, shift: true }],
  ['Ctrl+Shift+J', 'J', 'KeyJ', { control: true, shift: true }],
  ['Ctrl+Shift+C', 'C', 'KeyC', { control: true, shift: true }],
  ['Cmd+Alt+I', 'i', 'KeyI', { meta: true, alt: true }],
  ['Cmd+Ctrl+F', 'f', 'KeyF', { meta: true, control: true }],
  ['Ctrl+F4', 'F4', 'F4', { control: true }],
  ['Alt+F4', 'F4', 'F4', { alt: true }],
  ['Cmd+Q', 'q', 'KeyQ', { meta: true }],
  ['Ctrl+Tab', 'Tab', 'Tab', { control: true }],
  ['Alt alone', 'Alt', 'AltLeft', { alt: true }],
  ['Alt alone (no flag)', 'Alt', 'AltLeft'],
  ['right Alt', 'AltGraph', 'AltRight'],
  ['Alt+Left back', 'ArrowLeft', 'ArrowLeft', { alt: true }],
  ['Alt+Right forward', 'ArrowRight', 'ArrowRight', { alt: true }],
  ['Alt+Home', 'Home', 'Home', { alt: true }],
  ['Alt+Space window menu', ' ', 'Space', { alt: true }],
  ['Alt+letter menu', 'f', 'KeyF', { alt: true }],
  ['Cmd+Left back', 'ArrowLeft', 'ArrowLeft', { meta: true }],
  ['BrowserBack', 'BrowserBack', 'BrowserBack'],
  ['BrowserForward', 'BrowserForward', 'BrowserForward'],
  ['BrowserRefresh', 'BrowserRefresh', 'BrowserRefresh'],
  ['BrowserHome', 'BrowserHome', 'BrowserHome'],
  ['Escape', 'Escape', 'Escape'],
  ['Shift+Escape', 'Escape', 'Escape', { shift: true }],
  ['context menu key', 'ContextMenu', 'ContextMenu'],
  ['Super alone', 'Meta', 'MetaLeft', { meta: true }],
  ['Ctrl+Alt+Delete (as seen by the page)', 'Delete', 'Delete', { control: true, alt: true }],
  ['staff chord plus Meta', 'K', 'KeyK', { control: true, alt: true, shift: true, meta: true }],
  ['staff chord without Shift', 'k', 'KeyK', { control: true, alt: true }],
  ['staff chord without Alt', 'K', 'KeyK', { control: true, shift: true }],
  ['staff chord without Ctrl', 'K', 'KeyK', { alt: true, shift: true }],
  ['F24', 'F24', 'F24'],
];

describe.each(platforms)('shouldBlockInput on $platform', ({ platform, primary }) => {
  it.each(primaryChords)('blocks primary-modifier %s', (_name, k, code, extra) => {
    expect(shouldBlockInput(key(k, code, { ...primary, ...extra }), platform)).toBe(true);
    // keyUp of the same chord is refused too, so the page never sees half a shortcut.
    expect(shouldBlockInput(key(k, code, { ...primary, ...extra }, 'keyUp'), platform)).toBe(true);
  });

  it.each(fixedChords)('blocks %s', (_name, k, code, mods) => {
    expect(shouldBlockInput(key(k, code, mods), platform)).toBe(true);
  });

  it.each([
    ['letter', 'a', 'KeyA'],
    ['capital letter', 'A', 'KeyA', { shift: true }],
    ['digit', '7', 'Digit7'],
    ['Enter', 'Enter', 'Enter'],
    ['Space', ' ', 'Space'],
    ['Tab', 'Tab', 'Tab'],
    ['Shift+Tab', 'Tab', 'Tab', { shift: true }],
    ['ArrowLeft', 'ArrowLeft', 'ArrowLeft'],
    ['ArrowDown', 'ArrowDown', 'ArrowDown'],
    ['Backspace', 'Backspace', 'Backspace'],
    ['Home', 'Home', 'Home'],
    ['PageDown', 'PageDown', 'PageDown'],
    ['Shift alone', 'Shift', 'ShiftLeft', { shift: true }],
  ] as [string, string, string, Mods?][])('lets %s through', (_name, k, code, mods) => {
    expect(shouldBlockInput(key(k, code, mods), platform)).toBe(false);
    expect(classifyInput(key(k, code, mods), platform)).toBe('allow');
  });

  it('passes the staff shortcut Ctrl+Alt+Shift+K to the page, whatever the layout prints', () => {
    for (const printed of ['K', 'k', 'Ķ', '˚']) {
      const input = key(printed, 'KeyK', { control: true, alt: true, shift: true });
      expect(classifyInput(input, platform)).toBe('staff');
      expect(shouldBlockInput(input, platform)).toBe(false);
    }
  });
});
