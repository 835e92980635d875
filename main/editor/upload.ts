/**
 * Adding a photograph in the editor (issue 14, point 5): the uploaded bytes (already streamed by the route
 * into a temporary file inside the package's hidden `.uploads/` folder, size-capped) are checked, stored
 * as the photo's original under a name chosen from the photo's id, and the kiosk's derivatives (screen
 * image, thumbnail, Deep Zoom tiles) are made by the project's own pipeline (main/content/derive.ts),
 * step by step, so the page can show a progress bar.
 *
 * - The format is read from the first bytes (JPEG, PNG, TIFF, WebP), never from the upload's name.
 * - The declared size is read from the header before a pixel is decoded: more than UPLOAD_PIXEL_LIMIT
 *   pixels is refused with the size in the message; every decode also carries `limitInputPixels`.
 * - JPEG, PNG and WebP are kept byte for byte; a TIFF (which browsers cannot show and the package format
 *   does not take) is stored as a JPEG of quality 92 without chroma subsampling, as is any image larger
 *   than the package's file limit. The museum keeps its TIFF master in its own archive.
 * - The derivatives are built from the temporary file before anything in the package changes; only then
 *   is the original renamed into `photos/` (one atomic step on the same disk) and the photo's YAML written
 *   atomically, the previous YAML and image kept in the history. A failure at any step removes the
 *   temporary files and leaves the package as it was.
 * - The `placeholder` mark is cleared only when the curator ticked so; a new photo record is created with
 *   empty texts for the curator to fill in (the checker names them).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import {
  UPLOAD_STEPS,
  type EditorItem,
  type EditorRole,
  type EditorUploadJob,
  type UploadStep,
} from '../common/editorApi';
import { DERIVED_PREFIX } from '../common/api';
import { buildDerivatives, contentHashOfFile, recordDerivatives } from '../content/derive';
import { imageKind, MAX_IMAGE_PIXELS } from '../content/mediaFiles';
import { FILE_LIMITS } from '../content/packageFiles';
import { findInside } from '../files/safePath';
import { flushFolder, writeFileAtomically } from '../files/atomicWrite';
import { HISTORY_FOLDER, keepVersion } from './history';
import { badItemId, ItemError, itemDataFromFiles, itemFiles } from './items';
import { editYamlText, isPlainObject, newYamlText, yamlData } from './yamlEdit';

/** The hidden folder inside the package where uploads are received (never served, never checked). */
export const UPLOAD_FOLDER = '.uploads';

/**
 * The most pixels an upload may declare: the package's own limit (mediaFiles.ts, 400 MP), so whatever the
 * editor accepts `content:check` accepts too. 100-megapixel scans (and up to 4× that) pass; a header
 * declaring 100,000 × 100,000 (10,000 MP) is refused before a pixel is decoded. libvips decodes in strips,
 * so even at the limit memory stays far below width × height × 3 bytes.
 */
export const UPLOAD_PIXEL_LIMIT = MAX_IMAGE_PIXELS;

/** JPEG quality of a TIFF stored as the original (no chroma subsampling: scans of text stay sharp). */
export const STORED_JPEG_QUALITY = 92;

export type UploadFormat = 'jpeg' | 'png' | 'webp' | 'tiff';

/** The upload's format from its first bytes, or why it is not one the editor takes. Pure. */
export function uploadFormat(head: Uint8Array): { format: UploadFormat } | { message: string } {
  const kind = imageKind(head);
  if (kind === 'jpeg' || kind === 'png' || kind === 'webp') return { format: kind };
  if (kind === 'TIFF') return { format: 'tiff' };
  if (kind === null) return { message: 'The file is not a JPEG, PNG, TIFF or WebP image.' };
  return {
    message: `The file is ${/^[AEIOUS]/.test(kind) ? 'an' : 'a'} ${kind} file; add a JPEG, PNG, TIFF or WebP image.`,
  };
}

/**
 * The name the original is stored under: the photo's id and the stored format's extension, never
 * anything of the upload's own name. Pure; throws for an id that is not one.
 */
export function storedFileName(photoId: string, stored: 'jpeg' | 'png' | 'webp'): string {
  const bad = badItemId('photo', photoId);
  if (bad) throw new ItemError(400, bad);
  return `${photoId}.${stored === 'jpeg' ? 'jpg' : stored}`;
}

