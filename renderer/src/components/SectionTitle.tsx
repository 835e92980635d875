import type { ReactNode } from 'react';
import type { SectionId } from '../../../main/common/exhibit';
import { useExhibit } from '../data/exhibitStore';
import { sectionWords } from '../i18n/sectionWords';
import { useLang } from '../i18n/useLang';
import { T } from './Text';

/** A section screen's heading: the exhibit's own title for the section, else the kiosk's word. */
export function SectionTitle({ section }: { section: SectionId }): ReactNode {
  const { t, lang } = useLang();
  const exhibit = useExhibit((s) => s.exhibit);
  return <T as="h1" value={sectionWords(exhibit, section, lang, t).title} visitorLang={lang} />;
}
