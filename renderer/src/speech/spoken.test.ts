import { describe, expect, it } from 'vitest';
import { spokenForFocus, spokenVolume, type FocusInfo, type Said } from './spoken';

describe('spokenForFocus', () => {
  it.each<[string, FocusInfo, Said[]]>([
    [
      'a button in English',
      { kind: 'button', name: 'Stories', lang: 'en', disabled: false },
      [{ text: 'Stories, button', lang: 'en' }],
    ],
    [
      'a disabled button in Japanese',
      { kind: 'button', name: '戻る', lang: 'ja', disabled: true },
      [{ text: '戻る、ボタン、使用できません', lang: 'ja' }],
    ],
    [
      'a link in Indonesian',
      { kind: 'link', name: 'Sumber', lang: 'id', disabled: false },
      [{ text: 'Sumber, tautan', lang: 'id' }],
    ],
    [
      'a heading in Chinese',
      { kind: 'heading', name: '安全区', lang: 'zh-Hans' },
      [{ text: '安全区、标题', lang: 'zh-Hans' }],
    ],
    [
      'a paragraph, its whitespace collapsed',
      { kind: 'text', name: '  In December\n 1937 ', lang: 'en' },
      [{ text: 'In December 1937', lang: 'en' }],
    ],
    ['an empty paragraph says nothing', { kind: 'text', name: ' ', lang: 'en' }, []],
    [
      'a photograph: alt text, then caption, each in its own language',
      {
        kind: 'photo',
        lang: 'ja',
        alt: { text: '門の前に立つ人々', lang: 'ja' },
        caption: { text: 'The gate of the zone', lang: 'en' },
      },
      [
        { text: '写真', lang: 'ja' },
        { text: '門の前に立つ人々', lang: 'ja' },
        { text: 'The gate of the zone', lang: 'en' },
      ],
    ],
    [
      'a content note: heading, subject, note, then the keys',
      {
        kind: 'note',
        lang: 'en',
        heading: 'Before you continue',
        subject: 'The Zone',
        note: { text: 'This story describes violence.', lang: 'en' },
      },
      [
        { text: 'Before you continue', lang: 'en' },
        { text: 'The Zone', lang: 'en' },
        { text: 'This story describes violence.', lang: 'en' },
        { text: 'Press Enter to continue, or Escape to go back.', lang: 'en' },
      ],
    ],
  ])('%s', (_name, info, said) => {
    expect(spokenForFocus(info)).toEqual(said);
  });
});

describe('spokenVolume', () => {
  it.each([
    [0.8, 'en', 'Volume 8 of 10'],
    [0, 'en', 'Volume 0 of 10'],
    [0.3, 'id', 'Volume 3 dari 10'],
  ])('%s in %s → %s', (volume, lang, text) => {
    expect(spokenVolume(volume, lang)).toEqual({ text, lang });
  });
});
