/**
 * `npm start`: builds the kiosk and launches it in Electron, full-screen, on the content in media/.
 * Where the Electron binary cannot be had, it says so in one sentence and exits non-zero.
 * Extra arguments go to the app, e.g. `npm start -- --kiosk-dev` (developer tools allowed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary';

const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectronBinary();
if (!electron.found) {
  console.error(
    `Memorial Kiosk cannot start here because ${electron.reason}; run \`npm run preview\` to see the kiosk in a browser instead.`,
  );
  process.exit(1);
}

const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
