/**
 * The loopback host with real HTTP: what a caller on the same machine can and cannot do to it (issue 10,
 * points 5 and 7). The memory test runs the server in its own process and measures it from outside.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackPolicy } from '../backend/access';
import { createKioskHandler } from '../backend/handler';
import { DEFAULT_SETTINGS } from '../config/settings';
import { serveOnLoopback, type LoopbackServer } from './loopback';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request (any method, any Host), as a program on the machine could send it. */
function send(
  base: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let root: string;
let server: LoopbackServer;
const logged: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-loopback-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  const handler = createKioskHandler({
    rendererDir: root,
    mediaDir: root,
    derivedDir: root,
    getExhibit: () => ({ status: 'unavailable', reason: 'test' }),
    getVisitorSettings: () => DEFAULT_SETTINGS.visitor,
    onRendererLog: (_level, message) => logged.push(message),
    access: (url) => loopbackPolicy(url.port),
  });
  server = await serveOnLoopback(handler);
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const port = () => new URL(server.url).port;
const secured = (a: Answer) => ({
  csp: String(a.headers['content-security-policy']).startsWith("default-src 'none'"),
  nosniff: a.headers['x-content-type-options'],
});

describe('the loopback server checks every caller (issue 10, point 7)', () => {
  it.each(['TRACE', 'OPTIONS', 'PROPFIND', 'PUT', 'DELETE'])(
    '%s gets 405 with the security headers',
    async (method) => {
      const answer = await send(server.url, {
        method,
        path: '/api/settings',
        headers: { Origin: server.url },
      });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toMatch(/^GET/);
      expect(secured(answer)).toEqual({ csp: true, nosniff: 'nosniff' });
    },
  );

  it('a method Node cannot parse (TRACK) gets 400 with the security headers', async () => {
    const answer = await send(server.url, { method: 'TRACK', path: '/api/settings' });
    expect(answer.status).toBe(400);
    expect(secured(answer)).toEqual({ csp: true, nosniff: 'nosniff' });
  });

  it('a DNS-rebinding request (Host: evil.example) is refused with 421', async () => {
    const answer = await send(server.url, {
      path: '/api/settings',
      headers: { Host: `evil.example:${port()}` },
    });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('idleSeconds');
    expect(secured(answer)).toEqual({ csp: true, nosniff: 'nosniff' });
  });

  it.each([
    [`127.0.0.1`, 200],
    [`localhost`, 200],
    [`[::1]`, 200],
    ['evil.example', 421],
  ])('Host %s with the right port → %i', async (name, status) => {
    expect(
      (await send(server.url, { path: '/api/settings', headers: { Host: `${name}:${port()}` } })).status,
    ).toBe(status);
  });

  it('a page on another local origin cannot write log lines or lock the staff pad', async () => {
    const before = logged.length;
    for (const origin of ['http://127.0.0.1:9999', 'http://localhost:3000', 'null']) {
      const log = await send(server.url, {
        method: 'POST',
        path: '/api/log',
        headers: { Origin: origin, 'Content-Type': 'text/plain' },
        body: '{"message":"forged"}',
      });
      expect(log.status).toBe(403);
      const lock = await send(server.url, {
        method: 'POST',
        path: '/api/staff/lock',
        headers: { Origin: origin },
      });
      expect(lock.status).toBe(403);
    }
    expect(logged.length).toBe(before);
  });

  it("the kiosk's own page can (Origin is its own)", async () => {
    const answer = await send(server.url, {
      method: 'POST',
      path: '/api/log',
      headers: { Origin: server.url },
      body: '{"message":"from the page"}',
    });
    expect(answer.status).toBe(204);
    expect(logged).toContain('from the page');
  });

  it('a POST with no Origin and no Sec-Fetch-Site is refused', async () => {
    const answer = await send(server.url, { method: 'POST', path: '/api/log', body: '{"message":"x"}' });
    expect(answer.status).toBe(403);
  });
});

// ------------------------------------------------------------------------------------------ memory

const LINUX_PROC = existsSync('/proc/self/status');

/** A field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak since the last reset). */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * POST `total` bytes of a JSON string to /api/log as fast as the server takes them, in 1 MB chunks; stop
 * when the answer comes. Chunked (no length) unless `declare` is set, then Content-Length says it all.
 * On a keep-alive connection, as a browser sends it (a client that asks to close the connection may see
 * it reset before it reads the answer: Node's server closes such a connection as soon as it has answered).
 */
function flood(base: string, total: number, declare: boolean): Promise<{ status: number; sentMb: number }> {
  const url = new URL(base);
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  let sent = 0;
  const agent = new Agent({ keepAlive: true });
  return new Promise<{ status: number; sentMb: number }>((resolve, reject) => {
    let status = 0;
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/api/log',
      agent,
      headers: { Origin: base, ...(declare ? { 'Content-Length': String(total) } : {}) },
    });
    const finish = () => resolve({ status, sentMb: sent / 1024 / 1024 });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        req.destroy();
        finish();
      });
    });
    // The server closes the connection after its answer; writing on is then refused (EPIPE/ECONNRESET).
    req.on('error', (error) => (status ? finish() : reject(error)));
    const write = () => {
      while (sent < total && !status && !req.destroyed) {
        const ok = req.write(sent === 0 ? Buffer.concat([Buffer.from('{"message":"'), chunk]) : chunk);
        sent += chunk.length;
        if (!ok) return void req.once('drain', write);
      }
      if (sent >= total && !status) req.end('"}');
    };
    write();
  }).finally(() => agent.destroy());
}

describe.skipIf(!LINUX_PROC)('a body of hundreds of MB does not grow the server (issue 10, point 5)', () => {
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/support/loopbackChild.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    base = line.trim();
    // Warm up: the first requests compile the handler's code paths.
    for (let i = 0; i < 20; i++) {
      await send(base, {
        method: 'POST',
        path: '/api/log',
        headers: { Origin: base },
        body: '{"message":"warm"}',
      });
    }
  });

  afterAll(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it.each([
    ['streamed (chunked, no length)', false],
    ['with a Content-Length of 300 MB', true],
  ])('300 MB %s: 413, and the server stays within a few MB', async (_name, declare) => {
    const pid = child.pid!;
    const before = procMb(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // reset the peak (VmHWM) to the current RSS
    const result = await flood(base, 300 * 1024 * 1024, declare);
    const peak = procMb(pid, 'VmHWM');
    const growth = peak - before;
    console.log(
      `300 MB POST ${declare ? 'with Content-Length' : 'chunked'}: answer ${result.status} after ` +
        `${result.sentMb.toFixed(0)} MB sent; server RSS ${before.toFixed(1)} MB before, peak ` +
        `${peak.toFixed(1)} MB (+${growth.toFixed(1)} MB)`,
    );
    expect(result.status).toBe(413);
    expect(growth).toBeLessThan(8);
    // And the server still answers.
    expect((await send(base, { path: '/api/settings' })).status).toBe(200);
  });
});
