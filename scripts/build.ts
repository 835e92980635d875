/**
 * Builds the kiosk into out/: the renderer with Vite (out/renderer), the exhibit editor's page (out/editor), the Electron main process, its content
 * worker and the preload with esbuild (out/main/index.cjs, out/main/contentWorker.cjs, out/preload/index.cjs).
 * The content worker is an entry of its own: the main process starts it as a worker thread from beside
 * itself (main/electron/index.ts), so a hostile content package never runs on the main thread.
 *
 * See docs/architecture.md for why not electron-vite: its dev and preview commands start the Electron
 * binary, which this project must be able to build, preview and test without.
 */
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const started = performance.now();
const quiet = process.argv.includes('--quiet');

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
// The exhibit editor's page (served only by `npm run editor`): its own build, so the kiosk's does not grow.
await viteBuild({ configFile: 'vite.editor.config.ts', logLevel: quiet ? 'warn' : 'info' });

const electronEntries = [
  { entry: 'main/electron/index.ts', outfile: 'out/main/index.cjs' },
  { entry: 'main/content/load/worker.ts', outfile: 'out/main/contentWorker.cjs' },
  { entry: 'main/electron/preload.ts', outfile: 'out/preload/index.cjs' },
].filter(({ entry }) => existsSync(entry));

for (const { entry, outfile } of electronEntries) {
  await esbuild({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    // electron is provided at run time; packages with native parts (sharp) stay in node_modules.
    packages: 'external',
    logLevel: quiet ? 'warning' : 'info',
  });
}

console.log(`Built the kiosk into out/ in ${Math.round(performance.now() - started)} ms.`);
