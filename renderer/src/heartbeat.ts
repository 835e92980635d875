import { useEffect } from 'react';
import { api } from '../../main/common/api';

/** How often the page tells the shell's watchdog it is alive (its timeout is 30 s by default). */
export const HEARTBEAT_EVERY_MS = 5_000;

function beat(): void {
  void fetch(api.heartbeat, { method: 'POST', body: '{}', keepalive: true }).catch(() => undefined);
}

/**
 * Proof of life for the shell's watchdog, sent from the rendered tree: the component that calls this (the
 * kiosk's root, App) asks for one animation frame at each interval and beats from inside that frame. So a
 * beat goes out only while the tree is mounted and the page is painting frames; a frozen page, a page whose
 * tree failed and was taken down, or one that stopped painting sends nothing, and the watchdog reloads it.
 */
export function useHeartbeat(everyMs = HEARTBEAT_EVERY_MS): void {
  useEffect(() => {
    let frame = 0;
    const beatOnNextFrame = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(beat);
    };
    beatOnNextFrame();
    const timer = setInterval(beatOnNextFrame, everyMs);
    return () => {
      clearInterval(timer);
      cancelAnimationFrame(frame);
    };
  }, [everyMs]);
}

/** Renderer errors go to the kiosk's log file, where a technician reads them. */
export function reportError(message: string): void {
  void fetch(api.log, { method: 'POST', body: JSON.stringify({ level: 'error', message }) }).catch(
    () => undefined,
  );
}
