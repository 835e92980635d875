/**
 * What the one request handler needs from its host (the Electron shell or the preview server).
 * Everything here is plain data or async functions, so the handler can be tested with real files and
 * no Electron.
 */
import type { ExhibitResponse } from '../common/exhibit';
import type { HeartbeatBody, KioskStatus, LogLevel } from '../common/api';
import type { VisitorSettings } from '../common/settings';
import type { StaffHooks } from '../kiosk/staff';
import type { AccessPolicy } from './access';

export interface KioskHandlerOptions {
  /** Built renderer (index.html and assets), e.g. out/renderer. */
  rendererDir: string;
  /** The content package, e.g. media/; a function gives the folder of the exhibit in service now. */
  mediaDir: string | (() => string);
  /** Derivatives written by content:build, e.g. .media-cache/. */
  derivedDir: string;
  /** The current exhibit (the last good package). */
  getExhibit(): ExhibitResponse;
  getVisitorSettings(): VisitorSettings;
  /** Opening-hours state for the renderer's closed screen; open when absent. */
  getStatus?(): KioskStatus;
  /** Called when the renderer reports it is alive, with the visitor session's phase when it says it. */
  onHeartbeat?(body: HeartbeatBody): void;
  /** Called with renderer log lines. */
  onRendererLog?(level: LogLevel, message: string): void;
  staff?: StaffHooks;
  /**
   * Who may send requests: the host's own policy for a request URL (`loopbackPolicy(url.port)` for the
   * preview, `kioskProtocolPolicy` for Electron), checked on every request before it is routed.
   */
  access(url: URL): AccessPolicy;
  /** The analytics routes (main/backend/analyticsRoute.ts): an answer, or null for any other path. */
  analytics?(request: Request, pathname: string): Promise<Response | null>;
  /** The exhibit editor's routes (main/backend/editorRoute.ts), only when the editor is on. */
  editor?(request: Request, pathname: string, url: URL): Promise<Response | null>;
  /**
   * `GET /metrics` for Prometheus (main/backend/metrics.ts), with its own access rule: `remoteAddress` is
   * the caller's as the host's socket saw it, null when the host cannot tell (Electron's protocol).
   */
  metrics?(request: Request, url: URL, remoteAddress: string | null): Promise<Response>;
  /** The editor's built page (out/editor), served at /editor/, only when the editor is on. */
  editorPageDir?: string;
  /** Clock (ms) for the renderer log's rate limit; Date.now by default. */
  now?(): number;
}
