import { describe, expect, it } from 'vitest';
import type { EditorItem } from '../../../main/common/editorApi';
import type { EditorRecoveryOffer } from '../../../main/common/editorRecovery';
import { restoreOutcome, restoreState } from './recovery';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const loaded: EditorItem = {
  kind: 'person',
  id: 'ada-park',
  data: { name: { en: 'Ada Park' } },
  revision: A,
  problems: [],
  files: ['people/ada-park.yaml'],
};
const offer = (over: Partial<EditorRecoveryOffer>): EditorRecoveryOffer => ({
  kind: 'person',
  id: 'ada-park',
  role: 'curator',
  base: A,
  savedAt: '2026-12-02T11:00:00.000Z',
  data: { name: { en: 'Ada Park, teacher' } },
  state: 'unchanged',
  ...over,
});

describe('restoreOutcome', () => {
  it.each([
    ['nothing to restore: the item as loaded', null, 'load', loaded.data],
    ['edits of another item: the item as loaded', offer({ id: 'other' }), 'load', loaded.data],
    [
      'edits on these very files: back in the form, unsaved',
      offer({}),
      'restore',
      { name: { en: 'Ada Park, teacher' } },
    ],
    ['the file changed since: compare, the form as on disk', offer({ base: B }), 'compare', loaded.data],
  ] as const)('%s', (_name, recovering, type, draft) => {
    const outcome = restoreOutcome(loaded, recovering);
    expect(outcome.type).toBe(type);
    expect(outcome.draft).toEqual(draft);
    if (outcome.type === 'compare')
      expect(outcome.conflict).toEqual({ mine: recovering?.data, theirs: loaded });
  });
});

describe('restoreState', () => {
  const words = { restored: 'R', compare: 'C' };
  it('a restore keeps the edits as kept and says so', () => {
    expect(restoreState(restoreOutcome(loaded, offer({})), 'T', words)).toMatchObject({
      recovering: null,
      recoveryKept: { kind: 'person', id: 'ada-park', savedAt: 'T' },
      notice: { tone: 'plain', text: 'R' },
    });
  });
  it('a comparison opens the conflict view and leaves the edits in the file', () => {
    const state = restoreState(restoreOutcome(loaded, offer({ base: B })), 'T', words);
    expect(state).toMatchObject({ recovering: null, recoveryKept: null, notice: { tone: 'bad', text: 'C' } });
    expect(state.conflict?.mine).toEqual({ name: { en: 'Ada Park, teacher' } });
  });
  it('a plain load changes nothing else', () => {
    expect(Object.keys(restoreState(restoreOutcome(loaded, null), null, words))).toEqual(['item', 'draft']);
  });
});
