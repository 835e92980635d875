import { describe, expect, it } from 'vitest';
import type { Exhibit } from '../../../main/common/exhibit';
import { sectionWords } from './sectionWords';
import { uiText } from './uiText';

const exhibit: Pick<Exhibit, 'sectionText' | 'defaultLanguage'> = {
  defaultLanguage: 'zh-Hans',
  sectionText: {
    diary: {
      title: { 'zh-Hans': '日记与话语', en: 'Diaries and remembered words' },
      hint: { 'zh-Hans': '依引用来源', en: 'As their sources quote them' },
    },
    timeline: { hint: { 'zh-Hans': '1937年11月至2025年' } },
  },
};

describe('sectionWords', () => {
  it.each([
    [
      'the exhibit’s own title and hint',
      'diary',
      'en',
      'Diaries and remembered words',
      'en',
      'As their sources quote them',
      'en',
    ],
    [
      'its own hint in the default language when the visitor’s is missing',
      'timeline',
      'ja',
      '年表',
      'ja',
      '1937年11月至2025年',
      'zh-Hans',
    ],
    [
      'generic words for a section the exhibit says nothing about',
      'people',
      'id',
      'Tokoh',
      'id',
      'Orang-orang dalam pameran ini',
      'id',
    ],
    ['generic words in Chinese', 'stories', 'zh-Hans', '故事', 'zh-Hans', '分章节讲述', 'zh-Hans'],
  ] as const)('%s', (_, section, lang, title, titleLang, hint, hintLang) => {
    expect(sectionWords(exhibit, section, lang, uiText(lang))).toEqual({
      title: { text: title, lang: titleLang },
      hint: { text: hint, lang: hintLang },
    });
  });

  it('the generic hints make no claim about the Nanjing exhibit', () => {
    for (const lang of ['zh-Hans', 'en', 'ja', 'id']) {
      for (const section of ['stories', 'diary', 'photos', 'people', 'timeline'] as const) {
        const { hint } = sectionWords(null, section, lang, uiText(lang));
        expect(hint.text).not.toMatch(/1937|Safety Zone|安全区|Zona Aman|stayed|留下|残って|tinggal/);
      }
    }
  });
});
