import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ContentNoteGate } from '../components/ContentNoteGate';
import { RelatedLinks } from '../components/RelatedLinks';
import { T } from '../components/Text';
import { useExhibit } from '../data/exhibitStore';
import { formatHistoricalDate } from '../i18n/localize';
import { fill } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { SectionTitle } from '../components/SectionTitle';

/** An event's content note, shown in the opened event before its text; "go back" closes the event. */
function EventNote({
  eventId,
  note,
  lang,
  onBack,
  children,
}: {
  eventId: string;
  note: { text: string; lang: string } | null;
  lang: string;
  onBack: () => void;
  children: ReactNode;
}): ReactNode {
  return (
    <ContentNoteGate
      noteKey={`timeline:${eventId}`}
      note={note?.text}
      noteLang={note && note.lang !== lang ? note.lang : undefined}
      onBack={onBack}
      inline
    >
      {children}
    </ContentNoteGate>
  );
}

/** Dated events in order, the months of the Zone first, then the acts of remembrance. */
export function Timeline({ focus }: { focus?: string }): ReactNode {
  const { t, l, lang } = useLang();
  const events = useExhibit((s) => s.exhibit?.timeline) ?? [];
  const [open, setOpen] = useState<string | null>(focus ?? null);
  const focusRef = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    // In the next frame: scrolling now would force the whole timeline's layout inside the tap.
    const frame = requestAnimationFrame(() => focusRef.current?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
  }, []);
  const bands = [
    { key: 'history', title: t.events1937, items: events.filter((e) => !e.remembrance) },
    { key: 'remembrance', title: t.remembrance, items: events.filter((e) => e.remembrance) },
  ].filter((b) => b.items.length > 0);
  return (
    <section className="screen list-screen timeline" data-testid="screen-timeline">
      <SectionTitle section="timeline" />
      {bands.map((band) => (
        <section key={band.key} className={`timeline-band band-${band.key}`}>
          <h2>{band.title}</h2>
          <ol className="timeline-list">
            {band.items.map((event) => {
              const isOpen = open === event.id;
              const date = formatHistoricalDate(event.date, lang);
              return (
                <li
                  key={event.id}
                  ref={event.id === focus ? focusRef : undefined}
                  className={isOpen ? 'is-open' : undefined}
                >
                  <button
                    type="button"
                    className="timeline-event"
                    aria-expanded={isOpen}
                    onClick={() => setOpen(isOpen ? null : event.id)}
                    data-testid={`event-${event.id}`}
                  >
                    <span className="timeline-date">
                      {event.date.approximate ? fill(t.approximately, { date }) : date}
                    </span>
                    <T className="timeline-title" value={l(event.title)} visitorLang={lang} />
                  </button>
                  {isOpen ? (
                    <div className="timeline-detail" data-testid={`timeline-detail-${event.id}`}>
                      <EventNote
                        eventId={event.id}
                        note={event.contentNote ? l(event.contentNote) : null}
                        lang={lang}
                        onBack={() => setOpen(null)}
                      >
                        <T as="p" value={l(event.text)} visitorLang={lang} />
                        <RelatedLinks related={event.related} />
                        {event.sources.length > 0 ? (
                          <p className="timeline-sources" lang="en">
                            {t.sources}: {event.sources.join('; ')}
                          </p>
                        ) : null}
                      </EventNote>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </section>
  );
}
