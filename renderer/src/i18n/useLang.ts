import type { Lang, LocalizedText } from '../../../main/common/exhibit';
import { useExhibit } from '../data/exhibitStore';
import { useVisit } from '../session/visitStore';
import { pick, type Localized } from './localize';
import { uiText, type UiStrings } from './uiText';

export interface LangContext {
  /** The language the visitor reads in. */
  lang: Lang;
  /** The exhibit's default language (fallback for missing translations). */
  fallback: Lang;
  t: UiStrings;
  /** Content text in the visitor's language, with the language it is actually in. */
  l(text: LocalizedText | undefined): Localized;
}

export function useLang(): LangContext {
  const chosen = useVisit((s) => s.language);
  // The attract slice has the exhibit's languages before the whole exhibit has arrived.
  const exhibit = useExhibit((s) => s.attract);
  const start = useExhibit((s) => s.settings.startLanguage);
  const fallback = exhibit?.defaultLanguage ?? 'en';
  const lang = chosen ?? (start && exhibit?.languages.includes(start) ? start : fallback);
  return { lang, fallback, t: uiText(lang), l: (text) => pick(text, lang, fallback) };
}
