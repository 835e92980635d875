/**
 * exhibit.yaml: read first (it names the languages every other file is checked against), its texts and
 * attract photos resolved once every item has been read, and the resolved exhibit put together last.
 */
import path from 'node:path';
import type {
  DiaryEntry,
  Exhibit,
  LocalizedText,
  Person,
  Photo,
  SectionId,
  SectionText,
  Story,
  TimelineEvent,
} from '../../common/exhibit';
import { exhibitSchema, type ExhibitFile } from '../schema';
import { NOWHERE, type FileContext, type LoadContext } from './context';
import { readText } from './files';
import { collectDrafts, isValidLanguageTag, localized, localizedFields } from './languages';
import { refer } from './references';
import { parseYamlFile } from './yaml';

export interface ExhibitHead {
  /** The text of exhibit.yaml; null when it is missing or unreadable. */
  text: string | null;
  /** The checked file; undefined when it cannot be used. */
  file?: ExhibitFile;
  ctx: FileContext;
}

/** Read exhibit.yaml and set the package's languages from it (left null when it is unusable). */
export async function readExhibitFile(pkg: LoadContext): Promise<ExhibitHead> {
  const text = await readText(pkg, 'exhibit.yaml');
  let file: ExhibitFile | undefined;
  let ctx: FileContext = { file: 'exhibit.yaml', ...NOWHERE };
  if (text === null) {
    if (!pkg.problems.some((p) => p.file === 'exhibit.yaml'))
      pkg.report(
        'error',
        { file: 'exhibit.yaml' },
        undefined,
        'missing-exhibit',
        `there is no exhibit.yaml in ${path.basename(path.resolve(pkg.mediaDir))}/; is this the right folder?`,
      );
  } else {
    const parsed = parseYamlFile(pkg, text, 'exhibit.yaml', exhibitSchema);
    file = parsed.value;
    ctx = parsed.ctx;
  }

  // Languages: when exhibit.yaml is unusable, language checks are skipped (there is nothing to check against).
  if (file) {
    const valid: string[] = [];
    file.languages.forEach((tag, i) => {
      const canonical = isValidLanguageTag(tag);
      if (!canonical)
        pkg.report(
          'error',
          ctx,
          ['languages', i],
          'invalid-language',
          `"${tag}" is not a valid language tag; use tags like en, zh-Hans, ja, id`,
        );
      else {
        if (canonical !== tag)
          pkg.report(
            'warning',
            ctx,
            ['languages', i],
            'language-spelling',
            `the usual spelling of "${tag}" is "${canonical}"; use the same spelling everywhere`,
          );
        valid.push(tag);
      }
    });
    pkg.languages = valid;
    if (!valid.includes(file.defaultLanguage)) {
      pkg.report(
        'error',
        ctx,
        ['defaultLanguage'],
        'default-language-not-listed',
        `the default language "${file.defaultLanguage}" must also be listed in languages (${valid.join(', ')})`,
      );
      file = undefined;
      pkg.languages = null;
    } else {
      pkg.defaultLanguage = file.defaultLanguage;
    }
  }
  return { text, ...(file ? { file } : {}), ctx };
}

type ExhibitTextKey = 'title' | 'subtitle' | 'contentNote' | 'introduction' | 'credits';

/** exhibit.yaml's texts and attract photos, checked once every item has been read. */
export interface ExhibitWords {
  /** Still usable after its texts were checked. */
  file?: ExhibitFile;
  texts?: Partial<Record<ExhibitTextKey, LocalizedText>>;
  tagline?: LocalizedText;
  sectionText: Partial<Record<SectionId, SectionText>>;
  drafts: string[];
  /** The attract photos; a reference that cannot be resolved removes its photo from this list. */
  attractPhotos: string[];
}

