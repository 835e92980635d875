import { describe, expect, it } from 'vitest';
import { editYamlText, newYamlText, sameData, yamlData, YamlSyntaxError } from './yamlEdit';

const PHOTO = `# A photograph of the harbour.
file: harbour-view.jpg
placeholder: true # a stand-in
caption:
  en: The harbour seen from the hill. # checked 2026
  ja: 丘から見た港。
source: "Test Archive, box 1"
people: [ada-park]

# Reviewed languages below.
drafts: [ja]
`;

describe('editYamlText', () => {
  it('returns the same text when nothing changed', () => {
    expect(editYamlText(PHOTO, yamlData(PHOTO))).toBe(PHOTO);
  });

  it.each([
    [
      'a changed value keeps the comments, order, quoting and flow lists',
      (d: Record<string, unknown>) => ({
        ...d,
        caption: { en: 'The harbour at dawn.', ja: '丘から見た港。' },
      }),
      PHOTO.replace('en: The harbour seen from the hill.', 'en: The harbour at dawn.'),
    ],
    [
      'a quoted value stays quoted',
      (d: Record<string, unknown>) => ({ ...d, source: 'Test Archive, box 2' }),
      PHOTO.replace('"Test Archive, box 1"', '"Test Archive, box 2"'),
    ],
    [
      'a flow list stays a flow list',
      (d: Record<string, unknown>) => ({ ...d, drafts: ['ja', 'id'] }),
      PHOTO.replace('drafts: [ja]', 'drafts: [ja, id]'),
    ],
    [
      'a removed key goes, with nothing else touched',
      (d: Record<string, unknown>) => {
        const { placeholder: _p, ...rest } = d;
        return rest;
      },
      PHOTO.replace('placeholder: true # a stand-in\n', ''),
    ],
    [
      'a new key is added at the end',
      (d: Record<string, unknown>) => ({ ...d, graphic: true }),
      `${PHOTO}graphic: true\n`,
    ],
  ])('%s', (_name, change, expected) => {
    const data = yamlData(PHOTO) as Record<string, unknown>;
    expect(editYamlText(PHOTO, change(data))).toBe(expected);
  });

  it('writes a value that becomes several lines as a block', () => {
    const out = editYamlText('text:\n  en: one line\n', { text: { en: 'first\n\nsecond' } });
    expect(out).toBe('text:\n  en: |-\n    first\n\n    second\n');
    expect(yamlData(out)).toEqual({ text: { en: 'first\n\nsecond' } });
  });

  it('quotes a string that would read as a number', () => {
    const out = editYamlText('date: 1941\n', { date: '1941' });
    expect(yamlData(out)).toEqual({ date: '1941' });
  });

  it('refuses a file with a YAML mistake', () => {
    expect(() => editYamlText('a: [1, 2\n', { a: 1 })).toThrow(YamlSyntaxError);
  });

  it('writes new files plainly', () => {
    expect(newYamlText({ title: 'A', list: ['x'] })).toBe('title: A\nlist:\n  - x\n');
  });
});

describe('sameData', () => {
  it.each([
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: '1' }, { a: 1 }, false],
    [null, {}, false],
  ])('%j vs %j → %s', (a, b, same) => expect(sameData(a, b)).toBe(same));
});
