import { describe, expect, it } from 'vitest';
import { cueAt, cueText, parseTimestamp, parseVtt, readVtt, VttSyntaxError, type Cue } from './vtt';

describe('parseTimestamp', () => {
  it.each([
    ['00:00:00.000', 0],
    ['00:00:04.479', 4.479],
    ['01:02:03.456', 3723.456],
    ['100:00:00.000', 360000],
    ['02:03.456', 123.456],
    ['00:00.001', 0.001],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseTimestamp(text)).toBeCloseTo(seconds, 6);
  });

  it.each([
    '0:00:00.000',
    '00:60:00.000',
    '00:00:60.000',
    '00:00:00.00',
    '00:00:00,000',
    '1:02.000',
    '00:00:00',
    '',
  ])('%j is not a timestamp', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('cueText', () => {
  it.each([
    ['plain words', { text: 'plain words' }],
    [
      '<v Minnie Vautrin>I suddenly feel</v> drained.',
      { text: 'I suddenly feel drained.', voice: 'Minnie Vautrin' },
    ],
    ['<v.narrator Reader>Words', { text: 'Words', voice: 'Reader' }],
    ['<b>bold</b> and <i>italic</i> and <u>under</u>', { text: 'bold and italic and under' }],
    ['<c.quiet>classed</c> text', { text: 'classed text' }],
    ['<ruby>南京<rt>Nánjīng</rt></ruby>', { text: '南京Nánjīng' }],
    ['one <00:00:01.500>two', { text: 'one two' }],
    ['Rabe &amp; Vautrin &lt;1937&gt;', { text: 'Rabe & Vautrin <1937>' }],
    ['  first line  \n  second line ', { text: 'first line\nsecond line' }],
  ])('%j', (payload, expected) => {
    expect(cueText(payload)).toEqual(expected);
  });
});

const header = 'WEBVTT\n\n';

describe('parseVtt', () => {
  const valid: { name: string; source: string; cues: Cue[] }[] = [
    { name: 'signature only', source: 'WEBVTT\n', cues: [] },
    {
      name: 'signature with a title and header lines',
      source: 'WEBVTT - Rabe\nKind: captions\n\n00:01.000 --> 00:02.000\nA',
      cues: [{ start: 1, end: 2, text: 'A' }],
    },
    {
      name: 'identifiers and hh:mm:ss timestamps',
      source: `${header}1\n00:00:00.000 --> 00:00:04.479\nWhen the gates\n\n2\n00:00:04.479 --> 00:00:08.899\nwhere I have`,
      cues: [
        { id: '1', start: 0, end: 4.479, text: 'When the gates' },
        { id: '2', start: 4.479, end: 8.899, text: 'where I have' },
      ],
    },
    {
      name: 'mm:ss timestamps without identifiers, cue settings ignored',
      source: `${header}00:01.000 --> 00:02.500 line:90% align:center\nOne`,
      cues: [{ start: 1, end: 2.5, text: 'One' }],
    },
    {
      name: 'multi-line cue text',
      source: `${header}intro\n00:00.000 --> 00:03.000\nFirst line\nsecond line`,
      cues: [{ id: 'intro', start: 0, end: 3, text: 'First line\nsecond line' }],
    },
    {
      name: 'NOTE, STYLE and REGION blocks are skipped',
      source: `${header}NOTE timed by character count\nsecond note line\n\nSTYLE\n::cue { color: white }\n\nREGION\nid:bottom\n\nNOTE\n\n00:00.000 --> 00:01.000\nSpoken`,
      cues: [{ start: 0, end: 1, text: 'Spoken' }],
    },
    {
      name: 'CRLF line endings, a byte-order mark and extra blank lines',
      source: '\uFEFFWEBVTT\r\n\r\n\r\n00:00.000 --> 00:01.000\r\n<v Rabe>Misery\r\n\r\n\r\n',
      cues: [{ start: 0, end: 1, text: 'Misery', voice: 'Rabe' }],
    },
    {
      name: 'overlapping cues in start order',
      source: `${header}00:00.000 --> 00:05.000\nA\n\n00:02.000 --> 00:03.000\nB`,
      cues: [
        { start: 0, end: 5, text: 'A' },
        { start: 2, end: 3, text: 'B' },
      ],
    },
  ];
  it.each(valid)('reads $name', ({ source, cues }) => {
    expect(parseVtt(source)).toEqual(cues);
  });

  const invalid: { name: string; source: string; line: number; message: RegExp }[] = [
    { name: 'no signature', source: '1\n00:00.000 --> 00:01.000\nA', line: 1, message: /WEBVTT/ },
    { name: 'signature glued to text', source: 'WEBVTTX\n', line: 1, message: /WEBVTT/ },
    {
      name: 'identifier without timing',
      source: `${header}1\nWhen the gates`,
      line: 4,
      message: /timing line/,
    },
    {
      name: 'comma decimal separator',
      source: `${header}00:00:00,000 --> 00:00:01,000\nA`,
      line: 3,
      message: /not a timestamp/,
    },
    {
      name: 'missing milliseconds',
      source: `${header}00:00 --> 00:01.000\nA`,
      line: 3,
      message: /"00:00" is not a timestamp/,
    },
    {
      name: 'end before start',
      source: `${header}00:02.000 --> 00:01.000\nA`,
      line: 3,
      message: /before or when it starts/,
    },
    {
      name: 'zero-length cue',
      source: `${header}00:01.000 --> 00:01.000\nA`,
      line: 3,
      message: /before or when it starts/,
    },
    {
      name: 'arrow without spaces',
      source: `${header}00:01.000-->00:02.000\nA`,
      line: 3,
      message: /not a timing line/,
    },
    {
      name: 'cues out of order',
      source: `${header}00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB`,
      line: 6,
      message: /time order/,
    },
    {
      name: 'a missing blank line between cues',
      source: `${header}00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB`,
      line: 5,
      message: /blank line missing/,
    },
  ];
  it.each(invalid)('refuses $name (line $line)', ({ source, line, message }) => {
    let error: unknown;
    try {
      parseVtt(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VttSyntaxError);
    expect((error as VttSyntaxError).line).toBe(line);
    expect((error as VttSyntaxError).message).toMatch(message);
  });
});

describe('readVtt: the good cues stay, each broken one is named by its line', () => {
  const source = [
    'WEBVTT',
    '',
    '00:00.000 --> 00:01.000',
    'One',
    '',
    '00:01,000 --> 00:02.000',
    'broken: comma',
    '',
    'two',
    '00:02.000 --> 00:03.000',
    'Two',
    '',
    '00:05.000 --> 00:04.000',
    'broken: backwards',
    '',
    '00:01.500 --> 00:02.000',
    'broken: out of order',
    '',
    '00:06.000 --> 00:07.000',
    'Three',
  ].join('\n');

  it('keeps every good cue with the line of its timing', () => {
    const read = readVtt(source);
    expect(read.isVtt).toBe(true);
    expect(read.cues.map((c) => c.text)).toEqual(['One', 'Two', 'Three']);
    expect(read.cueLines).toEqual([3, 10, 19]);
  });

  it('names each broken cue by its line, in file order', () => {
    expect(readVtt(source).problems.map((p) => [p.line, p.message])).toEqual([
      [6, expect.stringMatching(/"00:01,000" is not a timestamp/)],
      [13, expect.stringMatching(/before or when it starts/)],
      [16, expect.stringMatching(/time order/)],
    ]);
  });

  it('parseVtt, the strict form, throws at the first of them', () => {
    expect(() => parseVtt(source)).toThrow(
      new VttSyntaxError('"00:01,000" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)', 6),
    );
  });

  it('a file without the signature is not WebVTT and has no cues', () => {
    expect(readVtt('<html>\n00:00.000 --> 00:01.000\nA')).toEqual({
      isVtt: false,
      cues: [],
      cueLines: [],
      problems: [{ line: 1, message: 'a WebVTT file must begin with "WEBVTT"' }],
    });
  });
});

describe('cueAt', () => {
  const cues: Cue[] = [
    { start: 0, end: 4.479, text: 'one' },
    { start: 4.479, end: 8.899, text: 'two' },
    { start: 10, end: 20, text: 'long' },
    { start: 12, end: 13, text: 'inside' },
  ];
  it.each([
    [0, 'one'],
    [4.478, 'one'],
    [4.479, 'two'],
    [8.9, undefined],
    [9.99, undefined],
    [10, 'long'],
    [12.5, 'inside'],
    [13, 'long'],
    [20, undefined],
    [-1, undefined],
  ])('at %d s shows %j', (seconds, text) => {
    expect(cueAt(cues, seconds)?.text).toBe(text);
  });

  it('shows nothing without cues', () => {
    expect(cueAt([], 3)).toBeUndefined();
  });
});
