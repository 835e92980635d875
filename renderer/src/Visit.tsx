/**
 * A visit, from the language choice on: every screen, the overlays and the photo viewer. The attract loop
 * does not need any of it, so it is its own chunk (visitChunks.ts), loaded while the attract loop runs.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { DisplayOverlay } from './components/DisplayOverlay';
import { ErrorBoundary, onScreenError } from './components/ErrorBoundary';
import { IdleWarning } from './components/IdleWarning';
import { LanguageOverlay } from './components/LanguageOverlay';
import { NavBar } from './components/NavBar';
import { DiaryEntryView } from './screens/DiaryEntryView';
import { DiaryList } from './screens/DiaryList';
import { Gallery } from './screens/Gallery';
import { Home } from './screens/Home';
import { LanguageChoice } from './screens/LanguageChoice';
import { PeopleList } from './screens/PeopleList';
import { PersonProfile } from './screens/PersonProfile';
import { StoryList } from './screens/StoryList';
import { StoryReader } from './screens/StoryReader';
import { Timeline } from './screens/Timeline';
import { currentPlace, useVisit, type Place } from './session/visitStore';
import { loadPhotoViewer } from './visitChunks';
import { focusScreenStart } from './keys/focusStops';
import { keyboardInUse } from './keys/keyboard';

/** OpenSeadragon is large and only the viewer needs it: a chunk of its own, prefetched with this one. */
const PhotoViewer = lazy(loadPhotoViewer);

export default function Visit(): ReactNode {
  const place = useVisit((s) => currentPlace(s));
  const overlay = useVisit((s) => s.overlay);
  const viewer = useVisit((s) => s.viewer);
  const phase = useVisit((s) => s.phase);
  const showNav = place && place.screen !== 'languageChoice';
  const hidden = overlay !== 'none' || viewer !== null || phase === 'idleWarning';
  const key = placeKey(place);
  // A new screen: focus goes to its start (its heading), never nowhere, when keys are in use.
  useEffect(() => {
    if (keyboardInUse()) focusScreenStart();
  }, [key]);
  return (
    <div className="visit">
      {showNav ? <NavBar inert={hidden} /> : null}
      <main className="visit-main" inert={hidden} key={key}>
        <ErrorBoundary onError={onScreenError(`screen ${key}`)}>
          <Screen place={place} />
        </ErrorBoundary>
      </main>
      {viewer ? (
        <Suspense fallback={null}>
          <PhotoViewer />
        </Suspense>
      ) : null}
      {overlay === 'language' ? <LanguageOverlay /> : null}
      {overlay === 'display' ? <DisplayOverlay /> : null}
      {phase === 'idleWarning' ? <IdleWarning /> : null}
    </div>
  );
}

function placeKey(place: Place | undefined): string {
  if (!place) return 'none';
  return 'id' in place ? `${place.screen}:${place.id}` : place.screen;
}

function Screen({ place }: { place: Place | undefined }): ReactNode {
  switch (place?.screen) {
    case undefined:
    case 'languageChoice':
      return <LanguageChoice />;
    case 'home':
      return <Home />;
    case 'stories':
      return <StoryList />;
    case 'story':
      return <StoryReader id={place.id} />;
    case 'photos':
      return <Gallery />;
    case 'people':
      return <PeopleList />;
    case 'person':
      return <PersonProfile id={place.id} />;
    case 'timeline':
      return <Timeline focus={place.focus} />;
    case 'diary':
      return <DiaryList />;
    case 'diaryEntry':
      return <DiaryEntryView id={place.id} />;
  }
}
