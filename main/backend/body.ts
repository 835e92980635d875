/**
 * Reading a request body without letting the caller decide how much memory the kiosk spends on it: a
 * declared `Content-Length` over the limit is refused before a byte is read, and a streamed body is read
 * chunk by chunk and abandoned the moment it passes the limit. Every route that reads a body uses this.
 */
import { open, rm } from 'node:fs/promises';

/** The largest JSON body any route accepts (a log line, a PIN, a staff action). */
export const MAX_JSON_BODY = 16 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' };

/** What `Content-Length` says about a body and a limit, before reading it (pure). */
export function declaredLengthVerdict(
  contentLength: string | null,
  limit: number,
): 'fits' | 'too-large' | 'unknown' {
  if (contentLength === null) return 'unknown';
  const text = contentLength.trim();
  if (!/^\d{1,16}$/.test(text)) return 'unknown';
  return Number(text) > limit ? 'too-large' : 'fits';
}

/** The body as UTF-8 text, or why not; never holds more than `limit` bytes plus one chunk. */
export async function readBodyLimited(request: Request, limit: number = MAX_JSON_BODY): Promise<BodyResult> {
  if (declaredLengthVerdict(request.headers.get('content-length'), limit) === 'too-large') {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    reader.releaseLock();
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}

/** A small JSON object from a body's text, or null when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export type FileBodyResult = { ok: true; bytes: number } | { ok: false; reason: 'too-large' | 'unreadable' };

/**
 * A (large) body streamed to `file` without holding it in memory: refused before a byte is read when
 * `Content-Length` declares more than `limit`, and abandoned (the file removed) the moment the bytes pass
 * it. The file is flushed to disk before this resolves, so it can be renamed into place as it is.
 */
export async function writeBodyToFile(
  request: Request,
  file: string,
  limit: number,
): Promise<FileBodyResult> {
  if (declaredLengthVerdict(request.headers.get('content-length'), limit) === 'too-large') {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  const handle = await open(file, 'wx', 0o644);
  let total = 0;
  let outcome: FileBodyResult = { ok: true, bytes: 0 };
  const reader = request.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        outcome = { ok: false, reason: 'too-large' };
        break;
      }
      await handle.write(value);
    }
    if (outcome.ok) {
      await handle.sync();
      outcome = { ok: true, bytes: total };
    }
  } catch {
    outcome = { ok: false, reason: 'unreadable' };
  } finally {
    reader?.releaseLock();
    await handle.close();
    if (!outcome.ok) await rm(file, { force: true });
  }
  return outcome;
}
