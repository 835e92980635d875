import { describe, expect, it } from 'vitest';
import { chooseVoice, speakableLanguages, type VoiceInfo } from './voiceChoice';

const voice = (name: string, lang: string, localService = true, isDefault = false): VoiceInfo => ({
  name,
  lang,
  localService,
  default: isDefault,
});

const windows = [
  voice('Microsoft Zira', 'en-US', true, true),
  voice('Microsoft Hazel', 'en-GB'),
  voice('Microsoft Huihui', 'zh-CN'),
  voice('Microsoft Hanhan', 'zh-TW'),
  voice('Microsoft Haruka', 'ja-JP'),
  voice('Google Bahasa Indonesia', 'id-ID', false),
];
const linux = [
  voice('English (America)+espeak', 'en_US'),
  voice('Chinese (Mandarin)', 'cmn'),
  voice('ja', 'ja'),
];

describe('chooseVoice', () => {
  it.each([
    [windows, 'ja', 'Microsoft Haruka'],
    [windows, 'en', 'Microsoft Zira'],
    [windows, 'en-GB', 'Microsoft Hazel'],
    [windows, 'zh-Hans', 'Microsoft Huihui'],
    [windows, 'zh-Hant', 'Microsoft Hanhan'],
    // The only Indonesian voice is remote: never used.
    [windows, 'id', null],
    [linux, 'en', 'English (America)+espeak'],
    [linux, 'ja', 'ja'],
    [linux, 'id', null],
    [[voice('Hanhan', 'zh-TW')], 'zh-Hans', 'Hanhan'],
    [[voice('Remote Haruka', 'ja-JP', false)], 'ja', null],
    [[], 'en', null],
  ] as const)('%#: %s for %s → %s', (voices, lang, name) => {
    expect(chooseVoice(voices, lang)?.name ?? null).toBe(name);
  });
});

describe('speakableLanguages', () => {
  it('keeps the order and leaves out languages without a local voice', () => {
    expect(speakableLanguages(windows, ['zh-Hans', 'en', 'ja', 'id'])).toEqual(['zh-Hans', 'en', 'ja']);
    expect(speakableLanguages([], ['en'])).toEqual([]);
  });
});
