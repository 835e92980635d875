/**
 * Mounts the kiosk's request handler on a loopback HTTP server (for `npm run preview`, the end-to-end
 * tests and the bench). Converts Node's request/response to the web-standard types and back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, type Duplex } from 'node:stream';
import { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { isKnownMethod } from '../backend/access';
import { methodNotAllowedAnswer, type KioskHandler } from '../backend/handler';
import { withSecurityHeaders } from '../backend/securityHeaders';

export interface LoopbackServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveOnLoopback(handler: KioskHandler, port = 0): Promise<LoopbackServer> {
  let actual = port;
  const server = createServer((req, res) => {
    void respond(handler, actual, req, res);
  });
  // Idle keep-alive connections are closed after a minute, not Node's 5 s: a client that sends its next
  // request just as the server closes the idle connection gets ECONNRESET (browsers retry it; an HTTP client
  // such as the tests' and the staff tools' may not), and on loopback an idle socket costs nothing.
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerUnparsable(error, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A request Node could not even parse (a method it does not know, such as TRACK; a malformed request line;
 * headers too large) never reaches the handler; it still gets its answer with the security headers.
 */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const lines: string[] = [];
  withSecurityHeaders(new Response(null)).headers.forEach((value, name) =>
    lines.push(`${name}: ${value}\r\n`),
  );
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${lines.join('')}Content-Length: 0\r\nConnection: close\r\n\r\n`,
  );
}

/** How long the rest of an unread body is read and thrown away after the answer, at most. */
const LINGER_MS = 2_000;

/**
 * The handler answered without reading the whole body (over the limit, or not needed): once the answer is
 * out, read what is still coming and throw it away — nothing is kept — so the caller sees the answer
 * rather than a reset connection; stop after a short while, so a caller who never stops cannot keep the
 * server busy. (A caller that asked for `Connection: close` gets it closed right after the answer, by Node;
 * browsers keep connections alive.)
 */
function discardRestOfBody(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.removeAllListeners('data');
    req.resume();
  });
}

/**
 * The request as the handler sees it. The URL carries the server's own address and port (what the
 * handler's access policy checks `Host` and `Origin` against); the headers are passed through as they
 * came, `Host` and `Origin` included. The body is read only as far as the handler reads it: abandoning it
 * (a body over the limit) stops reading from the socket without destroying it, so the answer still
 * reaches the caller.
 */
function toRequest(req: IncomingMessage, port: number): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, {
    method,
    headers,
    // Node's ReadableStream and the DOM's are the same at run time; the types differ only in lib files.
    body: hasBody
      ? (NodeReadableStream.from(
          req.iterator({ destroyOnReturn: false }),
        ) as unknown as ReadableStream<Uint8Array>)
      : undefined,
    // Required by Node's fetch for a streamed request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function respond(
  handler: KioskHandler,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    // The fetch Request cannot even carry TRACE, TRACK or CONNECT; they, and every other method the
    // kiosk does not use, get the handler's own 405 with the security headers.
    const response = isKnownMethod(req.method)
      ? await handler(toRequest(req, port), { remoteAddress: req.socket.remoteAddress ?? null })
      : methodNotAllowedAnswer();
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (!req.complete) discardRestOfBody(req, res);
    if (!response.body) {
      res.end();
      return;
    }
    const body = Readable.fromWeb(response.body as unknown as NodeReadableStream);
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
  } catch {
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}
