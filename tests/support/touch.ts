import type { CDPSession, Page } from '@playwright/test';

/**
 * The DevTools session the gesture is sent on: the caller's own when it keeps one open (the soak sends
 * thousands of gestures to one page), else one opened for this gesture and closed after it.
 */
async function sessionFor(page: Page, own?: CDPSession): Promise<{ cdp: CDPSession; done(): Promise<void> }> {
  if (own) return { cdp: own, done: async () => undefined };
  const cdp = await page.context().newCDPSession(page);
  return { cdp, done: () => cdp.detach() };
}

/**
 * A two-finger pinch outwards around (x, y), as a visitor spreads two fingers: real touch events through
 * the Chrome DevTools Protocol (Playwright's own touch API has one finger only).
 */
export async function pinchOut(page: Page, x: number, y: number, session?: CDPSession): Promise<void> {
  const { cdp, done } = await sessionFor(page, session);
  const fingers = (d: number) => [
    { x: x - d, y, id: 0 },
    { x: x + d, y, id: 1 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
  for (let step = 1; step <= 12; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(40 + step * 25) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await done();
}

/**
 * A one-finger swipe upwards at (x, y): a visitor scrolling the text on (real touch events through CDP).
 * The events carry timestamps half a second apart in all, and the finger rests before it lifts, so the
 * page does not fling on (a tap during a fling only stops the fling, on a real screen too).
 */
export async function swipeUp(
  page: Page,
  x: number,
  y: number,
  distance = 300,
  session?: CDPSession,
): Promise<void> {
  const { cdp, done } = await sessionFor(page, session);
  const t0 = Date.now() / 1000 - 1;
  const at = (dy: number) => [{ x, y: y - dy, id: 0 }];
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', dy: number, seconds: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : at(dy),
      timestamp: t0 + seconds,
    });
  await send('touchStart', 0, 0);
  for (let step = 1; step <= 6; step += 1) await send('touchMove', (step * distance) / 6, step * 0.05);
  for (let rest = 1; rest <= 4; rest += 1) await send('touchMove', distance, 0.3 + rest * 0.05);
  await send('touchEnd', distance, 0.55);
  await done();
}

/** Fingers put on the screen at these points together (real touch events through CDP); they stay down. */
export async function fingersDown(cdp: CDPSession, points: { x: number; y: number }[]): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })),
  });
}

/** Every finger lifted. */
export async function fingersUp(cdp: CDPSession): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** One quick tap of one finger at (x, y): down and up at once. */
export async function quickTap(cdp: CDPSession, x: number, y: number): Promise<void> {
  await fingersDown(cdp, [{ x, y }]);
  await fingersUp(cdp);
}

/** Two fingers side by side at (x, y) sliding up by `distance`, as a visitor scrolls with two fingers. */
export async function twoFingerSwipeUp(
  cdp: CDPSession,
  x: number,
  y: number,
  distance: number,
): Promise<void> {
  const at = (dy: number) => [
    { x: x - 60, y: y - dy, id: 0 },
    { x: x + 60, y: y - dy, id: 1 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let step = 1; step <= 6; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at((step * distance) / 6) });
  }
  await fingersUp(cdp);
}
