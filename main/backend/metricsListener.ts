/**
 * The small HTTP listener that serves only `/metrics` (issue 15), for a host whose own way of serving the
 * kiosk cannot be reached by Prometheus or cannot tell who is asking: Electron's `protocol.handle` serves
 * `kiosk://app` to the kiosk's own page only. It listens on 127.0.0.1 by default, on every IPv4 address
 * when kiosk.yaml sets `metrics.expose`; who may read is decided per request (metricsAccess.ts) from the
 * socket's own remote address. Anything but `/metrics` is 404; nothing but GET and HEAD is answered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_PATH, type KioskMetrics } from './metrics';
import { withSecurityHeaders } from './securityHeaders';

export interface MetricsListener {
  /** e.g. http://127.0.0.1:9464 */
  url: string;
  address: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Where the listener listens: this computer only, or every IPv4 address when exposed. */
export function metricsListenAddress(expose: boolean): string {
  return expose ? '0.0.0.0' : '127.0.0.1';
}

export async function serveMetrics(
  metrics: Pick<KioskMetrics, 'answer'>,
  options: { port: number; address: string },
): Promise<MetricsListener> {
  let port = options.port;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const path = (req.url ?? '/').split('?')[0];
        const method = req.method === 'HEAD' ? 'HEAD' : req.method === 'GET' ? 'GET' : null;
        const url = new URL(`http://127.0.0.1:${port}${METRICS_PATH}`);
        const response = withSecurityHeaders(
          path !== METRICS_PATH
            ? new Response('Not found\n', { status: 404 })
            : method === null
              ? new Response('Only GET and HEAD\n', { status: 405, headers: { Allow: 'GET, HEAD' } })
              : await metrics.answer(
                  new Request(url, { method, headers }),
                  url,
                  req.socket.remoteAddress ?? null,
                ),
        );
        res.statusCode = response.status;
        response.headers.forEach((value, name) => res.setHeader(name, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.address === '0.0.0.0' ? '127.0.0.1' : options.address}:${port}`,
    address: options.address,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
