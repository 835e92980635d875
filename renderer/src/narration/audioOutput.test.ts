import { describe, expect, it } from 'vitest';
import { chooseAudioOutput, outputLogLine, type ListedDevice, type OutputChoice } from './audioOutput';

const out = (label: string, deviceId: string): ListedDevice => ({ kind: 'audiooutput', label, deviceId });
const hall: ListedDevice[] = [
  out('Default - Headphones (Realtek Audio)', 'default'),
  out('Communications - Speakers (Realtek Audio)', 'communications'),
  { kind: 'audioinput', label: 'Headphones microphone', deviceId: 'mic1' },
  out('Speakers (Realtek Audio)', 'spk'),
  out('Headphones (Realtek Audio)', 'hp'),
  out('USB Audio Device', 'usb'),
  out('usb audio device (2)', 'usb2'),
];

describe('chooseAudioOutput', () => {
  it.each<[string, readonly ListedDevice[], string | undefined, OutputChoice]>([
    ['nothing named: the default', hall, undefined, { kind: 'default' }],
    ['an empty name: the default', hall, '  ', { kind: 'default' }],
    [
      'part of a name, any case',
      hall,
      'headphones',
      { kind: 'chosen', deviceId: 'hp', label: 'Headphones (Realtek Audio)' },
    ],
    [
      'an exact name wins over an earlier partial one',
      hall,
      'USB Audio Device (2)',
      {
        kind: 'chosen',
        deviceId: 'usb2',
        label: 'usb audio device (2)',
      },
    ],
    [
      'two partial matches: the first listed',
      hall,
      'usb audio',
      {
        kind: 'chosen',
        deviceId: 'usb',
        label: 'USB Audio Device',
      },
    ],
    [
      'a stand-in only when named exactly',
      hall,
      'Default - Headphones (Realtek Audio)',
      {
        kind: 'chosen',
        deviceId: 'default',
        label: 'Default - Headphones (Realtek Audio)',
      },
    ],
    [
      'an input is never an output',
      [hall[2]!, hall[3]!],
      'microphone',
      {
        kind: 'missing',
        wanted: 'microphone',
        labels: ['Speakers (Realtek Audio)'],
      },
    ],
    [
      'full-width letters match',
      hall,
      'ＵＳＢ Audio Device',
      {
        kind: 'chosen',
        deviceId: 'usb',
        label: 'USB Audio Device',
      },
    ],
    [
      'unplugged: missing, with what is there',
      [hall[0]!, hall[3]!],
      ' Headphones (Realtek Audio) ',
      {
        kind: 'missing',
        wanted: 'Headphones (Realtek Audio)',
        labels: ['Speakers (Realtek Audio)'],
      },
    ],
    [
      'names hidden by the browser (no permission): missing',
      [out('', 'default'), out('', 'a1')],
      'Headphones',
      { kind: 'missing', wanted: 'Headphones', labels: ['(no name)'] },
    ],
    ['no outputs listed at all', [], 'Headphones', { kind: 'missing', wanted: 'Headphones', labels: [] }],
  ])('%s', (_name, devices, wanted, expected) => {
    expect(chooseAudioOutput(devices, wanted)).toEqual(expected);
  });
});

describe('outputLogLine', () => {
  it.each<[OutputChoice, string | null]>([
    [{ kind: 'default' }, null],
    [
      { kind: 'chosen', deviceId: 'hp', label: 'Headphones' },
      'audio output: narration plays on "Headphones"',
    ],
    [
      { kind: 'missing', wanted: 'Headphones', labels: ['Speakers', 'HDMI'] },
      'audio output: "Headphones" (visitor.audioOutput) was not found among "Speakers", "HDMI"; narration plays on the default output',
    ],
    [
      { kind: 'missing', wanted: 'Headphones', labels: [] },
      'audio output: "Headphones" (visitor.audioOutput) was not found, and the computer lists no outputs by name; narration plays on the default output',
    ],
  ])('%j → %s', (choice, line) => {
    expect(outputLogLine(choice)).toBe(line);
  });
});
