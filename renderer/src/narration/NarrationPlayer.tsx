/**
 * Voices: an excerpt read aloud, with captions in time below it.
 *
 * The visitor presses play (nothing starts by itself). Narration stops when the visitor leaves the excerpt,
 * changes language, or the visit is reset; while it plays, the idle warning waits (the controller holds the
 * session). Without a narration in the visitor's language, the page says so plainly and offers the ones that
 * exist, with captions in the visitor's language where they have been translated.
 */
import { useEffect, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import type { DiaryEntry, Lang } from '../../../main/common/exhibit';
import { Icon } from '../components/Icon';
import { fill, languageNameIn, type UiStrings } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import '../styles/narration.css';
import { narration } from './narration';
import { formatClock, narrationOffer, type NarrationChoice } from './narrationChoice';
import { useCaptions } from './useCaptions';
import { cueAt } from '../../../main/common/vtt';
import { useNarrationAnalytics } from '../analytics/hooks';
import { isReadByRecording } from '../speech/recordedReading';

export function NarrationPlayer({ entry }: { entry: DiaryEntry }): ReactNode {
  const { t, lang } = useLang();
  const [picked, setPicked] = useState<{ lang: Lang; spoken: Lang } | null>(null);
  const offer = narrationOffer(entry, lang);
  const first = offer.choices[0];
  if (!first) return null;
  const choice =
    (picked?.lang === lang ? offer.choices.find((c) => c.spoken === picked.spoken) : undefined) ?? first;

  return (
    <section className="narration" aria-labelledby="narration-heading" data-testid="narration">
      <h2 id="narration-heading" className="narration-heading">
        {t.listen}
      </h2>
      {offer.inVisitorLanguage ? null : (
        <>
          <p className="narration-none" data-testid="narration-none">
            {t.noNarration}
          </p>
          {offer.choices.length > 1 ? (
            <div className="narration-choices" role="group" aria-label={t.listen}>
              {offer.choices.map((c) => (
                <button
                  key={c.spoken}
                  type="button"
                  className="secondary-button narration-choice"
                  aria-pressed={c.spoken === choice.spoken}
                  onClick={() => setPicked({ lang, spoken: c.spoken })}
                  data-testid={`narration-choice-${c.spoken}`}
                >
                  {choiceLabel(c, t, lang)}
                </button>
              ))}
            </div>
          ) : (
            <p className="narration-offer" data-testid="narration-offer">
              {choiceLabel(choice, t, lang)}
            </p>
          )}
        </>
      )}
      {/* A new language or another narration is a new player: the old one stops. */}
      <NarrationDeck key={`${lang}|${choice.audio}`} choice={choice} item={entry.id} />
    </section>
  );
}

function choiceLabel(choice: NarrationChoice, t: UiStrings, lang: Lang): string {
  const spoken = fill(t.narrationIn, { language: languageNameIn(choice.spoken, lang) });
  return choice.captionsTranslated ? `${spoken} — ${t.captionsInYourLanguage}` : spoken;
}

function NarrationDeck({ choice, item }: { choice: NarrationChoice; item: string }): ReactNode {
  const { t, lang } = useLang();
  const snapshot = useSyncExternalStore(narration.subscribe, narration.getSnapshot);
  const captionsOn = useVisit((s) => s.captionsOn);
  const setCaptionsOn = useVisit((s) => s.setCaptionsOn);
  const cues = useCaptions(choice.captions?.url);

  useEffect(() => {
    narration.load(choice.audio);
    return () => narration.stop();
  }, [choice.audio]);

  // The audio guide: the excerpt's text, given focus, is read by this recording (when it is in the
  // visitor's language), and focus leaving the text pauses it (recordedReading.ts).
  const audioGuide = useVisit((s) => s.audioMode);
  const readsTheText = audioGuide && choice.spoken === lang;
  useEffect(() => {
    if (!readsTheText) return;
    const onFocusIn = (event: FocusEvent) => {
      if (isReadByRecording(event.target) && narration.getSnapshot().status !== 'playing') narration.play();
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!isReadByRecording(event.target) || isReadByRecording(event.relatedTarget)) return;
      if (narration.getSnapshot().status === 'playing') narration.pause();
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    // The player loads on first use: the text may have focus already.
    if (isReadByRecording(document.activeElement)) narration.play();
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, [readsTheText]);

  // Until the controller has taken this narration up, show it as loading.
  const mine = snapshot.url === choice.audio;
  const status = mine ? snapshot.status : 'loading';
  const position = mine ? snapshot.position : 0;
  const duration = mine ? snapshot.duration : 0;
  const playing = status === 'playing';
  useNarrationAnalytics(item, status);
  const seekable = status === 'ready' || status === 'playing' || status === 'paused' || status === 'ended';
  const cue = cues ? cueAt(cues, position) : undefined;
  const elapsed = formatClock(position);
  const total = formatClock(duration);
  const playLabel = playing ? t.pause : status === 'paused' || status === 'ended' ? t.play : t.listen;

  return (
    <div className="narration-deck" data-status={status} data-testid="narration-player">
      <div className="narration-controls">
        <button
          type="button"
          className="primary-button narration-play"
          onClick={() => (playing ? narration.pause() : narration.play())}
          aria-busy={status === 'loading'}
          data-testid="narration-play"
        >
          <Icon name={playing ? 'pause' : 'play'} />
          <span>{playLabel}</span>
        </button>
        <div className="narration-track">
          <input
            type="range"
            className="narration-scrubber"
            min={0}
            max={duration}
            step={0.1}
            value={Math.min(position, duration)}
            disabled={!seekable}
            aria-label={t.narrationPosition}
            aria-valuetext={fill(t.narrationTime, { elapsed, total })}
            onChange={(event) => narration.seek(Number(event.currentTarget.value))}
            style={
              {
                '--progress': duration > 0 ? `${(Math.min(position, duration) / duration) * 100}%` : '0%',
              } as CSSProperties
            }
            data-testid="narration-scrubber"
          />
          <p className="narration-times" aria-hidden="true">
            <span data-testid="narration-elapsed">{elapsed}</span>
            <span data-testid="narration-total">{total}</span>
          </p>
        </div>
        {choice.captions ? (
          <button
            type="button"
            className="secondary-button narration-captions-toggle"
            aria-pressed={captionsOn}
            onClick={() => setCaptionsOn(!captionsOn)}
            data-testid="narration-captions-toggle"
          >
            <span className="narration-toggle-mark" aria-hidden="true" />
            <span>{t.captions}</span>
          </button>
        ) : null}
      </div>
      {status === 'error' ? (
        <p className="narration-failed" role="status" data-testid="narration-failed">
          {t.narrationFailed}
        </p>
      ) : null}
      {choice.captions && captionsOn ? (
        <div
          className="narration-captions"
          aria-live="off"
          lang={choice.captions.lang !== lang ? choice.captions.lang : undefined}
          data-testid="narration-caption"
        >
          {cue?.text ?? ''}
        </div>
      ) : null}
      {choice.placeholder ? (
        <p className="narration-placeholder" data-testid="narration-placeholder">
          {t.narrationPlaceholder}
        </p>
      ) : null}
    </div>
  );
}