/** How the original is stored: as uploaded, or as a JPEG (a TIFF, or a file over the limit). Pure. */
export function storedFormat(
  format: UploadFormat,
  bytes: number,
): { format: 'jpeg' | 'png' | 'webp'; convert: boolean } {
  if (format === 'tiff') return { format: 'jpeg', convert: true };
  if (bytes > FILE_LIMITS.image) return { format: 'jpeg', convert: true };
  return { format, convert: false };
}

/** Why a declared size is refused, or null. Pure. */
export function pixelProblem(width: number, height: number, limit = UPLOAD_PIXEL_LIMIT): string | null {
  if (!(width > 0) || !(height > 0)) return 'The image declares no size; it may be damaged.';
  if (width * height <= limit) return null;
  const mp = (width * height) / 1e6;
  return `The image declares ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels (${Math.round(mp).toLocaleString('en')} megapixels); the editor takes images of at most ${limit / 1e6} megapixels. Scale the scan down and add it again.`;
}

/** The data of a new photo record: the file and empty texts for the curator to fill in. Pure. */
export function newPhotoData(
  file: string,
  placeholder: boolean,
  languages: readonly string[],
): Record<string, unknown> {
  const empty = () => Object.fromEntries(languages.map((l) => [l, '']));
  return {
    file,
    placeholder,
    caption: empty(),
    alt: empty(),
    credit: empty(),
    rights: empty(),
    source: '',
  };
}

export interface UploadRequest {
  photo: string;
  /** The curator ticked "this is the real photograph": the placeholder mark is removed. */
  clearPlaceholder: boolean;
  /** The received bytes (inside UPLOAD_FOLDER). Removed when the job ends, whatever happens. */
  temp: string;
  role: EditorRole;
}

export interface UploadOptions {
  contentDir: string;
  derivedDir: string;
  languages(): Promise<{ languages: string[]; defaultLanguage: string }>;
  /** Run the package-changing part one at a time with the editor's saves. */
  oneAtATime<T>(work: () => Promise<T>): Promise<T>;
  /** Wait for the preview's reload in progress (so two builds never write the manifest at once). */
  settled(): Promise<unknown>;
  /** Reload the preview on the new content; resolves true when the kiosk took it. */
  reloadPreview(): Promise<boolean>;
  /** The item as the editor shows it, rechecked. */
  readItem(id: string): Promise<EditorItem>;
  now(): number;
  log?: (message: string) => void;
}

export interface Uploads {
  /** A fresh temporary file name inside the package's upload folder (the folder is made). */
  tempFile(): Promise<string>;
  start(request: UploadRequest): EditorUploadJob;
  job(id: string): EditorUploadJob | null;
  /** Resolves when a job has ended (for tests and the bench). */
  finished(id: string): Promise<EditorUploadJob>;
  /**
   * The job once it differs from what the caller saw (another step, or ended), or as it is after
   * `waitMs`: the page's progress bar asks again as soon as it is answered, without a timer.
   */
  next(id: string, seen: { step: string; state: string }, waitMs: number): Promise<EditorUploadJob | null>;
}

const MAX_JOBS_KEPT = 20;

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, 64, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const sharpMessage = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Other photo records that name `file` (so a replaced file is kept while they use it). */
async function otherUsers(photosDir: string, file: string, except: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(photosDir)) {
    if (!name.endsWith('.yaml') || name === `${except}.yaml`) continue;
    try {
      const data = yamlData(await readFile(path.join(photosDir, name), 'utf8'));
      if (isPlainObject(data) && data.file === file) out.push(name.slice(0, -5));
    } catch {
      // A record that cannot be read names nothing.
    }
  }
  return out;
}

