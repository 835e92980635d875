/**
 * Uploads of photographs (main/editor/upload.ts): the pure decisions by table, then real uploads on a
 * temporary copy of the valid test package with real sharp — a 60-megapixel TIFF made here, a PNG whose
 * header declares 100,000 × 100,000 pixels, a damaged JPEG — and what each leaves in the package.
 */
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorItem, EditorUploadJob } from '../common/editorApi';
import { readDerivativeManifest } from '../content/derive';
import {
  createUploads,
  pixelProblem,
  storedFileName,
  storedFormat,
  UPLOAD_FOLDER,
  uploadFormat,
  type Uploads,
} from './upload';
import { yamlData } from './yamlEdit';
import { makeScanTiff } from '../../tests/support/scanTiff';

describe('upload decisions', () => {
  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    ['PNG', [...Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')], 'png'],
    ['WebP', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')], 'webp'],
    ['TIFF (little-endian)', [...Buffer.from('II*\0', 'latin1')], 'tiff'],
    ['TIFF (big-endian)', [...Buffer.from('MM\0*', 'latin1')], 'tiff'],
  ])('%s is taken', (_name, head, format) => {
    expect(uploadFormat(Uint8Array.from(head))).toEqual({ format });
  });

  it.each([
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg">', /SVG file/],
    ['an HTML page', '<!DOCTYPE html><script>', /HTML file/],
    ['a GIF', 'GIF89a', /GIF file/],
    ['a shell script', '#!/bin/sh\nrm -rf /', /not a JPEG, PNG, TIFF or WebP/],
  ])('%s is refused by its bytes', (_name, text, message) => {
    const result = uploadFormat(Buffer.from(text));
    expect('message' in result && result.message).toMatch(message);
  });

  it.each([
    ['harbour-view', 'jpeg', 'harbour-view.jpg'],
    ['scan-1937', 'png', 'scan-1937.png'],
    ['map', 'webp', 'map.webp'],
  ] as const)('the original of %s is stored under its id', (id, format, name) => {
    expect(storedFileName(id, format)).toBe(name);
  });

  it.each([
    '../evil',
    '..',
    'a/b',
    'a\\b',
    '%2e%2e',
    '.hidden',
    'Capital',
    '',
    'x'.repeat(121),
    'évil',
    'a b',
  ])('a hostile id %j names no file', (id) => {
    expect(() => storedFileName(id, 'jpeg')).toThrow(/id uses only/);
  });

  it.each([
    ['tiff', 10, { format: 'jpeg', convert: true }],
    ['jpeg', 10, { format: 'jpeg', convert: false }],
    ['png', 10, { format: 'png', convert: false }],
    ['webp', 10, { format: 'webp', convert: false }],
    ['png', 101 * 1024 * 1024, { format: 'jpeg', convert: true }],
  ] as const)('a %s of %d bytes is stored as %j', (format, bytes, stored) => {
    expect(storedFormat(format, bytes)).toEqual(stored);
  });

  it.each([
    [10_000, 10_000, null],
    [12_240, 8_160, null],
    [20_000, 20_000, null],
    [20_001, 20_000, /at most 400 megapixels/],
    [100_000, 100_000, /declares 100,000 × 100,000 pixels \(10,000 megapixels\)/],
    [0, 100, /no size/],
  ])('%d × %d pixels', (w, h, expected) => {
    const problem = pixelProblem(w, h);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

/** A PNG whose IHDR declares `width` × `height` but that holds only a few bytes of pixels. */
function craftedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('uploading a photograph', () => {
  let root: string;
  let media: string;
  let derived: string;
  let uploads: Uploads;
  let reloads = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiosk-upload-'));
    media = path.join(root, 'media');
    derived = path.join(root, 'derived');
    await cp('tests/fixtures/valid', media, { recursive: true });
    let queue: Promise<unknown> = Promise.resolve();
    uploads = createUploads({
      contentDir: media,
      derivedDir: derived,
      languages: async () => ({ languages: ['en', 'ja'], defaultLanguage: 'en' }),
      oneAtATime: <T>(work: () => Promise<T>) => {
        const next = queue.then(work, work);
        queue = next.catch(() => undefined);
        return next;
      },
      settled: async () => undefined,
      reloadPreview: async () => {
        reloads++;
        return true;
      },
      readItem: async (id) => ({ kind: 'photo', id }) as EditorItem,
      now: () => Date.parse('2026-12-02T08:00:00Z'),
    });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function upload(photo: string, bytes: Buffer, clearPlaceholder = false) {
    const temp = await uploads.tempFile();
    await writeFile(temp, bytes);
    const job = uploads.start({ photo, clearPlaceholder, temp, role: 'curator' });
    return uploads.finished(job.job);
  }

  const photosNow = async () => (await readdir(path.join(media, 'photos'))).sort();

  it('takes a 60-megapixel TIFF: stored as a JPEG under the photo id, derivatives and tiles made', async () => {
    const tiff = path.join(root, 'scan.tif');
    await makeScanTiff(tiff); // 9,000 × 6,667 = 60.0 MP
    const before = await readFile(path.join(media, 'photos', 'harbour-view.yaml'), 'utf8');
    const steps: string[] = [];
    const temp = await uploads.tempFile();
    await cp(tiff, temp);
    const started = uploads.start({ photo: 'harbour-view', clearPlaceholder: false, temp, role: 'curator' });
    // Each step as the page's progress bar sees it: asked again as soon as the job changes (no timer).
    steps.push(started.step);
    let seen: EditorUploadJob = started;
    while (seen.state === 'working') {
      const now = await uploads.next(started.job, seen, 600_000);
      if (!now) break;
      if (now.step !== steps[steps.length - 1]) steps.push(now.step);
      seen = now;
    }
    const job = await uploads.finished(started.job);
    expect(job.state, job.message).toBe('done');
    expect(job.result).toMatchObject({
      file: 'harbour-view.jpg',
      width: 9000,
      height: 6667,
      placeholder: true,
    });
    expect(job.result?.dzi).toMatch(/^\/derived\/[0-9a-f]{24}\/tiles\.dzi$/);
    expect(steps[0]).toBe('check');
    expect(steps).toContain('tiles');
    expect(steps[steps.length - 1]).toBe('preview');

    const stored = await sharp(path.join(media, 'photos', 'harbour-view.jpg')).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 9000, 6667]);
    // Only `file` might change (it is the same name here) — and the placeholder mark stays: not asked.
    const after = await readFile(path.join(media, 'photos', 'harbour-view.yaml'), 'utf8');
    expect(after).toBe(before);
    const hash = job.result?.dzi?.split('/')[2] ?? '';
    const manifest = await readDerivativeManifest(derived);
    const info = await stat(path.join(media, 'photos', 'harbour-view.jpg'));
    expect(manifest.sources['photos/harbour-view.jpg']).toEqual({
      size: info.size,
      mtimeMs: info.mtimeMs,
      hash,
    });
    for (const f of ['thumb.webp', 'display.webp', 'tiles.dzi']) await stat(path.join(derived, hash, f));
    expect((await readdir(path.join(derived, hash, 'tiles_files'))).length).toBeGreaterThan(10);
    // The previous image is in the history; nothing is left in the upload folder.
    const history = await readdir(path.join(media, '.history'));
    expect(history).toHaveLength(1);
    await stat(path.join(media, '.history', history[0] ?? '', 'files', 'photos', 'harbour-view.jpg'));
    expect(await readdir(path.join(media, UPLOAD_FOLDER))).toEqual([]);
    expect(reloads).toBeGreaterThan(0);
  }, 300_000);

  it('clears the placeholder mark only when asked, and makes a new record for a new id', async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#445566' } })
      .png()
      .toBuffer();
    const asked = await upload('harbour-view', png, true);
    expect(asked.state, asked.message).toBe('done');
    const data = yamlData(await readFile(path.join(media, 'photos', 'harbour-view.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(data).toMatchObject({ file: 'harbour-view.png', placeholder: false });
    expect(asked.result?.dzi).toBeUndefined(); // smaller than the screen: no tiles
    // The old harbour-view.jpg is used by no other record: removed (its copy is in the history).
    expect(await photosNow()).not.toContain('harbour-view.jpg');

    const fresh = await upload('new-scan', png);
    expect(fresh.state, fresh.message).toBe('done');
    const record = yamlData(await readFile(path.join(media, 'photos', 'new-scan.yaml'), 'utf8'));
    expect(record).toEqual({
      file: 'new-scan.png',
      placeholder: true,
      caption: { en: '', ja: '' },
      alt: { en: '', ja: '' },
      credit: { en: '', ja: '' },
      rights: { en: '', ja: '' },
      source: '',
    });
  }, 120_000);

  it('refuses a PNG declaring 100,000 × 100,000 pixels with a message, and writes nothing', async () => {
    const before = await photosNow();
    const job = await upload('old-letter', craftedPng(100_000, 100_000));
    expect(job.state).toBe('failed');
    expect(job.message).toBe(
      'The image declares 100,000 × 100,000 pixels (10,000 megapixels); the editor takes images of at most 400 megapixels. Scale the scan down and add it again.',
    );
    expect(await photosNow()).toEqual(before);
    expect(await readdir(path.join(media, UPLOAD_FOLDER))).toEqual([]);
  });

  it('refuses a damaged JPEG and an SVG named as a photo, leaving the package as it was', async () => {
    const before = await photosNow();
    const yaml = await readFile(path.join(media, 'photos', 'old-letter.yaml'), 'utf8');
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const cut = await upload('old-letter', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(cut.state).toBe('failed');
    expect(cut.message).toMatch(/cannot be read to its end; it may be damaged/);
    const svg = await upload(
      'old-letter',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    );
    expect(svg.state).toBe('failed');
    expect(await photosNow()).toEqual(before);
    expect(await readFile(path.join(media, 'photos', 'old-letter.yaml'), 'utf8')).toBe(yaml);
    expect(await readdir(path.join(media, UPLOAD_FOLDER))).toEqual([]);
  }, 60_000);

  it('never writes outside photos/ for a hostile id', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    for (const id of ['../../evil', '../exhibit', '.history']) {
      const job = await upload(id, png);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(/id uses only/);
    }
    expect((await readdir(root)).sort()).toEqual(['derived', 'media', 'scan.tif']);
    expect((await readdir(media)).filter((n) => n.includes('evil'))).toEqual([]);
  });
});
