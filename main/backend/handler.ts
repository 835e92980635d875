/**
 * The kiosk's one request handler: `(Request) => Promise<Response>`, web-standard types only.
 *
 * Serves the built renderer, the content package under /media/, its derivatives under /derived/ and the
 * small /api the renderer needs. The Electron shell mounts it with `protocol.handle('kiosk', …)`;
 * `npm run preview` mounts the very same function on a loopback HTTP server, so every end-to-end test runs
 * the real backend.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  api,
  DERIVED_PREFIX,
  isStaffAction,
  MEDIA_PREFIX,
  STAFF_TOKEN_HEADER,
  type ContentVersions,
  type FoundPackages,
} from '../common/api';
import { attractResponse, attractSlice, type AttractSlice } from '../common/attract';
import type { Exhibit, ExhibitResponse } from '../common/exhibit';
import { accessRequestOf, ALLOWED_METHODS, decideAccess } from './access';
import { MAX_JSON_BODY } from './body';
import { CONTENT_FILE_POLICY, contentFileType, contentTypeFor, type ContentArea } from './mime';
import { parseRange } from './range';
import { droppedLine, fullBucket, oneLogLine, takeLogToken } from './rendererLog';
import { resolveInside, safeRelativePath } from '../files/safePath';
import { json, methodNotAllowed, readJsonObject } from './responses';
import { withSecurityHeaders } from './securityHeaders';
import type { KioskHandlerOptions } from './types';
import { phaseOf } from '../packages/switchPolicy';
import { METRICS_PATH } from './metrics';

/** What a host knows about who sent a request besides the request itself. */
export interface RequestPeer {
  /** The caller's address as the host's socket saw it (the loopback preview); absent in Electron. */
  remoteAddress?: string | null;
}

export type KioskHandler = (request: Request, peer?: RequestPeer) => Promise<Response>;

/** What the handler keeps between requests. */
interface HandlerState {
  /** Writes one renderer log line, within the rate limit. */
  rendererLog(level: 'info' | 'warn' | 'error', message: string): void;
}

export function createKioskHandler(options: KioskHandlerOptions): KioskHandler {
  const now = options.now ?? Date.now;
  let bucket = fullBucket(now());
  const state: HandlerState = {
    rendererLog(level, message) {
      const decision = takeLogToken(bucket, now());
      bucket = decision.bucket;
      if (!decision.write) return;
      if (decision.reportDropped > 0) options.onRendererLog?.('warn', droppedLine(decision.reportDropped));
      options.onRendererLog?.(level, message);
    },
  };
  return async (request, peer) => {
    let response: Response;
    try {
      response = await route(request, options, state, peer?.remoteAddress ?? null);
    } catch (error) {
      options.onRendererLog?.(
        'error',
        `request handler failed for ${safeUrlForLog(request.url)}: ${String(error)}`,
      );
      response = text(500, 'Internal error');
    }
    const secured = withSecurityHeaders(response);
    return options.editorPageDir ? allowFramingBySelf(secured) : secured;
  };
}

/**
 * With the editor on, its page shows the kiosk's own page in a frame (the live preview): the kiosk's
 * pages may be framed by the same origin, and the editor's page may frame it. Nothing else is loosened.
 */
function allowFramingBySelf(response: Response): Response {
  const policy = response.headers.get('content-security-policy');
  if (policy)
    response.headers.set(
      'Content-Security-Policy',
      policy
        .replace("frame-ancestors 'none'", "frame-ancestors 'self'")
        .replace("frame-src 'none'", "frame-src 'self'"),
    );
  return response;
}

/** The 405 answer for a method the kiosk does not use, with the security headers (also for hosts). */
export function methodNotAllowedAnswer(): Response {
  return withSecurityHeaders(methodNotAllowed(ALLOWED_METHODS));
}

