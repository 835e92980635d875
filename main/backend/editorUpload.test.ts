/**
 * The editor's upload route through the one backend (createBackend with the `editor` option) on a real
 * temporary copy of the valid test package: who may upload, what is refused before a byte is read (a
 * declared size over the cap, a hostile id, another role, another origin), a body that passes the cap as it
 * streams, and a whole upload whose own file name is hostile and never used.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_TOKEN_HEADER, editorApi, MAX_UPLOAD_BYTES, type EditorUploadJob } from '../common/editorApi';
import { UPLOAD_FOLDER } from '../editor/upload';
import { writeBodyToFile } from './body';
import { type Backend } from './createBackend';
import { EDITOR_ORIGIN, startEditorBackend, type EditorBackend } from '../../tests/support/editorBackend';

const ORIGIN = EDITOR_ORIGIN;
let root: string;
let media: string;
let backend: Backend;
let editor: EditorBackend;

beforeAll(async () => {
  editor = await startEditorBackend('kiosk-editor-upload-');
  ({ root, media, backend } = editor);
}, 60_000);

afterAll(() => editor.close());

/** A body that records whether anyone read it. */
function watchedBody(bytes: Uint8Array): { body: ReadableStream<Uint8Array>; read: () => boolean } {
  let pulled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, read: () => pulled };
}

async function post(
  query: string,
  body: ReadableStream<Uint8Array> | Uint8Array,
  init: { token?: string; origin?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    host: '127.0.0.1:4173',
    origin: init.origin ?? ORIGIN,
    'content-type': 'image/png',
    ...init.headers,
  };
  if (init.token) headers[EDITOR_TOKEN_HEADER] = init.token;
  const response = await backend.handler(
    new Request(`${ORIGIN}${editorApi.upload}${query}`, {
      method: 'POST',
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
  );
  const text = await response.text();
  let answer: Record<string, unknown> = { text };
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // the handler's own plain-text refusals (another origin)
  }
  return { status: response.status, body: answer };
}

const signIn = (role: string, languages?: string[]) => editor.signIn(role, languages);

async function job(token: string, id: string, seen?: EditorUploadJob): Promise<EditorUploadJob> {
  const after = seen ? `&step=${seen.step}&state=${seen.state}` : '';
  const response = await backend.handler(
    new Request(`${ORIGIN}${editorApi.uploadJob}?job=${id}${after}`, {
      headers: { host: '127.0.0.1:4173', [EDITOR_TOKEN_HEADER]: token },
    }),
  );
  return (await response.json()) as EditorUploadJob;
}

const png = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a3f44' } })
    .png()
    .toBuffer();

describe('the upload route', () => {
  it('refuses, before reading a byte, a caller without a session, another role, a hostile id, another origin, a declared size over the cap', async () => {
    const curator = await signIn('curator');
    const translator = await signIn('translator', ['ja']);
    const cases: [string, Parameters<typeof post>[2], number, RegExp][] = [
      ['?id=old-letter', {}, 403, /Sign in/],
      ['?id=old-letter', { token: translator }, 403, /Only a curator/],
      ['?id=..%2F..%2Fevil', { token: curator }, 400, /id is not one/],
      ['?id=photos%2Fx', { token: curator }, 400, /id is not one/],
      ['?id=old-letter', { token: curator, origin: 'http://evil.example' }, 403, /Forbidden/],
      [
        '?id=old-letter',
        { token: curator, headers: { 'content-length': String(MAX_UPLOAD_BYTES + 1) } },
        413,
        /larger than 1024 MB/,
      ],
    ];
    for (const [query, init, status, message] of cases) {
      const watched = watchedBody(await png());
      const r = await post(query, watched.body, init);
      expect([query, r.status]).toEqual([query, status]);
      expect(JSON.stringify(r.body)).toMatch(message);
      expect(watched.read()).toBe(false);
    }
    expect(await readdir(path.join(media, 'photos'))).toEqual([
      'harbour-view.jpg',
      'harbour-view.yaml',
      'old-letter.png',
      'old-letter.yaml',
    ]);
  });

  it('abandons a body the moment it passes the cap and removes what it wrote', async () => {
    const file = path.join(root, 'partial.part');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
        if (sent > 10 * 1024 * 1024) controller.close(); // would be 10 MB; the cap is 1 MB
      },
    });
    const request = new Request(`${ORIGIN}/x`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(await writeBodyToFile(request, file, 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    await expect(stat(file)).rejects.toThrow();
    const small = new Request(`${ORIGIN}/x`, { method: 'POST', body: new Uint8Array(1000) });
    expect(await writeBodyToFile(small, file, 1024 * 1024)).toEqual({ ok: true, bytes: 1000 });
    expect((await stat(file)).size).toBe(1000);
  });

  it('stores a whole upload under the photo id, whatever name the file had', async () => {
    const curator = await signIn('curator');
    const r = await post('?id=old-letter&clearPlaceholder=1&name=..%2F..%2F..%2Fetc%2Fevil.sh', await png(), {
      token: curator,
      headers: { 'x-file-name': '../../../etc/evil.sh' },
    });
    expect(r.status).toBe(202);
    const id = String(r.body.job);
    let now = await job(curator, id);
    const steps = [now.step];
    while (now.state === 'working') {
      now = await job(curator, id, now);
      steps.push(now.step);
    }
    expect(steps).toContain('display');
    expect(now.state, now.message).toBe('done');
    expect(now.result?.file).toBe('old-letter.png');
    expect(now.result?.item.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect((await readdir(root)).filter((n) => n.includes('evil'))).toEqual([]);
    expect((await readdir(media)).filter((n) => n.includes('evil'))).toEqual([]);
    expect(await readdir(path.join(media, UPLOAD_FOLDER))).toEqual([]);
    const current = backend.content.current();
    expect(current.status).toBe('ok');
    if (current.status === 'ok')
      expect(current.exhibit.photos.find((p) => p.id === 'old-letter')?.display).toBe(now.result?.display);
  }, 120_000);
});
