import { describe, expect, it } from 'vitest';
import {
  droppedLine,
  fullBucket,
  MAX_LOG_MESSAGE,
  oneLogLine,
  takeLogToken,
  type LogBucket,
} from './rendererLog';

describe('oneLogLine', () => {
  it.each([
    ['plain text', 'TypeError: x is undefined', 'TypeError: x is undefined'],
    [
      'a forged second line (LF)',
      'oops\n2026-05-04 [error] staff: exit',
      'oops 2026-05-04 [error] staff: exit',
    ],
    ['CR LF', 'a\r\nb', 'a b'],
    ['a lone CR (overwrites the line on a terminal)', 'a\rb', 'a b'],
    ['tabs and form feeds', 'a\tb\fc\vd', 'a b c d'],
    ['NEL (U+0085)', 'a\u0085b', 'a b'],
    ['line separator U+2028', 'a\u2028b', 'a b'],
    ['paragraph separator U+2029', 'a\u2029b', 'a b'],
    ['ANSI colour', '\u001b[31mred\u001b[0m', 'red'],
    ['ANSI clear screen and cursor home', '\u001b[2J\u001b[Hclean', 'clean'],
    ['ANSI with parameters and intermediates', '\u001b[38;5;196mx\u001b[ q', 'x'],
    ['OSC window title with BEL', '\u001b]0;pwned\u0007after', 'after'],
    ['OSC hyperlink with ST', '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['8-bit CSI', '\u009b31mred', 'red'],
    ['a lone ESC', 'a\u001bb', 'a'],
    ['NUL and other C0', 'a\u0000b\u0007c\u0008d', 'abcd'],
    ['DEL and C1', 'a\u007fb\u0090c\u009fd', 'abcd'],
    ['bidi override (Trojan Source)', 'user \u202eevil\u202c ok', 'user evil ok'],
    ['bidi isolates and marks', '\u2066a\u2069\u200eb\u200f', 'ab'],
    ['BOM', '\ufeffstart', 'start'],
    ['surrounding space', '  \n x \n ', 'x'],
    ['only control characters', '\n\r\u001b[0m', ''],
    ['Chinese and Japanese text stay', '南京安全区 — 安全区', '南京安全区 — 安全区'],
  ])('%s', (_name, input, output) => {
    expect(oneLogLine(input)).toBe(output);
  });

  it('keeps at most 2000 characters', () => {
    expect(oneLogLine('x'.repeat(5000))).toHaveLength(MAX_LOG_MESSAGE);
  });
});

describe('takeLogToken: a bucket of 20 lines refilled at 20 per 10 s', () => {
  const rate = { lines: 20, perMs: 10_000 };

  /** Take tokens at the given times; what was written, and the dropped counts reported. */
  function run(times: number[]): { written: number; reports: number[]; bucket: LogBucket } {
    let bucket = fullBucket(0, rate);
    let written = 0;
    const reports: number[] = [];
    for (const t of times) {
      const d = takeLogToken(bucket, t, rate);
      bucket = d.bucket;
      if (d.write) written += 1;
      if (d.reportDropped) reports.push(d.reportDropped);
    }
    return { written, reports, bucket };
  }
  const burst = (n: number, at = 0) => Array.from({ length: n }, () => at);

  it.each([
    ['a quiet page', [0, 1000, 5000, 60_000], 4, []],
    ['20 at once', burst(20), 20, []],
    ['25 at once', burst(25), 20, []],
    ['25 at once, then one after half a second', [...burst(25), 500], 21, [5]],
    ['25 at once, then one after 0.4 s (not a whole line refilled yet)', [...burst(25), 400], 20, []],
    ['25 at once, then 2 after one second', [...burst(25), 1000, 1000], 22, [5]],
    ['1000 at once, then one after 10 s', [...burst(1000), 10_000], 21, [980]],
    ['20 at once, 20 after 10 s', [...burst(20), ...burst(20, 10_000)], 40, []],
    ['a steady 2 per second for a minute', Array.from({ length: 120 }, (_, i) => i * 500), 120, []],
    // 20 in the bucket plus 19.8 refilled by 9.9 s: 39 written; 24 before the first drop, then 1 in 5.
    ['a steady 10 per second for 10 s', Array.from({ length: 100 }, (_, i) => i * 100), 39, [1, 4, 4, 4]],
  ])('%s', (_name, times, written, reports) => {
    const result = run(times);
    expect(result.written).toBe(written);
    expect(result.reports.slice(0, 4)).toEqual(reports);
  });

  it('never holds more than a full bucket, however long it was quiet', () => {
    expect(run([0, 10 ** 9, ...burst(25, 10 ** 9)]).written).toBe(21);
  });

  it('a clock set back does not add lines', () => {
    const result = run([...burst(20, 100_000), ...burst(5, 50_000)]);
    expect(result.written).toBe(20);
  });

  it('reports the dropped lines in one line', () => {
    expect(droppedLine(1, rate)).toBe('1 log line dropped (more than 20 in 10 s)');
    expect(droppedLine(980, rate)).toBe('980 log lines dropped (more than 20 in 10 s)');
  });
});
