import { describe, expect, it } from 'vitest';
import {
  ALWAYS,
  charactersForFamily,
  codePointsOf,
  formatUnicodeRange,
  keptBy,
  parseFontFaces,
  parseUnicodeRange,
  subsetFamilyName,
  textsOfDocument,
  type TextsByLanguage,
} from './fonts';

const cp = (s: string) => [...s].map((c) => c.codePointAt(0) as number);

describe('unicode-range', () => {
  it.each([
    ['U+0041', [[0x41, 0x41]]],
    [
      'U+0041-005A, U+00E9',
      [
        [0x41, 0x5a],
        [0xe9, 0xe9],
      ],
    ],
    ['u+4e??', [[0x4e00, 0x4eff]]],
    ['U+1f1e9-1f1f5', [[0x1f1e9, 0x1f1f5]]],
  ])('%s is read as its ranges', (value, ranges) => {
    expect(parseUnicodeRange(value)).toEqual(ranges);
  });

  it.each([
    ['ABC', 'U+41-43'],
    ['中A', 'U+41,U+4e2d'],
    ['CAB', 'U+41-43'],
    ['', ''],
  ])('the characters of %j are said as %s, and read back as the same characters', (text, range) => {
    expect(formatUnicodeRange(cp(text))).toBe(range);
    const back = parseUnicodeRange(range).flatMap(([a, b]) =>
      Array.from({ length: b - a + 1 }, (_, i) => a + i),
    );
    expect(back.sort()).toEqual([...new Set(cp(text))].sort());
  });
});

describe('parseFontFaces', () => {
  it('reads family, weight, style, file and range of every rule of a fontsource file', () => {
    const css = `/* noto-sans-sc-[4]-wght-normal */
@font-face {
  font-family: 'Noto Sans SC Variable';
  font-style: normal;
  font-display: swap;
  font-weight: 100 900;
  src: url(./files/noto-sans-sc-4-wght-normal.woff2) format('woff2-variations');
  unicode-range: U+4e00-4e0f,U+ff01;
}
@font-face {
  font-family: "Noto Serif Variable";
  font-style: italic;
  src: url("./files/x.woff2");
}`;
    expect(parseFontFaces(css)).toEqual([
      {
        family: 'Noto Sans SC Variable',
        weight: '100 900',
        style: 'normal',
        file: './files/noto-sans-sc-4-wght-normal.woff2',
        ranges: [
          [0x4e00, 0x4e0f],
          [0xff01, 0xff01],
        ],
      },
      {
        family: 'Noto Serif Variable',
        weight: '400',
        style: 'italic',
        file: './files/x.woff2',
        ranges: [[0, 0x10ffff]],
      },
    ]);
  });
});

describe('which characters each family keeps', () => {
  const texts: TextsByLanguage = new Map([
    ['zh-Hans', ['南京安全区']],
    ['ja', ['南京安全区の記憶']],
    ['en', ['Safety Zone']],
    ['*', ['拉贝']],
  ]);
  it.each([
    ['Noto Sans SC Variable', '南京安全区拉贝，。', '記憶のSafetyZon'],
    ['Noto Serif SC Variable', '南京安全区拉贝', '記憶の'],
    ['Noto Sans JP Variable', '南京安全区の記憶拉贝', ''],
    ['Noto Sans Variable', 'SafetyZon南記の拉', ''],
  ])('%s keeps %s and not %s', (family, kept, notKept) => {
    const chars = charactersForFamily(family, texts);
    for (const c of cp(kept)) expect(chars.has(c)).toBe(true);
    for (const c of cp(notKept)) expect(chars.has(c)).toBe(false);
  });
  it('every family keeps digits, Latin letters and CJK punctuation, made at run time', () => {
    for (const c of cp('0129AZaz。、「」（），：')) expect(ALWAYS.has(c)).toBe(true);
  });
  it('line breaks and tabs need no glyph; the spaces are always kept', () => {
    expect([...codePointsOf([' \n\t'])]).toEqual([]);
    expect(ALWAYS.has(0x20) && ALWAYS.has(0x3000)).toBe(true);
  });
  it('a face keeps only what falls in its range; none means the face is left out', () => {
    const face = {
      family: 'F',
      weight: '400',
      style: 'normal',
      file: 'f',
      ranges: [[0x4e00, 0x4eff]] as [number, number][],
    };
    expect(keptBy(face, new Set(cp('中A乙')))).toEqual(cp('乙中').sort((a, b) => a - b));
    expect(keptBy(face, new Set(cp('AB')))).toEqual([]);
  });
  it('cut faces get a family of their own', () => {
    expect(subsetFamilyName('Noto Sans SC Variable')).toBe('Kiosk Noto Sans SC');
  });
});

describe('textsOfDocument', () => {
  it('gives the values of a map keyed by the languages to those languages, other strings to any', () => {
    const texts: TextsByLanguage = new Map();
    textsOfDocument(
      {
        id: 'rabe',
        name: { 'zh-Hans': '约翰·拉贝', en: 'John Rabe' },
        original: '拉贝',
        chapters: [{ title: { ja: '庭の門' } }],
      },
      ['zh-Hans', 'en', 'ja'],
      texts,
    );
    expect(Object.fromEntries(texts)).toEqual({
      '*': ['rabe', '拉贝'],
      'zh-Hans': ['约翰·拉贝'],
      en: ['John Rabe'],
      ja: ['庭の門'],
    });
  });
});
