import { describe, expect, it } from 'vitest';
import {
  recoveryAction,
  recoveryBase,
  recoveryOffers,
  withoutRecoveryEntry,
  withRecoveryEntry,
  type EditorRecoveryEntry,
} from './editorRecovery';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

const entry = (over: Partial<EditorRecoveryEntry>): EditorRecoveryEntry => ({
  kind: 'story',
  id: 'rabe-garden',
  role: 'curator',
  base: A,
  savedAt: '2026-12-02T11:00:00.000Z',
  data: { en: { title: 'x' } },
  ...over,
});

describe('recoveryBase', () => {
  it.each([
    [A, A, 'unchanged'],
    [A, B, 'changed'],
    [A, null, 'gone'],
  ] as const)('edits on %s, files now %s → %s', (base, now, expected) => {
    expect(recoveryBase(base, now)).toBe(expected);
  });
});

describe('recoveryOffers', () => {
  const revisions: Record<string, string | null> = {
    'story:rabe-garden': A,
    'photo:p1': B,
    'person:gone-person': null,
  };
  const current = (kind: string, id: string) => revisions[`${kind}:${id}`] ?? null;
  it.each([
    {
      name: 'an entry on the files as they are is offered unchanged',
      entries: [entry({})],
      role: 'curator' as const,
      offers: [['rabe-garden', 'unchanged']],
      gone: [],
    },
    {
      name: 'an entry whose file changed on disk is offered as changed',
      entries: [entry({ kind: 'photo', id: 'p1' })],
      role: 'curator' as const,
      offers: [['p1', 'changed']],
      gone: [],
    },
    {
      name: 'an entry of an item no longer in the exhibit is not offered but dropped',
      entries: [entry({ kind: 'person', id: 'gone-person' })],
      role: 'curator' as const,
      offers: [],
      gone: ['gone-person'],
    },
    {
      name: 'another role’s entries are neither offered nor dropped',
      entries: [
        entry({ role: 'translator' }),
        entry({ kind: 'person', id: 'gone-person', role: 'translator' }),
      ],
      role: 'curator' as const,
      offers: [],
      gone: [],
    },
    {
      name: 'newest first',
      entries: [
        entry({ savedAt: '2026-12-02T10:00:00.000Z' }),
        entry({ kind: 'photo', id: 'p1', savedAt: '2026-12-02T12:00:00.000Z' }),
      ],
      role: 'curator' as const,
      offers: [
        ['p1', 'changed'],
        ['rabe-garden', 'unchanged'],
      ],
      gone: [],
    },
  ])('$name', ({ entries, role, offers, gone }) => {
    const result = recoveryOffers(entries, role, current);
    expect(result.offers.map((o) => [o.id, o.state])).toEqual(offers);
    expect(result.gone.map((g) => g.id)).toEqual(gone);
  });
});

describe('withRecoveryEntry and withoutRecoveryEntry', () => {
  it('replaces the same role’s entry for an item and keeps the other role’s', () => {
    const first = withRecoveryEntry([entry({}), entry({ role: 'translator' })], entry({ data: 2 }));
    expect(first.map((e) => [e.role, e.data])).toEqual([
      ['translator', { en: { title: 'x' } }],
      ['curator', 2],
    ]);
    expect(withoutRecoveryEntry(first, { role: 'curator', kind: 'story', id: 'rabe-garden' })).toHaveLength(
      1,
    );
  });
  it('keeps at most max entries, dropping the oldest', () => {
    const list = [1, 2, 3].map((n) => entry({ id: `s${n}`, savedAt: `2026-12-02T1${n}:00:00.000Z` }));
    const next = withRecoveryEntry(list, entry({ id: 's4', savedAt: '2026-12-02T09:00:00.000Z' }), 3);
    expect(next.map((e) => e.id)).toEqual(['s2', 's3', 's4']);
  });
});

describe('recoveryAction', () => {
  const saved = { caption: { en: 'A' } };
  it.each([
    [
      'a changed form is kept',
      { saved, revision: A, draft: { caption: { en: 'B' } }, creating: false, kept: false },
      'keep',
    ],
    [
      'a form as saved, never kept: nothing',
      { saved, revision: A, draft: saved, creating: false, kept: false },
      'none',
    ],
    [
      'a form back as saved after it was kept: discard',
      { saved, revision: A, draft: { caption: { en: 'A' } }, creating: false, kept: true },
      'discard',
    ],
    [
      'a new item not yet added: nothing',
      { saved, revision: '', draft: { caption: { en: 'B' } }, creating: true, kept: false },
      'none',
    ],
  ] as const)('%s', (_name, state, expected) => {
    expect(recoveryAction(state)).toBe(expected);
  });
});
