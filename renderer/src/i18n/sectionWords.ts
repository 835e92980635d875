/**
 * A home section's name and hint: the exhibit's own (exhibit.yaml → sectionText) when it gives them, else
 * the kiosk's generic words, which fit any exhibit. Pure.
 */
import type { Exhibit, Lang, SectionId } from '../../../main/common/exhibit';
import { pick, type Localized } from './localize';
import type { UiStrings } from './uiText';

const GENERIC: Record<
  SectionId,
  { title: keyof UiStrings & `section${string}`; hint: keyof UiStrings & `section${string}` }
> = {
  stories: { title: 'sectionStories', hint: 'sectionStoriesHint' },
  diary: { title: 'sectionDiary', hint: 'sectionDiaryHint' },
  photos: { title: 'sectionPhotos', hint: 'sectionPhotosHint' },
  people: { title: 'sectionPeople', hint: 'sectionPeopleHint' },
  timeline: { title: 'sectionTimeline', hint: 'sectionTimelineHint' },
};

export interface SectionWords {
  title: Localized;
  hint: Localized;
}

export function sectionWords(
  exhibit: Pick<Exhibit, 'sectionText' | 'defaultLanguage'> | null | undefined,
  section: SectionId,
  lang: Lang,
  t: UiStrings,
): SectionWords {
  const own = exhibit?.sectionText?.[section];
  const fallback = exhibit?.defaultLanguage ?? lang;
  const generic = GENERIC[section];
  return {
    title: own?.title ? pick(own.title, lang, fallback) : { text: t[generic.title], lang },
    hint: own?.hint ? pick(own.hint, lang, fallback) : { text: t[generic.hint], lang },
  };
}
