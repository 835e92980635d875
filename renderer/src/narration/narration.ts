/**
 * The kiosk's one narration controller, wired to the real howler, the visitor session and the device
 * settings. Every narration player on every screen uses this one, so two narrations can never overlap.
 */
import { Howl, Howler } from 'howler';
import { useExhibit } from '../data/exhibitStore';
import { holdEnd, holdStart, onVisitReset } from '../session/sessionClock';
import {
  createNarrationController,
  type NarrationHowl,
  type NarrationHowlOptions,
  type NarrationStatus,
} from './narrationController';

/** The part of howler's internals patched below (not in howler's type definitions). */
interface HowlInternals {
  _clearSound(node: HTMLAudioElement): void;
}

/**
 * A Howl for the kiosk. On unload, howler "clears" each html5 audio element by pointing it at a `data:` URI
 * of silence, which the kiosk's content security policy (`media-src 'self' blob:`) refuses, with a console
 * error on every unload. This Howl releases the element the way the HTML standard describes instead
 * (remove `src`, then `load()`), which stops any download just the same. The e2e test fails on any console
 * error, so it would notice if a howler update changed this.
 */
function createKioskHowl(options: NarrationHowlOptions): NarrationHowl {
  const howl = new Howl(options);
  (howl as unknown as HowlInternals)._clearSound = (node) => {
    node.removeAttribute('src');
    node.load();
  };
  return howl;
}

export const narration = createNarrationController({
  createHowl: createKioskHowl,
  session: { holdStart, holdEnd, onVisitReset },
  settings: () => useExhibit.getState().settings,
});

// A failure is shown to the visitor as one quiet sentence; the reason goes to the log.
let lastReported: string | undefined;
narration.subscribe(() => {
  const { status, error } = narration.getSnapshot();
  if (status === 'error' && error && error !== lastReported) console.warn(`narration: ${error}`);
  lastReported = error;
});

/** Read-only look at the narration for tests and the bench: nothing in it can change what plays. */
export interface KioskNarrationDebug {
  /** Howls howler holds (`Howler._howls`): 0 when nothing is loaded, never more than 1. */
  activeHowls(): number;
  /** Howls the controller holds: 0 or 1. */
  ownedHowls(): number;
  status(): NarrationStatus;
  position(): number;
}

declare global {
  interface Window {
    __kioskNarration?: KioskNarrationDebug;
  }
}

function howlerHowls(): number {
  // `_howls` is howler's own list of loaded Howls; it is not in howler's type definitions.
  const internal = Howler as unknown as { _howls?: unknown[] };
  return internal._howls?.length ?? 0;
}

if (typeof window !== 'undefined') {
  window.__kioskNarration = Object.freeze({
    activeHowls: howlerHowls,
    ownedHowls: () => narration.ownedHowls(),
    status: () => narration.getSnapshot().status,
    position: () => narration.getSnapshot().position,
  });
}
