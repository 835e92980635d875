/**
 * Explore by touch (issue 17, point 5): the touch gestures, recognized from the sequence of touch events
 * with their times. Pure: touchExplore.ts feeds it the page's touch events (and a tick when a hold is
 * due) and carries out the actions it returns.
 *
 * - Holding THREE fingers still on the screen for `holdMs` starts (or ends) explore by touch, from the
 *   attract loop or anywhere in a visit. Sighted visitors touch with one finger and pinch with two; three
 *   fingers held still is not made by accident, and a blind visitor can make it anywhere on the screen.
 * - While exploring, one finger speaks what is under it, as soon as it touches and again wherever it
 *   slides; it never presses anything.
 * - A double tap anywhere (two short one-finger taps) chooses what was last spoken.
 * - Two fingers sliding scroll (pinch-zoom on a photograph is left to the viewer).
 */

export interface TouchPoint {
  id: number;
  x: number;
  y: number;
}

/** A touch event (`touches`: every finger on the screen after it) or the hold's timer. Times in ms. */
export type TouchInput =
  | {
      type: 'start';
      t: number;
      touches: TouchPoint[];
      /** The ids of the fingers new in this event (all of them: nothing else is on the screen). */
      added?: number[];
    }
  | { type: 'move' | 'end' | 'cancel'; t: number; touches: TouchPoint[] }
  | { type: 'tick'; t: number };

export type ExploreAction =
  /** The start/stop gesture was made. */
  | { kind: 'toggle' }
  /** Say what is under this point. `first`: the first of this touch (the target before it is kept). */
  | { kind: 'explore'; x: number; y: number; first: boolean }
  /** A double tap: choose what was spoken before the pair of taps. */
  | { kind: 'activate' }
  /** A second finger landed just after the first: it is a scroll or a pinch, so the first's words stop. */
  | { kind: 'hush' }
  /** Two fingers moved by (dx, dy) around (x, y): scroll what is under them. */
  | { kind: 'scroll'; x: number; y: number; dx: number; dy: number };

export interface GestureOptions {
  /** How long three fingers are held still to start or end explore by touch. */
  holdMs: number;
}

/** A finger that moves further than this is not holding still, nor tapping (CSS pixels). */
export const SLOP_PX = 30;
/** A tap is shorter than this. */
export const TAP_MS = 350;
/** The second tap of a double tap starts within this of the first one's end (generous, for a blind hand). */
export const DOUBLE_TAP_MS = 500;
export const TOGGLE_FINGERS = 3;
/** Fingers that land within this of the first are one gesture of several fingers. */
export const TOGETHER_MS = 200;

export interface GestureState {
  /** The fingers down now, where each first touched. */
  down: Map<number, TouchPoint>;
  /** The current touch (first finger down to last finger up). */
  startedAt: number;
  maxFingers: number;
  moved: boolean;
  /** When three fingers were down together (null: not now). */
  threeSince: number | null;
  /** The start/stop gesture was made in this touch: nothing else comes of it. */
  toggled: boolean;
  /** The centre of two fingers at the last move, for scrolling. */
  centre: { x: number; y: number } | null;
  /** When the last tap ended, if it may be the first of a double tap. */
  lastTapEnd: number | null;
  /** This touch began as the possible second tap: it says nothing. */
  secondTap: boolean;
}

export function initialGestureState(): GestureState {
  return {
    down: new Map(),
    startedAt: 0,
    maxFingers: 0,
    moved: false,
    threeSince: null,
    toggled: false,
    centre: null,
    lastTapEnd: null,
    secondTap: false,
  };
}

export interface GestureStep {
  state: GestureState;
  actions: ExploreAction[];
  /** When to send a tick (the hold falls due then), or null. */
  tickAt: number | null;
}

function centreOf(points: TouchPoint[]): { x: number; y: number } {
  const n = Math.max(1, points.length);
  return {
    x: points.reduce((s, p) => s + p.x, 0) / n,
    y: points.reduce((s, p) => s + p.y, 0) / n,
  };
}

function movedFar(from: TouchPoint | undefined, to: TouchPoint): boolean {
  return from !== undefined && Math.hypot(to.x - from.x, to.y - from.y) > SLOP_PX;
}

/** The hold is due: three fingers, still, long enough, and not yet counted. */
function holdDue(s: GestureState, t: number, options: GestureOptions): boolean {
  return !s.toggled && !s.moved && s.threeSince !== null && t - s.threeSince >= options.holdMs;
}

/**
 * One step: the state after this input, what to do, and when the next tick is wanted. `exploring`: explore
 * by touch is on (else only the start gesture is looked for).
 */
