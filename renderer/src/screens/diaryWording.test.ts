import { describe, expect, it } from 'vitest';
import { templateParts, wordingNotes, type WordingNote } from './diaryWording';

const CGTN = "CGTN, 'Remembering history'";

describe('wordingNotes', () => {
  it.each<[string, Parameters<typeof wordingNotes>[0], string, WordingNote[]]>([
    [
      'an original, read in its language',
      { originalLanguage: 'de' },
      'de',
      [{ kind: 'originalText', language: 'de' }],
    ],
    [
      'an original, read in translation',
      { originalLanguage: 'de' },
      'en',
      [{ kind: 'translatedFrom', language: 'de' }],
    ],
    [
      'English wording as CGTN quotes it, read in English',
      { originalLanguage: 'en', quotedIn: { source: CGTN, language: 'en' } },
      'en',
      [{ kind: 'asQuotedIn', source: CGTN }],
    ],
    [
      'English wording as CGTN quotes it, read in Chinese',
      { originalLanguage: 'en', quotedIn: { source: CGTN, language: 'en' } },
      'zh-Hans',
      [{ kind: 'translatedFromQuoted', source: CGTN, language: 'en' }],
    ],
    [
      'a German diary in the English CGTN quotes, read in English',
      { originalLanguage: 'de', quotedIn: { source: CGTN, language: 'en' } },
      'en',
      [
        { kind: 'asQuotedIn', source: CGTN },
        { kind: 'quotedIsTranslation', language: 'de' },
      ],
    ],
    [
      'a German diary in the English CGTN quotes, read in Japanese',
      { originalLanguage: 'de', quotedIn: { source: CGTN, language: 'en' } },
      'ja',
      [
        { kind: 'translatedFromQuoted', source: CGTN, language: 'en' },
        { kind: 'quotedIsTranslation', language: 'de' },
      ],
    ],
  ])('%s', (_, entry, lang, expected) => {
    expect(wordingNotes(entry, lang)).toEqual(expected);
  });

  it('never calls quoted wording the original, in any language', () => {
    const quoted = { originalLanguage: 'en', quotedIn: { source: CGTN, language: 'en' } };
    for (const lang of ['zh-Hans', 'en', 'ja', 'id'])
      expect(wordingNotes(quoted, lang).map((n) => n.kind)).not.toContain('originalText');
  });
});

describe('templateParts', () => {
  it.each([
    ['As quoted in {source}', [{ text: 'As quoted in ' }, { placeholder: 'source' }]],
    ['据{source}所引', [{ text: '据' }, { placeholder: 'source' }, { text: '所引' }]],
    ['{a}{b}', [{ placeholder: 'a' }, { placeholder: 'b' }]],
    ['no placeholder', [{ text: 'no placeholder' }]],
  ])('%s', (template, expected) => {
    expect(templateParts(template)).toEqual(expected);
  });
});
