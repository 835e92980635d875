import type { ReactNode } from 'react';
import type { SectionId } from '../../../main/common/exhibit';
import { T } from '../components/Text';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import type { UiKey } from '../i18n/uiText';
import { useVisit } from '../session/visitStore';

const sectionWords: Record<SectionId, [UiKey, UiKey]> = {
  stories: ['sectionStories', 'sectionStoriesHint'],
  diary: ['sectionDiary', 'sectionDiaryHint'],
  photos: ['sectionPhotos', 'sectionPhotosHint'],
  people: ['sectionPeople', 'sectionPeopleHint'],
  timeline: ['sectionTimeline', 'sectionTimelineHint'],
};

/** The exhibit's sections, in the order exhibit.yaml gives. */
export function Home(): ReactNode {
  const { t, l, lang } = useLang();
  const exhibit = useExhibit((s) => s.exhibit);
  const go = useVisit((s) => s.go);
  if (!exhibit) return null;
  return (
    <section className="screen home" data-testid="home">
      <header className="home-header">
        <T as="h1" value={l(exhibit.title)} visitorLang={lang} />
        <T as="p" className="home-subtitle" value={l(exhibit.subtitle)} visitorLang={lang} />
        {exhibit.introduction ? (
          <T as="p" className="home-intro" value={l(exhibit.introduction)} visitorLang={lang} />
        ) : null}
        {exhibit.contentNote ? (
          <p className="content-note-inline" role="note">
            <T value={l(exhibit.contentNote)} visitorLang={lang} />
          </p>
        ) : null}
      </header>
      <nav className="section-grid" aria-label={t.home}>
        {exhibit.sections.map((section) => {
          const [name, hint] = sectionWords[section];
          return (
            <button
              key={section}
              type="button"
              className={`section-card section-${section}`}
              onClick={() => go({ screen: section })}
              data-testid={`section-${section}`}
            >
              <span className="section-name">{t[name]}</span>
              <span className="section-hint">{t[hint]}</span>
            </button>
          );
        })}
      </nav>
      {exhibit.credits ? (
        <footer className="home-credits">
          <h2>{t.about}</h2>
          <T as="p" value={l(exhibit.credits)} visitorLang={lang} />
        </footer>
      ) : null}
    </section>
  );
}
