import { describe, expect, it } from 'vitest';
import { DASHBOARD_LANGUAGES, dashboardFormat, dashboardLang, dashboardText } from './dashboardText';

describe('the dashboard in the staff member’s language', () => {
  it('has every word in every language, with the same placeholders as the English', () => {
    const en = dashboardText('en');
    for (const lang of DASHBOARD_LANGUAGES) {
      const t = dashboardText(lang);
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(t[key], `${lang} ${key}`).toBeTruthy();
        const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(holes(t[key]), `${lang} ${key}`).toEqual(holes(en[key]));
      }
    }
  });

  it.each([
    ['en', 20, '20 s', '1 of 3', 'Dec 1', 'Walked away (idle reset)', 'Text size: Large', 'Japanese'],
    ['en', 605, '10 min 05 s', '1 of 3', 'Dec 1', 'Walked away (idle reset)', 'Text size: Large', 'Japanese'],
    ['zh-Hans', 605, '10分05秒', '1 / 3', '12月1日', '离开（闲置后重置）', '字号：大', '日语'],
    ['ja', 20, '20秒', '3件中1件', '12月1日', '立ち去り（無操作でリセット）', '文字の大きさ：大', '日本語'],
    [
      'id',
      605,
      '10 mnt 05 dtk',
      '1 dari 3',
      '1 Des',
      'Pergi (diatur ulang saat diam)',
      'Ukuran teks: Besar',
      'Jepang',
    ],
  ] as const)('%s: %is', (lang, seconds, duration, ofTotal, day, ending, choice, japanese) => {
    const f = dashboardFormat(lang);
    expect(f.duration(seconds)).toBe(duration);
    expect(f.ofTotal(1, 3)).toBe(ofTotal);
    expect(f.day('2026-12-01')).toBe(day);
    expect(f.ending('idleReset')).toBe(ending);
    expect(f.accessibility('textSize', 'large')).toBe(choice);
    expect(f.languageName('ja')).toBe(japanese);
  });

  it('names the magnified text size (200 %) in each language', () => {
    expect(dashboardFormat('en').accessibility('textSize', 'magnified')).toBe('Text size: Magnified (200%)');
    for (const lang of ['zh-Hans', 'ja', 'id'] as const) {
      expect(dashboardFormat(lang).accessibility('textSize', 'magnified')).toContain('200%');
    }
  });

  it('writes large numbers with the language’s grouping, and keeps what it has no word for', () => {
    expect(dashboardFormat('en').number(12345)).toBe('12,345');
    expect(dashboardFormat('id').number(12345)).toBe('12.345');
    expect(dashboardFormat('en').duration(null)).toBe('—');
    expect(dashboardFormat('ja').screen('somethingNew')).toBe('somethingNew');
    expect(dashboardFormat('zh-Hans').bucket(9, '≥ 1 h')).toBe('≥ 1 h');
  });

  it.each([
    ['zh-Hans', 'zh-Hans'],
    ['ja', 'ja'],
    ['de', 'en'],
    ['zh-Hant', 'en'],
  ])('opens in %s as %s', (kiosk, expected) => {
    expect(dashboardLang(kiosk)).toBe(expected);
  });
});
