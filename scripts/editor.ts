/**
 * `npm run editor [content-dir] [--config DIR] [--port N] [--no-open] [--roles LIST] [--no-build]
 *  [--key DIR --publish-to DIR]`
 *
 * Starts the exhibit editor (issue 14): the kiosk's one backend with the editor's routes and page, on the
 * same loopback host as `npm run preview` (127.0.0.1 only), prints the address and opens the system browser
 * on it unless --no-open. It edits the folder given (default media/): on a staff computer that is a working
 * copy of the exhibit package, copied onto the kiosk once it checks clean — never the live kiosk's folder.
 *
 * --config DIR   the device settings a technician edits (default kiosk-config)
 * --port N       default 4180; 0 = any free port
 * --roles LIST   the roles offered at sign-in, e.g. curator,translator (default all three)
 * --data DIR     the editor's own state, kept across restarts: the PIN lockout and the unsaved edits kept in
 *                case it stops before a save (default ~/.memorial-kiosk/editor, outside any content folder)
 * --key DIR      the museum's signing key, the folder made by `npm run keys:create` (or the key file)
 * --publish-to DIR  the publish folder (earlier packages, latest.json): with --key, curators get the
 *                Publish button, which does what `npm run content:publish -- --key DIR --out DIR` does
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EDITOR_PAGE, EDITOR_ROLES, isEditorRole, type EditorRole } from '../main/common/editorApi';
import { targetProblems } from '../main/editor/publishing';
import { readPrivateKey } from '../main/packages/keys';
import { startPreviewServer } from '../main/preview/previewServer';

const USAGE =
  'Usage: npm run editor -- [content-dir] [--config DIR] [--port N] [--no-open] [--roles curator,translator,technician] [--key DIR --publish-to DIR]';

const { values, positionals } = parseArgs({
  options: {
    config: { type: 'string', default: 'kiosk-config' },
    port: { type: 'string', default: process.env.PORT ?? '4180' },
    data: { type: 'string' },
    roles: { type: 'string' },
    key: { type: 'string' },
    'publish-to': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
});

if (values.help || positionals.length > 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const contentDir = path.resolve(positionals[0] ?? 'media');
if (!existsSync(path.join(contentDir, 'exhibit.yaml'))) {
  console.error(`${contentDir} has no exhibit.yaml: give the folder of an exhibit package.\n${USAGE}`);
  process.exit(2);
}
const roles = (values.roles ?? EDITOR_ROLES.join(',')).split(',').map((r) => r.trim());
if (!roles.every(isEditorRole)) {
  console.error(`--roles takes ${EDITOR_ROLES.join(', ')}.`);
  process.exit(2);
}

// Publishing from the editor needs both: the key to sign with and the folder to publish into.
if ((values.key === undefined) !== (values['publish-to'] === undefined)) {
  console.error('--key and --publish-to go together: the signing key folder and the publish folder.');
  process.exit(2);
}
const publish =
  values.key !== undefined && values['publish-to'] !== undefined
    ? { keyDir: path.resolve(values.key), outDir: path.resolve(values['publish-to']) }
    : undefined;
if (publish) {
  const placed = targetProblems(contentDir, publish);
  const misplaced = placed.key ?? placed.folder;
  if (misplaced) {
    console.error(`Not started: ${misplaced}.`);
    process.exit(2);
  }
  try {
    readPrivateKey(publish.keyDir);
  } catch (error) {
    console.error(
      `The signing key cannot be read from ${publish.keyDir}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  }
}

if (!values['no-build'] || !existsSync('out/editor/index.html') || !existsSync('out/renderer/index.html')) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = await startPreviewServer({
  rendererDir: path.resolve('out/renderer'),
  mediaDir: contentDir,
  configDir: path.resolve(values.config),
  // Kept across restarts, so that unsaved edits are offered again after a crash (main/editor/recovery.ts).
  dataDir: path.resolve(values.data ?? path.join(homedir(), '.memorial-kiosk', 'editor')),
  port: Number(values.port),
  editor: {
    pageDir: path.resolve('out/editor'),
    roles: roles as EditorRole[],
    ...(publish ? { publish } : {}),
  },
});
const address = `${server.url}${EDITOR_PAGE}`;
console.log(`The exhibit editor is running at ${address}  (Ctrl+C to stop)`);
console.log(`Editing ${contentDir} and ${path.resolve(values.config)}.`);
console.log(
  publish
    ? `Curators publish into ${publish.outDir}, signed with the key in ${publish.keyDir}.`
    : 'Publishing is off: start the editor with --key DIR --publish-to DIR to turn it on.',
);

if (!values['no-open']) {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [address], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('No browser could be opened: open the address above in one.'));
  child.unref();
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
