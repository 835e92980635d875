/**
 * A package carries the derivatives of its photographs (thumbnails, screen images, zoom tiles), so a kiosk
 * shows a new version at once instead of spending minutes building tiles of every large scan after it is
 * installed.
 *
 * In the package they sit under `.derived/`, beside the content and signed with it like every file:
 *
 *   .derived/builds.json                 the derivative settings and, per content hash, what was built
 *   .derived/<hash>/thumb.webp, …        the files of derive.ts's layout, one folder per content hash
 *
 * The name starts with a dot, so the content loader and checker pass over it, and a kiosk from before
 * this file unpacks it harmlessly. When the kiosk loads a version whose content has them, however it was
 * installed (network, USB stick, content:install), the content service first takes them into the kiosk's
 * own derivatives folder (`adoptDerivatives`): hard links, or copies across disks, into a folder renamed
 * into place, then the builds recorded in its manifest. The kiosk computes every content hash from the
 * verified source itself, so a derivative is only used for the image whose bytes it was made from, with
 * this kiosk's settings; anything else is left unused and built as before. Adopting never stops a load.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../files/atomicWrite';
import {
  DERIVATIVE_SETTINGS,
  ensureDerivatives,
  listPhotoImages,
  MANIFEST_FILE,
  readDerivativeManifest,
  type DerivativeBuild,
} from '../content/derive';
import type { FolderFile } from './publish';

/** The folder of a package (and of an installed version's content) that holds the derivatives. */
export const DERIVED_FOLDER = '.derived';
export const BUILDS_ENTRY = `${DERIVED_FOLDER}/builds.json`;

/** Whether a package path is one of its derivatives rather than its content. Pure. */
export const isDerivedPath = (packagePath: string): boolean => packagePath.startsWith(`${DERIVED_FOLDER}/`);

const HASH = /^[0-9a-f]{24}$/;
/** A name inside a hash folder as derive.ts writes it: no folder, no dot in front. */
const fileName = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/);

const buildSchema = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  thumbnail: fileName,
  display: fileName,
  dzi: fileName.optional(),
  builtAt: z.string().max(40),
});

export const buildsFileSchema = z.strictObject({
  format: z.literal(1),
  settings: z.string().max(200),
  builds: z.record(z.string().regex(HASH), buildSchema),
});
export type BuildsFile = z.infer<typeof buildsFileSchema>;

export type PackagedDerivatives =
  { ok: true; files: FolderFile[]; builds: Uint8Array; images: number } | { ok: false; message: string };

async function filesUnder(dir: string, prefix: string): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    const inPackage = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(absolute, inPackage)));
    else if (entry.isFile()) out.push({ path: inPackage, absolute, size: (await stat(absolute)).size });
  }
  return out;
}

/**
 * The derivatives of every photograph of `contentDir`, built into `derivedDir` where missing (the
 * editor's and `content:build`'s folder, so what is there already is not built again), as package files.
 * Refused, naming the image, when one cannot be built: a package is whole or not published.
 */
export async function packageDerivatives(
  contentDir: string,
  derivedDir: string,
): Promise<PackagedDerivatives> {
  const summary = await ensureDerivatives(contentDir, derivedDir);
  const failed = summary.failed[0];
  if (failed)
    return {
      ok: false,
      message: `The derivatives of ${failed.file} could not be built (${failed.message}); nothing was published.`,
    };
  const manifest = await readDerivativeManifest(derivedDir);
  const builds: BuildsFile['builds'] = {};
  const files: FolderFile[] = [];
  for (const image of await listPhotoImages(contentDir)) {
    const hash = manifest.sources[image]?.hash;
    const build = hash ? manifest.builds[hash] : undefined;
    if (!hash || !build)
      return { ok: false, message: `The derivatives of ${image} are missing; nothing was published.` };
    if (builds[hash]) continue; // two photographs of the same image share one folder
    builds[hash] = build;
    files.push(...(await filesUnder(path.join(derivedDir, hash), `${DERIVED_FOLDER}/${hash}`)));
  }
  const file: BuildsFile = { format: 1, settings: DERIVATIVE_SETTINGS, builds };
  return {
    ok: true,
    files,
    builds: Buffer.from(`${JSON.stringify(file, null, 1)}\n`),
    images: Object.keys(builds).length,
  };
}

/** What adoptDerivatives did; null when the content has no derivatives (not from a package, or an old one). */
export interface Adoption {
  /** Hash folders taken into the kiosk's derivatives folder. */
  adopted: number;
  /** Already there (an earlier version had the same image). */
  present: number;
  /** Why none were taken, when none could be. */
  note?: string;
}

async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isFile())
      await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
        // Another disk, or a file system without hard links: a copy.
        if (error.code === 'EXDEV' || error.code === 'EPERM' || error.code === 'ENOTSUP')
          await copyFile(source, target);
        else throw error;
      });
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Takes an installed version's derivatives (`<content>/.derived/`) into the kiosk's derivatives folder.
 * Each hash folder is made under a temporary name and renamed into place, so a power cut leaves it whole
 * or absent; the builds are then added to the folder's manifest, which the content service reads.
 */
export async function adoptDerivatives(contentDir: string, derivedDir: string): Promise<Adoption | null> {
  const from = path.join(contentDir, DERIVED_FOLDER);
  let file: BuildsFile;
  try {
    file = buildsFileSchema.parse(JSON.parse(await readFile(path.join(from, 'builds.json'), 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return {
      adopted: 0,
      present: 0,
      note: 'the package’s list of derivatives cannot be read; they are built here',
    };
  }
  if (file.settings !== DERIVATIVE_SETTINGS)
    return {
      adopted: 0,
      present: 0,
      note: 'the package’s derivatives were made with other settings; they are built here',
    };
  await mkdir(derivedDir, { recursive: true });
  const taken: Record<string, DerivativeBuild> = {};
  let present = 0;
  for (const [hash, build] of Object.entries(file.builds)) {
    const target = path.join(derivedDir, hash);
    if (await exists(path.join(target, build.display))) {
      taken[hash] = build;
      present++;
      continue;
    }
    const source = path.join(from, hash);
    if (!(await exists(path.join(source, build.display)))) continue;
    const temp = path.join(derivedDir, `.adopting-${randomBytes(6).toString('hex')}`);
    try {
      await linkTree(source, temp);
      await rm(target, { recursive: true, force: true }); // a half-built folder of an earlier start
      await rename(temp, target);
      taken[hash] = build;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
  const manifest = await readDerivativeManifest(derivedDir);
  Object.assign(manifest.builds, taken);
  await writeFileAtomically(path.join(derivedDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
  return { adopted: Object.keys(taken).length - present, present };
}

/** One sentence for the log on what a load did with the package's derivatives ('' when nothing). Pure. */
export function adoptionText(adoption: Adoption | null): string {
  if (!adoption) return '';
  if (adoption.note) return `content: derivatives: ${adoption.note}.`;
  if (adoption.adopted === 0) return '';
  return `content: the derivatives of ${adoption.adopted} image${adoption.adopted === 1 ? '' : 's'} came with the package and were taken in; they are not built here.`;
}
