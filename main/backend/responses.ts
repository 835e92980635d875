/**
 * The answers every route of the backend gives the same way: JSON (never cached), 405 with Allow, and a
 * small JSON object read from a request body within a limit.
 */
import { parseJsonObject, readBodyLimited } from './body';

export function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function methodNotAllowed(allow: string): Response {
  return new Response('Method not allowed', { status: 405, headers: { Allow: allow } });
}

/**
 * A JSON object from the request body (null when it is missing or not an object), or the answer to give
 * when the body is over `limit` bytes (413, read no further than the limit) or cannot be read (400).
 */
export async function readJsonObject(
  request: Request,
  limit: number,
): Promise<Record<string, unknown> | null | Response> {
  const body = await readBodyLimited(request, limit);
  if (!body.ok)
    return body.reason === 'too-large'
      ? json(413, { ok: false, message: `The request body is over ${Math.round(limit / 1024)} KB.` })
      : json(400, { ok: false, message: 'The request body could not be read.' });
  return parseJsonObject(body.text);
}
