/**
 * A kiosk page behaves like an exhibit, not a web page: no context menu, no text selection callouts, no
 * dragging of images, no browser zoom of the page (only the photo viewer zooms, inside its own canvas), no
 * swipe-back or overscroll navigation.
 */
import { reportError } from './heartbeat';

export function installTouchHygiene(): void {
  const prevent = (event: Event) => event.preventDefault();
  window.addEventListener('contextmenu', prevent);
  window.addEventListener('dragstart', prevent);
  window.addEventListener('selectstart', (event) => {
    const target = event.target as HTMLElement | null;
    if (!target?.closest?.('input, textarea')) event.preventDefault();
  });
  // Ctrl+wheel and trackpad pinch zoom the page in Chromium: refuse them.
  window.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  // Safari-style gesture events (harmless where they do not exist).
  window.addEventListener('gesturestart', prevent);
  // Multi-finger touches outside the photo viewer must not zoom the page.
  window.addEventListener(
    'touchmove',
    (event) => {
      if (event.touches.length > 1 && !(event.target as HTMLElement | null)?.closest?.('.zoomable')) {
        event.preventDefault();
      }
    },
    { passive: false },
  );
  window.addEventListener('error', (event) =>
    reportError(`${event.message} at ${event.filename}:${event.lineno}`),
  );
  window.addEventListener('unhandledrejection', (event) =>
    reportError(`unhandled rejection: ${String(event.reason)}`),
  );
}
