import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../main/common/packages';
import { updateCheckText } from './updateCheckText';

const when = (iso: string) => iso.slice(11, 16);
const base: UpdateStatus = {
  url: 'http://10.0.0.5/kiosk-packages/latest.json',
  last: null,
  nextAt: null,
  failuresInARow: 0,
};
const check = (
  result: NonNullable<UpdateStatus['last']>['result'],
  reason: string | null,
  message: string,
) => ({
  at: '2026-12-02T10:00:00.000Z',
  result,
  reason: reason as NonNullable<UpdateStatus['last']>['reason'],
  message,
  offered: 2,
  tookMs: 120,
});

describe('updateCheckText', () => {
  it.each([
    [
      'before the first check',
      base,
      [
        'No update check yet',
        '',
        '',
        'The kiosk checks http://10.0.0.5/kiosk-packages/latest.json.',
        'The first check is under way.',
        false,
      ],
    ],
    [
      'a version staged',
      {
        ...base,
        last: check('staged', null, 'Version 2 was downloaded.'),
        nextAt: '2026-12-02T10:15:00.000Z',
      },
      [
        'Last update check',
        '10:00',
        'New version downloaded',
        'Version 2 was downloaded.',
        'Next check 10:15.',
        false,
      ],
    ],
    [
      '304',
      { ...base, last: check('not-modified', null, 'Unchanged.'), nextAt: '2026-12-02T10:15:00.000Z' },
      [
        'Last update check',
        '10:00',
        'Nothing new since the last check',
        'Unchanged.',
        'Next check 10:15.',
        false,
      ],
    ],
    [
      'refused, with its reason and the longer wait',
      {
        ...base,
        last: check('refused', 'stalled', 'The server sent nothing for 60 s.'),
        nextAt: '2026-12-02T10:30:00.000Z',
        failuresInARow: 1,
      },
      [
        'Last update check',
        '10:00',
        'Refused (stalled)',
        'The server sent nothing for 60 s.',
        'Next check 10:30 (waiting longer after 1 failed check in a row).',
        true,
      ],
    ],
    [
      'a server error',
      {
        ...base,
        last: check('server-error', 'server-error', 'The server answered 500.'),
        nextAt: '2026-12-02T11:00:00.000Z',
        failuresInARow: 2,
      },
      [
        'Last update check',
        '10:00',
        'Server not reached or in error',
        'The server answered 500.',
        'Next check 11:00 (waiting longer after 2 failed checks in a row).',
        true,
      ],
    ],
  ] as [string, UpdateStatus, [string, string, string, string, string, boolean]][])(
    '%s',
    (_name, status, expected) => {
      const t = updateCheckText(status, when);
      expect([t.heading, t.at, t.result, t.message, t.next, t.failed]).toEqual(expected);
    },
  );
});
