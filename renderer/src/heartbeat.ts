import { useEffect } from 'react';
import { api, type HeartbeatBody } from '../../main/common/api';
import { useVisit } from './session/visitStore';

/** How often the page tells the shell's watchdog it is alive (its timeout is 30 s by default). */
export const HEARTBEAT_EVERY_MS = 5_000;

/** Each beat says the session's phase: a new content version is shown only in the attract loop. */
function beat(): void {
  const body: HeartbeatBody = { phase: useVisit.getState().phase };
  void fetch(api.heartbeat, { method: 'POST', body: JSON.stringify(body), keepalive: true }).catch(
    () => undefined,
  );
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
    // A change of phase is told at once (a visit starting must stop a content switch without delay).
    const unsubscribe = useVisit.subscribe((state, previous) => {
      if (state.phase !== previous.phase) beat();
    });
    return () => {
      clearInterval(timer);
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [everyMs]);
}

/** Renderer errors go to the kiosk's log file, where a technician reads them. */
export function reportError(message: string): void {
  void fetch(api.log, { method: 'POST', body: JSON.stringify({ level: 'error', message }) }).catch(
    () => undefined,
  );
}
