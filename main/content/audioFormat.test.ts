/**
 * Audio headers and lengths: real Ogg Opus and Ogg Vorbis files (tests/fixtures/audio-formats, made with
 * opusenc and sox), and MP3 and M4A files built byte by byte here; each broken the ways a file is broken.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audioKind, mp3Frame, oggChecksum, readAudio, type AudioKind } from './audioFormat';
import type { ByteSource } from './packageFiles';

const formats = path.resolve(__dirname, '../../tests/fixtures/audio-formats');
const opus = readFileSync(path.join(formats, 'tone-1.5s.opus.ogg'));
const vorbis = readFileSync(path.join(formats, 'tone-2s.vorbis.ogg'));

const source = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
});
const read = (bytes: Uint8Array, kind: AudioKind = audioKind(bytes) ?? 'ogg') =>
  readAudio(source(bytes), kind);
const concat = (...parts: (Uint8Array | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('Ogg', () => {
  it('reads an Opus file and its length', async () => {
    expect(await read(opus)).toEqual({ ok: true, format: 'Ogg Opus', seconds: expect.closeTo(1.5, 3) });
  });

  it('reads a Vorbis file and its length', async () => {
    expect(await read(vorbis)).toEqual({ ok: true, format: 'Ogg Vorbis', seconds: expect.closeTo(2, 3) });
  });

  it('checks each page against its checksum (the CRC of the first page as written)', () => {
    const first = opus.subarray(0, 27 + (opus[26] ?? 0) + 19);
    expect(oggChecksum(first)).toBe(first.readUInt32LE(22));
  });

  it.each([
    [
      '"OggS" followed by an HTML page',
      concat('OggS<html><body>hello</body></html>'.padEnd(300, ' ')),
      /not an Ogg page|unknown version/,
    ],
    [
      'a damaged first page',
      (() => {
        const b = Buffer.from(opus);
        b[40] = (b[40] ?? 0) ^ 0xff;
        return b;
      })(),
      /checksum/,
    ],
    ['only its first page', opus.subarray(0, opus.indexOf('OggS', 4)), /first Ogg page/],
    [
      'cut off in the middle',
      opus.subarray(0, Math.floor(opus.length * 0.7)),
      /does not end with a whole Ogg page/,
    ],
    [
      'an HTML page after the audio',
      concat(opus, '<html><script>alert(1)</script></html>'),
      /does not end with a whole Ogg page/,
    ],
    [
      'a first page holding neither Opus nor Vorbis',
      (() => {
        const b = Buffer.from(opus);
        b.write('NotOpusH', 28, 'latin1');
        b.writeUInt32LE(0, 22);
        b.writeUInt32LE(oggChecksum(b.subarray(0, 27 + (b[26] ?? 0) + 19)), 22);
        return b;
      })(),
      /neither Opus nor Vorbis/,
    ],
  ])('refuses %s', async (_name, bytes, reason) => {
    const result = await read(bytes, 'ogg');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo: 417-byte frames of 1,152 samples. */
function mp3Frames(count: number, first?: Uint8Array): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  const frames = Array.from({ length: count }, () => Buffer.from(frame));
  if (first && frames[0]) frames[0].set(first, 4 + 32);
  return Buffer.concat(frames);
}

describe('MP3', () => {
  it('reads frame headers', () => {
    expect(mp3Frame(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toMatchObject({
      length: 417,
      samples: 1152,
      rate: 44_100,
      bitrate: 128_000,
    });
    expect(mp3Frame(new Uint8Array([0xff, 0xfb, 0xf0, 0x00]))).toBeNull(); // bitrate index 15
    expect(mp3Frame(new Uint8Array([0xff, 0xfb, 0x9c, 0x00]))).toBeNull(); // rate index 3
    expect(mp3Frame(new Uint8Array([0xff, 0xe9, 0x90, 0x00]))).toBeNull(); // reserved layer
  });

  it('a constant-bitrate file: its length from its size', async () => {
    expect(await read(mp3Frames(100))).toEqual({
      ok: true,
      format: 'MP3',
      seconds: expect.closeTo(2.606, 2),
    });
  });

  it('after an ID3 tag, with a Xing header counting its frames', async () => {
    const id3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20, ...Array(20).fill(0)]);
    const xing = concat('Xing', Buffer.from([0, 0, 0, 1, 0, 0, 0, 99]));
    expect(await read(concat(id3, mp3Frames(100, xing)))).toEqual({
      ok: true,
      format: 'MP3',
      seconds: expect.closeTo((99 * 1152) / 44_100, 3),
    });
  });

  it.each([
    ['an ID3 tag and nothing after it', Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0])],
    ['a frame followed by an HTML page', concat(mp3Frames(1), '<html>'.padEnd(600, ' '))],
  ])('refuses %s', async (_name, bytes) => {
    expect((await read(bytes, 'mp3')).ok).toBe(false);
  });
});

function box(type: string, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  const b = Buffer.alloc(version === 1 ? 112 : 100);
  b[0] = version;
  if (version === 1) {
    b.writeUInt32BE(timescale, 20);
    b.writeBigUInt64BE(BigInt(duration), 24);
  } else {
    b.writeUInt32BE(timescale, 12);
    b.writeUInt32BE(duration, 16);
  }
  return box('mvhd', b);
}

describe('M4A', () => {
  const ftyp = box('ftyp', Buffer.from('M4A \0\0\0\0M4A isom', 'latin1'));
  it.each([
    [
      'a movie header at the end (version 0)',
      concat(ftyp, box('mdat', Buffer.alloc(64)), box('moov', mvhd(0, 1000, 2500))),
      2.5,
    ],
    [
      'a movie header first (version 1)',
      concat(ftyp, box('moov', mvhd(1, 44_100, 88_200)), box('mdat', Buffer.alloc(64))),
      2,
    ],
  ])('reads %s', async (_name, bytes, seconds) => {
    expect(await read(bytes)).toEqual({ ok: true, format: 'M4A', seconds });
  });

  it.each([
    ['cut off before its movie box', concat(ftyp, box('mdat', Buffer.alloc(64))).subarray(0, 60)],
    ['a box claiming more than the file holds', concat(ftyp, Buffer.from([0x7f, 0, 0, 0]), 'moov')],
    ['a length of zero', concat(ftyp, box('moov', mvhd(0, 1000, 0)))],
  ])('refuses %s', async (_name, bytes) => {
    expect((await read(bytes, 'm4a')).ok).toBe(false);
  });
});

describe('audioKind', () => {
  it.each([
    [[0x4f, 0x67, 0x67, 0x53], 'ogg'],
    [[0x49, 0x44, 0x33, 4], 'mp3'],
    [[0xff, 0xfb, 0x90, 0], 'mp3'],
    [[0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70], 'm4a'],
    [[0x3c, 0x68, 0x74, 0x6d], null],
    [[], null],
  ])('%j is %s', (bytes, kind) => {
    expect(audioKind(new Uint8Array(bytes))).toBe(kind);
  });
});
