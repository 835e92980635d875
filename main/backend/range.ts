/**
 * HTTP Range requests (RFC 9110 §14), for audio seeking and partial loads. Pure.
 * We answer a single byte range; multi-range requests get the whole file (allowed by the RFC).
 */

export type RangeDecision =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** What to send for a `Range` header value on a file of `size` bytes. `end` is inclusive. */
export function parseRange(header: string | null, size: number): RangeDecision {
  if (header === null) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'full' }; // multi-range or another unit: ignore the header
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (size === 0) return { kind: 'unsatisfiable' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'full' }; // syntactically invalid range: ignore
  return { kind: 'partial', start, end };
}
