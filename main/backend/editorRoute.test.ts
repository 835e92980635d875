/**
 * The editor's routes through the one backend (createBackend with the `editor` option), on a real temporary
 * copy of the valid test package and a real settings folder: sign-in, roles, the list, a save that keeps
 * everything untouched byte for byte, a refused save (422 with field paths, nothing written), a file changed
 * on disk (409 with both versions), history and restore, traversal, cross-origin writes, device settings.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editorApi,
  type EditorHistoryEntry,
  type EditorItem,
  type EditorOverview,
  type EditorSaveResult,
  type EditorSettingsDoc,
} from '../common/editorApi';
import { DEFAULT_SETTINGS } from '../config/settings';
import { loopbackPolicy } from './access';
import { type Backend } from './createBackend';
import {
  EDITOR_ORIGIN,
  startEditorBackend,
  type CallInit,
  type EditorBackend,
} from '../../tests/support/editorBackend';
import { createKioskHandler } from './handler';

const ORIGIN = EDITOR_ORIGIN;
let root: string;
let media: string;
let configDir: string;
let backend: Backend;
let editor: EditorBackend;

beforeAll(async () => {
  editor = await startEditorBackend('kiosk-editor-');
  ({ root, media, configDir, backend } = editor);
}, 60_000);

afterAll(() => editor.close());

const call = (route: string, init?: CallInit) => editor.call(route, init);
const signIn = (role: string, languages?: string[]) => editor.signIn(role, languages);

const item = async (token: string, kind: string, id: string) =>
  (await call(`${editorApi.item}?kind=${kind}&id=${id}`, { token })).body as EditorItem;

describe('the editor routes', () => {
  it('are closed without a session, and absent from a kiosk started without the editor', async () => {
    expect((await call(editorApi.items)).status).toBe(403);
    const kiosk = createKioskHandler({
      rendererDir: path.join(root, 'renderer'),
      mediaDir: media,
      derivedDir: path.join(root, 'derived'),
      getExhibit: () => ({ status: 'unavailable', reason: 'test' }),
      getVisitorSettings: () => DEFAULT_SETTINGS.visitor,
      access: (url) => loopbackPolicy(url.port),
    });
    const headers = { host: '127.0.0.1:4173', origin: ORIGIN };
    for (const route of [editorApi.unlock, editorApi.items, '/editor/'])
      expect((await kiosk(new Request(`${ORIGIN}${route}`, { headers }))).status).toBe(404);
    const wrong = await call(editorApi.unlock, { method: 'POST', body: { pin: '0000', role: 'curator' } });
    expect(wrong.body).toMatchObject({ ok: false, triesLeft: 4 });
    expect((wrong.body as { token?: string }).token).toBeUndefined();
  });

  it('serve the editor page and let the kiosk be framed only by its own origin', async () => {
    const page = await backend.handler(
      new Request(`${ORIGIN}/editor/`, { headers: { host: '127.0.0.1:4173' } }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('list every item with its badges and its text for the search', async () => {
    const token = await signIn('curator');
    const overview = (await call(editorApi.items, { token })).body as EditorOverview;
    expect(overview.languages).toEqual(['en', 'ja']);
    const ids = overview.items.map((i) => `${i.kind}:${i.id}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'story:harbour-story',
        'photo:harbour-view',
        'person:ada-park',
        'diary:ada-first-day',
        'timeline:first-day',
        'exhibit:exhibit',
      ]),
    );
    const photo = overview.items.find((i) => i.id === 'harbour-view');
    expect(photo).toMatchObject({
      placeholder: true,
      drafts: ['ja'],
      errors: 0,
      title: { en: 'The harbour seen from the hill.' },
    });
    expect(photo?.searchText).toContain('丘から見た港');
    expect(overview.schemas.photo).toMatchObject({ type: 'object' });
  });

  it('save one changed line and keep every other byte, with the old version in the history', async () => {
    const token = await signIn('curator');
    const file = path.join(media, 'photos', 'harbour-view.yaml');
    const before = await readFile(file, 'utf8');
    const current = await item(token, 'photo', 'harbour-view');
    const data = current.data as { caption: Record<string, string> };
    const saved = await call(editorApi.item, {
      method: 'PUT',
      token,
      body: {
        kind: 'photo',
        id: 'harbour-view',
        revision: current.revision,
        data: { ...data, caption: { ...data.caption, en: 'The harbour at dawn.' } },
      },
    });
    expect(saved.status).toBe(200);
    expect((saved.body as EditorSaveResult).status).toBe('saved');
    expect(await readFile(file, 'utf8')).toBe(
      before.replace('The harbour seen from the hill.', 'The harbour at dawn.'),
    );

    const history = (await call(`${editorApi.history}?kind=photo&id=harbour-view`, { token }))
      .body as EditorHistoryEntry[];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ role: 'curator', files: ['photos/harbour-view.yaml'] });
    const kept = await readdir(path.join(media, '.history'));
    expect(
      await readFile(
        path.join(media, '.history', kept[0] ?? '', 'files', 'photos', 'harbour-view.yaml'),
        'utf8',
      ),
    ).toBe(before);

    const now = await item(token, 'photo', 'harbour-view');
    const restored = await call(editorApi.restore, {
      method: 'POST',
      token,
      body: { kind: 'photo', id: 'harbour-view', version: history[0]?.version, revision: now.revision },
    });
    expect(restored.status).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(before);
    // The kiosk preview follows the save: its content reloaded, good.
    expect((await call(editorApi.previewReady, { token })).body).toEqual({ ok: true });
  });

  it('refuse a broken edit with the field named, and write nothing', async () => {
    const token = await signIn('curator');
    const file = path.join(media, 'stories', 'harbour-story', 'en.md');
    const before = await readFile(file, 'utf8');
    const current = await item(token, 'story', 'harbour-story');
    const data = current.data as Record<string, Record<string, unknown>>;
    const broken = {
      ...data,
      en: { ...data.en, title: '', body: `${String(data.en?.body)}\n<script>alert(1)</script>\n` },
    };
    const r = await call(editorApi.item, {
      method: 'PUT',
      token,
      body: { kind: 'story', id: 'harbour-story', revision: current.revision, data: broken },
    });
    expect(r.status).toBe(422);
    const fields = (r.body as { problems: { field?: string }[] }).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['en.title', 'en.body']));
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('find a file changed on disk since it was opened, and answer with both versions', async () => {
    const token = await signIn('curator');
    const file = path.join(media, 'people', 'ada-park.yaml');
    const current = await item(token, 'person', 'ada-park');
    const theirs = (await readFile(file, 'utf8')).replace(/^(\s+en: )Ada Park$/m, '$1Ada Park-Lee');
    await writeFile(file, theirs);
    const data = current.data as { name: Record<string, string> };
    const r = await call(editorApi.item, {
      method: 'PUT',
      token,
      body: {
        kind: 'person',
        id: 'ada-park',
        revision: current.revision,
        data: { ...data, name: { ...data.name, en: 'Ada P.' } },
      },
    });
    expect(r.status).toBe(409);
    const conflict = r.body as Extract<EditorSaveResult, { status: 'conflict' }>;
    expect((conflict.mine as { name: { en: string } }).name.en).toBe('Ada P.');
    expect((conflict.theirs.data as { name: { en: string } }).name.en).toBe('Ada Park-Lee');
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('refuse ids that leave the package, and writes from another origin', async () => {
    const token = await signIn('curator');
    for (const id of ['../kiosk-config/kiosk', '..%2fx', '.history']) {
      const r = await call(`${editorApi.item}?kind=photo&id=${id}`, { token });
      expect(r.status).toBe(400);
    }
    const put = await call(editorApi.item, {
      method: 'PUT',
      token,
      body: { kind: 'photo', id: '../../etc/passwd', revision: 'x', data: {} },
    });
    expect(put.status).toBe(400);
    const cross = await call(editorApi.item, {
      method: 'PUT',
      token,
      origin: 'http://evil.example',
      body: { kind: 'photo', id: 'harbour-view', revision: 'x', data: {} },
    });
    expect(cross.status).toBe(403);
    const noProof = await call(editorApi.item, { method: 'PUT', token, origin: null, body: {} });
    expect(noProof.status).toBe(403);
  });

  it('let a translator change only their language, and a technician only the settings', async () => {
    const translator = await signIn('translator', ['ja']);
    const current = await item(translator, 'timeline', 'first-day');
    const data = current.data as { title: Record<string, string>; date: string };
    const own = await call(editorApi.item, {
      method: 'PUT',
      token: translator,
      body: {
        kind: 'timeline',
        id: 'first-day',
        revision: current.revision,
        data: { ...data, title: { ...data.title, ja: 'エイダの最初の日' } },
      },
    });
    expect(own.status).toBe(200);
    const after = await item(translator, 'timeline', 'first-day');
    const other = await call(editorApi.item, {
      method: 'PUT',
      token: translator,
      body: {
        kind: 'timeline',
        id: 'first-day',
        revision: after.revision,
        data: { ...(after.data as object), date: '1937-12-14' },
      },
    });
    expect(other.status).toBe(403);
    expect((await call(editorApi.settings, { token: translator })).status).toBe(403);

    const technician = await signIn('technician');
    const photo = await item(technician, 'photo', 'old-letter');
    const refused = await call(editorApi.item, {
      method: 'PUT',
      token: technician,
      body: {
        kind: 'photo',
        id: 'old-letter',
        revision: photo.revision,
        data: { ...(photo.data as object), source: 'x' },
      },
    });
    expect(refused.status).toBe(403);
  });

  it('change the device settings with the same schema, keeping every comment and the PIN hash', async () => {
    const token = await signIn('technician');
    const file = path.join(configDir, 'kiosk.yaml');
    const before = await readFile(file, 'utf8');
    const doc = (await call(editorApi.settings, { token })).body as EditorSettingsDoc;
    const data = doc.data as { visitor: Record<string, unknown> };
    expect(JSON.stringify(doc)).not.toContain('scrypt$');
    const bad = await call(editorApi.settings, {
      method: 'PUT',
      token,
      body: { revision: doc.revision, data: { ...data, visitor: { ...data.visitor, idleSeconds: 5 } } },
    });
    expect(bad.status).toBe(422);
    expect((bad.body as { problems: { field?: string }[] }).problems[0]?.field).toBe('visitor.idleSeconds');
    expect(await readFile(file, 'utf8')).toBe(before);
    const ok = await call(editorApi.settings, {
      method: 'PUT',
      token,
      body: { revision: doc.revision, data: { ...data, visitor: { ...data.visitor, idleSeconds: 120 } } },
    });
    expect(ok.status).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(before.replace('idleSeconds: 90', 'idleSeconds: 120'));
    const stale = await call(editorApi.settings, {
      method: 'PUT',
      token,
      body: { revision: doc.revision, data },
    });
    expect(stale.status).toBe(409);
  });
});
