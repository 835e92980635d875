import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { derivedUrlsFor, ensureDerivatives, readDerivativeManifest } from './derive';
import { loadExhibitPackage } from './load';

async function packageWithImages(): Promise<{ mediaDir: string; derivedDir: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-derive-'));
  const mediaDir = path.join(root, 'media');
  await mkdir(path.join(mediaDir, 'photos'), { recursive: true });
  await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#806040' } })
    .jpeg()
    .toFile(path.join(mediaDir, 'photos', 'big.jpg'));
  await sharp({ create: { width: 800, height: 600, channels: 3, background: '#204060' } })
    .png()
    .toFile(path.join(mediaDir, 'photos', 'small.png'));
  await writeFile(path.join(mediaDir, 'photos', 'broken.jpg'), 'not an image');
  return { mediaDir, derivedDir: path.join(root, '.media-cache') };
}

describe('ensureDerivatives', () => {
  it('builds thumbnails, screen images and Deep Zoom tiles for large images, then does nothing the second time', async () => {
    const { mediaDir, derivedDir } = await packageWithImages();
    const progress: string[] = [];
    const first = await ensureDerivatives(mediaDir, derivedDir, {
      onProgress: (p) => progress.push(`${p.file}:${p.status}`),
    });
    expect(first).toMatchObject({ total: 3, built: 2, upToDate: 0 });
    expect(first.failed.map((f) => f.file)).toEqual(['photos/broken.jpg']);
    expect(progress).toHaveLength(3);

    const manifest = await readDerivativeManifest(derivedDir);
    const big = manifest.sources['photos/big.jpg'];
    const small = manifest.sources['photos/small.png'];
    if (!big || !small) throw new Error('manifest entries missing');
    expect(manifest.builds[big.hash]).toMatchObject({ width: 3000, height: 2000, dzi: 'tiles.dzi' });
    expect(manifest.builds[small.hash]?.dzi).toBeUndefined();
    const thumb = await sharp(path.join(derivedDir, big.hash, 'thumb.webp')).metadata();
    expect([thumb.width, thumb.height, thumb.format]).toEqual([480, 320, 'webp']);
    const display = await sharp(path.join(derivedDir, big.hash, 'display.webp')).metadata();
    expect([display.width, display.height]).toEqual([2560, 1707]);
    const smallDisplay = await sharp(path.join(derivedDir, small.hash, 'display.webp')).metadata();
    expect([smallDisplay.width, smallDisplay.height]).toEqual([800, 600]);
    expect(await readFile(path.join(derivedDir, big.hash, 'tiles.dzi'), 'utf8')).toContain('TileSize="512"');
    expect((await readdir(path.join(derivedDir, big.hash, 'tiles_files'))).length).toBeGreaterThan(5);

    const second = await ensureDerivatives(mediaDir, derivedDir);
    expect(second).toMatchObject({ built: 0, upToDate: 2, removed: 0 });
    // No temp files left behind.
    expect((await readdir(derivedDir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('never rasterises a file whose bytes are not the image its name says (an SVG named .png)', async () => {
    const { mediaDir, derivedDir } = await packageWithImages();
    await writeFile(
      path.join(mediaDir, 'photos', 'drawing.png'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>',
    );
    const summary = await ensureDerivatives(mediaDir, derivedDir);
    expect(summary.failed).toContainEqual({
      file: 'photos/drawing.png',
      message: expect.stringMatching(/not a PNG image/),
    });
    expect((await readDerivativeManifest(derivedDir)).sources['photos/drawing.png']).toBeUndefined();
  });

  it('rebuilds a changed image into a new folder and removes the old one', async () => {
    const { mediaDir, derivedDir } = await packageWithImages();
    await ensureDerivatives(mediaDir, derivedDir);
    const before = (await readDerivativeManifest(derivedDir)).sources['photos/small.png']?.hash;
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#ffffff' } })
      .png()
      .toFile(path.join(mediaDir, 'photos', 'small.png'));
    const again = await ensureDerivatives(mediaDir, derivedDir);
    expect(again).toMatchObject({ built: 1, upToDate: 1, removed: 1 });
    const after = (await readDerivativeManifest(derivedDir)).sources['photos/small.png']?.hash;
    expect(after).not.toBe(before);
    await expect(stat(path.join(derivedDir, String(before)))).rejects.toThrow();
  });

  it('gives the loader /derived/ URLs once built', async () => {
    const { mediaDir, derivedDir } = await packageWithImages();
    await ensureDerivatives(mediaDir, derivedDir);
    const manifest = await readDerivativeManifest(derivedDir);
    const info = await stat(path.join(mediaDir, 'photos', 'big.jpg'));
    const urls = derivedUrlsFor(manifest, 'photos/big.jpg', info, (p) => `/derived/${p}`);
    expect(urls?.thumbnail).toMatch(/^\/derived\/[0-9a-f]{24}\/thumb\.webp$/);
    expect(urls?.dzi).toMatch(/^\/derived\/[0-9a-f]{24}\/tiles\.dzi$/);
    expect(
      derivedUrlsFor(manifest, 'photos/big.jpg', { size: info.size + 1, mtimeMs: info.mtimeMs }, (p) => p),
    ).toBeNull();
  });

  it('the valid fixture gets derived URLs from the loader after a build', async () => {
    const fixture = path.resolve(__dirname, '../../tests/fixtures/valid');
    const derivedDir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-derived-'));
    await ensureDerivatives(fixture, derivedDir);
    const { exhibit } = await loadExhibitPackage(fixture, { derivedDir });
    expect(exhibit?.photos[0]?.original).toBe('/media/photos/harbour-view.jpg');
    expect(exhibit?.photos[0]?.thumbnail).toMatch(/^\/derived\/[0-9a-f]{24}\/thumb\.webp$/);
    expect(exhibit?.photos[0]?.dzi).toBeUndefined();
  });
});
