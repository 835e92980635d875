/**
 * `npm run preview`: builds the kiosk and serves it on http://127.0.0.1:PORT with the same request handler
 * the Electron shell mounts on kiosk://. `npm run preview -- --kiosk` also opens the system Chromium
 * full-screen in app mode on it.
 *
 * Options: --port N (default 4173; 0 = any free port), --media DIR, --config DIR, --no-build, --kiosk,
 * --data DIR (the kiosk's own state, such as the staff PIN lockout, kept across restarts of the preview;
 * e.g. `--data .kiosk-data`, which git ignores. Default: a new temporary folder, removed on exit, so every
 * preview and every end-to-end server starts with a fresh count).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentWorkerBuilt } from '../main/content/load/workerLocation';
import { startPreviewServer } from '../main/preview/previewServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    media: { type: 'string', default: 'media' },
    config: { type: 'string', default: 'kiosk-config' },
    data: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    kiosk: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

if (!values['no-build'] || !existsSync('out/renderer/index.html')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const builtWorker = contentWorkerBuilt();
const server = await startPreviewServer({
  rendererDir: path.resolve('out/renderer'),
  mediaDir: path.resolve(values.media),
  configDir: path.resolve(values.config),
  ...(values.data ? { dataDir: path.resolve(values.data) } : {}),
  port: Number(values.port),
  // Built with the renderer above: the content worker as Electron runs it.
  ...(builtWorker ? { contentWorker: builtWorker } : {}),
});
console.log(`Memorial Kiosk preview is running at ${server.url}/  (Ctrl+C to stop)`);

if (values.kiosk) {
  const chromium = findChromium();
  if (!chromium) {
    console.log('No Chromium found (set CHROMIUM_PATH); open the address above in a browser instead.');
  } else {
    const profile = mkdtempSync(path.join(tmpdir(), 'kiosk-preview-'));
    spawn(
      chromium,
      [
        `--app=${server.url}/`,
        '--kiosk',
        '--start-fullscreen',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-pinch',
        '--overscroll-history-navigation=0',
      ],
      { stdio: 'ignore', detached: true },
    ).unref();
    console.log(`Opened ${chromium} full-screen on the kiosk.`);
  }
}

function findChromium(): string | null {
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
