import { lazy, Suspense, type ReactNode } from 'react';
import { ContentNoteGate } from '../components/ContentNoteGate';
import { PhotoFigure } from '../components/PhotoFigure';
import { T } from '../components/Text';
import { useExhibit } from '../data/exhibitStore';
import { formatHistoricalDate } from '../i18n/localize';
import { fill, languageNameIn, type UiStrings } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { PersonName } from '../components/PersonName';
import { templateParts, wordingNotes, type WordingNote } from './diaryWording';
import { loadNarrationPlayer } from '../visitChunks';
import { narrationOffer } from '../narration/narrationChoice';
import { READ_BY_RECORDING } from '../speech/recordedReading';

/** howler and the player load on first use (prefetched during the attract loop). */
const NarrationPlayer = lazy(loadNarrationPlayer);

/** One excerpt set like a page of testimony, with its source, author and narration. */
export function DiaryEntryView({ id }: { id: string }): ReactNode {
  const { l, lang } = useLang();
  const entry = useExhibit((s) => s.index?.diary.get(id));
  if (!entry) return null;
  const note = entry.contentNote ? l(entry.contentNote) : null;
  return (
    <ContentNoteGate
      noteKey={`diary:${id}`}
      note={note?.text}
      noteLang={note?.lang !== lang ? note?.lang : undefined}
    >
      <DiaryPage id={id} />
    </ContentNoteGate>
  );
}

function DiaryPage({ id }: { id: string }): ReactNode {
  const { t, l, lang } = useLang();
  const entry = useExhibit((s) => s.index?.diary.get(id));
  const author = useExhibit((s) => (entry ? s.index?.people.get(entry.author) : undefined));
  const showOriginal = useVisit((s) => s.showOriginal);
  const setShowOriginal = useVisit((s) => s.setShowOriginal);
  const go = useVisit((s) => s.go);
  const openViewer = useVisit((s) => s.openViewer);
  const audioGuide = useVisit((s) => s.audioMode);
  if (!entry) return null;
  // The audio guide reads the excerpt with its recorded narration where there is one in the visitor's
  // language (issue 17), not with the synthetic voice: the player starts it when the text gets focus.
  const readByRecording = audioGuide && narrationOffer(entry, lang).inVisitorLanguage;
  const text = l(entry.text);
  const date = entry.date ? formatHistoricalDate(entry.date, lang) : '';
  const hasOriginal = Boolean(entry.original) && entry.originalLanguage !== text.lang;
  const name = author ? l(author.name) : null;
  return (
    <article className="screen diary-page" data-testid="screen-diary-entry">
      <header className="diary-header">
        <p className="diary-kind">{entry.kind === 'remark' ? t.remark : t.diaryEntry}</p>
        {name ? <PersonName as="h1" value={name} visitorLang={lang} /> : null}
        <p className="diary-meta">
          {entry.date?.approximate && date ? fill(t.approximately, { date }) : date}
          {entry.place ? (
            <>
              {' '}
              · <T value={l(entry.place)} visitorLang={lang} />
            </>
          ) : null}
        </p>
        {entry.date?.note ? (
          <T as="p" className="diary-date-note" value={l(entry.date.note)} visitorLang={lang} />
        ) : null}
      </header>
      <div className={`diary-texts ${showOriginal && hasOriginal ? 'side-by-side' : ''}`}>
        <blockquote className="testimony diary-text" lang={text.lang} data-testid="diary-text">
          <p {...(readByRecording ? { [READ_BY_RECORDING]: '' } : {})} data-testid="diary-text-words">
            {text.text}
          </p>
          <footer className="wording-notes" lang={lang} data-testid="diary-wording">
            {wordingNotes(entry, text.lang).map((note) => (
              <WordingLine key={note.kind} note={note} t={t} lang={lang} />
            ))}
          </footer>
          {entry.drafts.includes(text.lang) ? (
            <footer className="draft-badge">{t.draftTranslation}</footer>
          ) : null}
        </blockquote>
        {showOriginal && hasOriginal ? (
          <blockquote
            className="testimony diary-text original"
            lang={entry.originalLanguage}
            data-testid="diary-original"
          >
            <p className="original-label" lang={lang}>
              {fill(t.original, { language: languageNameIn(entry.originalLanguage, lang) })}
            </p>
            <p>{entry.original}</p>
          </blockquote>
        ) : null}
      </div>
      {hasOriginal ? (
        <button
          type="button"
          className="secondary-button"
          aria-pressed={showOriginal}
          onClick={() => setShowOriginal(!showOriginal)}
          data-testid="toggle-original"
        >
          {showOriginal ? t.hideOriginal : t.showOriginal}
        </button>
      ) : null}
      <Suspense fallback={null}>
        <NarrationPlayer entry={entry} />
      </Suspense>
      <p className="diary-source">
        <span className="diary-source-label">{t.source}:</span> <span lang="en">{entry.source}</span>
      </p>
      <div className="diary-aside">
        {author ? (
          <button
            type="button"
            className="author-link"
            onClick={() => go({ screen: 'person', id: author.id })}
            data-testid="diary-author"
          >
            {author.portrait ? <PortraitThumb photoId={author.portrait} /> : null}
            <span>
              <span className="related-kind">{t.profile}</span>
              <span className="related-label">{name?.text}</span>
            </span>
          </button>
        ) : null}
        {entry.facsimile ? (
          <div className="diary-facsimile">
            <h2>{t.facsimile}</h2>
            <PhotoFigure photoId={entry.facsimile} onOpen={() => openViewer([entry.facsimile ?? ''], 0)} />
          </div>
        ) : null}
      </div>
    </article>
  );
}

/** One line about the wording: original, translated, or as another work quotes it (its citation in English). */
function WordingLine({ note, t, lang }: { note: WordingNote; t: UiStrings; lang: string }): ReactNode {
  const template = t[note.kind];
  const values: Record<string, ReactNode> = {
    language: 'language' in note ? languageNameIn(note.language, lang) : '',
    source:
      'source' in note ? (
        <cite lang="en" className="wording-source">
          {note.source}
        </cite>
      ) : (
        ''
      ),
  };
  return (
    <span className={`wording-note wording-${note.kind}`} data-wording={note.kind}>
      {templateParts(template).map((part, i) =>
        'text' in part ? part.text : <span key={i}>{values[part.placeholder] ?? ''}</span>,
      )}
    </span>
  );
}

function PortraitThumb({ photoId }: { photoId: string }): ReactNode {
  const photo = useExhibit((s) => s.index?.photos.get(photoId));
  if (!photo) return null;
  return <img src={photo.thumbnail} alt="" className="author-portrait" draggable={false} />;
}
