/**
 * What the checker finds inside media files (issue 10 point 8, issue 11 point 9): every image decoded in
 * full, every audio file's header pages read, every captions file parsed by the kiosk's own WebVTT reader.
 * Each case is a copy of the valid fixture with one file broken by the test.
 */
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDerivatives, type DerivativeManifest } from '../derive';
import { checkCaptions } from '../mediaFiles';
import type { Problem } from '../problems';
import { loadExhibitPackage, type LoadResult } from '.';

const valid = path.resolve(__dirname, '../../../tests/fixtures/valid');
let root: string;
let media: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-media-checks-'));
  media = path.join(root, 'media');
  await cp(valid, media, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = (): Promise<LoadResult> => loadExhibitPackage(media, { derivedDir: path.join(root, 'cache') });
const errors = (r: LoadResult): Problem[] => r.problems.filter((p) => p.severity === 'error');
const at = (...parts: string[]) => path.join(media, ...parts);

/** A JPEG of random pixels (so its scan data is long), cut off at `fraction` of its length. */
async function truncatedJpeg(fraction: number): Promise<Buffer> {
  const width = 256;
  const height = 256;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  const jpeg = await sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length * fraction));
}

describe('images are decoded in full', () => {
  it('a truncated JPEG fails, naming the photo file and its field; the photo is left out', async () => {
    await writeFile(at('photos', 'harbour-view.jpg'), await truncatedJpeg(0.6));
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'photos/harbour-view.yaml', field: 'file', code: 'corrupt-image' }),
    );
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['old-letter']);
  });

  it('the checker decodes every image even where the derivatives manifest vouches for it; the kiosk trusts it', async () => {
    const cache = path.join(root, 'cache');
    await ensureDerivatives(media, cache);
    // A manifest that vouches for the cut-off file, as it would for a file decoded when it was built.
    await writeFile(at('photos', 'harbour-view.jpg'), await truncatedJpeg(0.6));
    const info = await stat(at('photos', 'harbour-view.jpg'));
    const manifestFile = path.join(cache, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as DerivativeManifest;
    const entry = manifest.sources['photos/harbour-view.jpg'];
    if (!entry) throw new Error('the derivatives were not built');
    manifest.sources['photos/harbour-view.jpg'] = { ...entry, size: info.size, mtimeMs: info.mtimeMs };
    await writeFile(manifestFile, JSON.stringify(manifest));

    const checked = await loadExhibitPackage(media, { derivedDir: cache });
    expect(errors(checked)).toContainEqual(
      expect.objectContaining({ file: 'photos/harbour-view.yaml', code: 'corrupt-image' }),
    );
    const served = await loadExhibitPackage(media, { derivedDir: cache, trustDerivedDecode: true });
    expect(errors(served)).toEqual([]);
  });
});

describe('audio files are read past their first four bytes', () => {
  it('"OggS" followed by an HTML page fails; the excerpt stays without its narration', async () => {
    await writeFile(
      at('audio', 'ada-first-day.en.ogg'),
      'OggS<html><body><script>alert(1)</script></body></html>'.padEnd(400, ' '),
    );
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        file: 'diary/ada-first-day.yaml',
        field: 'narration.en.audio',
        code: 'corrupt-audio',
      }),
    );
    expect(result.exhibit?.diary[0]?.narration).toEqual({});
  });

  it('an Ogg file cut off after its first page fails (no audio, no length)', async () => {
    const whole = await readFile(at('audio', 'ada-first-day.en.ogg'));
    const second = whole.indexOf('OggS', 4);
    await writeFile(at('audio', 'ada-first-day.en.ogg'), whole.subarray(0, second));
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ field: 'narration.en.audio', code: 'corrupt-audio' }),
    );
  });
});

describe('captions are parsed cue by cue with the kiosk’s own reader', () => {
  it('a broken cue is named by file and line; the good cues stay in service', async () => {
    await writeFile(
      at('audio', 'ada-first-day.en.vtt'),
      'WEBVTT\n\n00:00.000 --> 00:01.000\nThe boats\n\n00:01,000 --> 00:02.000\ncame in\n\n00:01.500 --> 00:02.000\nat dawn.\n',
    );
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'audio/ada-first-day.en.vtt', line: 6, code: 'caption-cue' }),
    );
    expect(result.exhibit?.diary[0]?.narration.en?.captions).toBe('/media/audio/ada-first-day.en.vtt');
  });

  it('captions that run on after the narration ends are a warning naming the cue', async () => {
    await writeFile(
      at('audio', 'ada-first-day.en.vtt'),
      'WEBVTT\n\n00:00.000 --> 00:01.000\nThe boats\n\n00:09.000 --> 00:10.000\nlong after\n',
    );
    const result = await load();
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'audio/ada-first-day.en.vtt',
        line: 6,
        code: 'caption-after-audio',
      }),
    );
  });
});

describe('the sample exhibit in media/', () => {
  it('every captions file has cues and no broken one', async () => {
    const sample = path.resolve(__dirname, '../../../media');
    const files = readdirSync(path.join(sample, 'audio')).filter((f) => f.endsWith('.vtt'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const check = await checkCaptions(sample, `audio/${file}`);
      expect(check, file).toMatchObject({ ok: true, problems: [] });
      if (check.ok) expect(check.cues.length, file).toBeGreaterThan(0);
    }
  });
});
