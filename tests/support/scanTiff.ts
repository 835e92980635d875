/**
 * A 60-megapixel scan (9,000 × 6,667, 8-bit RGB) for the upload tests and the bench: smooth like a
 * photograph (a small random image enlarged), LZW-compressed as scanners write them, or uncompressed.
 */
import sharp from 'sharp';

export const SCAN_WIDTH = 9000;
export const SCAN_HEIGHT = 6667;

export async function makeScanTiff(file: string, compression: 'lzw' | 'none' = 'lzw'): Promise<void> {
  const seed = await sharp({
    create: {
      width: 90,
      height: 67,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 110, sigma: 45 },
    },
  })
    .png()
    .toBuffer();
  await sharp(seed).resize(SCAN_WIDTH, SCAN_HEIGHT, { kernel: 'cubic' }).tiff({ compression }).toFile(file);
}
