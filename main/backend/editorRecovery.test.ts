/**
 * The recovery route through the one backend with the editor on (a real temporary copy of the valid test
 * package): unsaved edits kept in the editor's data folder (not in the content folder), offered to the same
 * role, removed by a save or a discard, marked when the file changed on disk; a token and the same-origin
 * proof for writes, as the other editor writes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorApi, type EditorItem } from '../common/editorApi';
import type { EditorRecoveryOffer } from '../common/editorRecovery';
import { recoveryFileName } from '../editor/recovery';
import { startEditorBackend, type EditorBackend } from '../../tests/support/editorBackend';

let editor: EditorBackend;
beforeAll(async () => {
  editor = await startEditorBackend('kiosk-editor-recovery-');
}, 60_000);
afterAll(() => editor.close());

const recoveryFile = () => path.join(editor.root, 'data', recoveryFileName(editor.media));
const item = async (token: string, kind: string, id: string) =>
  (await editor.call(`${editorApi.item}?kind=${kind}&id=${id}`, { token })).body as EditorItem;
const offers = async (token: string) =>
  (await editor.call(editorApi.recovery, { token })).body as EditorRecoveryOffer[];

describe('the recovery route', () => {
  it('keeps unsaved edits outside the content folder, offers them to the same role, and a save removes them', async () => {
    const curator = await editor.signIn('curator');
    const person = (await item(curator, 'person', 'ada-park')) as EditorItem & {
      data: Record<string, unknown>;
    };
    const data = { ...person.data, name: { ...(person.data.name as object), en: 'Ada Park, the teacher' } };
    const kept = await editor.call(editorApi.recovery, {
      method: 'PUT',
      token: curator,
      body: { kind: 'person', id: 'ada-park', base: person.revision, data },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ ok: true, savedAt: expect.any(String) });
    const text = await readFile(recoveryFile(), 'utf8');
    expect(text).toContain('Ada Park, the teacher');
    expect(text).not.toContain(curator);
    expect(text).not.toContain('2468');
    // Nothing new in the content folder.
    expect((await readdir(editor.media)).filter((f) => f.includes('recovery'))).toEqual([]);

    // A new sign-in (another session) of the same role is offered them; a translator is not.
    const again = await editor.signIn('curator');
    expect((await offers(again)).map((o) => [o.kind, o.id, o.state, o.base])).toEqual([
      ['person', 'ada-park', 'unchanged', person.revision],
    ]);
    expect(await offers(await editor.signIn('translator', ['ja']))).toEqual([]);

    const saved = await editor.call(editorApi.item, {
      method: 'PUT',
      token: again,
      body: { kind: 'person', id: 'ada-park', revision: person.revision, data },
    });
    expect(saved.status).toBe(200);
    expect(await offers(again)).toEqual([]);
  });

  it('marks edits whose file changed on disk since, and a discard removes them', async () => {
    const curator = await editor.signIn('curator');
    const before = await item(curator, 'person', 'ada-park');
    await editor.call(editorApi.recovery, {
      method: 'PUT',
      token: curator,
      body: { kind: 'person', id: 'ada-park', base: before.revision, data: before.data },
    });
    const file = path.join(editor.media, 'people', 'ada-park.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}# changed by hand\n`);
    expect((await offers(curator)).map((o) => o.state)).toEqual(['changed']);
    const discarded = await editor.call(`${editorApi.recovery}?kind=person&id=ada-park`, {
      method: 'DELETE',
      token: curator,
    });
    expect(discarded.status).toBe(204);
    expect(await offers(curator)).toEqual([]);
  });

  it.each([
    [
      'without a session',
      { token: undefined as string | undefined, origin: undefined as string | null | undefined },
      403,
    ],
    ['from another web page', { origin: 'http://evil.example' }, 403],
    ['without an Origin', { origin: null }, 403],
  ])('refuses a write %s', async (_name, init, status) => {
    const token = 'token' in init ? init.token : await editor.signIn('curator');
    const r = await editor.call(editorApi.recovery, {
      method: 'PUT',
      ...(token ? { token } : {}),
      ...(init.origin !== undefined ? { origin: init.origin } : {}),
      body: { kind: 'person', id: 'ada-park', base: 'a'.repeat(32), data: {} },
    });
    expect(r.status).toBe(status);
  });

  it('refuses what it would not read back: an id out of the folder, a base that is not a revision', async () => {
    const curator = await editor.signIn('curator');
    for (const body of [
      { kind: 'person', id: '../../x', base: 'a'.repeat(32), data: {} },
      { kind: 'person', id: 'ada-park', base: 'x', data: {} },
      { kind: 'nothing', id: 'ada-park', base: 'a'.repeat(32), data: {} },
    ]) {
      const r = await editor.call(editorApi.recovery, { method: 'PUT', token: curator, body });
      expect(r.status).toBe(400);
    }
  });
});
