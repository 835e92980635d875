/** Restarting the kiosk: relaunch itself, or exit for the supervisor to restart it (`main/kiosk/relaunch.ts`). */
import { app } from 'electron';
import log from 'electron-log/main';
import { relaunchArgs, restartPlan } from '../kiosk/relaunch';

export type Restart = (reason: string) => void;

/** `beforeExit` runs first (it closes the analytics database: `app.exit` skips 'will-quit'). */
export function setupRestart(beforeExit: () => void = () => undefined): Restart {
  return (reason) => {
    log.warn(`restarting the kiosk: ${reason}`);
    beforeExit();
    const plan = restartPlan(process.argv);
    if (plan.method === 'relaunch') app.relaunch({ args: relaunchArgs(process.argv) });
    app.exit(plan.method === 'exit' ? plan.code : 0);
  };
}
