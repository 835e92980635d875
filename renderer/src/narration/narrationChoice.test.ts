import { describe, expect, it } from 'vitest';
import type { DiaryEntry } from '../../../main/common/exhibit';
import { formatClock, narrationOffer } from './narrationChoice';

type Voices = Pick<DiaryEntry, 'narration' | 'captions'>;

const englishOnly: Voices = {
  narration: {
    en: { audio: '/media/audio/rabe.en.ogg', captions: '/media/audio/rabe.en.vtt', placeholder: true },
  },
  captions: { 'zh-Hans': { narration: 'en', url: '/media/audio/rabe.en.zh-Hans.vtt' } },
};

const twoVoices: Voices = {
  narration: {
    en: { audio: '/media/audio/v.en.ogg', captions: '/media/audio/v.en.vtt', placeholder: true },
    id: { audio: '/media/audio/v.id.ogg', placeholder: false },
  },
  captions: { ja: { narration: 'id', url: '/media/audio/v.id.ja.vtt' } },
};

describe('narrationOffer', () => {
  it.each([
    {
      name: 'a narration in the visitor’s language, with its own captions',
      voices: englishOnly,
      lang: 'en',
      offer: {
        inVisitorLanguage: true,
        choices: [
          {
            spoken: 'en',
            audio: '/media/audio/rabe.en.ogg',
            placeholder: true,
            captions: { url: '/media/audio/rabe.en.vtt', lang: 'en' },
            captionsTranslated: false,
          },
        ],
      },
    },
    {
      name: 'English narration with captions translated into the visitor’s Chinese',
      voices: englishOnly,
      lang: 'zh-Hans',
      offer: {
        inVisitorLanguage: false,
        choices: [
          {
            spoken: 'en',
            audio: '/media/audio/rabe.en.ogg',
            placeholder: true,
            captions: { url: '/media/audio/rabe.en.zh-Hans.vtt', lang: 'zh-Hans' },
            captionsTranslated: true,
          },
        ],
      },
    },
    {
      name: 'English narration with English captions for a Japanese visitor (no translation)',
      voices: englishOnly,
      lang: 'ja',
      offer: {
        inVisitorLanguage: false,
        choices: [
          {
            spoken: 'en',
            audio: '/media/audio/rabe.en.ogg',
            placeholder: true,
            captions: { url: '/media/audio/rabe.en.vtt', lang: 'en' },
            captionsTranslated: false,
          },
        ],
      },
    },
    {
      name: 'two narrations: the one with captions in the visitor’s language first; one without captions',
      voices: twoVoices,
      lang: 'ja',
      offer: {
        inVisitorLanguage: false,
        choices: [
          {
            spoken: 'id',
            audio: '/media/audio/v.id.ogg',
            placeholder: false,
            captions: { url: '/media/audio/v.id.ja.vtt', lang: 'ja' },
            captionsTranslated: true,
          },
          {
            spoken: 'en',
            audio: '/media/audio/v.en.ogg',
            placeholder: true,
            captions: { url: '/media/audio/v.en.vtt', lang: 'en' },
            captionsTranslated: false,
          },
        ],
      },
    },
    {
      name: 'a narration in the visitor’s language without captions',
      voices: twoVoices,
      lang: 'id',
      offer: {
        inVisitorLanguage: true,
        choices: [
          { spoken: 'id', audio: '/media/audio/v.id.ogg', placeholder: false, captionsTranslated: false },
        ],
      },
    },
    {
      name: 'no narration at all',
      voices: { narration: {}, captions: {} },
      lang: 'en',
      offer: { inVisitorLanguage: false, choices: [] },
    },
  ])('$name', ({ voices, lang, offer }) => {
    expect(narrationOffer(voices, lang)).toEqual(offer);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [0.99, '0:00'],
    [7.2, '0:07'],
    [41, '0:41'],
    [60, '1:00'],
    [761.9, '12:41'],
    [3723, '1:02:03'],
    [-3, '0:00'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});
