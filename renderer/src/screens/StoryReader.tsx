import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ContentNoteGate } from '../components/ContentNoteGate';
import { RelatedLinks } from '../components/RelatedLinks';
import { SourceList } from '../components/SourceList';
import { inlineText, StoryBlocks } from '../components/StoryBlocks';
import { useExhibit } from '../data/exhibitStore';
import { fill } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { useStoryAnalytics } from '../analytics/hooks';

/** A story in large type, by chapters, with a visible place in the story and its related items. */
export function StoryReader({ id }: { id: string }): ReactNode {
  const { t, lang, fallback } = useLang();
  const story = useExhibit((s) => s.index?.stories.get(id));
  if (!story) return <p className="screen">{t.unavailableTitle}</p>;
  const text = story.text[lang] ?? story.text[fallback];
  if (!text) return null;
  const textLang = story.text[lang] ? lang : fallback;
  return (
    <ContentNoteGate noteKey={`story:${id}`} note={text.contentNote} noteLang={textLang} title={text.title}>
      <StoryText id={id} />
    </ContentNoteGate>
  );
}

function StoryText({ id }: { id: string }): ReactNode {
  const { t, lang, fallback } = useLang();
  const story = useExhibit((s) => s.index?.stories.get(id));
  const openViewer = useVisit((s) => s.openViewer);
  const scroller = useRef<HTMLElement | null>(null);
  const [chapter, setChapter] = useState(0);
  const [progress, setProgress] = useState(0);
  const text = story ? (story.text[lang] ?? story.text[fallback]) : undefined;
  const textLang = story?.text[lang] ? lang : fallback;
  useStoryAnalytics(id, chapter, progress);

  const chapters = useMemo(
    () =>
      (text?.blocks ?? []).flatMap((b) =>
        b.type === 'heading' && b.level === 2 ? [inlineText(b.children)] : [],
      ),
    [text],
  );
  const photoIds = useMemo(
    () => (text?.blocks ?? []).flatMap((b) => (b.type === 'photo' ? [b.photoId] : [])),
    [text],
  );

  useEffect(() => {
    const element = scroller.current?.closest('.visit-main') as HTMLElement | null;
    if (!element) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const max = element.scrollHeight - element.clientHeight;
      setProgress(max > 0 ? Math.min(1, element.scrollTop / max) : 1);
      const headings = Array.from(element.querySelectorAll<HTMLElement>('[data-chapter]'));
      const line = element.getBoundingClientRect().top + element.clientHeight * 0.35;
      let current = 0;
      headings.forEach((h, i) => {
        if (h.getBoundingClientRect().top <= line) current = i + 1;
      });
      setChapter(current);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    // Measured in the next frame, not in the tap's: reading layout right after the story mounted would force
    // its whole layout before the first paint, and the progress it sets would lay it out again.
    frame = requestAnimationFrame(update);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [text]);

  if (!story || !text) return null;
  const jumpTo = (n: number) => {
    const main = scroller.current?.closest('.visit-main') as HTMLElement | null;
    if (!main) return;
    if (n === 0) {
      main.scrollTo({ top: 0 });
      return;
    }
    const heading = main.querySelector<HTMLElement>(`#chapter-${n}`);
    if (heading) main.scrollTo({ top: heading.offsetTop - 24 });
  };

  return (
    <article
      className="screen story-reader"
      ref={scroller}
      data-testid="screen-story"
      lang={textLang !== lang ? textLang : undefined}
    >
      <div className="story-place" aria-live="off">
        <div
          className="story-progress"
          role="progressbar"
          aria-label={t.chapters}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
        >
          <span style={{ transform: `scaleX(${progress})` }} />
        </div>
        <span className="story-place-text" data-testid="story-place">
          {chapter === 0 ? t.beginning : fill(t.chapterOf, { n: chapter, total: chapters.length })}
        </span>
      </div>
      <div className="story-layout">
        {chapters.length > 0 ? (
          <nav className="chapter-list" aria-label={t.chapters}>
            <h2>{t.chapters}</h2>
            <ol>
              <li>
                <button
                  type="button"
                  aria-current={chapter === 0 ? 'step' : undefined}
                  onClick={() => jumpTo(0)}
                >
                  {t.beginning}
                </button>
              </li>
              {chapters.map((name, i) => (
                <li key={i}>
                  <button
                    type="button"
                    aria-current={chapter === i + 1 ? 'step' : undefined}
                    onClick={() => jumpTo(i + 1)}
                    data-testid={`chapter-${i + 1}`}
                  >
                    {name}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div className="story-body">
          <header className="story-header">
            <h1>{text.title}</h1>
            <p className="story-summary">{text.summary}</p>
            {text.draft ? <p className="draft-badge">{t.draftTranslation}</p> : null}
          </header>
          <StoryBlocks
            blocks={text.blocks}
            onPhoto={(photoId) => openViewer(photoIds, Math.max(0, photoIds.indexOf(photoId)))}
          />
          <p className="story-end" aria-hidden="true">
            {t.endOfStory}
          </p>
          <RelatedLinks
            related={{
              ...story.related,
              photos: [...new Set([...(story.cover ? [story.cover] : []), ...story.related.photos])],
            }}
          />
          <SourceList sources={story.sources} />
        </div>
      </div>
    </article>
  );
}
