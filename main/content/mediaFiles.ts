/**
 * Checking the files a package refers to: images (decoded with sharp), narration audio (by its first
 * bytes) and WebVTT captions.
 */
import { open, stat } from 'node:fs/promises';
import sharp from 'sharp';

export const MAX_IMAGE_PIXELS = 400_000_000;
export const MAX_IMAGE_BYTES = 200 * 1024 * 1024;

export type FileCheck<T = object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

async function firstBytes(file: string, count: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

async function isFile(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

export interface ImageInfo {
  width: number;
  height: number;
  format: string;
  size: number;
  mtimeMs: number;
}

const IMAGE_FORMATS: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

/** Read an image's size with sharp, enforcing the package limits. `shown` is how the message names it. */
export async function checkImage(file: string, shown: string): Promise<FileCheck<ImageInfo>> {
  const info = await isFile(file);
  if (!info) return { ok: false, code: 'missing-file', message: `the image file "${shown}" does not exist` };
  if (info.size === 0)
    return { ok: false, code: 'corrupt-image', message: `the image file "${shown}" is empty (0 bytes)` };
  if (info.size > MAX_IMAGE_BYTES)
    return {
      ok: false,
      code: 'image-too-large',
      message: `the image "${shown}" is ${Math.round(info.size / 1048576)} MB; the limit is 200 MB`,
    };
  try {
    const meta = await sharp(file, { limitInputPixels: false, failOn: 'error' }).metadata();
    const format = meta.format ?? 'unknown';
    if (!IMAGE_FORMATS[format])
      return {
        ok: false,
        code: 'wrong-image-format',
        message: `"${shown}" is a ${format.toUpperCase()} image; save it as JPEG, PNG or WebP`,
      };
    const oriented = meta.autoOrient ?? meta;
    const width = oriented.width ?? meta.width;
    const height = oriented.height ?? meta.height;
    if (!width || !height)
      return {
        ok: false,
        code: 'corrupt-image',
        message: `the image "${shown}" has no size; it may be damaged`,
      };
    if (width * height > MAX_IMAGE_PIXELS)
      return {
        ok: false,
        code: 'image-too-large',
        message: `the image "${shown}" is ${width}×${height} (${Math.round((width * height) / 1e6)} megapixels); the limit is 400 megapixels`,
      };
    return { ok: true, width, height, format, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return {
      ok: false,
      code: 'corrupt-image',
      message: `"${shown}" cannot be read as an image; it may be damaged or not really a JPEG, PNG or WebP file`,
    };
  }
}

/** What kind of audio the first bytes say a file is, if any the kiosk plays. Pure. */
export function audioKind(head: Uint8Array): 'ogg' | 'mp3' | 'm4a' | null {
  if (head.length >= 4 && head[0] === 0x4f && head[1] === 0x67 && head[2] === 0x67 && head[3] === 0x53)
    return 'ogg';
  if (head.length >= 3 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) return 'mp3';
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'mp3';
  if (head.length >= 8 && head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70)
    return 'm4a';
  return null;
}

const EXPECTED_AUDIO: Record<string, 'ogg' | 'mp3' | 'm4a'> = {
  ogg: 'ogg',
  opus: 'ogg',
  mp3: 'mp3',
  m4a: 'm4a',
};

export async function checkAudio(file: string, shown: string): Promise<FileCheck> {
  const info = await isFile(file);
  if (!info) return { ok: false, code: 'missing-file', message: `the audio file "${shown}" does not exist` };
  const head = await firstBytes(file, 12);
  const kind = head ? audioKind(head) : null;
  if (!kind)
    return {
      ok: false,
      code: 'corrupt-audio',
      message: `"${shown}" is not an audio file the kiosk can play (Ogg, MP3 or M4A); it may be damaged`,
    };
  const ext = shown.toLowerCase().split('.').pop() ?? '';
  const expected = EXPECTED_AUDIO[ext];
  if (expected && expected !== kind)
    return {
      ok: false,
      code: 'wrong-audio-format',
      message: `"${shown}" is really ${kind.toUpperCase()} audio; rename it to end in .${kind}`,
    };
  return { ok: true };
}

/** True when text starts like a WebVTT file ("WEBVTT", then a space, tab or line end). Pure. */
export function looksLikeWebVtt(head: string): boolean {
  return /^\uFEFF?WEBVTT([ \t\r\n]|$)/.test(head);
}

export async function checkCaptions(file: string, shown: string): Promise<FileCheck> {
  const info = await isFile(file);
  if (!info)
    return { ok: false, code: 'missing-file', message: `the captions file "${shown}" does not exist` };
  const head = await firstBytes(file, 16);
  if (!head || !looksLikeWebVtt(head.toString('utf8')))
    return {
      ok: false,
      code: 'corrupt-captions',
      message: `"${shown}" is not a WebVTT captions file: its first line must be "WEBVTT"`,
    };
  return { ok: true };
}
