/**
 * Explore by touch (issue 17, point 5), the thin part: the page's touch events go to the gesture
 * recognizer (touchGestures.ts) and its actions are carried out here. What is under a finger is picked by
 * exploreTarget.ts and said by the audio guide, through focus (audioGuide.ts says whatever receives focus),
 * so the visible focus ring follows the finger. A touch never presses anything while exploring: the click a
 * tap would make is stopped; a double tap anywhere presses what was said last. Two fingers scroll; the
 * photo viewer keeps its own pinch and pan. The visit's reset ends it (visitStore.reset()) and clears this.
 */
import { useExhibit } from '../data/exhibitStore';
import { focusElement } from '../keys/focusStops';
import { onVisitReset, touched } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';
import { endTouchExplore, sayFocus } from './audioGuide';
import { pickExploreTarget, type ExploreCandidate } from './exploreTarget';
import { getSpeaker } from './speaker';
import {
  gestureStep,
  initialGestureState,
  type ExploreAction,
  type GestureState,
  type TouchInput,
} from './touchGestures';

const CONTROL =
  'button, a[href], input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
const READING = 'h1, h2, h3, h4, p, li, blockquote';
const DIALOG = '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]';

let gestures: GestureState = initialGestureState();
let timer: ReturnType<typeof setTimeout> | null = null;
/** What was said last, and what had been said before the latest touch began (a double tap presses it). */
let said: HTMLElement | null = null;
let saidBeforeTouch: HTMLElement | null = null;

function describe(element: Element): ExploreCandidate {
  return {
    control: element.matches(CONTROL),
    reading: element.matches(READING) && (element.textContent ?? '').trim().length > 0,
    blocked:
      element.hasAttribute('inert') ||
      element.getAttribute('aria-hidden') === 'true' ||
      element.classList.contains('zoomable'),
    dialog: element.matches(DIALOG),
  };
}

/** The element to say at this point of the screen, or null. */
function targetAt(x: number, y: number): HTMLElement | null {
  const chain: HTMLElement[] = [];
  for (let el = document.elementFromPoint(x, y); el && el !== document.body; el = el.parentElement) {
    if (el instanceof HTMLElement) chain.push(el);
  }
  const index = pickExploreTarget(chain.map(describe));
  return index === null ? null : (chain[index] ?? null);
}

function explore(x: number, y: number, first: boolean): void {
  if (first) saidBeforeTouch = said;
  const target = targetAt(x, y);
  if (!target) return;
  if (target === document.activeElement) {
    // A new touch on what has focus says it again; a finger sliding within it does not.
    if (first || target !== said) sayFocus(target);
  } else {
    // The page does not scroll under the finger; the focus ring moves there and the guide says it.
    focusElement(target, true);
  }
  said = target;
}

/** Gone from the page, or behind an open panel: not to be pressed. */
function pressable(element: HTMLElement | null): element is HTMLElement {
  return element !== null && element.isConnected && !element.closest('[inert]');
}

function activate(): void {
  const target = pressable(saidBeforeTouch) ? saidBeforeTouch : said;
  saidBeforeTouch = null;
  if (!pressable(target)) return;
  said = target;
  if (document.activeElement !== target) focusElement(target, true);
  // A script's click is not a touch's: the click guard lets it through.
  if (target.matches(CONTROL)) target.click();
}

function scrollable(element: Element | null): Element | null {
  for (let el = element; el && el !== document.body; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) return el;
  }
  return document.scrollingElement;
}

function scroll(x: number, y: number, dx: number, dy: number): void {
  const under = document.elementFromPoint(x, y);
  // The photo viewer pans and zooms its photograph itself.
  if (under?.closest('.zoomable')) return;
  scrollable(under)?.scrollBy({ left: -dx, top: -dy, behavior: 'instant' });
}

function toggle(): void {
  if (!useExhibit.getState().settings.accessibility?.exploreByTouch) return;
  const visit = useVisit.getState();
  if (visit.touchExplore) return endTouchExplore();
  // From the attract loop the gesture also wakes the kiosk.
  if (visit.phase === 'attract' || visit.phase === 'idleWarning') touched();
  useVisit.getState().startTouchExplore();
}

function run(action: ExploreAction): void {
  switch (action.kind) {
    case 'toggle':
      return toggle();
    case 'explore':
      return explore(action.x, action.y, action.first);
    case 'activate':
      return activate();
    case 'hush':
      return getSpeaker().stop();
    case 'scroll':
      return scroll(action.x, action.y, action.dx, action.dy);
  }
}

function feed(input: TouchInput): void {
  const holdMs = (useExhibit.getState().settings.accessibility?.exploreHoldSeconds ?? 1.5) * 1000;
  const step = gestureStep(gestures, input, useVisit.getState().touchExplore, { holdMs });
  gestures = step.state;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (step.tickAt !== null) {
    timer = setTimeout(() => feed({ type: 'tick', t: Date.now() }), Math.max(0, step.tickAt - Date.now()));
  }
  for (const action of step.actions) run(action);
}

const TYPES = { touchstart: 'start', touchmove: 'move', touchend: 'end', touchcancel: 'cancel' } as const;

function onTouch(event: TouchEvent): void {
  if (!useExhibit.getState().settings.accessibility?.exploreByTouch) return;
  const type = TYPES[event.type as keyof typeof TYPES];
  const touches = Array.from(event.touches, (t) => ({ id: t.identifier, x: t.clientX, y: t.clientY }));
  const t = Date.now();
  if (type === 'start') {
    feed({ type, t, touches, added: Array.from(event.changedTouches, (c) => c.identifier) });
  } else {
    feed({ type, t, touches });
  }
  if (!useVisit.getState().touchExplore || !event.cancelable) return;
  if ((event.target as Element | null)?.closest?.('.zoomable')) return;
  // While exploring, one finger sliding explores rather than scrolls (two fingers scroll, by script), and
  // a lifted finger makes no tap: the browser would focus and press what is under it (a screen that a
  // double tap has just opened, under the second tap).
  if (event.type === 'touchmove' && event.touches.length === 1) event.preventDefault();
  if (event.type === 'touchend') event.preventDefault();
}

/** While exploring, a touch's own click presses nothing (a double tap presses what was said). */
function onClick(event: MouseEvent): void {
  if (!useVisit.getState().touchExplore || !event.isTrusted) return;
  if (event instanceof PointerEvent && event.pointerType === 'touch') {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}

/** What the guide said on its own (a new screen's heading, the viewer's control) is what was said last. */
function onFocus(event: FocusEvent): void {
  if (useVisit.getState().touchExplore && event.target instanceof HTMLElement) said = event.target;
}

/** Listen for touches. Returns a function that stops listening. */
export function installTouchExplore(): () => void {
  const options = { capture: true, passive: false };
  document.addEventListener('focusin', onFocus);
  for (const type of Object.keys(TYPES)) window.addEventListener(type, onTouch as EventListener, options);
  window.addEventListener('click', onClick, { capture: true });
  const unhook = onVisitReset(() => {
    gestures = initialGestureState();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    said = null;
    saidBeforeTouch = null;
  });
  return () => {
    for (const type of Object.keys(TYPES))
      window.removeEventListener(type, onTouch as EventListener, options);
    window.removeEventListener('click', onClick, { capture: true });
    document.removeEventListener('focusin', onFocus);
    unhook();
  };
}