export function createUploads(options: UploadOptions): Uploads {
  const jobs = new Map<string, EditorUploadJob>();
  const ends = new Map<string, Promise<EditorUploadJob>>();
  const uploadDir = path.join(options.contentDir, UPLOAD_FOLDER);
  const log = options.log ?? (() => undefined);

  const keep = (job: EditorUploadJob) => {
    jobs.set(job.job, job);
    while (jobs.size > MAX_JOBS_KEPT) {
      const oldest = jobs.keys().next().value as string;
      jobs.delete(oldest);
      ends.delete(oldest);
    }
  };

  const waiters = new Map<string, Set<() => void>>();
  const changed = (job: EditorUploadJob) => {
    for (const wake of waiters.get(job.job) ?? []) wake();
    waiters.delete(job.job);
  };
  const step = (job: EditorUploadJob, next: UploadStep) => {
    job.step = next;
    job.done = UPLOAD_STEPS.indexOf(next);
    changed(job);
  };

  async function run(job: EditorUploadJob, request: UploadRequest): Promise<void> {
    const converted = `${request.temp}.jpg`;
    try {
      // 1. What it is and how large it says it is, before a pixel is decoded.
      step(job, 'check');
      const bad = badItemId('photo', request.photo);
      if (bad) throw new ItemError(400, bad);
      const size = (await stat(request.temp)).size;
      if (size === 0) throw new ItemError(422, 'The file is empty.');
      const format = uploadFormat(await readHead(request.temp));
      if ('message' in format) throw new ItemError(422, format.message);
      let meta: Metadata;
      try {
        meta = await sharp(request.temp, { limitInputPixels: false }).metadata();
      } catch (error) {
        throw new ItemError(422, `The image cannot be read: ${sharpMessage(error)}`);
      }
      const tooMany = pixelProblem(meta.width ?? 0, meta.height ?? 0);
      if (tooMany) throw new ItemError(422, tooMany);

      // 2. The original as it will be stored (a TIFF as a JPEG), still outside photos/.
      step(job, 'original');
      const stored = storedFormat(format.format, size);
      let source = request.temp;
      if (stored.convert) {
        try {
          await sharp(request.temp, {
            limitInputPixels: UPLOAD_PIXEL_LIMIT,
            failOn: 'error',
            sequentialRead: true,
          })
            .rotate()
            .toColourspace('srgb')
            .jpeg({ quality: STORED_JPEG_QUALITY, chromaSubsampling: '4:4:4' })
            .toFile(converted);
        } catch (error) {
          throw new ItemError(
            422,
            `The image cannot be read to its end; it may be damaged (${sharpMessage(error)}).`,
          );
        }
        const handle = await open(converted, 'r+');
        await handle.sync();
        await handle.close();
        source = converted;
        if ((await stat(converted)).size > FILE_LIMITS.image)
          throw new ItemError(
            422,
            'The image is too large for the kiosk even as a JPEG (over 100 MB); scale it down.',
          );
      }
      const fileName = storedFileName(request.photo, stored.format);

      // 3–5. The derivatives, from the file that will be stored (a damaged image fails here).
      const hash = await contentHashOfFile(source);
      let build;
      try {
        build = await buildDerivatives(source, options.derivedDir, hash, (s) => step(job, s));
      } catch (error) {
        throw new ItemError(
          422,
          `The image cannot be read to its end; it may be damaged (${sharpMessage(error)}).`,
        );
      }

      // 6. Into the package, one at a time with saves, the preview's reload settled first.
      const item = await options.oneAtATime(async () => {
        await options.settled();
        const photos = await findInside(options.contentDir, 'photos', 'folder');
        if (!photos.ok) throw new ItemError(400, 'The package has no photos/ folder.');
        const files = await itemFiles(options.contentDir, 'photo', request.photo);
        const yamlName = `photos/${request.photo}.yaml`;
        const oldText = files.get(yamlName)?.toString('utf8') ?? null;
        const before = oldText === null ? null : itemDataFromFiles('photo', request.photo, files);
        const beforeData = isPlainObject(before) ? before : null;
        const oldFile = typeof beforeData?.file === 'string' ? beforeData.file : null;
        const placeholder = request.clearPlaceholder
          ? false
          : oldText === null
            ? true
            : beforeData?.placeholder === true;
        const data =
          beforeData === null
            ? newPhotoData(fileName, placeholder, (await options.languages()).languages)
            : {
                ...beforeData,
                file: fileName,
                ...(placeholder || 'placeholder' in beforeData ? { placeholder } : {}),
              };
        const text = oldText === null ? newYamlText(data) : editYamlText(oldText, data);

        // The previous YAML and image into the history first (the image copied, never read whole).
        const target = path.join(photos.real, fileName);
        const previous = new Map<string, Uint8Array>();
        if (oldText !== null) previous.set(yamlName, files.get(yamlName) as Buffer);
        let version: string | null = null;
        if (previous.size > 0)
          version = await keepVersion(
            options.contentDir,
            { kind: 'photo', id: request.photo },
            request.role,
            previous,
            options.now(),
          );
        const replaced = await stat(target).then(
          () => true,
          () => false,
        );
        const keptImage =
          version && oldFile && !oldFile.includes('/')
            ? path.join(options.contentDir, HISTORY_FOLDER, version, 'files', 'photos', oldFile)
            : null;
        if (keptImage && oldFile) {
          const old = path.join(photos.real, oldFile);
          if (
            await stat(old).then(
              () => true,
              () => false,
            )
          )
            await copyFile(old, keptImage);
        }
        await rename(source, target);
        try {
          await writeFileAtomically(path.join(photos.real, `${request.photo}.yaml`), text);
        } catch (error) {
          // Put the package back as it was: the old image from the history, or no new file.
          if (replaced && keptImage && oldFile === fileName)
            await copyFile(keptImage, target).catch(() => undefined);
          else if (!replaced) await rm(target, { force: true });
          throw error;
        }
        await flushFolder(photos.real);
        const info = await stat(target);
        await recordDerivatives(
          options.derivedDir,
          `photos/${fileName}`,
          { size: info.size, mtimeMs: info.mtimeMs, hash },
          build,
        );
        // A file of another name that no other record uses goes (its copy stays in the history).
        if (oldFile && oldFile !== fileName && !oldFile.includes('/')) {
          if ((await otherUsers(photos.real, oldFile, request.photo)).length === 0)
            await rm(path.join(photos.real, oldFile), { force: true });
        }
        return { placeholder };
      });

      step(job, 'preview');
      const shown = await options.reloadPreview().catch(() => false);
      const fresh = await options.readItem(request.photo);
      const url = (name: string) => `${DERIVED_PREFIX}${hash}/${name}`;
      job.result = {
        file: fileName,
        width: build.width,
        height: build.height,
        thumbnail: url(build.thumbnail),
        display: url(build.display),
        ...(build.dzi ? { dzi: url(build.dzi) } : {}),
        placeholder: item.placeholder,
        item: fresh,
      };
      job.done = UPLOAD_STEPS.length;
      job.state = 'done';
      if (!shown)
        job.message = 'The photograph is saved; the preview could not show the content (see the problems).';
      log(`upload of photo ${request.photo} done: photos/${fileName}, ${build.width} × ${build.height}`);
    } catch (error) {
      job.state = 'failed';
      job.message =
        error instanceof ItemError
          ? error.message
          : `The photograph could not be added: ${sharpMessage(error)}`;
      log(`upload of photo ${request.photo} failed: ${job.message}`);
    } finally {
      await rm(request.temp, { force: true });
      await rm(converted, { force: true });
      changed(job);
    }
  }

  return {
    async tempFile() {
      await mkdir(uploadDir, { recursive: true });
      return path.join(uploadDir, `${randomBytes(12).toString('hex')}.part`);
    },
    start(request) {
      const job: EditorUploadJob = {
        job: randomBytes(12).toString('hex'),
        photo: request.photo,
        state: 'working',
        step: 'check',
        done: 0,
        total: UPLOAD_STEPS.length,
      };
      keep(job);
      ends.set(
        job.job,
        run(job, request).then(() => job),
      );
      return { ...job };
    },
    job(id) {
      const job = jobs.get(id);
      return job ? { ...job } : null;
    },
    async next(id, seen, waitMs) {
      const job = jobs.get(id);
      if (!job) return null;
      if (job.step === seen.step && job.state === seen.state) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            waiters.get(id)?.delete(wake);
            resolve();
          }, waitMs);
          waiters.set(id, (waiters.get(id) ?? new Set()).add(wake));
        });
      }
      return { ...job };
    },
    finished(id) {
      return ends.get(id) ?? Promise.reject(new Error(`no upload job ${id}`));
    },
  };
}
