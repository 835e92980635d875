/**
 * Reading an audio file's header and length, as far as the checker needs to know it is what it says:
 * Ogg (Opus or Vorbis) page by page with each page's checksum, MP3 by its frames, M4A by its boxes. Pure
 * over a `ByteSource` (random access to the bytes), so the tests can feed it bytes they built.
 */
import type { ByteSource } from './packageFiles';

export type AudioKind = 'ogg' | 'mp3' | 'm4a';

export interface AudioInfo {
  format: 'Ogg Opus' | 'Ogg Vorbis' | 'MP3' | 'M4A';
  /** The playing time. */
  seconds: number;
}

export type AudioRead = ({ ok: true } & AudioInfo) | { ok: false; reason: string };

/** What kind of audio the first bytes say a file is, if any the kiosk plays. Pure. */
export function audioKind(head: Uint8Array): AudioKind | null {
  if (head.length >= 4 && head[0] === 0x4f && head[1] === 0x67 && head[2] === 0x67 && head[3] === 0x53)
    return 'ogg';
  if (head.length >= 3 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) return 'mp3';
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'mp3';
  if (head.length >= 8 && head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70)
    return 'm4a';
  return null;
}

export async function readAudio(source: ByteSource, kind: AudioKind): Promise<AudioRead> {
  if (kind === 'ogg') return readOgg(source);
  if (kind === 'mp3') return readMp3(source);
  return readM4a(source);
}

const fail = (reason: string): AudioRead => ({ ok: false, reason });
const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// ── Ogg ──────────────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, starting at 0) of a page with its checksum zeroed. */
export function oggChecksum(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : (page[i] ?? 0);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}

interface OggPage {
  flags: number;
  granule: bigint;
  serial: number;
  /** The whole page: header, segment table and body. */
  length: number;
  /** The body. */
  body: Uint8Array;
  /** Sizes of the body's segments (a packet ends at a segment shorter than 255). */
  segments: number[];
}

const MAX_OGG_PAGE = 27 + 255 + 255 * 255;

/** The Ogg page at `offset`, checked (signature, version, checksum), or a reason it is not one. */
async function oggPage(source: ByteSource, offset: number): Promise<OggPage | string> {
  const header = await source.read(offset, 27 + 255);
  if (header.length < 27 || ascii(header, 0, 4) !== 'OggS') return 'it is not an Ogg page';
  if (header[4] !== 0) return 'the Ogg page has an unknown version';
  const count = header[26] ?? 0;
  if (header.length < 27 + count) return 'the Ogg page is cut off';
  const segments = [...header.subarray(27, 27 + count)];
  const length = 27 + count + segments.reduce((sum, s) => sum + s, 0);
  const page = await source.read(offset, length);
  if (page.length < length) return 'the Ogg page is cut off';
  if (oggChecksum(page) !== view(page).getUint32(22, true))
    return 'an Ogg page is damaged (its checksum does not match)';
  return {
    flags: header[5] ?? 0,
    granule: view(page).getBigInt64(6, true),
    serial: view(page).getUint32(14, true),
    length,
    body: page.subarray(27 + count),
    segments,
  };
}

/** The first packet of a page (up to the first segment shorter than 255). */
function firstPacket(page: OggPage): Uint8Array {
  let size = 0;
  for (const s of page.segments) {
    size += s;
    if (s < 255) break;
  }
  return page.body.subarray(0, size);
}

async function readOgg(source: ByteSource): Promise<AudioRead> {
  const first = await oggPage(source, 0);
  if (typeof first === 'string') return fail(first);
  if ((first.flags & 0x02) === 0) return fail('its first Ogg page does not begin a stream');
  const ident = firstPacket(first);
  let format: AudioInfo['format'];
  let rate: number;
  let preSkip = 0;
  if (ident.length >= 19 && ascii(ident, 0, 8) === 'OpusHead') {
    if (((ident[8] ?? 0xff) & 0xf0) !== 0) return fail('its Opus header has an unknown version');
    if ((ident[9] ?? 0) === 0) return fail('its Opus header names no channels');
    format = 'Ogg Opus';
    rate = 48_000;
    preSkip = view(ident).getUint16(10, true);
  } else if (ident.length >= 30 && ident[0] === 1 && ascii(ident, 1, 6) === 'vorbis') {
    rate = view(ident).getUint32(12, true);
    if ((ident[11] ?? 0) === 0 || rate === 0) return fail('its Vorbis header names no channels or rate');
    format = 'Ogg Vorbis';
  } else {
    return fail('its first Ogg page holds neither Opus nor Vorbis audio');
  }
  if (first.length >= source.size) return fail('it ends after its first Ogg page: there is no audio');
  const second = await oggPage(source, first.length);
  if (typeof second === 'string') return fail(second);
  if (second.serial !== first.serial) return fail('its Ogg pages belong to different streams');

  // The last page: the last "OggS" in the final (largest possible) page's reach that is a whole,
  // checked page of the same stream ending exactly at the end of the file.
  const tailStart = Math.max(0, source.size - MAX_OGG_PAGE);
  const tail = await source.read(tailStart, source.size - tailStart);
  let last: OggPage | null = null;
  for (let i = tail.length - 27; i >= 0 && !last; i--) {
    if (tail[i] !== 0x4f || ascii(tail, i, 4) !== 'OggS') continue;
    const page = await oggPage(source, tailStart + i);
    if (
      typeof page !== 'string' &&
      page.serial === first.serial &&
      tailStart + i + page.length === source.size
    )
      last = page;
  }
  if (!last)
    return fail('it does not end with a whole Ogg page (it is cut off, or something follows the audio)');
  const samples = Number(last.granule) - preSkip;
  if (last.granule < 0n || samples <= 0) return fail('it holds no audio (its length is zero)');
  return { ok: true, format, seconds: samples / rate };
}

