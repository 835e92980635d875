import { describe, expect, it } from 'vitest';
import { translationProgress } from './translationProgress';

const item = (drafts: string[], missing: string[]) => ({ drafts, missing });

describe('translationProgress', () => {
  it.each([
    ['nothing yet', [], 'id', { total: 0, reviewed: 0, drafts: 0, missing: 0 }],
    [
      'reviewed, draft, missing, and other languages ignored',
      [item([], []), item(['id'], []), item([], ['id']), item(['ja'], ['zh-Hans'])],
      'id',
      { total: 4, reviewed: 2, drafts: 1, missing: 1 },
    ],
    [
      'missing counts once even if also marked draft',
      [item(['id'], ['id']), item(['id'], [])],
      'id',
      { total: 2, reviewed: 0, drafts: 1, missing: 1 },
    ],
  ])('%s', (_name, items, lang, expected) => {
    expect(translationProgress(items, lang)).toEqual(expected);
  });
});
