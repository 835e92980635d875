/**
 * Checking the files a package refers to, each through the package's one path rule and size limits
 * (packageFiles.ts): images decoded in full with sharp after their first bytes are seen to be the format
 * their name says, narration audio read header page by header page with its length (audioFormat.ts), and
 * WebVTT captions parsed cue by cue with the kiosk's own reader (main/common/vtt.ts).
 */
import sharp from 'sharp';
import { readVtt, type VttProblem } from '../common/vtt';
import { audioKind, readAudio, type AudioInfo, type AudioKind } from './audioFormat';
import { checkPackageFile, FILE_LIMITS, withByteSource, type FileKind } from './packageFiles';

export const MAX_IMAGE_PIXELS = 400_000_000;
export const MAX_IMAGE_BYTES = FILE_LIMITS.image;

export type FileCheck<T = object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

export interface ImageInfo {
  width: number;
  height: number;
  format: string;
  size: number;
  mtimeMs: number;
}

type ImageFormat = 'jpeg' | 'png' | 'webp';
const IMAGE_FORMATS: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };
const IMAGE_FORMAT_OF_EXTENSION: Record<string, ImageFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
};

/** What the first bytes of a file say it is: one of the kiosk's image formats, or a word for another. Pure. */
export function imageKind(head: Uint8Array): ImageFormat | string | null {
  const text = String.fromCharCode(...head.subarray(0, 64));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (text.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  if (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') return 'webp';
  if (text.startsWith('GIF8')) return 'GIF';
  if (/^(II\*\0|MM\0\*)/.test(text)) return 'TIFF';
  if (text.slice(4, 12) === 'ftypavif' || text.slice(4, 12) === 'ftypheic') return 'AVIF or HEIC';
  if (/^\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(text)) return 'SVG';
  if (/^\s*<(!DOCTYPE html|html|head|body|script)/i.test(text)) return 'HTML';
  return null;
}

/**
 * Why a file's bytes are not the image format its name says, or null when they are. Checked before sharp
 * ever sees a file, so an SVG (or anything else) named .png is never rasterised. Pure.
 */
export function imageMismatch(name: string, head: Uint8Array): { code: string; message: string } | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const expected = IMAGE_FORMAT_OF_EXTENSION[ext];
  const actual = imageKind(head);
  if (expected && actual === expected) return null;
  if (actual === null)
    return {
      code: 'corrupt-image',
      message: `"${name}" cannot be read as an image; it may be damaged or not really a JPEG, PNG or WebP file`,
    };
  if (actual in IMAGE_FORMATS) {
    const real = actual === 'jpeg' ? 'jpg' : actual;
    return {
      code: 'wrong-image-format',
      message: `"${name}" is really a ${IMAGE_FORMATS[actual as ImageFormat]} image; rename it to end in .${real}`,
    };
  }
  return {
    code: 'wrong-image-format',
    message: `"${name}" is ${/^(SVG|HTML|AVIF)/.test(actual) ? 'an' : 'a'} ${actual} file, not a ${expected ? IMAGE_FORMATS[expected] : 'JPEG, PNG or WebP'} image; save it as JPEG, PNG or WebP`,
  };
}

const subjectFor = (word: string, relative: string) => `the ${word} file "${relative}"`;

/**
 * Check an image of the package: path rule, size, format by its first bytes, then a full decode, unless
 * `decodedBefore` says this very file (same size and modification time) was decoded in full already.
 */
export async function checkImage(
  mediaDir: string,
  relative: string,
  options: { decode?: boolean; decodedBefore?: { size: number; mtimeMs: number } } = {},
): Promise<FileCheck<ImageInfo>> {
  const file = await checkPackageFile(mediaDir, relative, 'image', subjectFor('image', relative));
  if (!file.ok) return file.code === 'file-too-large' ? { ...file, code: 'image-too-large' } : file;
  const info = { size: file.size, mtimeMs: file.mtimeMs };
  if (options.decode === false) return { ok: true, width: 0, height: 0, format: 'unknown', ...info };
  if (file.size === 0)
    return { ok: false, code: 'corrupt-image', message: `the image file "${relative}" is empty (0 bytes)` };
  let head: Uint8Array;
  try {
    head = await withByteSource(file.real, (source) => source.read(0, 64));
  } catch {
    return { ok: false, code: 'unreadable-file', message: `the image file "${relative}" cannot be read` };
  }
  const mismatch = imageMismatch(relative, head);
  if (mismatch) return { ok: false, ...mismatch };
  try {
    const image = sharp(file.real, {
      limitInputPixels: MAX_IMAGE_PIXELS,
      failOn: 'error',
      sequentialRead: true,
    });
    const meta = await image.metadata();
    const oriented = meta.autoOrient ?? meta;
    const width = oriented.width ?? meta.width;
    const height = oriented.height ?? meta.height;
    if (!width || !height)
      return {
        ok: false,
        code: 'corrupt-image',
        message: `the image "${relative}" has no size; it may be damaged`,
      };
    // Decode every pixel: a truncated or damaged scan fails here, not in front of a visitor.
    const before = options.decodedBefore;
    if (!before || before.size !== file.size || before.mtimeMs !== file.mtimeMs) await image.stats();
    return { ok: true, width, height, format: meta.format ?? 'unknown', ...info };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(text))
      return {
        ok: false,
        code: 'image-too-large',
        message: `the image "${relative}" has more than ${MAX_IMAGE_PIXELS / 1e6} megapixels, the limit`,
      };
    return {
      ok: false,
      code: 'corrupt-image',
      message: `"${relative}" cannot be read as an image to its end; it may be damaged or cut off (${text.split('\n')[0]})`,
    };
  }
}