// ── MP3 ──────────────────────────────────────────────────────────────────────────────────────────────

const MP3_BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8_000],
};

interface Mp3Frame {
  length: number;
  samples: number;
  rate: number;
  bitrate: number;
  mpeg1: boolean;
  mono: boolean;
}

/** The MPEG audio frame header in four bytes, or null. Pure. */
export function mp3Frame(b: Uint8Array): Mp3Frame | null {
  if (b.length < 4 || b[0] !== 0xff || ((b[1] ?? 0) & 0xe0) !== 0xe0) return null;
  const version = ((b[1] ?? 0) >> 3) & 3; // 3 = MPEG 1, 2 = MPEG 2, 0 = MPEG 2.5
  const layer = 4 - (((b[1] ?? 0) >> 1) & 3); // 1, 2 or 3
  const bitrateIndex = ((b[2] ?? 0) >> 4) & 0xf;
  const rateIndex = ((b[2] ?? 0) >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const mpeg1 = version === 3;
  const table = MP3_BITRATES[mpeg1 ? `1-${layer}` : `2-${layer === 1 ? 1 : 2}`];
  const bitrate = (table?.[bitrateIndex] ?? 0) * 1000;
  const rate = MP3_RATES[version]?.[rateIndex] ?? 0;
  const padding = ((b[2] ?? 0) >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  const length =
    layer === 1
      ? Math.floor((12 * bitrate) / rate + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / rate) + padding;
  return { length, samples, rate, bitrate, mpeg1, mono: (b[3] ?? 0) >> 6 === 3 };
}

async function readMp3(source: ByteSource): Promise<AudioRead> {
  let offset = 0;
  const id3 = await source.read(0, 10);
  if (ascii(id3, 0, 3) === 'ID3') {
    const size =
      (((id3[6] ?? 0) & 0x7f) << 21) |
      (((id3[7] ?? 0) & 0x7f) << 14) |
      (((id3[8] ?? 0) & 0x7f) << 7) |
      ((id3[9] ?? 0) & 0x7f);
    offset = 10 + size + (((id3[5] ?? 0) & 0x10) !== 0 ? 10 : 0);
  }
  const head = await source.read(offset, 4 + 36 + 12);
  const frame = mp3Frame(head);
  if (!frame) return fail('no MP3 audio frame follows its header');
  if (offset + frame.length < source.size) {
    if (!mp3Frame(await source.read(offset + frame.length, 4)))
      return fail('its second MP3 frame is not where the first one says (it may be damaged)');
  }
  // A VBR file says how many frames it has (Xing/Info after the side information, or VBRI).
  const side = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const at = 4 + side;
  let frames: number | null = null;
  if (['Xing', 'Info'].includes(ascii(head, at, 4)) && ((head[at + 7] ?? 0) & 1) === 1)
    frames = view(head).getUint32(at + 8);
  else if (ascii(head, 36, 4) === 'VBRI') frames = view(await source.read(offset + 36, 18)).getUint32(14);
  const seconds =
    frames !== null ? (frames * frame.samples) / frame.rate : ((source.size - offset) * 8) / frame.bitrate;
  if (!(seconds > 0)) return fail('it holds no audio (its length is zero)');
  return { ok: true, format: 'MP3', seconds };
}

// ── M4A ──────────────────────────────────────────────────────────────────────────────────────────────

interface Box {
  type: string;
  start: number;
  /** Where the box's content begins and ends. */
  content: number;
  end: number;
}

async function boxAt(source: ByteSource, offset: number, limit: number): Promise<Box | null> {
  const head = await source.read(offset, 16);
  if (head.length < 8) return null;
  let size = view(head).getUint32(0);
  let content = offset + 8;
  if (size === 1) {
    if (head.length < 16) return null;
    size = Number(view(head).getBigUint64(8));
    content = offset + 16;
  } else if (size === 0) size = limit - offset;
  if (size < content - offset || offset + size > limit) return null;
  return { type: ascii(head, 4, 4), start: offset, content, end: offset + size };
}

/** The first box of `type` among the boxes from `start` to `end`. */
async function findBox(source: ByteSource, type: string, start: number, end: number): Promise<Box | null> {
  for (let offset = start, count = 0; offset < end && count < 1000; count++) {
    const box = await boxAt(source, offset, end);
    if (!box) return null;
    if (box.type === type) return box;
    offset = box.end;
  }
  return null;
}

async function readM4a(source: ByteSource): Promise<AudioRead> {
  const ftyp = await boxAt(source, 0, source.size);
  if (!ftyp || ftyp.type !== 'ftyp') return fail('it does not begin with an MP4 "ftyp" box');
  const moov = await findBox(source, 'moov', ftyp.end, source.size);
  if (!moov) return fail('it has no "moov" box: the file is cut off or damaged');
  const mvhd = await findBox(source, 'mvhd', moov.content, moov.end);
  if (!mvhd) return fail('it has no movie header ("mvhd" box)');
  const body = await source.read(mvhd.content, 32);
  const v = view(body);
  const version = body[0];
  if (body.length < (version === 1 ? 32 : 20)) return fail('its movie header is cut off');
  const timescale = version === 1 ? v.getUint32(20) : v.getUint32(12);
  const duration = version === 1 ? Number(v.getBigUint64(24)) : v.getUint32(16);
  if (timescale === 0 || duration === 0) return fail('it holds no audio (its length is zero)');
  return { ok: true, format: 'M4A', seconds: duration / timescale };
}
