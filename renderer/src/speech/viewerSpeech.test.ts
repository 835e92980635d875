import { describe, expect, it } from 'vitest';
import type { Said } from './spoken';
import {
  describeViewerPhoto,
  spokenViewerPhoto,
  type ViewerPhotoWords,
  type ViewerShown,
} from './viewerSpeech';

const shown = (photoId: string, index: number, withheld = false): ViewerShown => ({
  photoId,
  index,
  withheld,
});

describe('describeViewerPhoto', () => {
  it.each<[string, ViewerShown | null, ViewerShown | null, boolean]>([
    ['the viewer opens', null, shown('gate', 0), true],
    ['the viewer stays closed', null, null, false],
    ['the viewer closes', shown('gate', 0), null, false],
    ['nothing changed (another part of the visit did)', shown('gate', 0), shown('gate', 0), false],
    ['the next photograph', shown('gate', 0), shown('flag', 1), true],
    ['the previous photograph', shown('flag', 1), shown('gate', 0), true],
    ['round to the same photograph in a list of one', shown('gate', 0), shown('gate', 0), false],
    ['the same photograph twice in the list', shown('gate', 0), shown('gate', 3), true],
    ['opens behind its content note: the note first', null, shown('grave', 0, true), false],
    ['the note still up', shown('grave', 0, true), shown('grave', 0, true), false],
    ['the note passed (or the graphic photograph shown)', shown('grave', 0, true), shown('grave', 0), true],
    ['the next one is behind a note', shown('gate', 0), shown('grave', 1, true), false],
  ])('%s', (_name, previous, next, expected) => {
    expect(describeViewerPhoto(previous, next)).toBe(expected);
  });
});

describe('spokenViewerPhoto', () => {
  it.each<[string, ViewerPhotoWords, Said[]]>([
    [
      'Japanese, with its place in the list',
      {
        lang: 'ja',
        alt: { text: '門の前に立つ人々', lang: 'ja' },
        caption: { text: '安全区の入口', lang: 'ja' },
        position: { n: 2, total: 5 },
      },
      [
        { text: '写真、5枚中2枚目', lang: 'ja' },
        { text: '門の前に立つ人々', lang: 'ja' },
        { text: '安全区の入口', lang: 'ja' },
      ],
    ],
    [
      'English, one photograph: no place',
      {
        lang: 'en',
        alt: { text: 'People at a gate', lang: 'en' },
        caption: { text: ' The zone’s\n entrance ', lang: 'en' },
        position: null,
      },
      [
        { text: 'Photograph', lang: 'en' },
        { text: 'People at a gate', lang: 'en' },
        { text: 'The zone’s entrance', lang: 'en' },
      ],
    ],
    [
      'a missing translation is said in the language it is written in',
      {
        lang: 'id',
        alt: { text: 'People at a gate', lang: 'en' },
        caption: { text: 'Gerbang zona', lang: 'id' },
        position: { n: 1, total: 3 },
      },
      [
        { text: 'Foto, 1 dari 3', lang: 'id' },
        { text: 'People at a gate', lang: 'en' },
        { text: 'Gerbang zona', lang: 'id' },
      ],
    ],
    [
      'no alt text and no caption: only what it is',
      { lang: 'zh-Hans', alt: { text: '', lang: 'zh-Hans' }, caption: null, position: { n: 3, total: 4 } },
      [{ text: '照片、第3张，共4张', lang: 'zh-Hans' }],
    ],
  ])('%s', (_name, words, expected) => {
    expect(spokenViewerPhoto(words)).toEqual(expected);
  });
});
