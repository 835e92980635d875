/**
 * The analytics recorder (issue 16): watches the visit store, the session lifecycle and the opening hours,
 * and a few components tell it what only they see (story chapters, a zoom, narration, a content note).
 * Events are stamped with the visit's random id and the time to the second, queued, and sent in batches
 * to `POST api.events` when the browser is idle (fetch with keepalive, fire-and-forget): a tap never
 * waits for analytics, and a failed send is simply lost.
 *
 * The visit id is 128 random bits made when a visit starts and forgotten when it ends; nothing links one
 * visit to the next.
 *
 * Analytics off in kiosk.yaml: the recorder asks the backend once at start (`GET api.events`) and, when
 * nothing is recorded, keeps nothing and sends nothing for the rest of the page's life. Until the answer
 * comes, events wait in the queue (a few hundred at most); they are sent once it says yes. (The backend
 * throws away any batch that reaches it all the same.)
 *
 * Walk-away time: a visit ended by the idle reset ends at the visitor's last touch (or the end of the last
 * narration, which holds the idle timer off), not at the reset. The idle wait and the warning's countdown
 * are left out of the last screen's dwell and of the visit's length: the end event is stamped at that
 * moment, and the last screen's dwell runs from its opening to that moment.
 */
import { MAX_EVENTS_PER_BATCH } from '../../../main/common/analyticsBatch';
import type {
  AnalyticsEvent,
  AnalyticsRecording,
  AnalyticsEventInput,
  AnalyticsScreen,
  VisitEnding,
} from '../../../main/common/analytics';
import { api } from '../../../main/common/api';
import { useExhibit } from '../data/exhibitStore';
import { onSessionStep, type SessionStep } from '../session/sessionClock';
import { currentPlace, useVisit, type Place, type VisitState } from '../session/visitStore';

/** Where the batches go; the app sends them to the backend, tests may catch them. */
export type AnalyticsSend = (events: AnalyticsEvent[]) => void;
/** Whether this kiosk records analytics at all; the app asks the backend, tests answer. */
export type AnalyticsAsk = () => Promise<boolean>;

/** The most events kept while the backend has not said whether it records (the rest are not kept). */
const MAX_WAITING = 600;

interface OpenScreen {
  screen: AnalyticsScreen;
  item?: string;
  since: number;
}

let visitId: string | null = null;
let openScreen: OpenScreen | null = null;
let queue: AnalyticsEvent[] = [];
let flushScheduled = false;
let send: AnalyticsSend = sendToBackend;
/** null until the backend has answered whether it records. */
let recording: boolean | null = null;
let asked: Promise<void> = Promise.resolve();

/** Settles once the backend has said whether it records (tests wait for it). */
export const recorderAsked = (): Promise<void> => asked;

const seconds = (ms: number) => Math.floor(ms / 1000);

function newVisitId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Record one event of the current visit (nothing outside a visit). Never throws, never waits. */
export function recordEvent(event: AnalyticsEventInput, atMs: number = Date.now()): void {
  if (visitId === null || recording === false) return;
  if (recording === null && queue.length >= MAX_WAITING) return;
  queue.push({ ...event, visit: visitId, at: seconds(atMs) } as AnalyticsEvent);
  scheduleFlush();
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 2_000 });
  else setTimeout(flush, 1_000);
}

/** Send what is queued now (also on page hide). */
export function flush(): void {
  flushScheduled = false;
  if (recording !== true) return; // sent once the backend says it records; dropped if it does not
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_EVENTS_PER_BATCH);
    queue = queue.slice(MAX_EVENTS_PER_BATCH);
    try {
      send(batch);
    } catch {
      // Analytics never gets in a visitor's way.
    }
  }
}

function sendToBackend(events: AnalyticsEvent[]): void {
  void fetch(api.events, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ events }),
    keepalive: true,
  }).catch(() => undefined);
}

