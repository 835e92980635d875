import type { UpdateCheck, UpdateStatus } from '../../../main/common/packages';

/** How each result of a check of the museum's network reads on the staff screen. */
export const UPDATE_RESULT_WORDS: Record<UpdateCheck['result'], string> = {
  staged: 'New version downloaded',
  'up-to-date': 'Nothing newer on the server',
  'not-modified': 'Nothing new since the last check',
  refused: 'Refused',
  'server-error': 'Server not reached or in error',
};

export interface UpdateCheckText {
  /** "Last update check" or "No update check yet". */
  heading: string;
  /** When the last check was, or ''. */
  at: string;
  /** The result, with its reason when it failed: "Refused (stalled)". */
  result: string;
  /** The kiosk's own sentence about it. */
  message: string;
  /** When the next check is, and why it waits longer. */
  next: string;
  failed: boolean;
}

/** The words of the staff screen's "last update check" line. Pure. */
export function updateCheckText(status: UpdateStatus, when: (iso: string) => string): UpdateCheckText {
  const next = status.nextAt
    ? `Next check ${when(status.nextAt)}${status.failuresInARow > 0 ? ` (waiting longer after ${status.failuresInARow} failed check${status.failuresInARow === 1 ? '' : 's'} in a row)` : ''}.`
    : 'The first check is under way.';
  const last = status.last;
  if (!last)
    return {
      heading: 'No update check yet',
      at: '',
      result: '',
      message: `The kiosk checks ${status.url}.`,
      next,
      failed: false,
    };
  const failed = last.result === 'refused' || last.result === 'server-error';
  return {
    heading: 'Last update check',
    at: when(last.at),
    result: `${UPDATE_RESULT_WORDS[last.result]}${failed && last.reason && last.reason !== 'server-error' ? ` (${last.reason})` : ''}`,
    message: last.message,
    next,
    failed,
  };
}
