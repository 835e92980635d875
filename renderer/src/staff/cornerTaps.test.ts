import { describe, expect, it } from 'vitest';
import { registerCornerTap } from './cornerTaps';

describe('registerCornerTap', () => {
  it('counts five quick taps', () => {
    let taps: number[] = [];
    for (const at of [0, 400, 800, 1200, 1600]) taps = registerCornerTap(taps, at);
    expect(taps).toHaveLength(5);
  });
  it('forgets taps older than three seconds', () => {
    let taps: number[] = [];
    for (const at of [0, 1000, 2000, 3500, 4000]) taps = registerCornerTap(taps, at);
    expect(taps).toEqual([1000, 2000, 3500, 4000]);
  });
});
