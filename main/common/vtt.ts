/**
 * A small, strict WebVTT reader for the narration's captions. Pure: text in, cues out; neither Node nor DOM.
 * Part of the contract: the kiosk reads captions with it (renderer/src/narration/useCaptions.ts) and the
 * content checker checks every captions file with it (main/content/mediaFiles.ts), so what the checker
 * passes is exactly what the kiosk shows.
 *
 * What it accepts (the part of https://www.w3.org/TR/webvtt1/ the exhibit uses):
 * - the `WEBVTT` signature on the first line (an optional byte-order mark, optional text after a space);
 * - cues with an optional identifier line, a timing line `start --> end [settings]` with timestamps
 *   `hh:mm:ss.ttt` or `mm:ss.ttt`, and one or more lines of text;
 * - `NOTE`, `STYLE` and `REGION` blocks, which are skipped.
 *
 * Cue text is returned as plain text: tags such as `<v Speaker>`, `<b>`, `<i>`, `<c.loud>` and inline
 * timestamps are removed (a `<v>` speaker is kept apart as `voice`), and the five character references
 * WebVTT files use are decoded. Anything else malformed is a problem with its line number.
 *
 * `readVtt` keeps every good cue and lists each broken one with its line (the kiosk shows the good cues;
 * the checker names the broken ones); `parseVtt` is the strict form, throwing at the first broken cue.
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

/** A broken cue (or a missing signature), left out by `readVtt`. */
export interface VttProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface VttDocument {
  /** False when the file is not WebVTT at all (no `WEBVTT` signature): it then has no cues. */
  isVtt: boolean;
  /** Every good cue, in order. */
  cues: Cue[];
  /** The line each cue's timing is on, beside `cues`. */
  cueLines: number[];
  /** Every broken cue, in file order; each is left out of `cues`. */
  problems: VttProblem[];
}

const notCue = /^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$/;

/** Every good cue of a WebVTT file, and every broken one by its line. Never throws. */
export function readVtt(source: string): VttDocument {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const signature = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(signature)) {
    return {
      isVtt: false,
      cues: [],
      cueLines: [],
      problems: [{ line: 1, message: 'a WebVTT file must begin with "WEBVTT"' }],
    };
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

  const result: VttDocument = { isVtt: true, cues: [], cueLines: [], problems: [] };
  // The first block is the header (the signature and any header lines after it).
  for (const block of blocks.slice(1)) {
    if (notCue.test(block.lines[0] ?? '')) continue;
    const cue = readCue(block, result.cues[result.cues.length - 1]);
    if ('problem' in cue) result.problems.push(cue.problem);
    else {
      result.cues.push(cue.cue);
      result.cueLines.push(cue.line);
    }
  }
  return result;
}

/** One cue block, checked against the good cue before it. */
function readCue(
  block: { line: number; lines: string[] },
  previous: Cue | undefined,
): { cue: Cue; line: number } | { problem: VttProblem } {
  const first = block.lines[0] ?? '';
  let timingIndex = 0;
  let id: string | undefined;
  if (!first.includes('-->')) {
    id = first;
    timingIndex = 1;
  }
  const timingLine = block.lines[timingIndex];
  const line = block.line + timingIndex;
  const problem = (message: string, at = line) => ({ problem: { line: at, message } });
  if (timingLine === undefined || !timingLine.includes('-->'))
    return problem(`a cue needs a timing line "start --> end" after its identifier "${first}"`);
  const timing = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(timingLine);
  if (!timing) return problem(`"${timingLine}" is not a timing line "start --> end"`);
  const start = parseTimestamp(timing[1] ?? '');
  const end = parseTimestamp(timing[2] ?? '');
  if (start === null) return problem(`"${timing[1]}" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)`);
  if (end === null) return problem(`"${timing[2]}" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)`);
  if (end <= start) return problem(`the cue ends (${timing[2]}) before or when it starts (${timing[1]})`);
  if (previous && start < previous.start)
    return problem(`the cue starts (${timing[1]}) before the cue above it; cues must be in time order`);

  const payloadLines = block.lines.slice(timingIndex + 1);
  const arrow = payloadLines.findIndex((l) => l.includes('-->'));
  if (arrow >= 0)
    return problem(
      'cue text may not contain "-->" (is a blank line missing before this cue?)',
      line + 1 + arrow,
    );
  const { text, voice } = cueText(payloadLines.join('\n'));
  const cue: Cue = { start, end, text };
  if (id !== undefined) cue.id = id;
  if (voice !== undefined) cue.voice = voice;
  return { cue, line };
}

/** Every cue of a WebVTT file, in order. Throws `VttSyntaxError` at the first broken cue. */
export function parseVtt(source: string): Cue[] {
  const { cues, problems } = readVtt(source);
  const first = problems[0];
  if (first) throw new VttSyntaxError(first.message, first.line);
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
