/**
 * Loading an exhibit package: read every file, check it, and build the resolved `Exhibit` the renderer
 * shows. Never throws for bad content: every mistake becomes a `Problem`, invalid items are left out, and
 * references to left-out items are dropped — the kiosk keeps running on what is valid. Only when
 * `exhibit.yaml` itself cannot be used is `exhibit` null.
 *
 * One file per kind of item (exhibit.ts, photos.ts, people.ts, diary.ts with narration.ts, timeline.ts,
 * stories.ts), each given the load's shared state (context.ts) explicitly; this file runs them in order:
 * exhibit.yaml first (its languages are what every text is checked against), then the items, then what
 * needs every item read (references, missing translations, content notes), and the exhibit last.
 *
 * Photo URLs: `original` is always `/media/photos/<file>`. `thumbnail`, `display` and `dzi` point into
 * `/derived/<hash>/…` when `.media-cache/manifest.json` has an up-to-date build for the image; otherwise
 * `thumbnail` and `display` fall back to the original's URL and there is no `dzi` (slower, but always
 * works). The kiosk builds missing derivatives (`ensureDerivatives`) before it loads, so in service the
 * fallback only shows for images that could not be built.
 */
import { readDerivativeManifest } from '../derive';
import { sortProblems } from '../problems';
import { checkContentNotes, readViolenceWords } from './contentNotes';
import { createLoadContext } from './context';
import { loadDiary } from './diary';
import { assembleExhibit, exhibitWords, readExhibitFile } from './exhibit';
import { isImageName, itemFiles } from './files';
import { loadPeople } from './people';
import { loadPhotos, reportUnusedImages } from './photos';
import { resolveReferences } from './references';
import { loadStories, storyFolders } from './stories';
import { loadTimeline } from './timeline';
import { reportMissingTranslations } from './translations';
import { reportUnusedFiles } from './unusedFiles';
import type { LoadOptions, LoadResult } from './types';

export { defaultUrlFor } from './types';
export type { DraftTranslation, LoadOptions, LoadResult, UrlArea } from './types';

export async function loadExhibitPackage(mediaDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const pkg = createLoadContext(mediaDir, options);

  const head = await readExhibitFile(pkg);
  await readViolenceWords(pkg);

  const manifestPromise = readDerivativeManifest(pkg.derivedDir);
  const [photoFiles, peopleFiles, diaryFiles] = await Promise.all([
    itemFiles(pkg, 'photos', isImageName),
    itemFiles(pkg, 'people', () => false),
    itemFiles(pkg, 'diary', () => false),
  ]);
  for (const f of photoFiles) pkg.known.photos.add(f.id);
  for (const f of peopleFiles) pkg.known.people.add(f.id);
  for (const f of diaryFiles) pkg.known.diary.add(f.id);
  const manifest = await manifestPromise;

  const imagesUsed = new Set<string>();
  const photos = await loadPhotos(pkg, photoFiles, manifest, imagesUsed);
  for (const p of photos) pkg.usable.photos.add(p.id);
  await reportUnusedImages(pkg, imagesUsed);

  const people = await loadPeople(pkg, peopleFiles);
  for (const p of people) pkg.usable.people.add(p.id);

  const diary = await loadDiary(pkg, diaryFiles);
  for (const d of diary) pkg.usable.diary.add(d.id);

  const { timeline, exists: timelineExists } = await loadTimeline(pkg);
  for (const t of timeline) pkg.usable.timeline.add(t.id);

  const stories = await loadStories(pkg, await storyFolders(pkg));
  for (const s of stories) pkg.usable.stories.add(s.id);

  // What needs every item read.
  const words = exhibitWords(pkg, head);
  resolveReferences(pkg);
  reportMissingTranslations(pkg, head.ctx);
  checkContentNotes(pkg);
  await reportUnusedFiles(pkg);

  const exhibit = assembleExhibit(pkg, head, words, {
    stories,
    photos,
    diary,
    people,
    timeline,
    timelineExists,
  });
  return { exhibit, problems: sortProblems(pkg.problems), drafts: pkg.drafts, files: pkg.filesSeen.size };
}
