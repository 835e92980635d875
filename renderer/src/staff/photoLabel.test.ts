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
    {
      name: 'a cut inside brackets ends before the bracket',
      caption:
        'Placeholder: a generated stand-in for a large archival scan (for example, a map of the Nanjing Safety Zone), used to test deep zoom. It shows only a grid.',
      label: 'Placeholder: a generated stand-in for a large archival scan…',
    },
    {
      name: 'a closed bracket before the cut stays',
      caption:
        'Minnie Vautrin (centre) with the staff of the Ginling College shelter for women and children in the winter of 1937.',
      label: 'Minnie Vautrin (centre) with the staff of the Ginling College shelter…',
    },
    {
      name: 'Chinese: a cut inside full-width brackets ends before them',
      caption: `占位图${'（例如南京安全区地图'.repeat(8)}）。`,
      label: '占位图…',
    },
    { name: 'empty', caption: '', label: '' },
  ])('$name', ({ caption, label }) => {
    expect(photoLabel(caption)).toBe(label);
  });
});
