import { describe, expect, it } from 'vitest';
import { countdownMarks, idleSecondsToSay, spokenIdleWarning } from './idleSpeech';

describe('countdownMarks', () => {
  it.each<[number, number[]]>([
    [30, [30, 20, 10, 5]],
    [25, [25, 20, 10, 5]],
    [15, [15, 10, 5]],
    [10, [10, 5]],
    [8, [8, 5]],
    [5, [5]],
    [3, [3]],
    [120, [120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 5]],
  ])('a warning of %i s is said at %j', (warning, marks) => {
    expect(countdownMarks(warning)).toEqual(marks);
  });
});

describe('idleSecondsToSay', () => {
  it.each<[string, number, number, number | null, number | null]>([
    ['the warning appears', 30, 30, null, 30],
    ['the warning appears a moment late: what is left', 29, 30, null, 29],
    ['a second later: nothing (not every second)', 29, 30, 30, null],
    ['still above the next mark', 21, 30, 30, null],
    ['the next mark', 20, 30, 30, 20],
    ['the same mark again (the countdown re-renders four times a second)', 20, 30, 20, null],
    ['between marks', 14, 30, 20, null],
    ['ten left', 10, 30, 20, 10],
    ['five left', 5, 30, 10, 5],
    ['the last seconds: quiet', 3, 30, 5, null],
    ['a late timer passed a mark: what is left now', 8, 30, 20, 8],
    ['a late timer passed two marks: said once', 4, 30, 20, 4],
    ['zero: the reset is under way, nothing', 0, 30, 5, null],
    ['zero as the first sight: nothing', 0, 30, null, null],
    ['a short warning: its start, then five', 5, 10, 10, 5],
    ['a short warning: nothing between', 7, 10, 10, null],
  ])('%s', (_name, left, warning, last, expected) => {
    expect(idleSecondsToSay(left, warning, last)).toBe(expected);
  });
});

describe('spokenIdleWarning', () => {
  it.each<[string, number, boolean, string, string]>([
    ['English, first', 30, true, 'en', 'Are you still there? Press any key to continue. 30 seconds.'],
    ['English, one second', 1, false, 'en', '1 second.'],
    ['English, later', 20, false, 'en', '20 seconds.'],
    [
      'Japanese, first',
      30,
      true,
      'ja',
      'まだいらっしゃいますか？続けるには、どれかキーを押してください。あと30秒。',
    ],
    ['Japanese, later', 10, false, 'ja', 'あと10秒。'],
    ['Chinese, first', 30, true, 'zh-Hans', '您还在吗？按任意键继续。还剩30秒。'],
    [
      'Indonesian, first',
      30,
      true,
      'id',
      'Apakah Anda masih di sini? Tekan tombol apa saja untuk melanjutkan. 30 detik lagi.',
    ],
    ['Indonesian, later', 5, false, 'id', '5 detik lagi.'],
    ['a language the product does not ship: English', 20, false, 'de', '20 seconds.'],
  ])('%s', (_name, seconds, first, lang, text) => {
    expect(spokenIdleWarning(seconds, first, lang)).toEqual({ text, lang });
  });
});

describe('spokenIdleWarning with explore by touch: touch the screen, not a key', () => {
  it.each<[string, number, boolean, string, string]>([
    ['English, first', 30, true, 'en', 'Are you still there? Touch the screen to continue. 30 seconds.'],
    ['English, later', 20, false, 'en', '20 seconds.'],
    [
      'Japanese, first',
      30,
      true,
      'ja',
      'まだいらっしゃいますか？続けるには、画面に触れてください。あと30秒。',
    ],
    ['Chinese, first', 30, true, 'zh-Hans', '您还在吗？触摸屏幕继续。还剩30秒。'],
    [
      'Indonesian, first',
      30,
      true,
      'id',
      'Apakah Anda masih di sini? Sentuh layar untuk melanjutkan. 30 detik lagi.',
    ],
  ])('%s', (_name, seconds, first, lang, text) => {
    expect(spokenIdleWarning(seconds, first, lang, true)).toEqual({ text, lang });
  });
});
