import { describe, expect, it } from 'vitest';
import { declaredLengthVerdict, parseJsonObject, readBodyLimited } from './body';

describe('declaredLengthVerdict', () => {
  it.each([
    [null, 'unknown'],
    ['0', 'fits'],
    ['16384', 'fits'],
    ['16385', 'too-large'],
    [' 300000000 ', 'too-large'],
    ['99999999999999999999', 'unknown'],
    ['-1', 'unknown'],
    ['1e9', 'unknown'],
    ['12, 12', 'unknown'],
    ['', 'unknown'],
  ] as const)('Content-Length %j → %s', (value, verdict) => {
    expect(declaredLengthVerdict(value, 16 * 1024)).toBe(verdict);
  });
});

/** A stream of `chunks` chunks of `size` bytes that records how many were pulled and whether it was cancelled. */
function source(chunks: number, size: number) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled += 1;
        controller.enqueue(new Uint8Array(size).fill(0x7b));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

const requestWith = (
  body: ReadableStream<Uint8Array> | string | null,
  headers: Record<string, string> = {},
) =>
  new Request('http://127.0.0.1/api/log', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readBodyLimited', () => {
  it('reads a body within the limit', async () => {
    expect(await readBodyLimited(requestWith('{"a":"é"}'), 100)).toEqual({ ok: true, text: '{"a":"é"}' });
  });

  it('reads an empty or missing body as empty text', async () => {
    expect(await readBodyLimited(requestWith(null), 100)).toEqual({ ok: true, text: '' });
  });

  it('stops at the first chunk past the limit and cancels the stream', async () => {
    const s = source(1_000_000, 1000); // 1 GB if read to the end
    expect(await readBodyLimited(requestWith(s.stream), 16 * 1024)).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(s.pulled()).toBe(17);
    expect(s.cancelled()).toBe(true);
  });

  it('refuses a declared length over the limit without reading', async () => {
    const s = source(1_000_000, 1000);
    const request = requestWith(s.stream, { 'Content-Length': '1000000000' });
    expect(await readBodyLimited(request, 16 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    expect(s.pulled()).toBe(0);
  });

  it('does not trust a declared length under the limit', async () => {
    const s = source(100, 1000);
    const request = requestWith(s.stream, { 'Content-Length': '10' });
    expect(await readBodyLimited(request, 16 * 1024)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('a body that fails while streaming is unreadable', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    expect(await readBodyLimited(requestWith(stream), 100)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('parseJsonObject', () => {
  it.each([
    ['{"pin":"1234"}', { pin: '1234' }],
    ['[]', null],
    ['"text"', null],
    ['null', null],
    ['{', null],
    ['', null],
  ])('%j → %j', (text, value) => {
    expect(parseJsonObject(text)).toEqual(value);
  });
});
