import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Photo } from '../../../main/common/exhibit';
import { useExhibit } from '../data/exhibitStore';
import { formatHistoricalDate } from '../i18n/localize';
import { fill } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { ContentNoteGate } from './ContentNoteGate';
import { Icon } from './Icon';
import { T } from './Text';
import { PersonName } from './PersonName';
import { photoZoomRecorder } from '../analytics/hooks';

/**
 * The photograph viewer, over any screen: pinch to zoom, pan, double-tap to zoom in and out, swipe to the
 * next photograph. Large scans load through Deep Zoom tiles so they open at once and stay sharp; smaller
 * photographs open as one screen-sized image. Caption, credit, rights and the placeholder notice are always
 * visible beside the picture.
 */
export function PhotoViewer(): ReactNode {
  const { t, l, lang } = useLang();
  const viewer = useVisit((s) => s.viewer);
  const photo = useExhibit((s) =>
    viewer ? s.index?.photos.get(viewer.photoIds[viewer.index] ?? '') : undefined,
  );
  const revealed = useVisit((s) => (photo ? s.revealedPhotos.includes(photo.id) : false));
  const closeViewer = useVisit((s) => s.closeViewer);
  const showPhoto = useVisit((s) => s.showPhoto);
  const revealPhoto = useVisit((s) => s.revealPhoto);
  if (!viewer || !photo) return null;
  const count = viewer.photoIds.length;
  const note = photo.contentNote ? l(photo.contentNote) : null;
  const hidden = photo.graphic && !revealed;
  return (
    <div
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={l(photo.caption).text}
      data-testid="photo-viewer"
    >
      <div className="viewer-stage">
        <ContentNoteGate
          noteKey={`photo:${photo.id}`}
          note={note?.text}
          noteLang={note?.lang}
          onBack={closeViewer}
        >
          {hidden ? (
            <div className="viewer-graphic">
              <img src={photo.thumbnail} alt="" className="is-blurred" draggable={false} />
              <div className="viewer-graphic-notice">
                <p>{t.graphicNotice}</p>
                <button
                  type="button"
                  className="primary-button"
                  onClick={() => revealPhoto(photo.id)}
                  data-testid="reveal-photo"
                >
                  {t.showPhoto}
                </button>
              </div>
            </div>
          ) : (
            <ZoomableImage
              photo={photo}
              key={photo.id}
              onSwipe={(direction) => count > 1 && showPhoto(viewer.index + direction)}
            />
          )}
        </ContentNoteGate>
        {count > 1 ? (
          <>
            <button
              type="button"
              className="icon-button viewer-arrow viewer-arrow-prev"
              onClick={() => showPhoto(viewer.index - 1)}
              aria-label={t.previousPhoto}
              data-testid="viewer-prev"
            >
              <Icon name="prev" />
            </button>
            <button
              type="button"
              className="icon-button viewer-arrow viewer-arrow-next"
              onClick={() => showPhoto(viewer.index + 1)}
              aria-label={t.nextPhoto}
              data-testid="viewer-next"
            >
              <Icon name="next" />
            </button>
          </>
        ) : null}
        {photo.placeholder ? (
          <p className="placeholder-banner" data-testid="placeholder-notice">
            {t.placeholder}
          </p>
        ) : null}
      </div>
      <aside className="viewer-info">
        <div className="viewer-info-top">
          <button
            type="button"
            className="icon-button viewer-close"
            onClick={closeViewer}
            aria-label={t.close}
            data-testid="viewer-close"
          >
            <Icon name="close" />
          </button>
          {count > 1 ? (
            <p className="viewer-count">{fill(t.photoOf, { n: viewer.index + 1, total: count })}</p>
          ) : null}
        </div>
        <div className="viewer-caption">
          <T as="p" className="viewer-caption-text" value={l(photo.caption)} visitorLang={lang} />
          <dl className="facts">
            {photo.date ? (
              <div>
                <dt>{t.date}</dt>
                <dd>
                  {photo.date.approximate
                    ? fill(t.approximately, { date: formatHistoricalDate(photo.date, lang) })
                    : formatHistoricalDate(photo.date, lang)}
                </dd>
              </div>
            ) : null}
            {photo.place ? (
              <div>
                <dt>{t.place}</dt>
                <dd>
                  <T value={l(photo.place)} visitorLang={lang} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t.credit}</dt>
              <dd>
                <T value={l(photo.credit)} visitorLang={lang} />
              </dd>
            </div>
            <div>
              <dt>{t.rights}</dt>
              <dd>
                <T value={l(photo.rights)} visitorLang={lang} />
              </dd>
            </div>
            <div>
              <dt>{t.source}</dt>
              <dd lang="en">{photo.source}</dd>
            </div>
          </dl>
          <PeopleShown photo={photo} />
        </div>
      </aside>
    </div>
  );
}

function PeopleShown({ photo }: { photo: Photo }): ReactNode {
  const { t, l, lang } = useLang();
  const people = useExhibit((s) => s.index?.people);
  const go = useVisit((s) => s.go);
  const closeViewer = useVisit((s) => s.closeViewer);
  const shown = photo.people.map((id) => people?.get(id)).filter((p) => p !== undefined);
  if (shown.length === 0) return null;
  return (
    <div className="people-shown">
      <h2>{t.peopleShown}</h2>
      <ul>
        {shown.map((person) => (
          <li key={person.id}>
            <button
              type="button"
              className="chip-button"
              onClick={() => {
                closeViewer();
                go({ screen: 'person', id: person.id });
              }}
            >
              <PersonName value={l(person.name)} visitorLang={lang} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How far a one-finger drag must travel at the whole-photo zoom to count as a swipe, in CSS pixels. */
const SWIPE_PX = 120;

function ZoomableImage({ photo, onSwipe }: { photo: Photo; onSwipe(direction: 1 | -1): void }): ReactNode {
  const { t, l } = useLang();
  const element = useRef<HTMLDivElement>(null);
  const osd = useRef<OpenSeadragon.Viewer | null>(null);
  const reducedMotion = useVisit((s) => s.reducedMotion);
  const swipe = useRef(onSwipe);
  swipe.current = onSwipe;
  const [zoomed, setZoomed] = useState(false);

  useEffect(() => {
    if (!element.current) return;
    const viewer = OpenSeadragon({
      element: element.current,
      tileSources:
        photo.dzi ??
        // A single screen-sized image; @types/openseadragon does not describe the 'image' source's url.
        ({
          type: 'image',
          url: photo.display,
          buildPyramid: false,
        } as unknown as OpenSeadragon.TileSourceOptions),
      drawer: 'canvas',
      showNavigationControl: false,
      showNavigator: false,
      visibilityRatio: 1,
      constrainDuringPan: true,
      minZoomImageRatio: 1,
      maxZoomPixelRatio: 2,
      animationTime: reducedMotion ? 0 : 0.6,
      springStiffness: 8,
      blendTime: 0,
      immediateRender: true,
      preserveImageSizeOnResize: true,
      imageLoaderLimit: 6,
      maxImageCacheCount: 200,
      gestureSettingsTouch: {
        pinchToZoom: true,
        flickEnabled: !reducedMotion,
        dragToPan: true,
        clickToZoom: false,
        dblClickToZoom: false,
        scrollToZoom: false,
      },
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false, scrollToZoom: true },
    });
    osd.current = viewer;
    // When every tile the first view needs has arrived: the photograph is sharp (the bench reads this).
    const openedAt = performance.now();
    viewer.addOnceHandler('open', () => {
      viewer.world.getItemAt(0)?.addOnceHandler('fully-loaded-change', () => {
        if (element.current)
          element.current.dataset.sharpAfterMs = String(Math.round(performance.now() - openedAt));
      });
    });
    const isAtHome = (current = true) =>
      viewer.viewport.getZoom(current) <= viewer.viewport.getHomeZoom() * 1.02;
    // The target zoom, so the "whole photograph" control reacts at once, not after the animation.
    const zoomedIn = photoZoomRecorder(photo.id);
    viewer.addHandler('zoom', () => {
      const away = !isAtHome(false);
      setZoomed(away);
      if (away) zoomedIn();
    });
    // Double-tap: zoom in where tapped; double-tap again when zoomed: back to the whole photograph.
    viewer.addHandler('canvas-double-click', (event) => {
      event.preventDefaultAction = true;
      // Explore by touch: a double tap chooses what the guide said last (speech/touchExplore.ts).
      if (useVisit.getState().touchExplore) return;
      if (isAtHome()) {
        viewer.viewport.zoomBy(2.5, viewer.viewport.pointFromPixel(event.position));
      } else {
        viewer.viewport.goHome();
      }
    });
    // Swipe to the next photograph when the whole photograph is in view.
    let dragX = 0;
    let dragging = false;
    viewer.addHandler('canvas-press', () => {
      dragX = 0;
      dragging = isAtHome();
    });
    viewer.addHandler('canvas-drag', (event) => {
      if (dragging) dragX += event.delta.x;
    });
    viewer.addHandler('canvas-release', () => {
      // Explore by touch: a finger sliding explores and never turns the page; the next and previous
      // buttons do, with a double tap.
      const exploring = useVisit.getState().touchExplore;
      if (dragging && !exploring && Math.abs(dragX) > SWIPE_PX && isAtHome())
        swipe.current(dragX < 0 ? 1 : -1);
      dragging = false;
    });
    viewer.addHandler('canvas-pinch', () => {
      dragging = false;
    });
    return () => {
      viewer.destroy();
      osd.current = null;
    };
  }, [photo, reducedMotion]);

  return (
    <div className="zoomable-wrap">
      <div
        ref={element}
        className="zoomable"
        data-testid="zoomable"
        data-zoomed={zoomed ? 'true' : 'false'}
        role="img"
        aria-label={l(photo.alt).text}
      />
      <div className="zoom-controls">
        <button
          type="button"
          className="icon-button"
          aria-label={t.zoomIn}
          onClick={() => osd.current?.viewport.zoomBy(1.6)}
          data-testid="zoom-in"
        >
          <Icon name="plus" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t.zoomOut}
          onClick={() => osd.current?.viewport.zoomBy(1 / 1.6)}
          data-testid="zoom-out"
        >
          <Icon name="minus" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t.zoomReset}
          onClick={() => osd.current?.viewport.goHome()}
          data-testid="zoom-home"
          disabled={!zoomed}
        >
          <Icon name="fit" />
        </button>
      </div>
      <p className="zoom-hint" aria-hidden="true">
        {t.zoomHint}
      </p>
    </div>
  );
}
