import { useEffect, useRef, type ReactNode } from 'react';
import { DisplayOverlay } from './components/DisplayOverlay';
import { ErrorBoundary, onScreenError, returnToAttract, type AfterFailure } from './components/ErrorBoundary';
import { IdleWarning } from './components/IdleWarning';
import { LanguageOverlay } from './components/LanguageOverlay';
import { NavBar } from './components/NavBar';
import { PhotoViewer } from './components/PhotoViewer';
import { describeFailure, rootRecovery } from './components/recovery';
import { useExhibit } from './data/exhibitStore';
import { reportError, useHeartbeat } from './heartbeat';
import { useLang } from './i18n/useLang';
import { Attract } from './screens/Attract';
import { ClosedScreen } from './screens/ClosedScreen';
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
import { Unavailable } from './screens/Unavailable';
import { configureSession, touched } from './session/sessionClock';
import { currentPlace, useVisit, type Place } from './session/visitStore';
import { StaffCorner } from './staff/StaffCorner';

/**
 * What main.tsx renders: the kiosk inside the root error boundary. A failure anywhere that no screen's own
 * boundary caught is logged and the kiosk returns to the attract loop and renders again; when that keeps
 * failing (recovery.ts), the root shows the calm "temporarily unavailable" notice and renders no kiosk at
 * all, so the heartbeat (sent from App) stops and the shell's watchdog reloads the page.
 */
export function KioskRoot(): ReactNode {
  const failures = useRef<number[]>([]);
  const onRootError = (error: unknown, componentStack: string): AfterFailure => {
    const { failures: recent, retry } = rootRecovery(failures.current, Date.now());
    failures.current = recent;
    const outcome = retry
      ? 'back to the attract loop'
      : `${recent.length} failures in a row; the notice stays until the watchdog reloads the page`;
    reportError(describeFailure('the kiosk', error, componentStack, outcome));
    if (retry) returnToAttract();
    return retry ? 'retry' : 'fallback';
  };
  return (
    <ErrorBoundary onError={onRootError} fallback={<Unavailable />}>
      <App />
    </ErrorBoundary>
  );
}

export function App(): ReactNode {
  const loading = useExhibit((s) => s.loading);
  const exhibit = useExhibit((s) => s.exhibit);
  const settings = useExhibit((s) => s.settings);
  const status = useExhibit((s) => s.status);
  const phase = useVisit((s) => s.phase);
  const textSize = useVisit((s) => s.textSize);
  const highContrast = useVisit((s) => s.highContrast);
  const reducedMotion = useVisit((s) => s.reducedMotion);
  const seated = useVisit((s) => s.seated);
  const { lang } = useLang();
  useHeartbeat();

  useEffect(() => {
    void useExhibit.getState().load();
    void useExhibit.getState().refreshStatus();
    const poll = setInterval(() => void useExhibit.getState().refreshStatus(), 30_000);
    return () => clearInterval(poll);
  }, []);

  useEffect(() => {
    configureSession({ idleMs: settings.idleSeconds * 1000, warningMs: settings.warningSeconds * 1000 });
  }, [settings.idleSeconds, settings.warningSeconds]);

  // Any touch anywhere during a visit counts as activity (the attract loop starts a visit by itself).
  useEffect(() => {
    const onActivity = () => {
      if (useVisit.getState().phase !== 'attract') touched();
    };
    window.addEventListener('pointerdown', onActivity, { capture: true });
    window.addEventListener('keydown', onActivity, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = lang;
    root.dataset.textSize = textSize;
    root.dataset.contrast = highContrast ? 'high' : 'standard';
    root.dataset.motion = reducedMotion ? 'reduced' : 'standard';
    root.dataset.controls = seated ? 'low' : 'standard';
    root.dataset.cursor = settings.hideCursor ? 'hidden' : 'visible';
  }, [lang, textSize, highContrast, reducedMotion, seated, settings.hideCursor]);

  let content: ReactNode;
  if (loading) content = <div className="screen loading" aria-busy="true" />;
  else if (!status.open) content = <ClosedScreen />;
  else if (!exhibit) content = <Unavailable />;
  else if (phase === 'attract') content = <Attract />;
  else content = <Visit />;

  return (
    <>
      {content}
      <StaffCorner />
    </>
  );
}

function Visit(): ReactNode {
  const place = useVisit((s) => currentPlace(s));
  const overlay = useVisit((s) => s.overlay);
  const viewer = useVisit((s) => s.viewer);
  const phase = useVisit((s) => s.phase);
  const showNav = place && place.screen !== 'languageChoice';
  const hidden = overlay !== 'none' || viewer !== null || phase === 'idleWarning';
  return (
    <div className="visit">
      {showNav ? <NavBar inert={hidden} /> : null}
      <main className="visit-main" inert={hidden} key={placeKey(place)}>
        <ErrorBoundary onError={onScreenError(`screen ${placeKey(place)}`)}>
          <Screen place={place} />
        </ErrorBoundary>
      </main>
      {viewer ? <PhotoViewer /> : null}
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
