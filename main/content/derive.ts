/**
 * Image derivatives: a small thumbnail, a screen-sized image and (for images larger than the screen) Deep
 * Zoom tiles, built with sharp into `.media-cache/` beside the package.
 *
 * Layout (content-addressed, so a changed photo gets a new folder and an unchanged one is never rebuilt):
 *
 *   .media-cache/manifest.json             which source file has which hash, what was built for it
 *   .media-cache/<hash>/thumb.webp         480 px on the long side (never enlarged)
 *   .media-cache/<hash>/display.webp       2560 px on the long side at most (never enlarged)
 *   .media-cache/<hash>/tiles.dzi          Deep Zoom descriptor, only when the image is wider or taller
 *   .media-cache/<hash>/tiles_files/…      than 2560 px (512 px JPEG tiles, 1 px overlap)
 *
 * `<hash>` is the first 24 hex digits of sha256(source bytes + DERIVATIVE_SETTINGS). The manifest also
 * remembers each source file's size and modification time, so a second run re-reads nothing that did
 * not change. The tiles are named `tiles.dzi` (not after the photo id) so two photos sharing one image
 * file share one set of derivatives.
 */
import { writeFileAtomically } from '../files/atomicWrite';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { IMAGE_EXTENSIONS } from './schema';
import { imageMismatch, MAX_IMAGE_PIXELS } from './mediaFiles';
import { checkPackageFile, withByteSource } from './packageFiles';

export const THUMBNAIL_SIZE = 480;
export const DISPLAY_SIZE = 2560;
export const TILE_SIZE = 512;
export const TILE_OVERLAP = 1;
/** Change this string whenever the derivative settings change: every derivative is then rebuilt. */
export const DERIVATIVE_SETTINGS = `v1 thumb=${THUMBNAIL_SIZE}/webp80 display=${DISPLAY_SIZE}/webp85 dz=${TILE_SIZE}+${TILE_OVERLAP}/jpeg85`;

export const MANIFEST_FILE = 'manifest.json';

export interface DerivativeBuild {
  width: number;
  height: number;
  thumbnail: string;
  display: string;
  dzi?: string;
  builtAt: string;
}

export interface DerivativeManifest {
  format: 1;
  settings: string;
  /** Per source file (path relative to the package, `/` separators). */
  sources: Record<string, { size: number; mtimeMs: number; hash: string }>;
  /** Per content hash (also the folder name). */
  builds: Record<string, DerivativeBuild>;
}

export function emptyManifest(): DerivativeManifest {
  return { format: 1, settings: DERIVATIVE_SETTINGS, sources: {}, builds: {} };
}

