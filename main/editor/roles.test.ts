import { describe, expect, it } from 'vitest';
import { changedPaths, mayEditContent, mayEditSettings } from './roles';

const photo = {
  file: 'a.jpg',
  caption: { en: 'A', id: 'A (id)' },
  people: ['ada-park'],
  drafts: ['id'],
};
const story = { en: { title: 'T', cover: 'a', body: 'x' }, id: { title: 'T id', body: 'y', draft: true } };

describe('changedPaths', () => {
  it('names each changed leaf', () => {
    expect(changedPaths(photo, { ...photo, caption: { en: 'B', id: 'A (id)' }, drafts: [] })).toEqual([
      ['caption', 'en'],
      ['drafts'],
    ]);
  });
});

describe('who may change what', () => {
  it.each([
    ['curator changes anything', 'curator', [], 'photo', photo, { ...photo, file: 'b.jpg' }, true],
    [
      'technician changes no content',
      'technician',
      [],
      'photo',
      photo,
      { ...photo, caption: { en: 'B' } },
      false,
    ],
    [
      'translator changes their language',
      'translator',
      ['id'],
      'photo',
      photo,
      { ...photo, caption: { en: 'A', id: 'B (id)' } },
      true,
    ],
    [
      'translator adds their language',
      'translator',
      ['id'],
      'photo',
      { ...photo, caption: { en: 'A' } },
      photo,
      true,
    ],
    [
      'translator may not change another language',
      'translator',
      ['id'],
      'photo',
      photo,
      { ...photo, caption: { en: 'B', id: 'A (id)' } },
      false,
    ],
    [
      'translator may not change a reference',
      'translator',
      ['id'],
      'photo',
      photo,
      { ...photo, people: [] },
      false,
    ],
    [
      'translator marks their language reviewed',
      'translator',
      ['id'],
      'photo',
      photo,
      { ...photo, drafts: [] },
      true,
    ],
    [
      'translator may not mark another language',
      'translator',
      ['id'],
      'photo',
      photo,
      { ...photo, drafts: ['id', 'ja'] },
      false,
    ],
    [
      'translator edits their story file',
      'translator',
      ['id'],
      'story',
      story,
      { ...story, id: { title: 'Baru', body: 'z', draft: false } },
      true,
    ],
    [
      'translator may not edit the source story file',
      'translator',
      ['id'],
      'story',
      story,
      { ...story, en: { ...story.en, title: 'X' } },
      false,
    ],
    [
      'translator may not change a cover in their file',
      'translator',
      ['id'],
      'story',
      story,
      { ...story, id: { ...story.id, cover: 'b' } },
      false,
    ],
  ] as const)('%s', (_name, role, langs, kind, before, after, ok) => {
    expect(mayEditContent(role, langs, kind, before, after).ok).toBe(ok);
  });

  it('only a technician changes the device settings', () => {
    expect(mayEditSettings('technician').ok).toBe(true);
    expect(mayEditSettings('curator').ok).toBe(false);
    expect(mayEditSettings('translator').ok).toBe(false);
  });
});