export function exhibitWords(pkg: LoadContext, head: ExhibitHead): ExhibitWords {
  let file = head.file;
  const ctx = head.ctx;
  const words: ExhibitWords = { sectionText: {}, drafts: [], attractPhotos: [] };
  if (file) {
    const texts = localizedFields(
      pkg,
      file,
      ctx,
      ['title', 'subtitle'] as const,
      ['contentNote', 'introduction', 'credits'] as const,
    );
    words.texts = texts.texts;
    const tagline = localized(pkg, file.attract.tagline, ctx, ['attract', 'tagline']);
    if (tagline.text) words.tagline = tagline.text;
    for (const [section, sectionWords] of Object.entries(file.sectionText ?? {}) as [
      SectionId,
      { title?: Record<string, string>; hint?: Record<string, string> } | undefined,
    ][]) {
      if (!sectionWords) continue;
      const title = localized(pkg, sectionWords.title, ctx, ['sectionText', section, 'title']).text;
      const hint = localized(pkg, sectionWords.hint, ctx, ['sectionText', section, 'hint']).text;
      if (title || hint)
        words.sectionText[section] = { ...(title ? { title } : {}), ...(hint ? { hint } : {}) };
    }
    if (!texts.ok || !tagline.ok) file = undefined;
  }
  words.drafts = file ? collectDrafts(pkg, file.drafts, ctx) : [];
  if (file) {
    const attractPhotos = words.attractPhotos;
    file.attract.photos.forEach((photoId, i) => {
      attractPhotos.push(photoId);
      refer(pkg, 'photos', photoId, ctx, ['attract', 'photos', i], () => {
        const at = attractPhotos.indexOf(photoId);
        if (at >= 0) attractPhotos.splice(at, 1);
      });
    });
    words.file = file;
  }
  return words;
}

export interface ExhibitItems {
  stories: Story[];
  photos: Photo[];
  diary: DiaryEntry[];
  people: Person[];
  timeline: TimelineEvent[];
  /** Whether the package has a timeline.yaml at all (for the empty-section message). */
  timelineExists: boolean;
}

/** The resolved exhibit, or null (with a problem saying so) when exhibit.yaml cannot be used. */
export function assembleExhibit(
  pkg: LoadContext,
  head: ExhibitHead,
  words: ExhibitWords,
  items: ExhibitItems,
): Exhibit | null {
  const { file, texts } = words;
  const { defaultLanguage, languages } = pkg;
  const ctx = head.ctx;
  if (!(file && texts && defaultLanguage && languages)) {
    if (head.text !== null)
      pkg.problems.push({
        severity: 'error',
        file: 'exhibit.yaml',
        message:
          'because of the errors in exhibit.yaml the exhibit cannot be shown; the kiosk keeps showing the last good version',
        code: 'exhibit-unusable',
      });
    return null;
  }
  const { stories, photos, people, diary, timeline } = items;
  if (words.attractPhotos.length === 0)
    pkg.report(
      'warning',
      ctx,
      ['attract', 'photos'],
      'empty-attract',
      'none of the attract photos can be shown; the attract loop shows only the title',
    );
  stories.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  stories.forEach((s, i) => (s.order = i + 1));
  photos.sort((a, b) => (a.id < b.id ? -1 : 1));
  people.sort((a, b) => (a.id < b.id ? -1 : 1));
  diary.sort(
    (a, b) => (a.date?.iso ?? '9999').localeCompare(b.date?.iso ?? '9999') || (a.id < b.id ? -1 : 1),
  );
  timeline.sort((a, b) => a.date.iso.localeCompare(b.date.iso) || (a.id < b.id ? -1 : 1));
  const counts: Record<SectionId, number> = {
    stories: stories.length,
    diary: diary.length,
    photos: photos.length,
    people: people.length,
    timeline: timeline.length,
  };
  const sections = file.sections.filter((section, i) => {
    if (counts[section] > 0) return true;
    pkg.report(
      'warning',
      ctx,
      ['sections', i],
      'empty-section',
      section === 'timeline' && !items.timelineExists
        ? 'there is no timeline.yaml, so the Timeline section is not shown'
        : `the ${section} section has nothing to show, so it is not shown`,
    );
    return false;
  });
  return {
    id: file.id,
    version: String(file.version),
    defaultLanguage,
    languages,
    title: texts.title ?? {},
    subtitle: texts.subtitle ?? {},
    ...(texts.introduction ? { introduction: texts.introduction } : {}),
    ...(texts.contentNote ? { contentNote: texts.contentNote } : {}),
    ...(texts.credits ? { credits: texts.credits } : {}),
    attract: {
      photos: words.attractPhotos,
      tagline: words.tagline ?? {},
      slideSeconds: file.attract.slideSeconds,
    },
    sections,
    ...(Object.keys(words.sectionText).length > 0 ? { sectionText: words.sectionText } : {}),
    stories,
    photos,
    diary,
    people,
    timeline,
    drafts: words.drafts,
  };
}