async function route(
  request: Request,
  options: KioskHandlerOptions,
  state: HandlerState,
  remoteAddress: string | null,
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  // Prometheus is not the kiosk's page: /metrics has its own rule of who may ask (metricsAccess.ts).
  if (url.pathname === METRICS_PATH && options.metrics) return options.metrics(request, url, remoteAddress);
  const access = decideAccess(accessRequestOf(request, url), options.access(url));
  if (!access.allow) {
    if (access.status === 405) return methodNotAllowed(ALLOWED_METHODS);
    return text(access.status, access.status === 421 ? 'Misdirected request' : 'Forbidden');
  }
  // `url.pathname` is already normalised (`/a/../b` → `/b`) and still percent-encoded; encoded
  // traversal (`%2e%2e`, `%2f`, `%5c`) is refused by safeRelativePath before anything is decoded.
  const pathname = url.pathname;

  if (pathname.startsWith('/api/')) return apiRoute(request, pathname, url, options, state);

  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET, HEAD');

  if (pathname.startsWith(MEDIA_PREFIX)) {
    const mediaDir = typeof options.mediaDir === 'function' ? options.mediaDir() : options.mediaDir;
    return serveContentFile(request, 'media', mediaDir, pathname, MEDIA_PREFIX, 'no-cache');
  }
  if (pathname.startsWith(DERIVED_PREFIX)) {
    // Derivative folders are named by content hash: their files never change.
    return serveContentFile(
      request,
      'derived',
      options.derivedDir,
      pathname,
      DERIVED_PREFIX,
      'public, max-age=31536000, immutable',
    );
  }
  if (options.editorPageDir && (pathname === '/editor' || pathname.startsWith('/editor/'))) {
    if (pathname === '/editor' || pathname === '/editor/')
      return serveFrom(request, options.editorPageDir, 'index.html', 'no-cache');
    const inEditor = safeRelativePath(pathname, '/editor/');
    return serveFrom(
      request,
      options.editorPageDir,
      inEditor,
      inEditor?.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  }
  if (pathname === '/' || pathname === '/index.html') {
    return serveFrom(request, options.rendererDir, 'index.html', 'no-cache');
  }
  const relative = safeRelativePath(pathname, '/');
  const cache = relative?.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return serveFrom(request, options.rendererDir, relative, cache);
}

/**
 * A file from the content package or its derivatives: only the kinds the content format uses, by the name
 * asked for and by the real file's name (a link named `.jpg` to an `.html` file is refused too), with a
 * policy that lets the file load and run nothing (`default-src 'none'`) and no content sniffing.
 */
async function serveContentFile(
  request: Request,
  area: ContentArea,
  root: string,
  pathname: string,
  prefix: string,
  cacheControl: string,
): Promise<Response> {
  const relative = safeRelativePath(pathname, prefix);
  if (relative === null || contentFileType(area, relative) === null) return notFound();
  return serveFrom(request, root, relative, cacheControl, (file) => {
    const type = contentFileType(area, file);
    return type === null ? null : { 'Content-Type': type, 'Content-Security-Policy': CONTENT_FILE_POLICY };
  });
}

/** Headers for a file by its real path, or null to refuse it. */
type FileHeaders = (file: string) => Record<string, string> | null;

const byExtension: FileHeaders = (file) => ({ 'Content-Type': contentTypeFor(file) });

async function serveFrom(
  request: Request,
  root: string,
  relative: string | null,
  cacheControl: string,
  headersFor: FileHeaders = byExtension,
): Promise<Response> {
  if (relative === null) return notFound();
  const file = await resolveInside(root, relative);
  if (file === null) return notFound();
  const fileHeaders = headersFor(file);
  if (fileHeaders === null) return notFound();
  const handle = await open(file, 'r');
  let handedOff = false;
  try {
    const { size } = await handle.stat();
    const headers = new Headers({
      ...fileHeaders,
      'Accept-Ranges': 'bytes',
      'Cache-Control': cacheControl,
    });
    const range = parseRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') {
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    headers.set('Content-Length', String(length));
    const status = range.kind === 'partial' ? 206 : 200;
    if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
    const stream = handle.createReadStream({ start, end, autoClose: true });
    handedOff = true;
    // Node's ReadableStream and the DOM's are the same at run time; the types differ only in lib files.
    return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status, headers });
  } finally {
    if (!handedOff) await handle.close();
  }
}