/** Record one source file's build in the manifest (after the editor built it): written atomically. */
export async function recordDerivatives(
  derivedDir: string,
  source: string,
  info: { size: number; mtimeMs: number; hash: string },
  build: DerivativeBuild,
): Promise<void> {
  const manifest = await readDerivativeManifest(derivedDir);
  manifest.sources[source] = info;
  manifest.builds[info.hash] = build;
  await writeFileAtomically(path.join(derivedDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
}

/** The manifest in `derivedDir`, or an empty one when it is missing, unreadable or for other settings. */
export async function readDerivativeManifest(derivedDir: string): Promise<DerivativeManifest> {
  try {
    const parsed = JSON.parse(
      await readFile(path.join(derivedDir, MANIFEST_FILE), 'utf8'),
    ) as Partial<DerivativeManifest>;
    if (parsed.format !== 1 || parsed.settings !== DERIVATIVE_SETTINGS || !parsed.sources || !parsed.builds)
      return emptyManifest();
    return { format: 1, settings: DERIVATIVE_SETTINGS, sources: parsed.sources, builds: parsed.builds };
  } catch {
    return emptyManifest();
  }
}

export interface DerivedUrls {
  thumbnail: string;
  display: string;
  dzi?: string;
  width: number;
  height: number;
}

/**
 * The derived URLs for one photo's image file, or null when the manifest has no up-to-date build for it
 * (the loader then falls back to the original's URL). Pure.
 *
 * @param source the image path relative to the package (`photos/x.jpg`)
 * @param current its size and modification time now
 * @param urlFor turns a path inside the derivatives folder into a URL
 */
export function derivedUrlsFor(
  manifest: DerivativeManifest,
  source: string,
  current: { size: number; mtimeMs: number },
  urlFor: (relativePath: string) => string,
): DerivedUrls | null {
  const entry = manifest.sources[source];
  if (!entry || entry.size !== current.size || entry.mtimeMs !== current.mtimeMs) return null;
  const build = manifest.builds[entry.hash];
  if (!build) return null;
  return {
    thumbnail: urlFor(`${entry.hash}/${build.thumbnail}`),
    display: urlFor(`${entry.hash}/${build.display}`),
    ...(build.dzi ? { dzi: urlFor(`${entry.hash}/${build.dzi}`) } : {}),
    width: build.width,
    height: build.height,
  };
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256')
    .update(bytes)
    .update('\n')
    .update(DERIVATIVE_SETTINGS)
    .digest('hex')
    .slice(0, 24);
}

/** `contentHash` of a file, read as a stream (a large scan is never held in memory whole). */
export async function contentHashOfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.update('\n').update(DERIVATIVE_SETTINGS).digest('hex').slice(0, 24);
}

/** Every image file under `photos/` (hidden files and folders skipped), relative to the package. */
export async function listPhotoImages(mediaDir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(relative: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(mediaDir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (
        entry.isFile() &&
        (IMAGE_EXTENSIONS as readonly string[]).includes(entry.name.toLowerCase().split('.').pop() ?? '')
      )
        out.push(child);
    }
  }
  await walk('photos');
  return out.sort();
}

export type DerivativeStatus = 'built' | 'up-to-date' | 'failed';

export interface DerivativeProgress {
  done: number;
  total: number;
  file: string;
  status: DerivativeStatus;
  message?: string;
}

export interface DerivativeSummary {
  total: number;
  built: number;
  upToDate: number;
  failed: { file: string; message: string }[];
  /** Old derivative folders removed because no photo uses them any more. */
  removed: number;
  seconds: number;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The steps of one image's build, in order (`tiles` only for an image larger than the screen). */
export type DerivativeStep = 'display' | 'thumbnail' | 'tiles';

/**
 * Build the three derivatives of one image (a file, or its bytes) into `<derivedDir>/<hash>/`.
 * `onStep` is told as each step starts (the editor's progress bar).
 */
export async function buildDerivatives(
  image: string | Buffer,
  derivedDir: string,
  hash: string,
  onStep?: (step: DerivativeStep) => void,
): Promise<DerivativeBuild> {
  const temp = path.join(derivedDir, `.building-${hash}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    const input = () => sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
    const meta = await sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    const oriented = meta.autoOrient ?? meta;
    const width = oriented.width ?? meta.width ?? 0;
    const height = oriented.height ?? meta.height ?? 0;
    // The screen image first; the thumbnail is made from it (one full decode of the original fewer).
    onStep?.('display');
    const display = await input()
      .resize(DISPLAY_SIZE, DISPLAY_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
    await writeFile(path.join(temp, 'display.webp'), display);
    onStep?.('thumbnail');
    await sharp(display)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(path.join(temp, 'thumb.webp'));
    const needsTiles = Math.max(width, height) > DISPLAY_SIZE;
    if (needsTiles) {
      onStep?.('tiles');
      await input()
        .jpeg({ quality: 85 })
        .tile({ size: TILE_SIZE, overlap: TILE_OVERLAP, layout: 'dz' })
        .toFile(path.join(temp, 'tiles.dz'));
    }
    const target = path.join(derivedDir, hash);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    return {
      width,
      height,
      thumbnail: 'thumb.webp',
      display: 'display.webp',
      ...(needsTiles ? { dzi: 'tiles.dzi' } : {}),
      builtAt: new Date().toISOString(),
    };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Build whatever derivatives are missing or out of date, for every image under `<mediaDir>/photos/`.
 * Never throws for a single bad image (it is counted in `failed`); the kiosk calls this at start.
 */
export async function ensureDerivatives(
  mediaDir: string,
  derivedDir: string,
  options: { onProgress?: (progress: DerivativeProgress) => void; concurrency?: number } = {},
): Promise<DerivativeSummary> {
  const started = performance.now();
  await mkdir(derivedDir, { recursive: true });
  const manifest = await readDerivativeManifest(derivedDir);
  const images = await listPhotoImages(mediaDir);
  const summary: DerivativeSummary = {
    total: images.length,
    built: 0,
    upToDate: 0,
    failed: [],
    removed: 0,
    seconds: 0,
  };
  const sources: DerivativeManifest['sources'] = {};
  let done = 0;
  let sinceSave = 0;
  const save = async () => {
    sinceSave = 0;
    await writeFileAtomically(
      path.join(derivedDir, MANIFEST_FILE),
      JSON.stringify({ ...manifest, sources: { ...manifest.sources, ...sources } }, null, 1),
    );
  };
  const report = (file: string, status: DerivativeStatus, message?: string) => {
    done++;
    options.onProgress?.({ done, total: images.length, file, status, ...(message ? { message } : {}) });
  };
  const inFlight = new Map<string, Promise<DerivativeBuild>>();

  async function one(relative: string): Promise<void> {
    try {
      // The package's one path rule and size limit, as for every read of content (packageFiles.ts).
      const file = await checkPackageFile(mediaDir, relative, 'image');
      if (!file.ok) throw new Error(file.message);
      const info = { size: file.size, mtimeMs: file.mtimeMs };
      const known = manifest.sources[relative];
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
        const build = manifest.builds[known.hash];
        if (build && (await exists(path.join(derivedDir, known.hash, build.display)))) {
          sources[relative] = known;
          summary.upToDate++;
          report(relative, 'up-to-date');
          return;
        }
      }
      // Only what its name says: an SVG (or an HTML page) named .png never reaches sharp.
      const head = await withByteSource(file.real, (source) => source.read(0, 64));
      const mismatch = imageMismatch(relative, head);
      if (mismatch) throw new Error(mismatch.message);
      const hash = await contentHashOfFile(file.real);
      const existing = manifest.builds[hash];
      if (existing && (await exists(path.join(derivedDir, hash, existing.display)))) {
        sources[relative] = { size: info.size, mtimeMs: info.mtimeMs, hash };
        summary.upToDate++;
        report(relative, 'up-to-date');
        return;
      }
      // Two files with the same bytes: build once.
      let pending = inFlight.get(hash);
      if (!pending) {
        pending = buildDerivatives(file.real, derivedDir, hash);
        inFlight.set(hash, pending);
      }
      manifest.builds[hash] = await pending;
      sources[relative] = { size: info.size, mtimeMs: info.mtimeMs, hash };
      summary.built++;
      report(relative, 'built');
      if (++sinceSave >= 20) await save();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ file: relative, message });
      report(relative, 'failed', message);
    }
  }

  const queue = [...images];
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await one(next);
  });
  await Promise.all(workers);

  // Keep only what the current photos use.
  manifest.sources = sources;
  const used = new Set(Object.values(sources).map((s) => s.hash));
  for (const hash of Object.keys(manifest.builds)) if (!used.has(hash)) delete manifest.builds[hash];
  await save();
  try {
    for (const entry of await readdir(derivedDir, { withFileTypes: true })) {
      if (entry.isDirectory() && /^[0-9a-f]{24}$/.test(entry.name) && !used.has(entry.name)) {
        await rm(path.join(derivedDir, entry.name), { recursive: true, force: true });
        summary.removed++;
      }
    }
  } catch {
    // Tidying up is optional.
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
