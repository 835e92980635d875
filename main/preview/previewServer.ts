/**
 * The loopback host: the kiosk's one backend (`createBackend`) mounted on a loopback HTTP server. Used by
 * `npm run preview`, the end-to-end tests, the bench and the screenshots, so a browser exercises exactly
 * what Electron serves. It has no window to reload and nothing to exit: staff "exit" only logs, "restart"
 * reloads the content.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend, type Backend, type BackendLog, type EditorOption } from '../backend/createBackend';
import { contentWorkerFromSource, type ContentWorkerLocation } from '../content/load/workerLocation';
import { serveOnLoopback, type LoopbackServer } from './loopback';

export interface PreviewServerOptions {
  rendererDir: string;
  mediaDir: string;
  configDir: string;
  /** Default: `.media-cache/` beside the content folder. */
  derivedDir?: string;
  /**
   * The kiosk's writable state (the staff PIN lockout), kept across restarts of the preview. Default: a
   * new temporary folder, so each preview (and each end-to-end server) starts with a fresh count.
   */
  dataDir?: string;
  port?: number;
  log?: BackendLog;
  /** The exhibit editor's routes and page (`npm run editor`); the plain preview leaves it out. */
  editor?: EditorOption;
  /** Where the content worker is; default: its TypeScript source, run under tsx. */
  contentWorker?: ContentWorkerLocation;
  /** This kiosk software's version, for the packages' lowest kiosk version; default: package.json's. */
  kioskVersion?: string;
  /** Clock (ms) for opening hours, analytics and packages; Date.now by default (the soak simulates days). */
  now?: () => number;
  /** Told of each heartbeat from the page (the soak watches it as Electron's watchdog does). */
  onHeartbeat?: () => void;
}

export interface PreviewServer extends LoopbackServer {
  backend: Backend;
  settings: Backend['settings'];
}

/** package.json's version: what the kiosk's own install and network pull compare a package's lowest kiosk version with. */
function softwareVersion(): string {
  return (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
}

const consoleLog: BackendLog = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const derivedDir =
    options.derivedDir ?? path.join(path.dirname(path.resolve(options.mediaDir)), '.media-cache');
  const temporaryData = options.dataDir ? null : mkdtempSync(path.join(tmpdir(), 'kiosk-data-'));
  const dataDir = options.dataDir ?? (temporaryData as string);
  const backend = createBackend({
    rendererDir: options.rendererDir,
    mediaDir: options.mediaDir,
    configDir: options.configDir,
    derivedDir,
    dataDir,
    log: options.log ?? consoleLog,
    host: { kind: 'preview', ...(options.onHeartbeat ? { heartbeat: options.onHeartbeat } : {}) },
    ...(options.now ? { now: options.now } : {}),
    kioskVersion: options.kioskVersion ?? softwareVersion(),
    // The preview runs under tsx: by default the worker runs from its TypeScript source.
    contentWorker: options.contentWorker ?? contentWorkerFromSource(),
    ...(options.editor ? { editor: options.editor } : {}),
  });
  await backend.content.reload();
  const server = await serveOnLoopback(backend.handler, options.port ?? 0);
  const close = async () => {
    backend.packages?.stopPolling();
    await server.close();
    backend.analytics.close();
    if (temporaryData) await rm(temporaryData, { recursive: true, force: true });
  };
  return { ...server, close, backend, settings: backend.settings };
}
