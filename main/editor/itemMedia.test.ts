import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../common/editorApi';
import { filesOwnedAlone, ownedFiles } from './itemMedia';

const diary = {
  kind: 'diaryEntry',
  narration: {
    en: { audio: 'audio/a.en.ogg', captions: 'audio/a.en.vtt', placeholder: true },
    id: { audio: 'audio/a.id.ogg' },
  },
  captions: { ja: { narration: 'en', file: 'audio/a.en-to-ja.vtt' } },
};

describe('ownedFiles', () => {
  it.each<[string, ItemKind, unknown, string[]]>([
    ['a photo: its image', 'photo', { file: 'letter.png' }, ['photos/letter.png']],
    ['a photo without a file', 'photo', { caption: {} }, []],
    [
      'a diary excerpt: every narration and captions file',
      'diary',
      diary,
      ['audio/a.en.ogg', 'audio/a.en.vtt', 'audio/a.id.ogg', 'audio/a.en-to-ja.vtt'],
    ],
    [
      'a diary excerpt naming one file twice: once',
      'diary',
      { narration: { en: { audio: 'audio/x.ogg' }, ja: { audio: 'audio/x.ogg' } } },
      ['audio/x.ogg'],
    ],
    ['a diary excerpt without narration', 'diary', { text: { en: 'x' } }, []],
    ['a malformed narration (a list)', 'diary', { narration: ['audio/x.ogg'] }, []],
    ['a person: none (a portrait is a photo of its own)', 'person', { portrait: 'p' }, []],
    ['not an object', 'diary', 'text', []],
  ])('%s', (_, kind, data, files) => {
    expect(ownedFiles(kind, data)).toEqual(files);
  });
});

describe('filesOwnedAlone', () => {
  const own = 'diary/a.yaml';
  const files = ['audio/a.en.ogg', 'audio/a.en.vtt'];
  it.each<[string, [string, string][], string[]]>([
    ['nothing else names them: both go', [[own, 'x: 1']], files],
    [
      'another excerpt shares the captions: only the audio goes',
      [['diary/b.yaml', 'narration:\n  en: { audio: audio/b.ogg, captions: audio/a.en.vtt }\n']],
      ['audio/a.en.ogg'],
    ],
    [
      'a story or person mentioning the path in passing does not keep it',
      [['people/p.yaml', 'biography: { en: audio/a.en.ogg }\n']],
      files,
    ],
    ['an item that cannot be read: nothing goes', [['diary/b.yaml', 'narration: [unclosed\n']], []],
  ])('%s', (_, texts, expected) => {
    expect(filesOwnedAlone(new Map(texts), own, files)).toEqual(expected);
  });
});