const EXPECTED_AUDIO: Record<string, AudioKind> = { ogg: 'ogg', opus: 'ogg', mp3: 'mp3', m4a: 'm4a' };

/** Check a narration's audio: path rule, size, format by its first bytes, header pages and length. */
export async function checkAudio(mediaDir: string, relative: string): Promise<FileCheck<AudioInfo>> {
  const file = await checkPackageFile(mediaDir, relative, 'audio', subjectFor('audio', relative));
  if (!file.ok) return file;
  const corrupt = (why: string) => ({
    ok: false as const,
    code: 'corrupt-audio',
    message: `"${relative}" is not an audio file the kiosk can play (Ogg, MP3 or M4A): ${why}`,
  });
  try {
    return await withByteSource(file.real, async (source) => {
      const kind = audioKind(await source.read(0, 12));
      if (!kind) return corrupt('its first bytes are not Ogg, MP3 or M4A');
      const expected = EXPECTED_AUDIO[relative.toLowerCase().split('.').pop() ?? ''];
      if (expected && expected !== kind)
        return {
          ok: false as const,
          code: 'wrong-audio-format',
          message: `"${relative}" is really ${kind.toUpperCase()} audio; rename it to end in .${kind}`,
        };
      const read = await readAudio(source, kind);
      return read.ok
        ? { ok: true as const, format: read.format, seconds: read.seconds }
        : corrupt(read.reason);
    });
  } catch (error) {
    return corrupt(error instanceof Error ? error.message : String(error));
  }
}

/** True when text starts like a WebVTT file ("WEBVTT", then a space, tab or line end). Pure. */
export function looksLikeWebVtt(head: string): boolean {
  return /^\uFEFF?WEBVTT([ \t\r\n]|$)/.test(head);
}

export interface CaptionsInfo {
  /** Start of each good cue, and the line its timing is on. */
  cues: { start: number; line: number }[];
  /** Each broken cue (left out by the kiosk), by line. */
  problems: VttProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Check a captions file with the kiosk's own WebVTT reader. Broken cues are listed, not fatal. */
export async function checkCaptions(mediaDir: string, relative: string): Promise<FileCheck<CaptionsInfo>> {
  const kind: FileKind = 'captions';
  const file = await checkPackageFile(mediaDir, relative, kind, subjectFor('captions', relative));
  if (!file.ok) return file;
  let text: string;
  try {
    const bytes = await withByteSource(file.real, (source) => source.read(0, FILE_LIMITS.captions + 1));
    if (bytes.length > FILE_LIMITS.captions)
      return {
        ok: false,
        code: 'file-too-large',
        message: `the captions file "${relative}" grew past its limit`,
      };
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      code: 'corrupt-captions',
      message: `"${relative}" is not UTF-8 text; save it again choosing the UTF-8 encoding`,
    };
  }
  const read = readVtt(text);
  if (!read.isVtt)
    return {
      ok: false,
      code: 'corrupt-captions',
      message: `"${relative}" is not a WebVTT captions file: its first line must be "WEBVTT"`,
    };
  return {
    ok: true,
    cues: read.cues.map((cue, i) => ({ start: cue.start, line: read.cueLines[i] ?? 1 })),
    problems: read.problems,
  };
}
