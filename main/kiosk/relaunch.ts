/**
 * How to restart. Standing alone, the kiosk relaunches itself (app.relaunch, then exit). Under a supervisor
 * (a systemd unit, Cage under systemd, Windows Shell Launcher) the supervisor restarts it: a self-spawned
 * copy would be killed with the service's process group, so the kiosk exits with RESTART_EXIT_CODE instead
 * and lets the supervisor start it again. Started with `--kiosk-supervised` (see docs/deploy.md).
 *
 * A staff "exit" is exit code 0, which the supplied systemd unit does not restart
 * (RestartPreventExitStatus=0), so a technician gets the desktop for maintenance.
 */

/** "Temporary failure; try again" (EX_TEMPFAIL), for the supervisor to restart on. */
export const RESTART_EXIT_CODE = 75;

export type RestartPlan = { method: 'relaunch' } | { method: 'exit'; code: number };

export function restartPlan(argv: readonly string[]): RestartPlan {
  return argv.includes('--kiosk-supervised')
    ? { method: 'exit', code: RESTART_EXIT_CODE }
    : { method: 'relaunch' };
}

/** The arguments for app.relaunch: the same ones, so developer and path flags survive a relaunch. */
export function relaunchArgs(argv: readonly string[]): string[] {
  return argv.slice(1);
}
