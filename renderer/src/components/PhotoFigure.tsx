import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { T } from './Text';

/** A photograph inside a story or profile: tap to open it in the viewer. */
export function PhotoFigure({
  photoId,
  onOpen,
  size = 'display',
}: {
  photoId: string;
  onOpen(): void;
  size?: 'display' | 'thumbnail';
}): ReactNode {
  const { t, l, lang } = useLang();
  const photo = useExhibit((s) => s.index?.photos.get(photoId));
  const revealed = useVisit((s) => s.revealedPhotos.includes(photoId));
  if (!photo) return null;
  const hidden = photo.graphic && !revealed;
  return (
    <figure className="photo-figure">
      <button
        type="button"
        className="photo-figure-button"
        onClick={onOpen}
        data-testid={`photo-${photo.id}`}
      >
        <img
          src={size === 'display' ? photo.display : photo.thumbnail}
          alt={l(photo.alt).text}
          width={photo.width}
          height={photo.height}
          className={hidden ? 'is-blurred' : undefined}
          draggable={false}
          decoding="async"
        />
        {photo.placeholder ? <span className="placeholder-tag on-image">{t.placeholder}</span> : null}
      </button>
      <figcaption>
        <T value={l(photo.caption)} visitorLang={lang} />
        <span className="figure-credit">
          {t.credit}: <T value={l(photo.credit)} visitorLang={lang} />
        </span>
      </figcaption>
    </figure>
  );
}
