/**
 * photos/: one YAML file per photo, naming its image file beside it. The image is checked (decoded with
 * sharp) and its derivatives looked up in the manifest; an image no photo uses gets a warning.
 */
import type { Photo } from '../../common/exhibit';
import { byLanguage } from '../contentNotes';
import { derivedUrlsFor, type DerivativeManifest } from '../derive';
import { checkImage, type FileCheck, type ImageInfo } from '../mediaFiles';
import { photoSchema } from '../schema';
import type { LoadContext } from './context';
import { guarded, isImageName, listDir, mapLimit, readText } from './files';
import { collectDrafts, historicalDate, localizedFields } from './languages';
import { refer } from './references';
import { parseYamlFile } from './yaml';

/**
 * Check an image file once per load, however many photos name it. With `trustDerivedDecode` (the kiosk's
 * content service), an image the derivatives manifest lists with the same size and modification time was
 * decoded in full when its derivatives were built, so it is not decoded again (the 50-megapixel map scan
 * took 8 s of every reload).
 */
function imageCheck(
  pkg: LoadContext,
  relative: string,
  manifest: DerivativeManifest | null,
): Promise<FileCheck<ImageInfo>> {
  let check = pkg.checks.images.get(relative);
  if (!check) {
    const derived = pkg.trustDerivedDecode ? manifest?.sources[relative] : undefined;
    check = checkImage(pkg.mediaDir, relative, {
      decode: pkg.decodeImages,
      ...(derived ? { decodedBefore: derived } : {}),
    });
    pkg.checks.images.set(relative, check);
    pkg.filesSeen.add(relative);
  }
  return check;
}

/** Every usable photo; `imagesUsed` collects the image files the photo files name. */
export async function loadPhotos(
  pkg: LoadContext,
  files: readonly { id: string; file: string }[],
  manifest: DerivativeManifest | null,
  imagesUsed: Set<string>,
): Promise<Photo[]> {
  const photos = await mapLimit(files, pkg.concurrency, ({ id, file }) =>
    guarded(pkg, file, async (): Promise<Photo | null> => {
      const text = await readText(pkg, file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(pkg, text, file, photoSchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        pkg,
        value,
        ctx,
        ['caption', 'alt', 'credit', 'rights'] as const,
        ['place', 'contentNote', 'dateNote'] as const,
      );
      const photoDrafts = collectDrafts(pkg, value.drafts, ctx);
      const image = `photos/${value.file}`;
      imagesUsed.add(image);
      const check = await imageCheck(pkg, image, manifest);
      if (!check.ok) {
        pkg.report('error', ctx, ['file'], check.code, `${check.message}; the photo is left out`);
        return null;
      }
      if (!ok) return null;
      const original = pkg.urlFor('media', image);
      const derived = manifest
        ? derivedUrlsFor(manifest, image, check, (p) => pkg.urlFor('derived', p))
        : null;
      const photo: Photo = {
        id,
        original,
        thumbnail: derived?.thumbnail ?? original,
        display: derived?.display ?? original,
        ...(derived?.dzi ? { dzi: derived.dzi } : {}),
        width: check.width || derived?.width || 0,
        height: check.height || derived?.height || 0,
        placeholder: value.placeholder,
        caption: texts.caption ?? {},
        alt: texts.alt ?? {},
        credit: texts.credit ?? {},
        rights: texts.rights ?? {},
        source: value.source,
        people: [...value.people],
        graphic: value.graphic,
        drafts: photoDrafts,
      };
      const date = historicalDate(value.date, value.approximate, texts.dateNote);
      if (date) photo.date = date;
      if (texts.place) photo.place = texts.place;
      if (texts.contentNote) photo.contentNote = texts.contentNote;
      pkg.noteChecks.push({
        ctx,
        fieldPath: ['caption'],
        texts: byLanguage(texts.caption, texts.alt),
        hasNote: texts.contentNote !== undefined,
      });
      value.people.forEach((personId, i) =>
        refer(pkg, 'people', personId, ctx, ['people', i], () => {
          photo.people = photo.people.filter((x) => x !== personId);
        }),
      );
      return photo;
    }),
  );
  return photos.filter((p): p is Photo => p !== null);
}

/** Images nobody uses (an image beside a photo file of the same name belongs to it, even if that file is broken). */
export async function reportUnusedImages(pkg: LoadContext, imagesUsed: ReadonlySet<string>): Promise<void> {
  const photoFileNames = new Set(
    (await listDir(pkg, 'photos')).filter((e) => e.name.endsWith('.yaml')).map((e) => e.name.slice(0, -5)),
  );
  for (const entry of await listDir(pkg, 'photos')) {
    const relative = `photos/${entry.name}`;
    const sameName = entry.name.replace(/\.[^.]+$/, '');
    if (!entry.isDir && isImageName(entry.name) && photoFileNames.has(sameName)) pkg.filesOwned.add(relative);
    if (
      !entry.isDir &&
      isImageName(entry.name) &&
      !imagesUsed.has(relative) &&
      !photoFileNames.has(sameName)
    ) {
      pkg.filesSeen.add(relative);
      pkg.report(
        'warning',
        { file: relative },
        undefined,
        'unused-image',
        `no photo file uses this image, so it is not shown; add photos/${entry.name.replace(/\.[^.]+$/, '')}.yaml for it`,
      );
    }
  }
}
