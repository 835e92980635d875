import { describe, expect, it } from 'vitest';
import { imageKind, imageMismatch } from './mediaFiles';

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
