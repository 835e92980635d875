import type { ReactNode } from 'react';
import type { RelatedIds } from '../../../main/common/exhibit';
import { ContentNoteGate } from '../components/ContentNoteGate';
import { PhotoFigure } from '../components/PhotoFigure';
import { RelatedLinks } from '../components/RelatedLinks';
import { SourceList } from '../components/SourceList';
import { T } from '../components/Text';
import { useExhibit, type ExhibitIndex } from '../data/exhibitStore';
import { dateFromIso, formatHistoricalDate } from '../i18n/localize';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { PersonName } from '../components/PersonName';

/** Everything in the exhibit that names a person: stories, photographs showing them, their diary, events. */
export function mentionsOf(personId: string, index: ExhibitIndex): RelatedIds {
  return {
    stories: [...index.stories.values()].filter((s) => s.related.people.includes(personId)).map((s) => s.id),
    photos: [...index.photos.values()].filter((p) => p.people.includes(personId)).map((p) => p.id),
    diary: [...index.diary.values()].filter((d) => d.author === personId).map((d) => d.id),
    timeline: [...index.timeline.values()]
      .filter((e) => e.related.people.includes(personId))
      .map((e) => e.id),
    people: [],
  };
}

export function PersonProfile({ id }: { id: string }): ReactNode {
  const { t, l, lang } = useLang();
  const person = useExhibit((s) => s.index?.people.get(id));
  const index = useExhibit((s) => s.index);
  const openViewer = useVisit((s) => s.openViewer);
  if (!person || !index) return null;
  const bio = l(person.biography);
  const note = person.contentNote ? l(person.contentNote) : null;
  const mentions = mentionsOf(id, index);
  return (
    <article className="screen person-profile" data-testid="screen-person">
      <header className="person-header">
        <PersonName as="h1" value={l(person.name)} visitorLang={lang} />
        <T as="p" className="person-role" value={l(person.role)} visitorLang={lang} />
        <dl className="facts">
          {person.nationality && Object.keys(person.nationality).length > 0 ? (
            <div>
              <dt>{t.nationality}</dt>
              <dd>
                <T value={l(person.nationality)} visitorLang={lang} />
              </dd>
            </div>
          ) : null}
          {person.born ? (
            <div>
              <dt>{t.born}</dt>
              <dd>{formatHistoricalDate(dateFromIso(person.born), lang)}</dd>
            </div>
          ) : null}
          {person.died ? (
            <div>
              <dt>{t.died}</dt>
              <dd>{formatHistoricalDate(dateFromIso(person.died), lang)}</dd>
            </div>
          ) : null}
        </dl>
        {person.drafts.includes(lang) ? <p className="draft-badge">{t.draftTranslation}</p> : null}
      </header>
      <div className="person-body">
        {person.portrait ? (
          <PhotoFigure photoId={person.portrait} onOpen={() => openViewer([person.portrait ?? ''], 0)} />
        ) : null}
        <ContentNoteGate
          noteKey={`person:${id}`}
          note={note?.text}
          noteLang={note && note.lang !== lang ? note.lang : undefined}
          inline
        >
          <div
            className="prose"
            lang={bio.lang !== lang ? bio.lang : undefined}
            data-testid="profile-biography"
          >
            {bio.text.split(/\n\s*\n/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
        </ContentNoteGate>
      </div>
      <RelatedLinks related={mentions} />
      <SourceList sources={person.sources} />
    </article>
  );
}
