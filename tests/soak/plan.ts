/**
 * The simulated week's plan (issue 18), a pure function of the options and the seed: for each day, when
 * the doors open and close (from the kiosk's own opening-hours code, so a daylight-saving day is what the
 * kiosk itself makes of it), when each visitor arrives, what they do and how they leave, and when each
 * fault is injected. The driver (week.ts) only carries the plan out, so a run can be repeated exactly.
 */
import type { OpeningHours } from '../../main/common/settings';
import { nextDailyRelaunch, scheduleStateAt, zonedParts } from '../../main/kiosk/schedule';
import { FAULT_KINDS, type FaultKind } from './types';

/** A small, well-known seeded generator (mulberry32): the same seed gives the same week. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type VisitStep =
  /** Open a story (the n-th in the list), read it for a while, perhaps play its narration. */
  | { kind: 'story'; index: number; readSeconds: number; narration: boolean }
  /** Open a photograph, zoom it (a two-finger pinch or the buttons), look at the next one. */
  | { kind: 'photo'; index: number; zoom: 'pinch' | 'buttons'; lookSeconds: number }
  /** Change the language in the middle of the visit. */
  | { kind: 'language'; lang: string }
  /** Larger text and high contrast, from the display choices. */
  | { kind: 'display'; textSize: 'large' | 'largest'; contrast: boolean }
  /** The audio guide by keypad: the audio key, a few arrow presses, Enter, then back. */
  | { kind: 'audioGuide'; presses: number };

export type VisitEnding =
  /** Goes back to the home screen and walks away: the idle warning, then the reset. */
  | 'leaveFromHome'
  /** Walks away in the middle of a story (narration perhaps still playing). */
  | 'walkAwayMidStory'
  /** Answers "Are you still there?" once, reads on, then walks away. */
  | 'continueOnce';

export interface PlannedVisit {
  /** Simulated epoch ms when the visitor arrives (they wait while the kiosk is busy). */
  arrive: number;
  lang: string;
  steps: VisitStep[];
  ending: VisitEnding;
}

export interface PlannedFault {
  kind: FaultKind;
  /** Injected just before this visit of the day (0-based), or at this simulated time when it is timed. */
  beforeVisit: number;
}

export interface PlannedDay {
  day: number;
  date: string;
  /** Simulated epoch ms. */
  opens: number;
  closes: number;
  /** The daily relaunch after closing (the kiosk's own setting), or null when turned off. */
  relaunch: number | null;
  /** Hours the doors are open that day (shorter or longer when the clocks change the night before). */
  visits: PlannedVisit[];
  faults: PlannedFault[];
}

export interface PlanOptions {
  days: number;
  visitsPerDay: number;
  seed: number;
  /** The first day, YYYY-MM-DD (a local date in the schedule's zone). */
  firstDate: string;
  hours: OpeningHours;
  languages: readonly string[];
  /** Faults to place; each at least once over the week when there are enough days and visits. */
  faults: readonly FaultKind[];
  /** Seconds of idle time before the warning, and of the warning: a walk-away costs both. */
  idleSeconds: number;
  warningSeconds: number;
}

const DAY_MS = 86_400_000;

/**
 * How busy the hall is at a point of the open day (0 = opening, 1 = closing): quiet in the morning and
 * the evening, busiest around midday (school groups, lunch-time visitors).
 */
export function busyness(fraction: number): number {
  return 0.35 + Math.sin(Math.PI * Math.min(1, Math.max(0, fraction)));
}

