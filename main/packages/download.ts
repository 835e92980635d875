/**
 * Fetching a package over the museum's network (issue 15): one bounded download from any ordinary static
 * file server, written beside its final name and renamed only when whole. Bounded in time (the whole
 * download, and any stall between two chunks), in size (refused from Content-Length before a byte is read,
 * or as soon as the bytes pass the cap), conditional (If-None-Match with the last ETag: 304 means nothing
 * new), and checked for truncation (fewer bytes than Content-Length). What arrives is then verified and
 * staged like a package from a USB stick (store.ts); nothing is trusted for having come over the network.
 *
 * Polling (when to ask again) is `nextPollDelay`, pure. The kiosk's polling loop is not wired yet.
 */
import { open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Refusal } from '../common/packages';
import { formatBytes } from './rules';

export interface DownloadOptions {
  url: string;
  /** Where the package goes; written as `<target>.part` first. */
  target: string;
  /** The ETag of the last package fetched from this URL, if any. */
  etag?: string | null;
  /** The whole download, headers included. */
  timeoutMs: number;
  /** The longest wait for the next chunk. */
  stallMs: number;
  maxBytes: number;
}

export type DownloadOutcome =
  | { status: 'downloaded'; file: string; etag: string | null; bytes: number }
  | { status: 'not-modified' }
  | { status: 'refused'; refusal: Refusal };

const refused = (code: Refusal['code'], message: string): DownloadOutcome => ({
  status: 'refused',
  refusal: { code, message },
});

export async function downloadPackage(options: DownloadOptions): Promise<DownloadOutcome> {
  const controller = new AbortController();
  let why: DownloadOutcome | null = null;
  const stop = (outcome: DownloadOutcome) => {
    why ??= outcome;
    controller.abort();
  };
  const overall = setTimeout(
    () =>
      stop(
        refused('stalled', `The download took longer than ${options.timeoutMs / 1000} s and was stopped.`),
      ),
    options.timeoutMs,
  );
  let stall: NodeJS.Timeout | undefined;
  const armStall = () => {
    clearTimeout(stall);
    stall = setTimeout(
      () =>
        stop(
          refused(
            'stalled',
            `The server sent nothing for ${options.stallMs / 1000} s; the download was stopped.`,
          ),
        ),
      options.stallMs,
    );
  };
  const part = `${options.target}.part`;
  try {
    armStall();
    const response = await fetch(options.url, {
      signal: controller.signal,
      headers: options.etag ? { 'If-None-Match': options.etag } : {},
      redirect: 'follow',
    });
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok || !response.body)
      return refused(
        'server-error',
        `The server answered ${response.status} ${response.statusText}`.trim() + '.',
      );
    const declared = response.headers.get('content-length');
    const length = declared === null ? null : Number(declared);
    if (length !== null && length > options.maxBytes)
      return refused(
        'too-large',
        `The server offers ${formatBytes(length)}; a kiosk downloads at most ${formatBytes(options.maxBytes)}.`,
      );
    const handle = await open(part, 'w', 0o644);
    let bytes = 0;
    try {
      armStall();
      // The DOM's stream type and Node's differ only in lib files; at run time fetch gives Node's.
      const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
      for await (const chunk of body as AsyncIterable<Buffer>) {
        armStall();
        bytes += chunk.byteLength;
        if (bytes > options.maxBytes) {
          stop(refused('too-large', `The download passed ${formatBytes(options.maxBytes)} and was stopped.`));
          break;
        }
        await handle.write(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (why) return why;
    if (length !== null && bytes !== length)
      return refused('truncated', `The download ended after ${bytes} of ${length} bytes.`);
    await rename(part, options.target);
    return { status: 'downloaded', file: options.target, etag: response.headers.get('etag'), bytes };
  } catch (error) {
    if (why) return why;
    const text =
      error instanceof Error
        ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`
        : String(error);
    if (/terminated|other side closed|premature|ECONNRESET|UND_ERR_SOCKET/i.test(text))
      return refused('truncated', `The download ended early: ${text}.`);
    return refused('server-error', `The server could not be reached: ${text}.`);
  } finally {
    clearTimeout(overall);
    clearTimeout(stall);
    await rm(part, { force: true });
  }
}

/**
 * How long to wait before the next check: the configured interval after a success, doubling with each
 * failure in a row up to `maxMs` (so a broken server is not hammered, and a fixed one is noticed). Pure.
 */
export function nextPollDelay(failuresInARow: number, intervalMs: number, maxMs: number): number {
  if (failuresInARow <= 0) return intervalMs;
  return Math.min(maxMs, intervalMs * 2 ** Math.min(failuresInARow, 30));
}
