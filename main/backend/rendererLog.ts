/**
 * Lines the renderer posts to /api/log, made safe for the technician's log: each message becomes exactly
 * one plain line (no newline to forge a second entry, no terminal escape to repaint the screen, no bidi
 * override to reorder what is read), and a token bucket caps how many lines a page can write, so a page
 * stuck in an error loop — or anything else that can reach the route — cannot fill the disk. Lines over
 * the cap are counted and reported once as "N log lines dropped" with the next line that gets through.
 */

/** The longest message kept, in characters, after cleaning. */
export const MAX_LOG_MESSAGE = 2000;

/**
 * ANSI/ECMA-48 escape sequences (CSI … final byte, OSC … BEL/ST, and two-character escapes), with the
 * 8-bit C1 introducers too: removed whole, so no `[31m` is left behind.
 */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
/** Line and paragraph breaks and tabs: become a space, so words stay apart. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Every other C0 and C1 control, DEL, bidi embeddings, overrides and isolates, and the BOM. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One printable log line from whatever the renderer sent (pure). */
export function oneLogLine(message: string): string {
  return message
    .replace(ESCAPE_SEQUENCE, '')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .trim()
    .slice(0, MAX_LOG_MESSAGE);
}

// ------------------------------------------------------------------------------------------ rate limit

export interface LogBucket {
  /**
   * Lines that may be written now, times `perMs`: whole numbers, so refilling never drifts by rounding
   * (a full bucket holds `lines × perMs`; a line costs `perMs`; each ms adds `lines`).
   */
  credit: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
  /** Lines refused since the last one written. */
  dropped: number;
}

export interface LogRate {
  /** At most this many lines in a burst… */
  lines: number;
  /** …and on average no more than `lines` per this many ms. */
  perMs: number;
}

/** 20 lines per 10 s: a page in trouble gets its first errors through whole. */
export const RENDERER_LOG_RATE: LogRate = { lines: 20, perMs: 10_000 };

export function fullBucket(now: number, rate: LogRate = RENDERER_LOG_RATE): LogBucket {
  return { credit: rate.lines * rate.perMs, at: now, dropped: 0 };
}

export interface LogDecision {
  bucket: LogBucket;
  /** Write the line. */
  write: boolean;
  /** Lines dropped before this one, to report first (0 when none, or when this one is dropped too). */
  reportDropped: number;
}

/** Whether one more line may be written now (pure): a token bucket refilled at `lines / perMs`. */
export function takeLogToken(bucket: LogBucket, now: number, rate: LogRate = RENDERER_LOG_RATE): LogDecision {
  const elapsed = Math.max(0, Math.round(now - bucket.at));
  const credit = Math.min(rate.lines * rate.perMs, bucket.credit + elapsed * rate.lines);
  if (credit < rate.perMs) {
    return { bucket: { credit, at: now, dropped: bucket.dropped + 1 }, write: false, reportDropped: 0 };
  }
  return {
    bucket: { credit: credit - rate.perMs, at: now, dropped: 0 },
    write: true,
    reportDropped: bucket.dropped,
  };
}

/** The line that stands for the ones dropped. */
export function droppedLine(count: number, rate: LogRate = RENDERER_LOG_RATE): string {
  return `${count} log line${count === 1 ? '' : 's'} dropped (more than ${rate.lines} in ${rate.perMs / 1000} s)`;
}
