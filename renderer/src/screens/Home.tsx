import type { ReactNode } from 'react';
import { T } from '../components/Text';
import { useExhibit } from '../data/exhibitStore';
import { sectionWords } from '../i18n/sectionWords';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';

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
          const words = sectionWords(exhibit, section, lang, t);
          return (
            <button
              key={section}
              type="button"
              className={`section-card section-${section}`}
              onClick={() => go({ screen: section })}
              data-testid={`section-${section}`}
            >
              <T className="section-name" value={words.title} visitorLang={lang} />
              <T className="section-hint" value={words.hint} visitorLang={lang} />
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
