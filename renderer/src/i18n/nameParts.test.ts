import { describe, expect, it } from 'vitest';
import { nameParts } from './nameParts';

describe('nameParts', () => {
  it.each([
    ['ニコライ・ポドシヴァロフ', ['ニコライ・', 'ポドシヴァロフ']],
    ['ロベール・ジャキノ・ド・ベザンジュ', ['ロベール・', 'ジャキノ・', 'ド・', 'ベザンジュ']],
    ['约翰·拉贝', ['约翰·', '拉贝']],
    ['鲁珀特·R.哈茨', ['鲁珀特·', 'R.哈茨']],
    ['ｼﾞｮﾝ･ﾗｰﾍﾞ', ['ｼﾞｮﾝ･', 'ﾗｰﾍﾞ']],
    ['馬超俊', ['馬超俊']],
    ['John Rabe', ['John Rabe']],
    ['', []],
  ])('%s → %j', (name, parts) => {
    expect(nameParts(name)).toEqual(parts);
  });

  it('loses no character', () => {
    const name = 'ジョージ・アシュモア・フィッチ';
    expect(nameParts(name).join('')).toBe(name);
  });
});
