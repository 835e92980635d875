import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { SectionTitle } from '../components/SectionTitle';

export function Gallery(): ReactNode {
  const { t, l, lang } = useLang();
  const photos = useExhibit((s) => s.exhibit?.photos) ?? [];
  const revealed = useVisit((s) => s.revealedPhotos);
  const openViewer = useVisit((s) => s.openViewer);
  const ids = photos.map((p) => p.id);
  return (
    <section className="screen list-screen" data-testid="screen-photos">
      <SectionTitle section="photos" />
      <p className="screen-hint">{t.zoomHint}</p>
      <ul className="gallery-grid">
        {photos.map((photo, i) => {
          const caption = l(photo.caption);
          return (
            <li key={photo.id}>
              <button
                type="button"
                className="gallery-item"
                onClick={() => openViewer(ids, i)}
                data-testid={`gallery-${photo.id}`}
              >
                <img
                  src={photo.thumbnail}
                  alt={l(photo.alt).text}
                  className={photo.graphic && !revealed.includes(photo.id) ? 'is-blurred' : undefined}
                  draggable={false}
                  decoding="async"
                />
                {photo.placeholder ? (
                  <span className="placeholder-tag on-image">{t.placeholderShort}</span>
                ) : null}
                <span className="gallery-caption" lang={caption.lang !== lang ? caption.lang : undefined}>
                  {caption.text}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
