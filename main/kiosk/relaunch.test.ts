import { describe, expect, it } from 'vitest';
import { relaunchArgs, restartPlan, RESTART_EXIT_CODE } from './relaunch';

describe('restartPlan', () => {
  it.each([
    [['/opt/Memorial Kiosk/memorial-kiosk'], { method: 'relaunch' }],
    [['/opt/Memorial Kiosk/memorial-kiosk', '--kiosk-dev'], { method: 'relaunch' }],
    [
      ['/opt/Memorial Kiosk/memorial-kiosk', '--kiosk-supervised'],
      { method: 'exit', code: RESTART_EXIT_CODE },
    ],
    [['electron', '.', '--kiosk-supervised=yes'], { method: 'relaunch' }],
  ])('%o → %o', (argv, plan) => {
    expect(restartPlan(argv)).toEqual(plan);
  });

  it('uses a non-zero code the supervisor restarts on, never 0 (staff exit)', () => {
    expect(RESTART_EXIT_CODE).not.toBe(0);
  });

  it('relaunches with the same arguments', () => {
    expect(relaunchArgs(['/usr/bin/kiosk', '--kiosk-media=/srv/media', '--kiosk-dev'])).toEqual([
      '--kiosk-media=/srv/media',
      '--kiosk-dev',
    ]);
  });
});
