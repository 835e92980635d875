/**
 * The recovery file: parsed with the schema (table of broken, half-written and hostile files), and the
 * store on a real temporary folder (kept, removed, offered, a broken file ignored with a log line).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditorRecoveryEntry } from '../common/editorRecovery';
import {
  createRecoveryStore,
  parseRecoveryFile,
  RecoveryRefused,
  recoveryFileName,
  recoveryFileText,
} from './recovery';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const good: EditorRecoveryEntry = {
  kind: 'story',
  id: 'rabe-garden',
  role: 'curator',
  base: A,
  savedAt: '2026-12-02T11:00:00.000Z',
  data: { en: { title: 'Refuge', body: 'Text\n' } },
};
const file = (entries: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 1, contentFolder: '/x/media', entries, ...extra });

describe('parseRecoveryFile', () => {
  it.each([
    { name: 'a good file', text: file([good]), entries: 1, problems: 0 },
    { name: 'a file as written', text: recoveryFileText('/x/media', [good]), entries: 1, problems: 0 },
    { name: 'empty', text: '', entries: 0, problems: 1 },
    { name: 'half written', text: file([good]).slice(0, 60), entries: 0, problems: 1 },
    { name: 'not an object', text: '[1,2]', entries: 0, problems: 1 },
    {
      name: 'another format',
      text: JSON.stringify({ format: 2, contentFolder: '', entries: [] }),
      entries: 0,
      problems: 1,
    },
    {
      name: 'an extra field at the top (a token)',
      text: file([good], { token: 'abc' }),
      entries: 0,
      problems: 1,
    },
    {
      name: 'an entry with an extra field (a PIN)',
      text: file([{ ...good, pin: '2468' }, good]),
      entries: 1,
      problems: 1,
    },
    {
      name: 'an id that climbs out of the folder',
      text: file([{ ...good, id: '../../etc/passwd' }]),
      entries: 0,
      problems: 1,
    },
    { name: 'an unknown kind', text: file([{ ...good, kind: 'script' }]), entries: 0, problems: 1 },
    { name: 'an unknown role', text: file([{ ...good, role: 'admin' }]), entries: 0, problems: 1 },
    { name: 'a base that is not a revision', text: file([{ ...good, base: 'x' }]), entries: 0, problems: 1 },
    {
      name: 'a time that is not one',
      text: file([{ ...good, savedAt: 'yesterday' }]),
      entries: 0,
      problems: 1,
    },
    { name: 'no data', text: file([{ ...good, data: undefined }]), entries: 0, problems: 1 },
    {
      name: 'far too many entries',
      text: file(Array.from({ length: 500 }, () => good)),
      entries: 0,
      problems: 1,
    },
    {
      name: 'the same item twice: the last counts',
      text: file([good, { ...good, base: B }]),
      entries: 1,
      problems: 0,
    },
  ])('$name: $entries entries, $problems problems', ({ text, entries, problems }) => {
    const parsed = parseRecoveryFile(text);
    expect(parsed.entries).toHaveLength(entries);
    expect(parsed.problems).toHaveLength(problems);
  });

  it('a JSON prototype key is only data', () => {
    const parsed = parseRecoveryFile(file([{ ...good, data: JSON.parse('{"__proto__": {"x": 1}}') }]));
    expect(parsed.entries).toHaveLength(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('the recovery store', () => {
  let root: string;
  let dataDir: string;
  let logs: string[];
  let revisions: Record<string, string | null>;
  const store = () =>
    createRecoveryStore({
      dataDir,
      contentDir: path.join(root, 'media'),
      currentRevision: async (kind, id) => revisions[`${kind}:${id}`] ?? null,
      now: () => Date.parse('2026-12-02T11:30:00.000Z'),
      log: (m) => logs.push(m),
    });
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiosk-recovery-'));
    dataDir = path.join(root, 'data');
    logs = [];
    revisions = { 'story:rabe-garden': A, 'photo:p1': A };
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps, offers again after a restart, and forgets on removal', async () => {
    const first = store();
    expect(first.file).toBe(path.join(dataDir, recoveryFileName(path.join(root, 'media'))));
    expect(await first.keep('curator', 'story', 'rabe-garden', A, good.data)).toEqual({
      savedAt: '2026-12-02T11:30:00.000Z',
    });
    await first.keep('curator', 'photo', 'p1', A, { caption: { en: 'x' } });
    // A new process on the same folder.
    const second = store();
    expect((await second.offers('curator')).map((o) => [o.kind, o.id, o.state])).toEqual([
      ['story', 'rabe-garden', 'unchanged'],
      ['photo', 'p1', 'unchanged'],
    ]);
    expect(await second.offers('translator')).toEqual([]);
    revisions['photo:p1'] = B;
    expect((await store().offers('curator')).find((o) => o.id === 'p1')?.state).toBe('changed');
    await second.remove('curator', 'story', 'rabe-garden');
    expect((await store().offers('curator')).map((o) => o.id)).toEqual(['p1']);
    expect(logs).toEqual([]);
  });

  it('drops the edits of an item no longer in the exhibit, with a log line', async () => {
    await store().keep('curator', 'photo', 'p1', A, {});
    revisions['photo:p1'] = null;
    expect(await store().offers('curator')).toEqual([]);
    expect(logs).toEqual(['recovery: photo p1 is no longer in the exhibit; its unsaved edits were dropped']);
    expect(parseRecoveryFile(await readFile(store().file, 'utf8')).entries).toEqual([]);
  });

  it.each([
    ['half written', (t: string) => t.slice(0, t.length / 2)],
    ['binary noise', () => '\u0000\u0001\u00ff{{{'],
    ['a hostile entry', () => file([{ ...good, id: '../../../x' }])],
  ])('ignores a file that is %s with a log line, and goes on', async (_name, spoil) => {
    const s = store();
    await s.keep('curator', 'story', 'rabe-garden', A, good.data);
    await writeFile(s.file, spoil(await readFile(s.file, 'utf8')));
    const next = store();
    expect(await next.offers('curator')).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^recovery file .*: .*ignored$/);
    // And the next edits are kept as usual.
    await next.keep('curator', 'story', 'rabe-garden', A, good.data);
    expect(await store().offers('curator')).toHaveLength(1);
  });

  it('refuses to keep what it would not read back, and never writes a PIN or a token', async () => {
    const s = store();
    await expect(s.keep('curator', 'story', '../x', A, {})).rejects.toBeInstanceOf(RecoveryRefused);
    await expect(s.keep('curator', 'story', 'rabe-garden', 'x', {})).rejects.toBeInstanceOf(RecoveryRefused);
    await s.keep('curator', 'story', 'rabe-garden', A, good.data);
    const text = await readFile(s.file, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'contentFolder', 'entries']);
    expect(Object.keys((JSON.parse(text) as { entries: object[] }).entries[0] ?? {}).sort()).toEqual([
      'base',
      'data',
      'id',
      'kind',
      'role',
      'savedAt',
    ]);
  });
});
