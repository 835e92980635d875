import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackageFile, FILE_LIMITS, formatSize, readPackageFileSync } from './packageFiles';

let media: string;
beforeAll(async () => {
  media = await mkdtemp(path.join(tmpdir(), 'kiosk-package-files-'));
  await writeFile(path.join(media, 'at-limit.yaml'), Buffer.alloc(FILE_LIMITS.yaml, 0x61));
  await writeFile(path.join(media, 'past-limit.yaml'), Buffer.alloc(FILE_LIMITS.yaml + 1, 0x61));
});
afterAll(async () => {
  await rm(media, { recursive: true, force: true });
});

describe('size limits per kind of file', () => {
  it('states them', () => {
    expect(Object.fromEntries(Object.entries(FILE_LIMITS).map(([k, v]) => [k, formatSize(v)]))).toEqual({
      yaml: '2 MB',
      markdown: '1 MB',
      captions: '1 MB',
      image: '100 MB',
      audio: '100 MB',
    });
  });

  it('reads a file at its limit, and refuses one byte more without reading it', async () => {
    const at = readPackageFileSync(media, 'at-limit.yaml', 'yaml');
    expect(at.ok && at.bytes.length).toBe(FILE_LIMITS.yaml);
    expect(readPackageFileSync(media, 'past-limit.yaml', 'yaml')).toEqual({
      ok: false,
      missing: false,
      code: 'file-too-large',
      message: 'this file is 2 MB; a YAML file may be at most 2 MB',
    });
    // The same file is well within the limit for an image.
    expect(await checkPackageFile(media, 'past-limit.yaml', 'image')).toMatchObject({ ok: true });
  });

  it('a missing file is only missing (the caller decides whether that is a mistake)', () => {
    expect(readPackageFileSync(media, 'nothing.yaml', 'yaml')).toMatchObject({ ok: false, missing: true });
  });
});

describe('formatSize', () => {
  it.each([
    [12, '12 bytes'],
    [2048, '2 KB'],
    [1536 * 1024, '1.5 MB'],
    [51_660_806, '49.3 MB'],
  ])('%d bytes: %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
