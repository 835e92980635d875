import { useEffect, useState, type ReactNode } from 'react';
import { attractHasSettled, useExhibit } from '../data/exhibitStore';
import { pick } from '../i18n/localize';
import { nativeLanguageName, uiText } from '../i18n/uiText';
import { touched } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';
import { fontSet } from '../fontLoading';

/**
 * The attract loop: slow cross-fades across the exhibit's attract photographs (with their credits), the
 * title, and "touch to begin" in every language of the exhibit, each in its own script. The title block
 * moves to a new place with each photograph, so nothing static stays long enough to burn in.
 */
export function Attract(): ReactNode {
  // The attract loop's part of the exhibit: it shows before the whole exhibit has arrived.
  const exhibit = useExhibit((s) => s.attract);
  const reducedMotion = useVisit((s) => s.reducedMotion);
  const [slide, setSlide] = useState(0);
  const [langIndex, setLangIndex] = useState(0);
  // Only the first photograph is fetched before the attract loop shows; the others once it has painted.
  const [warm, setWarm] = useState(false);
  const slideMs = (exhibit?.slideSeconds ?? 12) * 1000;
  const languages = exhibit?.languages ?? [];
  const photos = exhibit?.photos ?? [];

  useEffect(() => {
    const timer = setInterval(() => setSlide((s) => s + 1), slideMs);
    return () => clearInterval(timer);
  }, [slideMs]);
  useEffect(() => {
    const timer = setInterval(() => setLangIndex((i) => i + 1), 4000);
    return () => clearInterval(timer);
  }, []);
  // The bench measures load → first frame of the attract loop from this mark: set once per page load, so a
  // kiosk that runs all day does not collect one entry per visit.
  const first = photos[0]?.display;
  useEffect(() => {
    // The other photographs load once the first is shown and the type is in: its first complete frame.
    let gone = false;
    const image = new Image();
    if (first) image.src = first;
    void (first ? image.decode() : Promise.resolve())
      .catch(() => undefined)
      .then(() => fontSet()?.ready)
      .then(() => {
        if (!gone) setWarm(true);
        // Once that first complete frame is on screen, the rest of the exhibit may load.
        requestAnimationFrame(() => setTimeout(attractHasSettled, 0));
      });
    return () => {
      gone = true;
    };
  }, [first]);
  useEffect(() => {
    if (performance.getEntriesByName('attract-first-frame').length > 0) return;
    const frame = requestAnimationFrame(() => performance.mark('attract-first-frame'));
    return () => cancelAnimationFrame(frame);
  }, []);

  if (!exhibit) return null;
  const def = exhibit.defaultLanguage;
  const current = photos.length > 0 ? photos[slide % photos.length] : undefined;
  const promptLang = languages[langIndex % Math.max(1, languages.length)] ?? def;
  const position = slide % 4;
  return (
    <div
      className="screen attract"
      data-testid="attract"
      role="button"
      tabIndex={0}
      aria-label={languages.map((l) => uiText(l).touchToBegin).join(' / ')}
      onClick={touched}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') touched();
      }}
    >
      {photos.map((photo, i) => {
        const isCurrent = current?.id === photo.id;
        // The photograph fading out keeps its slow pan; the hidden ones do not animate at all.
        const fading =
          slide > 0 &&
          photos.length > 1 &&
          photos[(slide - 1 + photos.length) % photos.length]?.id === photo.id;
        return (
          <div
            key={photo.id}
            className={`attract-slide ${isCurrent ? 'is-current' : ''} ${!reducedMotion && (isCurrent || fading) ? 'pans' : ''}`}
            aria-hidden="true"
            style={{
              backgroundImage: isCurrent || warm ? `url("${photo.display}")` : undefined,
              animationDelay: `${-i * 3}s`,
            }}
          />
        );
      })}
      <div className="attract-shade" aria-hidden="true" />
      <div className={`attract-title pos-${position}`}>
        <h1 lang={pick(exhibit.title, def, def).lang}>{pick(exhibit.title, def, def).text}</h1>
        <p className="attract-subtitle">{pick(exhibit.subtitle, def, def).text}</p>
        <p className="attract-tagline">{pick(exhibit.tagline, def, def).text}</p>
      </div>
      <p className="attract-prompt" lang={promptLang} key={promptLang} aria-hidden="true">
        {uiText(promptLang).touchToBegin}
        <span className="attract-prompt-lang">{nativeLanguageName(promptLang)}</span>
      </p>
      {current ? (
        <p className="attract-credit" aria-hidden="true">
          {current.placeholder ? <span className="placeholder-tag">{uiText(def).placeholder}</span> : null}
          {pick(current.credit, def, def).text}
        </p>
      ) : null}
    </div>
  );
}
