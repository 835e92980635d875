import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { SectionTitle } from '../components/SectionTitle';

export function StoryList(): ReactNode {
  const { t, lang, fallback } = useLang();
  const stories = useExhibit((s) => s.exhibit?.stories) ?? [];
  const photos = useExhibit((s) => s.index?.photos);
  const go = useVisit((s) => s.go);
  return (
    <section className="screen list-screen" data-testid="screen-stories">
      <SectionTitle section="stories" />
      <ul className="card-list">
        {stories.map((story) => {
          const text = story.text[lang] ?? story.text[fallback];
          if (!text) return null;
          const textLang = story.text[lang] ? lang : fallback;
          const cover = story.cover ? photos?.get(story.cover) : undefined;
          return (
            <li key={story.id}>
              <button
                type="button"
                className="story-card"
                onClick={() => go({ screen: 'story', id: story.id })}
                data-testid={`story-${story.id}`}
              >
                {cover ? (
                  <img
                    src={cover.thumbnail}
                    alt=""
                    className="story-card-image"
                    draggable={false}
                    decoding="async"
                  />
                ) : (
                  <span className="story-card-image" aria-hidden="true" />
                )}
                <span className="story-card-text" lang={textLang !== lang ? textLang : undefined}>
                  <span className="story-card-title">{text.title}</span>
                  <span className="story-card-summary">{text.summary}</span>
                  {text.contentNote ? <span className="story-card-note">{t.contentNote}</span> : null}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