export function gestureStep(
  state: GestureState,
  input: TouchInput,
  exploring: boolean,
  options: GestureOptions,
): GestureStep {
  const s: GestureState = { ...state, down: new Map(state.down) };
  const actions: ExploreAction[] = [];
  const t = input.t;

  if (input.type === 'tick') {
    if (holdDue(s, t, options)) {
      s.toggled = true;
      actions.push({ kind: 'toggle' });
    }
    // A touch that might have been a double tap's second is held: it explores after all.
    const held = [...s.down.values()][0];
    if (exploring && s.secondTap && s.down.size === 1 && held && t - s.startedAt >= TAP_MS) {
      s.secondTap = false;
      s.lastTapEnd = null;
      actions.push({ kind: 'explore', x: held.x, y: held.y, first: true });
    }
    return { state: s, actions, tickAt: heldTick(s, exploring) };
  }

  const touches = input.touches;
  if (input.type === 'start') {
    // Fingers lifted where the page could not see it (the screen under them was replaced, and a removed
    // element's touchend reaches no one) are forgotten once every finger on the screen is a new one.
    const added = input.added;
    if (added && touches.every((p) => added.includes(p.id))) s.down.clear();
    const fresh = s.down.size === 0;
    if (fresh) {
      s.startedAt = t;
      s.maxFingers = 0;
      s.moved = false;
      s.threeSince = null;
      s.toggled = false;
      s.centre = null;
      s.secondTap = s.lastTapEnd !== null && t - s.lastTapEnd <= DOUBLE_TAP_MS;
      if (!s.secondTap) s.lastTapEnd = null;
    }
    for (const p of touches) if (!s.down.has(p.id)) s.down.set(p.id, p);
    s.maxFingers = Math.max(s.maxFingers, touches.length);
    s.threeSince = touches.length === TOGGLE_FINGERS ? t : null;
    if (touches.length === 2) s.centre = centreOf(touches);
    const only = touches[0];
    if (exploring && fresh && touches.length === 1 && only && !s.secondTap) {
      actions.push({ kind: 'explore', x: only.x, y: only.y, first: true });
    } else if (exploring && !fresh && touches.length === 2 && t - s.startedAt <= TOGETHER_MS) {
      actions.push({ kind: 'hush' });
    }
  } else if (input.type === 'move') {
    for (const p of touches) if (movedFar(s.down.get(p.id), p)) s.moved = true;
    if (holdDue(s, t, options)) {
      // A late timer: the hold was long enough before this move.
      s.toggled = true;
      actions.push({ kind: 'toggle' });
    }
    const only = touches[0];
    if (exploring && s.maxFingers === 1 && only && (!s.secondTap || s.moved)) {
      actions.push({ kind: 'explore', x: only.x, y: only.y, first: s.secondTap && s.moved });
      s.secondTap = false;
    } else if (exploring && touches.length === 2 && s.maxFingers === 2) {
      const centre = centreOf(touches);
      if (s.centre) {
        const dx = centre.x - s.centre.x;
        const dy = centre.y - s.centre.y;
        if (dx !== 0 || dy !== 0) actions.push({ kind: 'scroll', x: centre.x, y: centre.y, dx, dy });
      }
      s.centre = centre;
    }
  } else {
    // end or cancel: `touches` are the fingers still down.
    if (input.type === 'end' && holdDue(s, t, options)) {
      s.toggled = true;
      actions.push({ kind: 'toggle' });
    }
    const still = new Set(touches.map((p) => p.id));
    for (const id of [...s.down.keys()]) if (!still.has(id)) s.down.delete(id);
    s.threeSince = touches.length === TOGGLE_FINGERS ? s.threeSince : null;
    s.centre = touches.length === 2 ? centreOf(touches) : null;
    if (s.down.size === 0) {
      const tap =
        input.type === 'end' && s.maxFingers === 1 && !s.moved && !s.toggled && t - s.startedAt < TAP_MS;
      if (exploring && tap && s.secondTap) {
        actions.push({ kind: 'activate' });
        s.lastTapEnd = null;
      } else {
        s.lastTapEnd = tap ? t : null;
      }
      s.secondTap = false;
    }
  }
  const tickAt =
    s.threeSince !== null && !s.toggled && !s.moved && s.down.size === TOGGLE_FINGERS
      ? s.threeSince + options.holdMs
      : heldTick(s, exploring);
  return { state: s, actions, tickAt };
}

/** While a possible second tap is held, a tick when it is too long for a tap. */
function heldTick(s: GestureState, exploring: boolean): number | null {
  return exploring && s.secondTap && s.down.size === 1 && s.maxFingers === 1 ? s.startedAt + TAP_MS : null;
}
