/**
 * A small, strict WebVTT reader for the narration's captions. Pure: text in, cues out.
 *
 * What it accepts (the part of https://www.w3.org/TR/webvtt1/ the exhibit uses):
 * - the `WEBVTT` signature on the first line (an optional byte-order mark, optional text after a space);
 * - cues with an optional identifier line, a timing line `start --> end [settings]` with timestamps
 *   `hh:mm:ss.ttt` or `mm:ss.ttt`, and one or more lines of text;
 * - `NOTE`, `STYLE` and `REGION` blocks, which are skipped.
 *
 * Cue text is returned as plain text: tags such as `<v Speaker>`, `<b>`, `<i>`, `<c.loud>` and inline
 * timestamps are removed (a `<v>` speaker is kept apart as `voice`), and the five character references
 * WebVTT files use are decoded. Anything else malformed is an error with its line number, so a broken
 * captions file is found when the content is checked, not guessed at in front of a visitor.
 */

export interface Cue {
  id?: string;
  /** Seconds. */
  start: number;
  /** Seconds; always after `start`. */
  end: number;
  /** Plain text; lines separated by `\n`. */
  text: string;
  /** The speaker named by a `<v Speaker>` tag, if any. */
  voice?: string;
}

export class VttSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line number in the file. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'VttSyntaxError';
  }
}

const hoursTimestamp = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/;
const minutesTimestamp = /^([0-5]\d):([0-5]\d)\.(\d{3})$/;

/** Seconds for a WebVTT timestamp (`01:02:03.456` or `02:03.456`), or null if it is not one. */
export function parseTimestamp(text: string): number | null {
  const long = hoursTimestamp.exec(text);
  // Whole milliseconds first, so 00:00:08.899 is exactly 8.899 and not 8.899000000000001.
  if (long)
    return (
      (((Number(long[1]) * 60 + Number(long[2])) * 60 + Number(long[3])) * 1000 + Number(long[4])) / 1000
    );
  const short = minutesTimestamp.exec(text);
  if (short) return ((Number(short[1]) * 60 + Number(short[2])) * 1000 + Number(short[3])) / 1000;
  return null;
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00a0',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
};

/** Plain text of one cue's payload: tags removed, character references decoded, lines trimmed. */
export function cueText(payload: string): { text: string; voice?: string } {
  let voice: string | undefined;
  const withoutTags = payload.replace(/<([^>]*)>/g, (_whole, inside: string) => {
    const v = /^v(?:\.[^\s]*)?\s+(.+)$/.exec(inside.trim());
    if (v && voice === undefined) voice = v[1]?.trim();
    return '';
  });
  const text = withoutTags
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (ref) => entities[ref] ?? ref)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
  return voice === undefined ? { text } : { text, voice };
}

/** Every cue of a WebVTT file, in order. Throws `VttSyntaxError` when the file is not valid WebVTT. */
export function parseVtt(source: string): Cue[] {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const signature = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(signature)) {
    throw new VttSyntaxError('a WebVTT file must begin with "WEBVTT"', 1);
  }

  // Split into blocks separated by blank lines, remembering where each begins.
  const blocks: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  }

  const cues: Cue[] = [];
  // The first block is the header (the signature and any header lines after it).
  for (const block of blocks.slice(1)) {
    const first = block.lines[0] ?? '';
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$/.test(first)) continue;

    let timingIndex = 0;
    let id: string | undefined;
    if (!first.includes('-->')) {
      id = first;
      timingIndex = 1;
    }
    const timingLine = block.lines[timingIndex];
    const lineNumber = block.line + timingIndex;
    if (timingLine === undefined || !timingLine.includes('-->')) {
      throw new VttSyntaxError(
        `a cue needs a timing line "start --> end" after its identifier "${first}"`,
        lineNumber,
      );
    }
    const timing = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(timingLine);
    if (!timing) throw new VttSyntaxError(`"${timingLine}" is not a timing line "start --> end"`, lineNumber);
    const start = parseTimestamp(timing[1] ?? '');
    const end = parseTimestamp(timing[2] ?? '');
    if (start === null)
      throw new VttSyntaxError(`"${timing[1]}" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)`, lineNumber);
    if (end === null)
      throw new VttSyntaxError(`"${timing[2]}" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)`, lineNumber);
    if (end <= start)
      throw new VttSyntaxError(
        `the cue ends (${timing[2]}) before or when it starts (${timing[1]})`,
        lineNumber,
      );
    const previous = cues[cues.length - 1];
    if (previous && start < previous.start) {
      throw new VttSyntaxError(
        `the cue starts (${timing[1]}) before the cue above it; cues must be in time order`,
        lineNumber,
      );
    }

    const payloadLines = block.lines.slice(timingIndex + 1);
    const arrow = payloadLines.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) {
      throw new VttSyntaxError(
        'cue text may not contain "-->" (is a blank line missing before this cue?)',
        lineNumber + 1 + arrow,
      );
    }
    const { text, voice } = cueText(payloadLines.join('\n'));
    const cue: Cue = { start, end, text };
    if (id !== undefined) cue.id = id;
    if (voice !== undefined) cue.voice = voice;
    cues.push(cue);
  }
  return cues;
}

/**
 * The cue to show at `seconds`: the latest-starting cue with `start <= seconds < end`, or undefined in a
 * pause between cues (or before the first and after the last).
 */
export function cueAt(cues: readonly Cue[], seconds: number): Cue | undefined {
  for (let i = cues.length - 1; i >= 0; i -= 1) {
    const cue = cues[i];
    if (cue && cue.start <= seconds && seconds < cue.end) return cue;
  }
  return undefined;
}
