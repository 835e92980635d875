/**
 * The kiosk from a keyboard or a tactile keypad alone (issue 17): one key listener carries out the action
 * actionForKey() finds in the kiosk's key map. Any key wakes the attract loop (the audio key, or any key
 * with audioOnAnyKey, also starts the audio guide). Focus never rests on nothing while keys are in use.
 */
import { defaultKeyMap } from '../../../main/common/keyMap';
import { useExhibit } from '../data/exhibitStore';
import { touched } from '../session/sessionClock';
import { currentPlace, useVisit } from '../session/visitStore';
import { changeVolume, endAudioMode, sayHelp } from '../speech/audioGuide';
import { actionForKey } from './keyActions';
import { focusScreenStart, moveFocus, moveToChapter } from './focusStops';

let keyboardUsed = false;

/**
 * True from a key press until the next touch, and throughout explore by touch (where the finger moves
 * focus): only then does the kiosk move focus by itself.
 */
export function keyboardInUse(): boolean {
  return keyboardUsed || useVisit.getState().touchExplore;
}

const NATIVE = 'button, a[href], input, select, textarea, summary, [role="button"]';

/**
 * First, before any screen's own handler: a key in the attract loop only wakes it (its default action is
 * prevented, so the Enter that wakes the kiosk does not also choose the language that then has focus); a
 * key on the idle warning only dismisses it.
 */
function onKeyDownFirst(event: KeyboardEvent): void {
  keyboardUsed = true;
  // Any key answers "Are you still there?" as a touch does, and only answers it.
  if (useVisit.getState().phase === 'idleWarning') {
    event.preventDefault();
    event.stopPropagation();
    touched();
    return;
  }
  const { settings, attract, status } = useExhibit.getState();
  if (useVisit.getState().phase !== 'attract' || !attract || !status.open) return;
  const accessibility = settings.accessibility;
  const action = actionForKey(event, accessibility?.keys ?? defaultKeyMap());
  event.preventDefault();
  event.stopPropagation();
  touched();
  if (action === 'audio-mode' || accessibility?.audioOnAnyKey) useVisit.getState().startAudioMode();
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented) return;
  const { settings } = useExhibit.getState();
  const action = actionForKey(event, settings.accessibility?.keys ?? defaultKeyMap());
  const visit = useVisit.getState();
  if (visit.phase === 'attract') return;
  if (visit.overlay === 'staff') return;
  const target = event.target instanceof HTMLElement ? event.target : document.body;
  if (target.matches('input, textarea, select, [contenteditable]') && action !== 'back') return;
  switch (action) {
    case 'move-next':
    case 'move-previous':
      event.preventDefault();
      moveFocus(action === 'move-next' ? 1 : -1);
      return;
    case 'next-chapter':
    case 'previous-chapter':
      event.preventDefault();
      moveToChapter(action === 'next-chapter' ? 1 : -1);
      return;
    case 'choose': {
      if (target.matches(NATIVE)) return;
      const note = target.closest('[data-testid="content-note"]');
      const go = note?.querySelector<HTMLElement>('[data-testid="content-note-continue"]');
      if (go) {
        event.preventDefault();
        go.click();
      }
      return;
    }
    case 'back':
      event.preventDefault();
      goBack();
      return;
    case 'start':
      event.preventDefault();
      if (currentPlace(visit)?.screen !== 'languageChoice') visit.home();
      return;
    case 'help':
      event.preventDefault();
      sayHelp();
      return;
    case 'louder':
    case 'quieter':
      event.preventDefault();
      changeVolume(action === 'louder' ? 0.1 : -0.1);
      return;
    case 'audio-mode':
      event.preventDefault();
      if (visit.audioMode) endAudioMode();
      else visit.startAudioMode();
      return;
    case null:
      return;
  }
}

/** Escape: close what is open, decline a content note, else the screen's back control. */
function goBack(): void {
  const visit = useVisit.getState();
  if (visit.viewer) return visit.closeViewer();
  if (visit.overlay !== 'none') return visit.closeOverlay();
  const declined = document.querySelector<HTMLElement>('.visit-main [data-testid="content-note-back"]');
  if (declined) return declined.click();
  if (visit.path.length > 1 && currentPlace(visit)?.screen !== 'languageChoice') visit.back();
}

let pending = false;
/** What had focus is gone (a screen, a note or a dialog closed): the screen's start takes it. */
function refocusIfLost(): void {
  if (!keyboardInUse() || pending) return;
  if (!focusLost()) return;
  pending = true;
  queueMicrotask(() => {
    pending = false;
    if (focusLost()) focusScreenStart();
  });
}

/**
 * Nothing has focus, or what has it was just made inert (a viewer or panel opened over it): the browser
 * takes focus from an inert element only later, with no change to the page left to tell us then.
 */
function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active.closest('[inert]') !== null;
}

/** Listen for keys. Returns a function that stops listening. */
export function installKeyboard(): () => void {
  // The page's changes are watched only while keys are in use: a touch visit pays nothing for it.
  const observer = new MutationObserver(refocusIfLost);
  let watching = false;
  const onKey = () => {
    if (watching) return;
    observer.observe(document.body, { childList: true, subtree: true });
    watching = true;
  };
  const onPointer = () => {
    keyboardUsed = false;
    // Explore by touch moves focus with the finger: the page is still watched for lost focus.
    if (useVisit.getState().touchExplore) return onKey();
    if (watching) observer.disconnect();
    watching = false;
  };
  const unsubscribe = useVisit.subscribe((state, previous) => {
    if (state.touchExplore && !previous.touchExplore) onKey();
  });
  window.addEventListener('keydown', onKey, { capture: true });
  window.addEventListener('keydown', onKeyDownFirst, { capture: true });
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('pointerdown', onPointer, { capture: true });
  return () => {
    window.removeEventListener('keydown', onKey, { capture: true });
    window.removeEventListener('keydown', onKeyDownFirst, { capture: true });
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('pointerdown', onPointer, { capture: true });
    observer.disconnect();
    unsubscribe();
  };
}
