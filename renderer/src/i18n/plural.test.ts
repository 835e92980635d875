import { describe, expect, it } from 'vitest';
import { fillCount, uiText } from './uiText';

describe('fillCount: counted words follow each language’s plural rules', () => {
  it.each([
    ['en', 1, 'The exhibit will return to its start in 1 second.'],
    ['en', 2, 'The exhibit will return to its start in 2 seconds.'],
    ['en', 0, 'The exhibit will return to its start in 0 seconds.'],
    ['zh-Hans', 1, '展项将在1秒后回到开始画面。'],
    ['ja', 1, 'あと1秒で最初の画面に戻ります。'],
    ['id', 1, 'Pameran akan kembali ke awal dalam 1 detik.'],
    ['id', 5, 'Pameran akan kembali ke awal dalam 5 detik.'],
  ])('%s, %i', (lang, n, expected) => {
    expect(fillCount(uiText(lang), 'stillThereBody', n, lang)).toBe(expected);
  });

  it('never leaves a counted text empty in a language the product ships', () => {
    for (const lang of ['en', 'zh-Hans', 'ja', 'id']) {
      for (const n of [0, 1, 2, 3, 11, 21, 101]) {
        expect(fillCount(uiText(lang), 'stillThereBody', n, lang)).toContain(String(n));
      }
    }
  });
});
