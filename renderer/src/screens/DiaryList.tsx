import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { formatHistoricalDate } from '../i18n/localize';
import { fill } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { PersonName } from '../components/PersonName';
import { SectionTitle } from '../components/SectionTitle';

/** Diary excerpts and remembered words: author, date as the visitor's language writes it, place. */
export function DiaryList(): ReactNode {
  const { t, l, lang } = useLang();
  const diary = useExhibit((s) => s.exhibit?.diary) ?? [];
  const people = useExhibit((s) => s.index?.people);
  const go = useVisit((s) => s.go);
  return (
    <section className="screen list-screen" data-testid="screen-diary">
      <SectionTitle section="diary" />
      <ul className="card-list">
        {diary.map((entry) => {
          const author = people?.get(entry.author);
          const name = author ? l(author.name) : null;
          const date = entry.date ? formatHistoricalDate(entry.date, lang) : '';
          const place = entry.place ? l(entry.place) : null;
          const excerpt = l(entry.text);
          return (
            <li key={entry.id}>
              <button
                type="button"
                className="diary-card"
                onClick={() => go({ screen: 'diaryEntry', id: entry.id })}
                data-testid={`diary-${entry.id}`}
              >
                <span className="diary-card-kind">{entry.kind === 'remark' ? t.remark : t.diaryEntry}</span>
                {name ? <PersonName className="diary-card-author" value={name} visitorLang={lang} /> : null}
                <span className="diary-card-meta">
                  {entry.date?.approximate && date ? fill(t.approximately, { date }) : date}
                  {place?.text ? ` · ${place.text}` : ''}
                </span>
                {entry.contentNote ? (
                  // An excerpt with a content note is not shown on its card: the note comes first.
                  <span className="story-card-note">{t.contentNote}</span>
                ) : (
                  <span
                    className="diary-card-excerpt"
                    lang={excerpt.lang !== lang ? excerpt.lang : undefined}
                  >
                    {excerpt.text}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
