/**
 * Adding, deleting, renaming and bringing back items through the one backend (createBackend with the
 * `editor` option) on a real temporary copy of the valid test package: only a curator may; a new item is
 * written only when the checker accepts it; a delete is refused while anything names the item, and listed
 * and restorable after; a rename updates every reference (comments kept) and leaves the checker clean.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorApi, type EditorItem, type EditorOverview } from '../common/editorApi';
import {
  editorItemApi,
  type EditorDeletedEntry,
  type EditorLink,
  type EditorNewItem,
} from '../common/editorItems';
import { createChecker } from '../editor/checker';
import { readPackageTexts } from '../editor/itemChanges';
import { planRename } from '../editor/links';
import { startEditorBackend, type CallInit, type EditorBackend } from '../../tests/support/editorBackend';

let root: string;
let media: string;
let editor: EditorBackend;

beforeAll(async () => {
  editor = await startEditorBackend('kiosk-editor-items-');
  ({ root, media } = editor);
}, 60_000);

afterAll(() => editor.close());

const call = (route: string, init?: CallInit) => editor.call(route, init);
const signIn = (role: string, languages?: string[]) => editor.signIn(role, languages);

const item = async (token: string, kind: string, id: string) =>
  (await call(`${editorApi.item}?kind=${kind}&id=${id}`, { token })).body as EditorItem;

const exists = (file: string) =>
  stat(path.join(media, file)).then(
    () => true,
    () => false,
  );

/** Every error the checker finds in the package, as "file field: message". */
async function errors(token: string): Promise<string[]> {
  const o = (await call(editorApi.items, { token })).body as EditorOverview;
  const out = o.otherProblems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`);
  for (const i of o.items) if (i.errors) out.push(`${i.kind}:${i.id} has ${i.errors} errors`);
  return out;
}

const person = (name: string) => ({
  name: { en: name, ja: name },
  role: { en: 'A helper', ja: '助手' },
  nationality: { en: 'Fictional', ja: '架空' },
  biography: { en: 'Invented for the tests.', ja: 'テスト用。' },
  sources: ['Invented for the tests'],
});

describe('adding, deleting and renaming items', () => {
  it('only a curator may', async () => {
    const token = await signIn('translator', ['ja']);
    const a = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'bo-lin', data: person('Bo') },
    });
    expect(a.status).toBe(403);
    const r = await call(editorItemApi.rename, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'ada-park', newId: 'ada', revision: 'x' },
    });
    expect(r.status).toBe(403);
    const d = await call(editorItemApi.delete, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'ada-park', revision: 'x' },
    });
    expect(d.status).toBe(403);
    expect(await exists('people/ada-park.yaml')).toBe(true);
  });

  it('a new person: the id from the name, refused while empty, written when the checker accepts it', async () => {
    const token = await signIn('curator');
    const fresh = (
      await call(`${editorItemApi.newItem}?kind=person&title=${encodeURIComponent('Bo Lin')}`, { token })
    ).body as EditorNewItem;
    expect(fresh).toMatchObject({ ok: true, id: 'bo-lin', data: { name: { en: 'Bo Lin' }, sources: [''] } });
    const taken = (await call(`${editorItemApi.newItem}?kind=person&title=Ada%20Park`, { token }))
      .body as EditorNewItem;
    expect(taken).toMatchObject({ ok: false, id: 'ada-park' });
    expect(!taken.ok && taken.message).toMatch(/already taken/);

    const empty = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'bo-lin', data: fresh.ok ? fresh.data : null },
    });
    expect(empty.status).toBe(422);
    expect(await exists('people/bo-lin.yaml')).toBe(false);

    const created = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'bo-lin', data: person('Bo Lin') },
    });
    expect(created.status).toBe(200);
    expect(await readFile(path.join(media, 'people/bo-lin.yaml'), 'utf8')).toContain('en: Bo Lin');
    expect(await errors(token)).toEqual([]);
  });

  it('a new story the checker refuses (no sources) is taken away again', async () => {
    const token = await signIn('curator');
    const r = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: {
        kind: 'story',
        id: 'new-story',
        data: { en: { title: 'New', summary: 'S', body: '\nText.\n' } },
      },
    });
    expect(r.status).toBe(422);
    expect(await exists('stories/new-story')).toBe(false);
    const ok = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: {
        kind: 'story',
        id: 'new-story',
        data: { en: { title: 'New', summary: 'S', sources: ['Invented'], body: '\nText.\n' } },
      },
    });
    expect(ok.status).toBe(200);
    expect(await exists('stories/new-story/en.md')).toBe(true);
    expect(await errors(token)).toEqual([]);
  });

  it('a person named by a photo: the delete is refused with the link; a rename carries it', async () => {
    const token = await signIn('curator');
    const photo = await item(token, 'photo', 'harbour-view');
    const data = { ...(photo.data as Record<string, unknown>), people: ['ada-park', 'bo-lin'] };
    expect(
      (
        await call(editorApi.item, {
          method: 'PUT',
          token,
          body: { kind: 'photo', id: 'harbour-view', revision: photo.revision, data },
        })
      ).status,
    ).toBe(200);

    const links = (await call(`${editorItemApi.links}?kind=person&id=bo-lin`, { token }))
      .body as EditorLink[];
    expect(links).toEqual([
      { kind: 'photo', id: 'harbour-view', field: 'people[2]', file: 'photos/harbour-view.yaml' },
    ]);
    const bo = await item(token, 'person', 'bo-lin');
    const refused = await call(editorItemApi.delete, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'bo-lin', revision: bo.revision },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ status: 'linked', links });
    expect(await exists('people/bo-lin.yaml')).toBe(true);

    const photoBefore = await readFile(path.join(media, 'photos/harbour-view.yaml'), 'utf8');
    const renamed = await call(editorItemApi.rename, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'bo-lin', newId: 'lin-bo', revision: bo.revision },
    });
    expect(renamed.status).toBe(200);
    expect(await exists('people/bo-lin.yaml')).toBe(false);
    expect(await exists('people/lin-bo.yaml')).toBe(true);
    // Only the id changed in the photo's file.
    expect(await readFile(path.join(media, 'photos/harbour-view.yaml'), 'utf8')).toBe(
      photoBefore.replace('bo-lin', 'lin-bo'),
    );
    expect(await errors(token)).toEqual([]);

    const taken = await call(editorItemApi.rename, {
      method: 'POST',
      token,
      body: {
        kind: 'person',
        id: 'lin-bo',
        newId: 'ada-park',
        revision: (await item(token, 'person', 'lin-bo')).revision,
      },
    });
    expect(taken.status).toBe(422);
  });

  it('a story and a timeline event renamed: every link follows, the checker stays clean', async () => {
    const token = await signIn('curator');
    const story = await item(token, 'story', 'harbour-story');
    const r1 = await call(editorItemApi.rename, {
      method: 'POST',
      token,
      body: { kind: 'story', id: 'harbour-story', newId: 'the-harbour', revision: story.revision },
    });
    expect(r1.status).toBe(200);
    expect(await exists('stories/harbour-story')).toBe(false);
    expect(await readFile(path.join(media, 'timeline.yaml'), 'utf8')).not.toContain('harbour-story');
    const event = await item(token, 'timeline', 'first-day');
    const r2 = await call(editorItemApi.rename, {
      method: 'POST',
      token,
      body: { kind: 'timeline', id: 'first-day', newId: 'ada-first-day', revision: event.revision },
    });
    expect(r2.status).toBe(200);
    expect(await readFile(path.join(media, 'stories/the-harbour/en.md'), 'utf8')).toContain(
      'timeline: [ada-first-day]',
    );
    expect(await errors(token)).toEqual([]);
  });

  it('a deleted item is kept, listed and brought back; a photo still shown is not deleted', async () => {
    const token = await signIn('curator');
    await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'cy', data: person('Cy') },
    });
    const cy = await item(token, 'person', 'cy');
    const d = await call(editorItemApi.delete, {
      method: 'POST',
      token,
      body: { kind: 'person', id: 'cy', revision: cy.revision },
    });
    expect(d.status).toBe(200);
    expect(await exists('people/cy.yaml')).toBe(false);
    const deleted = (await call(editorItemApi.deleted, { token })).body as EditorDeletedEntry[];
    expect(deleted[0]).toMatchObject({ kind: 'person', id: 'cy', title: { en: 'Cy' } });
    const back = await call(editorItemApi.undelete, {
      method: 'POST',
      token,
      body: { version: deleted[0]?.version },
    });
    expect(back.status).toBe(200);
    expect(await readFile(path.join(media, 'people/cy.yaml'), 'utf8')).toContain('en: Cy');
    expect(((await call(editorItemApi.deleted, { token })).body as EditorDeletedEntry[]).length).toBe(0);

    const photo = await item(token, 'photo', 'old-letter');
    const refused = await call(editorItemApi.delete, {
      method: 'POST',
      token,
      body: { kind: 'photo', id: 'old-letter', revision: photo.revision },
    });
    expect(refused.status).toBe(409);
    const fields = (refused.body as { links: EditorLink[] }).links.map((l) => `${l.kind}:${l.id}:${l.field}`);
    expect(fields).toEqual(
      expect.arrayContaining(['exhibit:exhibit:attract.photos[2]', 'story:the-harbour:en.body']),
    );
    expect(await exists('photos/old-letter.png')).toBe(true);
    expect(await errors(token)).toEqual([]);
  });

  it('a deleted diary excerpt takes its narration with it, keeps a file another names, and brings it back', async () => {
    const token = await signIn('curator');
    const audio = await readFile(path.join(media, 'audio/ada-first-day.en.ogg'));
    await writeFile(path.join(media, 'audio/cy-note.en.ogg'), audio);
    const created = await call(editorItemApi.create, {
      method: 'POST',
      token,
      body: {
        kind: 'diary',
        id: 'cy-note',
        data: {
          kind: 'diaryEntry',
          author: 'ada-park',
          date: '1937-12-14',
          source: 'Invented for the tests',
          originalLanguage: 'en',
          text: { en: 'A note.', ja: 'メモ。' },
          // Its own audio; captions it shares with ada-first-day.
          narration: {
            en: { audio: 'audio/cy-note.en.ogg', captions: 'audio/ada-first-day.en.vtt', placeholder: true },
          },
        },
      },
    });
    expect(created.status).toBe(200);
    const note = await item(token, 'diary', 'cy-note');
    const d = await call(editorItemApi.delete, {
      method: 'POST',
      token,
      body: { kind: 'diary', id: 'cy-note', revision: note.revision },
    });
    expect(d.status).toBe(200);
    expect(await exists('diary/cy-note.yaml')).toBe(false);
    expect(await exists('audio/cy-note.en.ogg')).toBe(false);
    expect(await exists('audio/ada-first-day.en.vtt')).toBe(true);
    expect(await errors(token)).toEqual([]);

    const deleted = (await call(editorItemApi.deleted, { token })).body as EditorDeletedEntry[];
    const entry = deleted.find((e) => e.kind === 'diary' && e.id === 'cy-note');
    const back = await call(editorItemApi.undelete, {
      method: 'POST',
      token,
      body: { version: entry?.version },
    });
    expect(back.status).toBe(200);
    expect(await readFile(path.join(media, 'audio/cy-note.en.ogg'))).toEqual(audio);
    expect(await readFile(path.join(media, 'diary/cy-note.yaml'), 'utf8')).toContain('audio/cy-note.en.ogg');
    expect(await errors(token)).toEqual([]);
  });

  it('a rename stopped after any file leaves a package the checker accepts', async () => {
    // The plan written step by step as the service writes it, the checker run after every file: what a
    // crash at that moment would leave.
    const token = await signIn('curator');
    const checker = createChecker(media, path.join(root, 'derived'));
    const errorsNow = async () =>
      (await checker()).filter((p) => p.severity === 'error').map((p) => p.message);
    for (const [kind, from, to] of [
      ['person', 'ada-park', 'ada-park-lee'],
      ['photo', 'harbour-view', 'the-harbour-view'],
      ['timeline', 'harbour-opened', 'the-harbour-opens'],
    ] as const) {
      const plan = planRename(await readPackageTexts(media), kind, from, to);
      const write = (file: string, text: string) => writeFile(path.join(media, ...file.split('/')), text);
      for (const [file, text] of plan.create) await write(file, text);
      if (plan.createTimeline) await write('timeline.yaml', plan.createTimeline);
      expect(await errorsNow()).toEqual([]);
      for (const [file, text] of plan.update) {
        await write(file, text);
        expect(await errorsNow()).toEqual([]);
      }
      for (const file of plan.remove) await rm(path.join(media, ...file.split('/')));
      expect(await errorsNow()).toEqual([]);
    }
    expect(await errors(token)).toEqual([]);
  }, 120_000);
});
