/**
 * Mounts the kiosk's request handler on a loopback HTTP server (for `npm run preview`, the end-to-end
 * tests and the bench). Converts Node's request/response to the web-standard types and back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { KioskHandler } from '../backend/handler';

export interface LoopbackServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveOnLoopback(handler: KioskHandler, port = 0): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void respond(handler, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
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

async function respond(handler: KioskHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
      // Required by Node's fetch for a streamed request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    const response = await handler(request);
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (!response.body) {
      res.end();
      return;
    }
    const body = Readable.fromWeb(response.body as unknown as import('node:stream/web').ReadableStream);
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
  } catch {
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}
