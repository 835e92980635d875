/**
 * The working copy every editor test starts from, as a technician prepares a staff computer: a temporary
 * copy of an exhibit and of the device settings, with a staff PIN set. One place for it, used by the route
 * tests (editorBackend.ts) and by every editor end-to-end test, which serve it with `startEditorServer`: the
 * one backend with the editor on, on its own loopback server, as `npm run editor` starts it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPin } from '../../main/kiosk/staff';
import { startPreviewServer, type PreviewServer } from '../../main/preview/previewServer';

/** The staff PIN set in every working copy. */
export const EDITOR_PIN = '2468';

export interface EditorWorkingCopy {
  /** The temporary folder holding all of it. */
  root: string;
  /** The exhibit being edited. */
  media: string;
  /** The device settings folder (kiosk.yaml with the staff PIN). */
  config: string;
  remove(): Promise<void>;
}

/** Copies `content` (default: the sample exhibit, media/) and kiosk-config/ into a new folder named from `prefix`. */
export async function editorWorkingCopy(prefix: string, content = 'media'): Promise<EditorWorkingCopy> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  const media = path.join(root, 'media');
  const config = path.join(root, 'kiosk-config');
  await cp(content, media, { recursive: true });
  await cp('kiosk-config', config, { recursive: true });
  // A cheap scrypt cost: the PIN is checked the same way, only faster.
  const hash = await hashPin(EDITOR_PIN, { N: 1024, r: 8, p: 1 });
  const settings = path.join(config, 'kiosk.yaml');
  await writeFile(settings, `${await readFile(settings, 'utf8')}staffPinHash: '${hash}'\n`);
  return { root, media, config, remove: () => rm(root, { recursive: true, force: true }) };
}

export interface EditorServerOptions {
  /** Where derivatives are made and found (default: the repository's .media-cache, by content hash). */
  derivedDir?: string;
  /** `--key DIR --publish-to DIR`: the museum's key folder and the publish folder. */
  publish?: { keyDir: string; outDir: string };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The built kiosk and editor pages (out/) over the working copy, on a loopback port of its own. */
export function startEditorServer(
  copy: EditorWorkingCopy,
  options: EditorServerOptions = {},
): Promise<PreviewServer> {
  return startPreviewServer({
    rendererDir: path.resolve('out/renderer'),
    mediaDir: copy.media,
    configDir: copy.config,
    // The sample's images are the repository's: their derivatives are already in .media-cache.
    derivedDir: options.derivedDir ?? path.resolve('.media-cache'),
    log: quiet,
    editor: {
      pageDir: path.resolve('out/editor'),
      ...(options.publish ? { publish: options.publish } : {}),
    },
  });
}
