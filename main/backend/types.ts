/**
 * What the one request handler needs from its host (the Electron shell or the preview server).
 * Everything here is plain data or async functions, so the handler can be tested with real files and
 * no Electron.
 */
import type { ExhibitResponse } from '../common/exhibit';
import type { VisitorSettings } from '../common/settings';

export interface UnlockResult {
  ok: boolean;
  /** A short-lived token for the staff routes, when ok. */
  token?: string;
  /** Seconds until the PIN pad accepts tries again, when locked out. */
  lockedForSeconds?: number;
  /** Tries left before the lockout, after a wrong PIN. */
  triesLeft?: number;
  /** Why the PIN cannot be checked (e.g. no PIN has been set). */
  message?: string;
}

export type StaffActionName = 'exit' | 'reloadContent' | 'relaunch';

/** Staff services. The shell implements them for real; the preview server implements them in-process. */
export interface StaffHooks {
  unlock(pin: string): Promise<UnlockResult>;
  isValidToken(token: string): boolean;
  health(): Promise<unknown>;
  action(name: StaffActionName): Promise<{ ok: boolean; message: string }>;
}

export interface KioskStatus {
  open: boolean;
  /** ISO time of the next opening or closing. */
  nextChange?: string;
  /** What to show while closed. */
  outsideHours?: 'closedScreen' | 'blank';
  /** Warnings for staff (e.g. settings file invalid, safe defaults in use). */
  staffWarnings?: string[];
}

export interface KioskHandlerOptions {
  /** Built renderer (index.html and assets), e.g. out/renderer. */
  rendererDir: string;
  /** The content package, e.g. media/. */
  mediaDir: string;
  /** Derivatives written by content:build, e.g. .media-cache/. */
  derivedDir: string;
  /** The current exhibit (the last good package). */
  getExhibit(): ExhibitResponse;
  getVisitorSettings(): VisitorSettings;
  /** Opening-hours state for the renderer's closed screen; open when absent. */
  getStatus?(): KioskStatus;
  /** Called when the renderer reports it is alive. */
  onHeartbeat?(): void;
  /** Called with renderer log lines. */
  onRendererLog?(level: 'info' | 'warn' | 'error', message: string): void;
  staff?: StaffHooks;
}
