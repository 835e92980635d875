import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { ErrorBoundary, returnToAttract, type AfterFailure } from './components/ErrorBoundary';
import { describeFailure, rootRecovery } from './components/recovery';
import { attractHasSettled, useExhibit } from './data/exhibitStore';
import { reportError, useHeartbeat } from './heartbeat';
import { useLang } from './i18n/useLang';
import { Attract } from './screens/Attract';
import { ClosedScreen } from './screens/ClosedScreen';
import { Unavailable } from './screens/Unavailable';
import { idleTimesFor } from './session/idleTimes';
import { configureSession, touched } from './session/sessionClock';
import { useVisit } from './session/visitStore';
import { loadVisit, prefetchVisit } from './visitChunks';
import { StaffCorner } from './staff/StaffCorner';
import { installKeyboard } from './keys/keyboard';
import { installAudioGuide } from './speech/audioGuide';
import { installTouchExplore } from './speech/touchExplore';
import { ExploreIndicator } from './components/ExploreIndicator';

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

/** Everything a visit shows after the attract loop: its own chunk, loaded on first use. */
const Visit = lazy(loadVisit);

export function App(): ReactNode {
  const loading = useExhibit((s) => s.loading);
  const attract = useExhibit((s) => s.attract);
  const exhibit = useExhibit((s) => s.exhibit);
  const unavailable = useExhibit((s) => s.unavailableReason !== null);
  const settings = useExhibit((s) => s.settings);
  const status = useExhibit((s) => s.status);
  const phase = useVisit((s) => s.phase);
  const textSize = useVisit((s) => s.textSize);
  const highContrast = useVisit((s) => s.highContrast);
  const reducedMotion = useVisit((s) => s.reducedMotion);
  const seated = useVisit((s) => s.seated);
  const touchExplore = useVisit((s) => s.touchExplore);
  const { lang } = useLang();
  useHeartbeat();

  useEffect(() => {
    void useExhibit.getState().load();
    void useExhibit.getState().refreshStatus();
    const poll = setInterval(() => void useExhibit.getState().refreshStatus(), 30_000);
    return () => clearInterval(poll);
  }, []);

  // A settings answer without them: 0, so the usual times apply.
  const audioIdleSeconds = settings.accessibility?.audioIdleSeconds ?? 0;
  const audioWarningSeconds = settings.accessibility?.audioWarningSeconds ?? 0;
  useEffect(() => {
    const idle = {
      idleSeconds: settings.idleSeconds,
      warningSeconds: settings.warningSeconds,
      accessibility: { audioIdleSeconds, audioWarningSeconds },
    };
    // In audio mode the longer times apply (issue 17, docs/accessibility.md).
    configureSession(idleTimesFor(idle, false), idleTimesFor(idle, true));
  }, [settings.idleSeconds, settings.warningSeconds, audioIdleSeconds, audioWarningSeconds]);

  // The kiosk from a keyboard or keypad alone, and the audio guide (issue 17, docs/accessibility.md).
  useEffect(() => {
    const stopKeys = installKeyboard();
    const stopGuide = installAudioGuide();
    const stopTouch = installTouchExplore();
    return () => {
      stopKeys();
      stopGuide();
      stopTouch();
    };
  }, []);

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
    // Explore by touch: the focus ring shows wherever the finger moved it (styles/base.css).
    root.dataset.explore = touchExplore ? 'on' : 'off';
  }, [lang, textSize, highContrast, reducedMotion, seated, settings.hideCursor, touchExplore]);

  // Past the attract loop (a touch, a key, or a page that starts in a visit): the whole exhibit is needed.
  useEffect(() => {
    if (phase !== 'attract') attractHasSettled();
  }, [phase]);

  // While the attract loop runs, the code for a visit loads in the background, so the first tap finds it.
  const attracting = !loading && status.open && attract !== null && phase === 'attract';
  useEffect(() => {
    if (attracting) prefetchVisit();
  }, [attracting]);

  let content: ReactNode;
  if (loading) content = <div className="screen loading" aria-busy="true" />;
  else if (!status.open) content = <ClosedScreen />;
  else if (!attract) content = <Unavailable />;
  else if (phase === 'attract') content = <Attract />;
  // A visitor who touched the attract loop in its first moment, before the whole exhibit had arrived.
  else if (!exhibit)
    content = unavailable ? <Unavailable /> : <div className="screen loading" aria-busy="true" />;
  else
    content = (
      <Suspense fallback={<div className="screen loading" aria-busy="true" />}>
        <Visit />
      </Suspense>
    );

  return (
    <>
      {content}
      <ExploreIndicator place="corner" />
      <StaffCorner />
    </>
  );
}
