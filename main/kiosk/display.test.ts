import { describe, expect, it } from 'vitest';
import { pickDisplay, type DisplayInfo } from './display';

const primary: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const side: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 1080, height: 1920 } };

describe('pickDisplay', () => {
  it.each([
    [0, primary, false],
    [1, side, false],
    [2, primary, true],
    [-1, primary, true],
    [0.5, primary, true],
    [Number.NaN, primary, true],
  ])('index %s → display %o (warning %s)', (index, expected, warns) => {
    const choice = pickDisplay([primary, side], index, primary);
    expect(choice.display).toBe(expected);
    expect(Boolean(choice.warning)).toBe(warns);
  });
});