/** Arrival times across the open day, sorted, drawn from `busyness` by rejection (seeded). */
export function arrivals(count: number, opens: number, closes: number, random: () => number): number[] {
  const out: number[] = [];
  const peak = busyness(0.5);
  while (out.length < count) {
    const f = random();
    if (random() * peak <= busyness(f)) out.push(Math.round(opens + f * (closes - opens)));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Seconds a visit keeps the kiosk busy, reset included: what the visitor reads and looks at, plus the
 * idle time and warning a walk-away leaves behind.
 */
export function visitSeconds(visit: PlannedVisit, idleSeconds: number, warningSeconds: number): number {
  let seconds = 6; // the attract tap, the language, the home screen
  for (const step of visit.steps) {
    if (step.kind === 'story') seconds += step.readSeconds + 2;
    else if (step.kind === 'photo') seconds += step.lookSeconds + 3;
    else seconds += 4;
  }
  const reset = idleSeconds + warningSeconds + 1;
  return seconds + (visit.ending === 'continueOnce' ? reset + idleSeconds : reset);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length] as T;
}

/**
 * One visitor. With a thousand visits in a twelve-hour day on one kiosk, a visit may keep it busy for
 * 43 s on average, its idle reset included: so most visits are short (one story or one photograph), a
 * few are long, as in a busy hall where people queue. `scale` shortens reading times when a day's plan
 * would not fit its opening hours.
 */
export function planVisit(
  arrive: number,
  languages: readonly string[],
  random: () => number,
  scale = 1,
): PlannedVisit {
  const lang = pick(languages, random);
  const steps: VisitStep[] = [];
  const read = () => Math.max(2, Math.round((4 + random() * 20) * scale));
  const stepCount = random() < 0.8 ? 1 : 2 + Math.floor(random() * 3);
  for (let i = 0; i < stepCount; i += 1) {
    const r = random();
    if (r < 0.45)
      steps.push({
        kind: 'story',
        index: Math.floor(random() * 100),
        readSeconds: read(),
        narration: random() < 0.3,
      });
    else if (r < 0.8)
      steps.push({
        kind: 'photo',
        index: Math.floor(random() * 100),
        zoom: random() < 0.5 ? 'pinch' : 'buttons',
        lookSeconds: read(),
      });
    else if (r < 0.88) steps.push({ kind: 'language', lang: pick(languages, random) });
    else if (r < 0.96)
      steps.push({
        kind: 'display',
        textSize: random() < 0.5 ? 'large' : 'largest',
        contrast: random() < 0.5,
      });
    else steps.push({ kind: 'audioGuide', presses: 1 + Math.floor(random() * 4) });
  }
  const e = random();
  const lastIsStory = steps[steps.length - 1]?.kind === 'story';
  const ending: VisitEnding =
    lastIsStory && e < 0.3 ? 'walkAwayMidStory' : e > 0.95 ? 'continueOnce' : 'leaveFromHome';
  return { arrive, lang, steps, ending };
}

function isoDateOf(epochMs: number, timeZone: string | undefined): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The open span of the day that contains `noon` (the schedule's first opening after the night). */
export function openSpan(hours: OpeningHours, dayStart: number): { opens: number; closes: number } | null {
  const first = scheduleStateAt(hours, new Date(dayStart));
  const opens = first.open ? dayStart : first.nextChange?.getTime();
  if (opens === undefined || opens >= dayStart + DAY_MS) return null;
  const closes = scheduleStateAt(hours, new Date(opens)).nextChange?.getTime() ?? opens + 12 * 3_600_000;
  return { opens, closes };
}

/**
 * Where each fault goes: every kind at least once, spread over the days after the first morning (the
 * first day's first hours are the baseline), never two on one visit, seeded.
 */
export function placeFaults(
  faults: readonly FaultKind[],
  days: number,
  visitsPerDay: number,
  random: () => number,
): { day: number; fault: PlannedFault }[] {
  const placed: { day: number; fault: PlannedFault }[] = [];
  const taken = new Set<string>();
  const kinds = faults.filter((k) => k !== 'daylightSaving'); // a day of the plan, not an injection
  kinds.forEach((kind, i) => {
    // Spread the kinds over the week in order, then jitter the visit inside the day.
    const day = days === 1 ? 1 : 1 + Math.min(days - 1, Math.floor(((i + 0.5) * days) / kinds.length));
    const low = day === 1 ? Math.ceil(visitsPerDay * 0.25) : 1;
    const span = Math.max(1, visitsPerDay - low - 1);
    let beforeVisit = low + Math.floor(random() * span);
    while (taken.has(`${day}:${beforeVisit}`)) beforeVisit = (beforeVisit + 1) % Math.max(1, visitsPerDay);
    taken.add(`${day}:${beforeVisit}`);
    placed.push({ day, fault: { kind, beforeVisit } });
  });
  return placed;
}

export function planWeek(options: PlanOptions): PlannedDay[] {
  const random = seededRandom(options.seed);
  const zone = options.hours.timeZone;
  const [y, m, d] = options.firstDate.split('-').map(Number) as [number, number, number];
  const faults = placeFaults(options.faults, options.days, options.visitsPerDay, random);
  const days: PlannedDay[] = [];
  // Start from the first date's local midnight: the schedule finds that day's opening.
  let dayStart = firstLocalMidnight(y, m, d, zone);
  for (let day = 1; day <= options.days; day += 1) {
    const span = openSpan(options.hours, dayStart);
    if (!span) throw new Error(`the kiosk's hours open no time on day ${day}`);
    const times = arrivals(options.visitsPerDay, span.opens, span.closes - 60_000, random);
    let visits = times.map((t) => planVisit(t, options.languages, random));
    // Fit the day: if the visits would keep the kiosk busy past closing, shorten the reading times.
    const busy = (vs: PlannedVisit[]) =>
      vs.reduce((s, v) => s + visitSeconds(v, options.idleSeconds, options.warningSeconds), 0) * 1000;
    const available = (span.closes - span.opens) * 0.97;
    for (let scale = 0.8; busy(visits) > available && scale > 0.05; scale *= 0.8) {
      const again = seededRandom(options.seed * 31 + day);
      visits = times.map((t) => planVisit(t, options.languages, again, scale));
    }
    const relaunch = nextDailyRelaunch(options.hours, new Date(span.closes));
    days.push({
      day,
      date: isoDateOf(span.opens, zone),
      opens: span.opens,
      closes: span.closes,
      relaunch: relaunch ? relaunch.getTime() : null,
      visits,
      faults: faults.filter((f) => f.day === day).map((f) => f.fault),
    });
    // The next day starts after this day's relaunch (or its closing).
    dayStart = nextLocalMidnight(span.closes, zone);
  }
  return days;
}

function firstLocalMidnight(y: number, m: number, d: number, zone: string | undefined): number {
  // Noon UTC of the date is inside the same local date for every zone within ±12 h; step back to midnight.
  return nextLocalMidnight(Date.UTC(y, m - 1, d, 12) - DAY_MS, zone);
}

/** The first local midnight after `t` in the zone. */
function nextLocalMidnight(t: number, zone: string | undefined): number {
  const p = zonedParts(t, zone);
  const elapsed = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  let candidate = t - elapsed + DAY_MS;
  // On a day whose clocks change the local day is 23 or 25 hours long: settle on the real midnight.
  for (let i = 0; i < 3; i += 1) {
    const q = zonedParts(candidate, zone);
    const off = ((q.hour * 60 + q.minute) * 60 + q.second) * 1000;
    if (off === 0) break;
    candidate += q.hour >= 12 ? DAY_MS - off : -off;
  }
  return candidate;
}

/** The days of the plan whose local day is not 24 hours long (a daylight-saving change). */
export function daylightSavingDays(days: readonly PlannedDay[], zone: string | undefined): string[] {
  return days
    .filter((day) => {
      const midnight = nextLocalMidnight(day.opens - DAY_MS, zone);
      return nextLocalMidnight(midnight, zone) - midnight !== DAY_MS;
    })
    .map((day) => day.date);
}

export { FAULT_KINDS };