async function askBackend(): Promise<boolean> {
  const response = await fetch(api.events, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${api.events} answered ${response.status}`);
  return ((await response.json()) as AnalyticsRecording).recording === true;
}

function screenOf(place: Place | undefined): OpenScreen | null {
  if (!place) return null;
  switch (place.screen) {
    case 'story':
    case 'person':
    case 'diaryEntry':
      return { screen: place.screen, item: place.id, since: 0 };
    case 'timeline':
      return place.focus
        ? { screen: 'timeline', item: place.focus, since: 0 }
        : { screen: 'timeline', since: 0 };
    default:
      return { screen: place.screen, since: 0 };
  }
}

/** Close the open screen with its dwell up to `endMs`. */
function closeScreen(endMs: number): void {
  if (!openScreen) return;
  const { screen, item, since } = openScreen;
  const dwell = Math.max(0, Math.round((endMs - since) / 1000));
  recordEvent({ name: 'screen', screen, ...(item ? { item } : {}), dwell }, endMs);
  openScreen = null;
}

function endVisit(how: VisitEnding, endMs: number): void {
  if (visitId === null) return;
  const last = openScreen?.screen;
  closeScreen(endMs);
  recordEvent({ name: 'visitEnd', how, ...(last ? { screen: last } : {}) }, endMs);
  flush();
  visitId = null;
}

function onStep(step: SessionStep): void {
  switch (step.effect) {
    case 'startVisit':
      if (visitId !== null) endVisit('explicitEnd', step.at);
      visitId = newVisitId();
      recordEvent({ name: 'visitStart' }, step.at);
      break;
    case 'dismissWarning':
      recordEvent({ name: 'idleWarning', outcome: 'answered' }, step.at);
      break;
    case 'reset':
      if (step.cause === 'tick') {
        recordEvent({ name: 'idleWarning', outcome: 'timedOut' }, step.at);
        // The walk-away time (idle wait and countdown) is left out: the visit ends at the last touch.
        endVisit('idleReset', Math.min(step.lastActivityAt, step.at));
      } else endVisit('explicitEnd', step.at);
      break;
    default:
      break;
  }
}

const ACCESSIBILITY = ['textSize', 'highContrast', 'reducedMotion', 'seated'] as const;

function onVisitChange(next: VisitState, prev: VisitState): void {
  if (visitId === null) return;
  const now = Date.now();
  if (next.language !== prev.language && next.language !== null) {
    recordEvent(
      { name: prev.language === null ? 'languageChosen' : 'languageChanged', lang: next.language },
      now,
    );
  }
  const place = currentPlace(next);
  if (place !== currentPlace(prev)) {
    const screen = screenOf(place);
    const same =
      screen && openScreen && screen.screen === openScreen.screen && screen.item === openScreen.item;
    if (!same) {
      closeScreen(now);
      openScreen = screen ? { ...screen, since: now } : null;
    }
  }
  const photo = next.viewer ? next.viewer.photoIds[next.viewer.index] : undefined;
  const prevPhoto = prev.viewer ? prev.viewer.photoIds[prev.viewer.index] : undefined;
  if (photo && photo !== prevPhoto) recordEvent({ name: 'photoOpened', item: photo }, now);
  if (next.captionsOn !== prev.captionsOn) recordEvent({ name: 'captions', on: next.captionsOn }, now);
  for (const choice of ACCESSIBILITY) {
    if (next[choice] === prev[choice]) continue;
    const value = next[choice];
    recordEvent(
      { name: 'accessibility', choice, value: typeof value === 'boolean' ? (value ? 'on' : 'off') : value },
      now,
    );
  }
}

/**
 * Start recording (once, from main.tsx). `options.send` replaces the backend (tests); returns a function
 * that stops recording and forgets the visit.
 */
export function startRecorder(options: { send?: AnalyticsSend; ask?: AnalyticsAsk } = {}): () => void {
  send = options.send ?? sendToBackend;
  recording = null;
  let stopped = false;
  asked = (options.ask ?? askBackend)().then(
    (yes) => {
      if (stopped) return;
      recording = yes;
      if (yes) flush();
      else queue = [];
    },
    // No answer (the backend is restarting): send as before; the backend still decides what it keeps.
    () => {
      if (stopped) return;
      recording = true;
      flush();
    },
  );
  const stops = [
    onSessionStep((step) => {
      try {
        onStep(step);
      } catch {
        // never in a visitor's way
      }
    }),
    useVisit.subscribe((next, prev) => {
      try {
        onVisitChange(next, prev);
      } catch {
        // never in a visitor's way
      }
    }),
    useExhibit.subscribe((next, prev) => {
      if (prev.status.open && !next.status.open) endVisit('closingTime', Date.now());
    }),
  ];
  const onHide = () => flush();
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);
  return () => {
    stopped = true;
    recording = null;
    for (const stop of stops) stop();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    visitId = null;
    openScreen = null;
    queue = [];
    flushScheduled = false;
  };
}

/** The current visit's id, or null between visits (tests read it). */
export const currentVisitId = (): string | null => visitId;
