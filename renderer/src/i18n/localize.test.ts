import { describe, expect, it } from 'vitest';
import { formatHistoricalDate, pick } from './localize';

describe('pick', () => {
  const text = { 'zh-Hans': '南京安全区', en: 'Nanking Safety Zone' };
  it('uses the visitor language when present', () => {
    expect(pick(text, 'en', 'zh-Hans')).toEqual({ text: 'Nanking Safety Zone', lang: 'en' });
  });
  it('falls back to the default language and says so', () => {
    expect(pick(text, 'id', 'zh-Hans')).toEqual({ text: '南京安全区', lang: 'zh-Hans' });
  });
});

describe('formatHistoricalDate', () => {
  it.each([
    [
      { iso: '1937-12-13', precision: 'day', approximate: false },
      'en',
      '13 December 1937',
      'December 13, 1937',
    ],
    [
      { iso: '1937-12-13', precision: 'day', approximate: false },
      'zh-Hans',
      '1937年12月13日',
      '1937年12月13日',
    ],
    [{ iso: '1937-12-13', precision: 'day', approximate: false }, 'ja', '1937年12月13日', '1937年12月13日'],
    [
      { iso: '1937-12-13', precision: 'day', approximate: false },
      'id',
      '13 Desember 1937',
      '13 Desember 1937',
    ],
    [{ iso: '1938-05', precision: 'month', approximate: false }, 'zh-Hans', '1938年5月', '1938年5月'],
    [{ iso: '1938-05', precision: 'month', approximate: false }, 'id', 'Mei 1938', 'Mei 1938'],
    [{ iso: '1941', precision: 'year', approximate: true }, 'ja', '1941年', '1941年'],
  ] as const)('%j in %s', (date, lang, a, b) => {
    expect([a, b]).toContain(formatHistoricalDate(date, lang));
  });
});