async function apiRoute(
  request: Request,
  pathname: string,
  url: URL,
  options: KioskHandlerOptions,
  state: HandlerState,
): Promise<Response> {
  const method = request.method;
  const fromEditor = await options.editor?.(request, pathname, url);
  if (fromEditor) return fromEditor;
  const fromAnalytics = await options.analytics?.(request, pathname);
  if (fromAnalytics) return fromAnalytics;
  switch (pathname) {
    case api.exhibit:
      return method === 'GET' ? json(200, options.getExhibit()) : methodNotAllowed('GET');
    case api.attract:
      return method === 'GET' ? json(200, attractOf(options.getExhibit())) : methodNotAllowed('GET');
    case api.settings:
      return method === 'GET' ? json(200, options.getVisitorSettings()) : methodNotAllowed('GET');
    case api.status:
      return method === 'GET' ? json(200, options.getStatus?.() ?? { open: true }) : methodNotAllowed('GET');
    case api.heartbeat: {
      if (method !== 'POST') return methodNotAllowed('POST');
      // Proof of life whatever the body; the phase only when it is one the contract names.
      const body = await readJsonObject(request, MAX_JSON_BODY);
      const phase = body instanceof Response ? null : phaseOf(body);
      options.onHeartbeat?.(phase ? { phase } : {});
      return new Response(null, { status: 204 });
    }
    case api.log: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = await readJsonObject(request, MAX_JSON_BODY);
      if (body instanceof Response) return body;
      const level = body?.level === 'error' || body?.level === 'warn' ? body.level : 'info';
      const message = typeof body?.message === 'string' ? oneLogLine(body.message) : '';
      if (message) state.rendererLog(level, message);
      return new Response(null, { status: 204 });
    }
    case api.staffUnlock: {
      if (method !== 'POST') return methodNotAllowed('POST');
      if (!options.staff) return json(503, { ok: false, message: 'Staff functions are not available.' });
      const body = await readJsonObject(request, MAX_JSON_BODY);
      if (body instanceof Response) return body;
      const pin = typeof body?.pin === 'string' ? body.pin : '';
      return json(200, await options.staff.unlock(pin));
    }
    case api.staffHealth: {
      if (method !== 'GET') return methodNotAllowed('GET');
      const staff = options.staff;
      if (!staff || !staff.isValidToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) return forbidden();
      return json(200, await staff.health());
    }
    case api.staffVersions: {
      if (method !== 'GET') return methodNotAllowed('GET');
      const staff = options.staff;
      if (!staff || !staff.isValidToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) return forbidden();
      const none: ContentVersions = { enabled: false, versions: [], notes: [], lastSwitch: null };
      return json(200, staff.versions ? await staff.versions() : none);
    }
    case api.staffFound: {
      if (method !== 'GET') return methodNotAllowed('GET');
      const staff = options.staff;
      if (!staff || !staff.isValidToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) return forbidden();
      const none: FoundPackages = { enabled: false, folders: [], packages: [] };
      return json(200, staff.foundPackages ? await staff.foundPackages() : none);
    }
    case api.staffInstall: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const staff = options.staff;
      if (!staff || !staff.isValidToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) return forbidden();
      const body = await readJsonObject(request, MAX_JSON_BODY);
      if (body instanceof Response) return body;
      const ref = body?.ref;
      if (typeof ref !== 'string' || !/^[0-9a-f]{24}$/.test(ref))
        return json(400, { ok: false, message: 'Name a package from the list.' });
      if (!staff.installFound) return json(200, { ok: false, message: 'This kiosk installs no packages.' });
      return json(200, await staff.installFound(ref));
    }
    case api.staffAction: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const staff = options.staff;
      if (!staff || !staff.isValidToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) return forbidden();
      const body = await readJsonObject(request, MAX_JSON_BODY);
      if (body instanceof Response) return body;
      const action = body?.action;
      if (!isStaffAction(action)) return json(400, { ok: false, message: 'Unknown staff action.' });
      return json(200, await staff.action(action));
    }
    case api.staffLock: {
      if (method !== 'POST') return methodNotAllowed('POST');
      // Locking never grants anything, so it needs no token: every staff token is revoked.
      options.staff?.lock();
      return new Response(null, { status: 204 });
    }
    default:
      return notFound();
  }
}

/** Each exhibit's attract slice, made once per exhibit loaded (it is asked for on every page load). */
const attractSlices = new WeakMap<Exhibit, AttractSlice>();

function attractOf(response: ExhibitResponse) {
  return attractResponse(response, (exhibit) => {
    const made = attractSlices.get(exhibit) ?? attractSlice(exhibit);
    attractSlices.set(exhibit, made);
    return made;
  });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function notFound(): Response {
  return text(404, 'Not found');
}

function forbidden(): Response {
  return json(403, { ok: false, message: 'Staff sign-in required.' });
}

function safeUrlForLog(href: string): string {
  return href.slice(0, 300).replace(/[^\x20-\x7e]/g, '?');
}
