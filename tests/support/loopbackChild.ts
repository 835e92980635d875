/**
 * A child process for the request-body memory test: the kiosk's real request handler on the real loopback
 * server, alone in its own process so its memory can be measured from outside (/proc/<pid>/status). It
 * prints its address on stdout, counts the renderer log lines it was given, and runs until killed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loopbackPolicy } from '../../main/backend/access';
import { createKioskHandler } from '../../main/backend/handler';
import { DEFAULT_SETTINGS } from '../../main/config/settings';
import { serveOnLoopback } from '../../main/preview/loopback';

const root = mkdtempSync(path.join(tmpdir(), 'kiosk-loopback-child-'));
for (const dir of ['renderer', 'media', 'derived']) mkdirSync(path.join(root, dir));
writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');

let logLines = 0;
const handler = createKioskHandler({
  rendererDir: path.join(root, 'renderer'),
  mediaDir: path.join(root, 'media'),
  derivedDir: path.join(root, 'derived'),
  getExhibit: () => ({ status: 'unavailable', reason: 'test' }),
  getVisitorSettings: () => DEFAULT_SETTINGS.visitor,
  getStatus: () => ({ open: true, staffWarnings: [`log lines: ${logLines}`] }),
  onRendererLog: () => {
    logLines += 1;
  },
  access: (url) => loopbackPolicy(url.port),
});
const server = await serveOnLoopback(handler);
process.stdout.write(`${server.url}\n`);

const stop = () => {
  void server.close().then(() => {
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
