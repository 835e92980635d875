import { api } from '../../main/common/api';

/** Proof of life for the shell's watchdog: a frozen page stops sending it. */
export function startHeartbeat(everyMs = 5_000): void {
  const beat = () => {
    void fetch(api.heartbeat, { method: 'POST', body: '{}', keepalive: true }).catch(() => undefined);
  };
  beat();
  setInterval(beat, everyMs);
}

/** Renderer errors go to the kiosk's log file, where a technician reads them. */
export function reportError(message: string): void {
  void fetch(api.log, { method: 'POST', body: JSON.stringify({ level: 'error', message }) }).catch(
    () => undefined,
  );
}
