import { describe, expect, it } from 'vitest';
import { PUBLISH_NOTICE_CODES } from '../../../main/common/editorApi';
import { noticeText, sizeText } from './publishText';
import { UI_LANGUAGES } from './text';

describe('sizeText', () => {
  it.each([
    [0, '1 KB'],
    [2_000, '2 KB'],
    [100_000, '98 KB'],
    [110_000, '0.1 MB'],
    [2_700_000, '2.6 MB'],
    [12_900_000, '12.3 MB'],
  ])('%i bytes → %s', (bytes, text) => expect(sizeText(bytes)).toBe(text));
});

describe('noticeText', () => {
  it.each<[string, Record<string, string | number>, string, string]>([
    [
      'checker-errors',
      { n: 1 },
      'The content checker found an error. Correct it, save, and publish again.',
      '内容检查发现 1 个错误。请更正并保存后再发布。',
    ],
    [
      'checker-errors',
      { n: 3 },
      'The content checker found 3 errors. Correct them, save, and publish again.',
      '内容检查发现 3 个错误。请更正并保存后再发布。',
    ],
    [
      'version-taken',
      { version: 4, next: 5 },
      'Version 4 has been published meanwhile. Check again: the next is 5.',
      '第 4 版已在此期间发布。请重新检查：下一版是第 5 版。',
    ],
    [
      'busy',
      {},
      'Another publish is under way. Wait for it to finish, then check again.',
      '另一次发布正在进行。请等它完成后重新检查。',
    ],
  ])('%s %j', (code, values, en, zh) => {
    const notice = { code: code as (typeof PUBLISH_NOTICE_CODES)[number], message: '', values };
    expect(noticeText('en', notice)).toBe(en);
    expect(noticeText('zh-Hans', notice)).toBe(zh);
  });

  it('has words for every reason in every interface language, none left as a {placeholder}', () => {
    const values = { n: 2, version: 3, next: 4, detail: 'd', languages: 'ja' };
    for (const lang of UI_LANGUAGES)
      for (const code of PUBLISH_NOTICE_CODES)
        expect(noticeText(lang, { code, message: '', values })).not.toMatch(/\{\w+\}|^$/);
  });
});
