import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_LANGUAGES,
  dashboardFormat,
  dashboardLang,
  dashboardText,
  stickMessage,
} from './dashboardText';

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

describe('stickMessage', () => {
  it.each([
    [
      'en',
      {
        ok: true,
        folder: '/media/staff/STICK/kiosk-analytics',
        files: ['k-events.csv', 'k-daily.csv'],
        events: 12345,
      },
      'Saved 12,345 events for this period to /media/staff/STICK/kiosk-analytics: k-events.csv, k-daily.csv. The stick can be taken out.',
    ],
    [
      'zh-Hans',
      { ok: true, folder: 'E:\\kiosk-analytics', files: ['k-events.csv'], events: 1200 },
      '已将本时段的 1,200 条事件保存到 E:\\kiosk-analytics：k-events.csv。现在可以拔出 U 盘。',
    ],
    [
      'en',
      { ok: false, reason: 'no-stick', detail: '' },
      'No USB stick found. Put one into the kiosk, wait a few seconds, and try again.',
    ],
    [
      'ja',
      { ok: false, reason: 'write-failed', detail: '/media/s/STICK: EROFS' },
      'USBメモリに書き込めませんでした（/media/s/STICK: EROFS）。容量不足か、書き込み禁止になっていませんか。',
    ],
  ] as const)('%s: %j', (lang, result, said) => {
    expect(stickMessage(result as Parameters<typeof stickMessage>[0], dashboardFormat(lang))).toBe(said);
  });
});
