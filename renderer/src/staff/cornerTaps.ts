/** Taps in the staff corner within the last three seconds, including one at `now`. Pure. */
export function registerCornerTap(previous: number[], now: number, windowMs = 3_000): number[] {
  return [...previous.filter((at) => now - at <= windowMs), now];
}
