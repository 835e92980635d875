/**
 * `npm run content:serve`: a publish folder served as plain static files, for a small site without nginx
 * or a NAS (issue 15, docs/fleet.md). Read-only (GET and HEAD only); only the folder's own files are served,
 * by plain name (latest.json and the .kioskpkg packages): no subfolders, no hidden files, no ".." or
 * encoded slashes, no symbolic links out of it. Each answer carries a strong ETag (the file's inode, size
 * and modification time, as nginx makes it) and Content-Length; If-None-Match answers 304. The folder
 * listing at "/" is a short plain-text list of the files it serves, for a person checking by hand.
 */
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

/** A file name the server answers for: letters, digits, ".", "-" and "_", not starting with ".". Pure. */
export function servedName(urlPath: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(urlPath.replace(/^\//, ''));
  } catch {
    return null;
  }
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(name) && !name.includes('..') ? name : null;
}

/** The ETag of a file as the server gives it. Pure. */
export function etagOf(info: { ino: number; size: number; mtimeMs: number }): string {
  return `"${info.ino.toString(16)}-${info.size.toString(16)}-${Math.round(info.mtimeMs * 1000).toString(16)}"`;
}

/** Whether an If-None-Match header names this ETag (or is "*"). Pure. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

export interface PublishServerOptions {
  dir: string;
  /** One line per request answered (method, path, status). */
  log?(line: string): void;
}

export function createPublishServer(options: PublishServerOptions): Server {
  return createServer(publishFolderHandler(options));
}

/** The server's request handler (a test's server may hand some requests to it). */
export function publishFolderHandler(
  options: PublishServerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const dir = path.resolve(options.dir);
  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    headers: Record<string, string | number> = {},
    body = '',
  ) => {
    options.log?.(`${request.method ?? '?'} ${request.url ?? '?'} ${status}`);
    response.writeHead(status, {
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(body
        ? { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }
        : {}),
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  return (request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return answer(request, response, 405, { Allow: 'GET, HEAD' }, 'Read-only.\n');
      const urlPath = new URL(request.url ?? '/', 'http://x').pathname;
      if (urlPath === '/') {
        const entries = await readdir(dir, { withFileTypes: true });
        const names = entries
          .filter((e) => e.isFile() && servedName(e.name) !== null)
          .map((e) => e.name)
          .sort();
        return answer(request, response, 200, {}, `${names.join('\n')}\n`);
      }
      const name = servedName(urlPath);
      if (!name) return answer(request, response, 404, {}, 'Not found.\n');
      const file = path.join(dir, name);
      const info = await lstat(file).catch(() => null);
      // Regular files of the folder itself only: no folders, no links.
      if (!info?.isFile()) return answer(request, response, 404, {}, 'Not found.\n');
      const etag = etagOf(info);
      const common = {
        ETag: etag,
        'Last-Modified': info.mtime.toUTCString(),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (matchesEtag(request.headers['if-none-match'], etag)) {
        options.log?.(`${request.method} ${urlPath} 304`);
        response.writeHead(304, common);
        return response.end();
      }
      options.log?.(`${request.method} ${urlPath} 200`);
      response.writeHead(200, {
        ...common,
        'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (request.method === 'HEAD') return response.end();
      const stream = createReadStream(file);
      stream.on('error', () => response.destroy());
      stream.pipe(response);
    })().catch(() => {
      if (!response.headersSent) answer(request, response, 500, {}, 'The file could not be read.\n');
      else response.destroy();
    });
  };
}
