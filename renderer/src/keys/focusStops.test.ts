import { describe, expect, it } from 'vitest';
import { nextIndex } from './focusStops';

describe('nextIndex', () => {
  it.each([
    [0, 3, 1, 1],
    [2, 3, 1, 0],
    [0, 3, -1, 2],
    [-1, 3, 1, 0],
    [-1, 3, -1, 2],
    [-1, 0, 1, -1],
  ] as const)('from %s of %s by %s → %s', (current, count, step, expected) => {
    expect(nextIndex(current, count, step)).toBe(expected);
  });
});
