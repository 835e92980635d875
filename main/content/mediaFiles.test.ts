import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImage, imageKind, imageMismatch } from './mediaFiles';

const bytes = (text: string | number[]) =>
  typeof text === 'string' ? new Uint8Array(Buffer.from(text, 'latin1')) : new Uint8Array(text);

describe('imageKind: what the first bytes say', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    ['\x89PNG\r\n\x1a\n....', 'png'],
    ['RIFF\0\0\0\0WEBPVP8 ', 'webp'],
    ['GIF89a', 'GIF'],
    ['<svg xmlns="http://www.w3.org/2000/svg">', 'SVG'],
    ['  <?xml version="1.0"?><svg>', 'SVG'],
    ['<!DOCTYPE html><html>', 'HTML'],
    ['this is not a picture', null],
  ])('%j is %s', (head, kind) => {
    expect(imageKind(bytes(head))).toBe(kind);
  });
});

describe('imageMismatch: checked before sharp ever sees the file', () => {
  it.each([
    ['photos/a.jpg', [0xff, 0xd8, 0xff, 0xe0], null],
    ['photos/a.JPEG', [0xff, 0xd8, 0xff, 0xe0], null],
    ['photos/a.png', '\x89PNG\r\n\x1a\n', null],
    [
      'photos/a.png',
      '<svg xmlns="http://www.w3.org/2000/svg">',
      { code: 'wrong-image-format', message: /is an SVG file, not a PNG image/ },
    ],
    [
      'photos/a.jpg',
      '\x89PNG\r\n\x1a\n',
      { code: 'wrong-image-format', message: /really a PNG image; rename it to end in \.png/ },
    ],
    ['photos/a.webp', '<html><script>', { code: 'wrong-image-format', message: /an HTML file/ }],
    [
      'photos/a.jpg',
      'this is not a picture',
      { code: 'corrupt-image', message: /cannot be read as an image/ },
    ],
  ])('%s with %j', (name, head, expected) => {
    const result = imageMismatch(name, bytes(head));
    if (expected === null) expect(result).toBeNull();
    else expect(result).toEqual({ code: expected.code, message: expect.stringMatching(expected.message) });
  });
});

describe('checkImage: a full decode, unless the derivatives already decoded this very file', () => {
  let dir: string;
  let truncated: { size: number; mtimeMs: number };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-image-'));
    await mkdir(path.join(dir, 'photos'));
    // A JPEG cut off after its first third: its header reads, its pixels do not.
    const whole = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    await writeFile(path.join(dir, 'photos/cut.jpg'), whole.subarray(0, Math.floor(whole.length / 3)));
    const info = await stat(path.join(dir, 'photos/cut.jpg'));
    truncated = { size: info.size, mtimeMs: info.mtimeMs };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a cut-off scan is refused by its full decode', async () => {
    expect(await checkImage(dir, 'photos/cut.jpg')).toMatchObject({ ok: false, code: 'corrupt-image' });
  });

  it('the same file, vouched for by the derivatives manifest with its size and time, is not decoded again', async () => {
    expect(await checkImage(dir, 'photos/cut.jpg', { decodedBefore: truncated })).toMatchObject({
      ok: true,
      width: 1200,
      height: 900,
    });
  });

  it.each([
    ['another size', (t: typeof truncated) => ({ ...t, size: t.size + 1 })],
    ['another modification time', (t: typeof truncated) => ({ ...t, mtimeMs: t.mtimeMs - 1000 })],
  ])('a manifest entry with %s vouches for nothing: decoded and refused', async (_name, change) => {
    expect(await checkImage(dir, 'photos/cut.jpg', { decodedBefore: change(truncated) })).toMatchObject({
      ok: false,
      code: 'corrupt-image',
    });
  });
});
