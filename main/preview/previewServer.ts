/**
 * The kiosk's backend without Electron: settings, content, staff services and the one request handler,
 * mounted on loopback. Used by `npm run preview`, the end-to-end tests and the bench.
 */
import path from 'node:path';
import type { KioskSettings } from '../common/settings';
import { loadSettings } from '../content/settings';
import { kioskStatusAt } from '../shell/schedule';
import { createStaffHooks } from '../shell/staff';
import { createContentService, type ContentLog } from './contentService';
import { createKioskHandler } from './handler';
import { serveOnLoopback, type LoopbackServer } from './loopback';

export interface KioskServerOptions {
  rendererDir: string;
  mediaDir: string;
  configDir: string;
  derivedDir?: string;
  port?: number;
  log?: ContentLog;
}

export interface KioskServer extends LoopbackServer {
  settings: KioskSettings;
}

const consoleLog: ContentLog = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export async function startKioskServer(options: KioskServerOptions): Promise<KioskServer> {
  const log = options.log ?? consoleLog;
  const { settings, problems } = loadSettings(options.configDir);
  for (const p of problems)
    log.warn(`settings: ${p.file}${p.line ? `:${p.line}` : ''} ${p.field ?? ''} ${p.message}`);
  const derivedDir =
    options.derivedDir ?? path.join(path.dirname(path.resolve(options.mediaDir)), '.media-cache');
  const content = createContentService({ mediaDir: options.mediaDir, derivedDir, log });
  await content.reload();
  const startedAt = Date.now();
  const staff = createStaffHooks({
    getSettings: () => loadSettings(options.configDir).settings,
    getHealth: async () => ({
      mode: 'preview',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      memory: process.memoryUsage(),
      content: content.lastReport(),
      settingsProblems: problems.map((p) => `${p.file}:${p.line ?? ''} ${p.field ?? ''} ${p.message}`),
    }),
    onExit: async () => {
      log.info('Staff asked to exit the kiosk (preview: nothing to exit).');
    },
    onReloadContent: async () => content.reload(),
    onRelaunch: async () => {
      log.info('Staff asked to relaunch the kiosk (preview: content reloaded instead).');
      await content.reload();
    },
  });
  const handler = createKioskHandler({
    rendererDir: options.rendererDir,
    mediaDir: options.mediaDir,
    derivedDir,
    getExhibit: () => content.current(),
    getVisitorSettings: () => settings.visitor,
    getStatus: () =>
      kioskStatusAt(
        settings.hours,
        new Date(),
        problems.length > 0
          ? [`kiosk-config has ${problems.length} problems; safe defaults are in use for those settings.`]
          : [],
      ),
    onRendererLog: (level, message) =>
      log[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info'](`renderer: ${message}`),
    staff,
  });
  const server = await serveOnLoopback(handler, options.port ?? 0);
  return { ...server, settings };
}
