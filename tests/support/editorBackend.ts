/**
 * The one backend with the editor on (createBackend's `editor` option), for the editor's route tests: a real
 * temporary copy of the valid test package, a real settings folder with a staff PIN, requests through the
 * handler as the editor's page sends them (loopback Host, same Origin, the session token).
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBackend, type Backend } from '../../main/backend/createBackend';
import { EDITOR_TOKEN_HEADER, editorApi } from '../../main/common/editorApi';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { createKeyPair } from '../../main/packages/keys';
import { EDITOR_PIN as PIN, editorWorkingCopy } from './editorWorkingCopy';

export const EDITOR_ORIGIN = 'http://127.0.0.1:4173';
export const EDITOR_HOST = '127.0.0.1:4173';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface CallInit {
  method?: string;
  body?: unknown;
  token?: string;
  /** null: no Origin header at all. */
  origin?: string | null;
}

export interface EditorBackend {
  root: string;
  /** The working copy being edited. */
  media: string;
  configDir: string;
  backend: Backend;
  /** A JSON request to an editor route; the answer's body parsed as JSON when it is JSON. */
  call(route: string, init?: CallInit): Promise<{ status: number; body: unknown }>;
  /** With `publish`: the museum's key pair (made by keys.ts) and the empty publish folder. */
  publish?: { keyDir: string; publicKey: string; outDir: string };
  /** A session for a role (and the languages a translator is granted); its token. */
  signIn(role: string, languages?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface EditorBackendOptions {
  /** The exhibit copied as the working copy (default tests/fixtures/valid). */
  content?: string;
  /** Start the editor with a real key pair and a publish folder (`--key`, `--publish-to`). */
  publish?: boolean;
  /** This kiosk software's version (default 0.1.0). */
  kioskVersion?: string;
  /** Derivatives copied in first (the sample's .media-cache), so that they are not built again. */
  derivatives?: string;
}

export async function startEditorBackend(
  prefix: string,
  options: EditorBackendOptions = {},
): Promise<EditorBackend> {
  const copy = await editorWorkingCopy(prefix, options.content ?? 'tests/fixtures/valid');
  const { root, media, config: configDir } = copy;
  if (options.derivatives) await cp(options.derivatives, path.join(root, 'derived'), { recursive: true });
  let publish: EditorBackend['publish'];
  if (options.publish) {
    const keyDir = path.join(root, 'museum-key');
    publish = { keyDir, publicKey: createKeyPair(keyDir).publicKey, outDir: path.join(root, 'published') };
  }
  await mkdir(path.join(root, 'renderer'));
  await mkdir(path.join(root, 'editor'));
  await writeFile(path.join(root, 'editor', 'index.html'), '<!doctype html><title>editor</title>');
  const backend = createBackend({
    rendererDir: path.join(root, 'renderer'),
    mediaDir: media,
    configDir,
    derivedDir: path.join(root, 'derived'),
    dataDir: path.join(root, 'data'),
    log: quiet,
    host: { kind: 'preview' },
    contentWorker: contentWorkerFromSource(),
    kioskVersion: options.kioskVersion ?? '0.1.0',
    editor: {
      pageDir: path.join(root, 'editor'),
      ...(publish ? { publish: { keyDir: publish.keyDir, outDir: publish.outDir } } : {}),
    },
  });
  await backend.content.reload();

  const call: EditorBackend['call'] = async (route, init = {}) => {
    const headers: Record<string, string> = { host: EDITOR_HOST };
    if (init.origin !== null) headers.origin = init.origin ?? EDITOR_ORIGIN;
    if (init.token) headers[EDITOR_TOKEN_HEADER] = init.token;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await backend.handler(
      new Request(`${EDITOR_ORIGIN}${route}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    );
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the handler's own plain-text refusals
    }
    return { status: response.status, body };
  };

  const signIn: EditorBackend['signIn'] = async (role, languages) => {
    const r = await call(editorApi.unlock, { method: 'POST', body: { pin: PIN, role, languages } });
    const token = (r.body as { token?: string }).token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
    return token;
  };

  return {
    root,
    media,
    configDir,
    backend,
    ...(publish ? { publish } : {}),
    call,
    signIn,
    close: async () => {
      // A change reloads the preview in the background: one more reload starts only after it has finished,
      // so nothing is still writing into the folder when it is removed.
      await backend.content.reload();
      backend.analytics.close();
      await copy.remove();
    },
  };
}
