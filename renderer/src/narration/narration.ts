/**
 * The kiosk's one narration controller, wired to the real howler, the visitor session and the device
 * settings. Every narration player on every screen uses this one, so two narrations can never overlap.
 */
import { Howl, Howler } from 'howler';
import { useExhibit } from '../data/exhibitStore';
import { useVisit } from '../session/visitStore';
import { holdEnd, holdStart, onVisitReset } from '../session/sessionClock';
import {
  createNarrationController,
  type NarrationHowl,
  type NarrationHowlOptions,
  type NarrationSettings,
  type NarrationStatus,
} from './narrationController';
import { keepNarrationOnItsOutput, routeNarrationElement } from './narrationOutput';

/** The part of howler's internals patched below (not in howler's type definitions). */
interface HowlInternals {
  _clearSound(node: HTMLAudioElement): void;
  _sounds: { _id: number; _node?: HTMLAudioElement }[];
  _endTimers: Record<number, (() => void) | ReturnType<typeof setTimeout> | undefined>;
  _queue: unknown[];
  unload(): unknown;
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
  const internals = howl as unknown as HowlInternals;
  // On the output the device settings name (headphones for the audio guide), before it starts to play.
  for (const sound of internals._sounds) routeNarrationElement(sound._node);
  internals._clearSound = (node) => {
    node.removeAttribute('src');
    node.load();
  };
  const unload = howl.unload.bind(howl);
  internals.unload = () => {
    const elements = internals._sounds.flatMap((sound) => (sound._node ? [sound._node] : []));
    releaseEndListeners(internals);
    const result = unload();
    retireAudioElements(elements);
    return result;
  };
  return howl;
}

/**
 * howler 2.2.4 puts a Howl's "stop" in a queue while a play() is still starting (its `_playLock`), so a
 * narration unloaded in its first moments keeps its `ended` listener on the html5 audio element, which
 * howler then returns to its pool of reused elements: each such listener keeps a whole Howl alive, one per
 * narration, all day (found by `npm run bench`: +18 % of the heap over 200 narrations). Remove the
 * listeners and the queued actions ourselves before howler unloads.
 */
function releaseEndListeners(howl: HowlInternals): void {
  for (const sound of howl._sounds) {
    const end = howl._endTimers[sound._id];
    if (typeof end === 'function') sound._node?.removeEventListener('ended', end, false);
    else if (end !== undefined) clearTimeout(end);
    delete howl._endTimers[sound._id];
  }
  howl._queue.length = 0;
}

/**
 * howler returns an unloaded Howl's audio element to its pool for the next Howl, but a play() that was
 * still waiting for the element to be ready keeps a listener on it that later acts for the old Howl on the
 * new one. So each returned element is swapped for a fresh one: whatever the old Howl left behind goes
 * with the old element. (The kiosk may start sound without a gesture — Electron's autoplay switch, and
 * the visitor's touch in a browser — so a fresh element is as good as a pooled one.)
 */
function retireAudioElements(elements: HTMLAudioElement[]): void {
  const pool = (Howler as unknown as { _html5AudioPool?: HTMLAudioElement[] })._html5AudioPool;
  if (!pool) return;
  for (const element of elements) {
    const at = pool.indexOf(element);
    if (at === -1) continue;
    const fresh: HTMLAudioElement & { _unlocked?: boolean } = new Audio();
    fresh._unlocked = true;
    pool[at] = fresh;
  }
}

/**
 * The device settings, with the visitor's own volume once they have changed it with the volume keys: one
 * volume for all they hear, the guide's voice and the narration alike.
 */
function narrationSettings(): NarrationSettings {
  const { volume, fadeSeconds } = useExhibit.getState().settings;
  return { volume: useVisit.getState().speechVolume ?? volume, fadeSeconds };
}

export const narration = createNarrationController({
  createHowl: createKioskHowl,
  session: { holdStart, holdEnd, onVisitReset },
  settings: () => narrationSettings(),
});
keepNarrationOnItsOutput();
useVisit.subscribe((state, before) => {
  if (state.speechVolume !== before.speechVolume) narration.applyVolume();
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
  /** The loaded narration's audio element as the visitor hears it: its output ('' is the default), volume. */
  element(): { sinkId: string; volume: number; paused: boolean; count: number } | null;
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
    element: () => {
      const howls = (Howler as unknown as { _howls?: { _sounds?: { _node?: HTMLMediaElement }[] }[] })._howls;
      const nodes = (howls ?? []).flatMap((h) => (h._sounds ?? []).flatMap((sound) => sound._node ?? []));
      const node = nodes.find((n) => !n.paused) ?? nodes[0];
      return node
        ? { sinkId: node.sinkId, volume: node.volume, paused: node.paused, count: nodes.length }
        : null;
    },
  });
}
