import { describe, expect, it } from 'vitest';
import { photoLabel } from './photoLabel';

describe('photoLabel', () => {
  it.each([
    {
      name: 'a short caption, whole',
      caption: 'The Red Cross armband that John Rabe used.',
      label: 'The Red Cross armband that John Rabe used.',
    },
    {
      name: 'the first sentence only',
      caption:
        'Minnie Vautrin with shelter staff. (This image is a placeholder, not the historical photograph.)',
      label: 'Minnie Vautrin with shelter staff.',
    },
    {
      name: 'a long first sentence, cut at a word with …',
      caption:
        'A group photo of foreigners at the headquarters of the International Committee for the Nanjing Safety Zone. From left to right: Ziar.',
      label: 'A group photo of foreigners at the headquarters of the International…',
    },
    {
      name: 'an abbreviation’s full stop inside a name does not end the sentence early when no space follows',
      caption: 'Rupert R.Hatz at the gate.',
      label: 'Rupert R.Hatz at the gate.',
    },
    {
      name: 'Chinese: the first sentence, up to 。',
      caption: '约翰·拉贝使用过的红十字袖章在中国国家博物馆展出。2025年9月14日，北京。',
      label: '约翰·拉贝使用过的红十字袖章在中国国家博物馆展出。',
    },
    {
      name: 'Japanese without a full stop, cut at the character',
      caption: '仮の画像'.repeat(30),
      label: `${'仮の画像'.repeat(30).slice(0, 71)}…`,
    },
    {
      name: 'spaces and line breaks folded',
      caption: '  A   map\n of the zone. ',
      label: 'A map of the zone.',
    },
    { name: 'empty', caption: '', label: '' },
  ])('$name', ({ caption, label }) => {
    expect(photoLabel(caption)).toBe(label);
  });
});
