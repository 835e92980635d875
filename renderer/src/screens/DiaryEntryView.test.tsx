// @vitest-environment happy-dom
/**
 * The diary screen tells the visitor, in every language, whether they read the author's original text, a
 * translation of it, or the wording as another work quotes it, which it never calls the original.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attractSlice } from '../../../main/common/attract';
import type { DiaryEntry, Exhibit } from '../../../main/common/exhibit';
import { indexExhibit, useExhibit } from '../data/exhibitStore';
import { useVisit } from '../session/visitStore';
import { DiaryEntryView } from './DiaryEntryView';

// Narration is not what these tests are about (NarrationPlayer.test.tsx and the e2e tests cover it).
vi.mock('../narration/NarrationPlayer', () => ({ NarrationPlayer: () => null }));

const CGTN = "CGTN, 'Remembering history'";
const texts = {
  'zh-Hans': '中文译文。',
  en: 'The English words.',
  ja: '日本語訳。',
  id: 'Terjemahan Indonesia.',
};

const base: Omit<DiaryEntry, 'id' | 'originalLanguage'> = {
  kind: 'diaryEntry',
  author: 'a-writer',
  source: `A writer, diary; quoted in ${CGTN}`,
  text: texts,
  narration: {},
  captions: {},
  drafts: [],
};

const entries: DiaryEntry[] = [
  // Like Vautrin's excerpts: English wording as CGTN quotes it, not checked against her diary.
  { ...base, id: 'quoted', originalLanguage: 'en', quotedIn: { source: CGTN, language: 'en' } },
  // Like Rabe's: a German diary, in the English translation CGTN quotes.
  { ...base, id: 'quoted-translation', originalLanguage: 'de', quotedIn: { source: CGTN, language: 'en' } },
  // A true original: the German text checked, and translations of it.
  { ...base, id: 'original', originalLanguage: 'de', original: 'Die deutschen Worte.' },
  // Originals written in each of the exhibit's languages, read in that language.
  ...['zh-Hans', 'en', 'ja', 'id'].map((lang) => ({ ...base, id: `own-${lang}`, originalLanguage: lang })),
];

const exhibit: Exhibit = {
  id: 'test',
  version: '1',
  defaultLanguage: 'zh-Hans',
  languages: ['zh-Hans', 'en', 'ja', 'id'],
  title: { 'zh-Hans': '展' },
  subtitle: { 'zh-Hans': '展' },
  attract: { photos: [], tagline: { 'zh-Hans': '展' }, slideSeconds: 12 },
  sections: ['diary'],
  stories: [],
  photos: [],
  diary: entries,
  people: [
    {
      id: 'a-writer',
      name: { 'zh-Hans': '作者', en: 'A Writer' },
      role: { 'zh-Hans': '作者' },
      nationality: { 'zh-Hans': '美国' },
      biography: { 'zh-Hans': '作者。' },
      sources: ['Invented for the tests'],
      drafts: [],
    },
  ],
  timeline: [],
  drafts: [],
};

function show(id: string, lang: string): string[] {
  act(() => {
    useVisit.getState().reset();
    useVisit.getState().chooseLanguage(lang);
  });
  render(<DiaryEntryView id={id} />);
  return [...screen.getByTestId('diary-wording').querySelectorAll('.wording-note')].map(
    (n) => n.textContent ?? '',
  );
}

/** The words each language uses to call a text the original. */
const ORIGINAL_WORD: Record<string, RegExp> = {
  en: /Original/,
  'zh-Hans': /原文/,
  ja: /原文/,
  id: /Teks asli/,
};

beforeEach(() => {
  useExhibit.setState({
    exhibit,
    attract: attractSlice(exhibit),
    index: indexExhibit(exhibit),
    loading: false,
  });
});

afterEach(() => {
  cleanup();
});

describe('an excerpt whose wording is as CGTN quotes it', () => {
  it.each([
    ['en', `As quoted in ${CGTN}; not checked against the author’s own text`],
    ['zh-Hans', `译自${CGTN}所引的英语措辞`],
    ['ja', `${CGTN}が引用した英語の文言からの翻訳`],
    ['id', `Diterjemahkan dari kutipan berbahasa Inggris dalam ${CGTN}`],
  ])('in %s says so, and never calls it the original', (lang, expected) => {
    expect(show('quoted', lang)).toEqual([expected]);
    const page = screen.getByTestId('screen-diary-entry');
    expect(page.textContent).not.toMatch(ORIGINAL_WORD[lang] ?? /Original/);
    expect(screen.queryByTestId('toggle-original')).toBeNull();
    expect(screen.getByText(CGTN).getAttribute('lang')).toBe('en');
  });
});

describe('an excerpt quoted in a translation of what the author wrote', () => {
  it.each([
    [
      'en',
      [
        `As quoted in ${CGTN}; not checked against the author’s own text`,
        'Written in German: the quoted wording is itself a translation',
      ],
    ],
    ['zh-Hans', [`译自${CGTN}所引的英语措辞`, '作者以德语写成，所引措辞本身即为译文']],
    [
      'ja',
      [`${CGTN}が引用した英語の文言からの翻訳`, '著者はドイツ語で書いており、引用された文言自体が翻訳です'],
    ],
    [
      'id',
      [
        `Diterjemahkan dari kutipan berbahasa Inggris dalam ${CGTN}`,
        'Ditulis dalam bahasa Jerman; kutipan itu sendiri merupakan terjemahan',
      ],
    ],
  ])(
    'in %s says the quoted wording is itself a translation, and never calls it the original',
    (lang, expected) => {
      expect(show('quoted-translation', lang)).toEqual(expected);
      expect(screen.getByTestId('screen-diary-entry').textContent).not.toMatch(
        ORIGINAL_WORD[lang] ?? /Original/,
      );
    },
  );
});

describe('a true original', () => {
  it.each([
    ['en', 'Translated from German', 'Show the original', 'Original (German)'],
    ['zh-Hans', '译自德语', '显示原文', '原文（德语）'],
    ['ja', 'ドイツ語からの翻訳', '原文を表示', '原文（ドイツ語）'],
    ['id', 'Diterjemahkan dari bahasa Jerman', 'Tampilkan teks asli', 'Teks asli (Jerman)'],
  ])('in %s is a translation of the original, which the visitor can see', (lang, note, button, label) => {
    expect(show('original', lang)).toEqual([note]);
    fireEvent.click(screen.getByRole('button', { name: button }));
    const original = screen.getByTestId('diary-original');
    expect(original.textContent).toContain(label);
    expect(original.textContent).toContain('Die deutschen Worte.');
    expect(original.getAttribute('lang')).toBe('de');
  });

  it.each([
    ['en', 'Original text (English)'],
    ['zh-Hans', '原文（简体中文）'],
    ['ja', '原文（日本語）'],
    ['id', 'Teks asli (bahasa Indonesia)'],
  ])('read in its own language, %s, is called the original text', (lang, expected) => {
    expect(show(`own-${lang}`, lang)).toEqual([expected]);
  });
});
