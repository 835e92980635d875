/**
 * Opening hours: whether the kiosk is open at a moment, when that next changes, and when the daily relaunch
 * is due — in the schedule's IANA time zone, with Intl.DateTimeFormat and no time-zone library.
 *
 * Ranges are "HH:MM-HH:MM" wall-clock times; a range whose end is not after its start runs past midnight
 * into the next day ("18:00-02:00"); "24:00" is accepted as an end. Holidays replace the weekday's ranges
 * for that date ([] = closed). Wall-clock times that do not exist (the spring-forward gap) move forward by
 * the gap; times that happen twice (the autumn fall-back) mean the first — Temporal's "compatible" rule.
 */
import type { KioskStatus } from '../common/api';
import type { OpeningHours } from '../common/settings';

export interface ScheduleState {
  open: boolean;
  /** The next opening or closing; null when none is due within a year (always open, or never). */
  nextChange: Date | null;
}

type Weekday = keyof OpeningHours['week'];
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;
const SEARCH_DAYS = 400;

/** Local calendar date, independent of any zone. */
interface CivilDate {
  year: number;
  month: number;
  day: number;
}

interface ZonedParts extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/** True when the zone name is one this machine knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone to use: the configured one when valid, else the machine's (undefined). */
function zoneOf(hours: OpeningHours): string | undefined {
  return hours.timeZone && isValidTimeZone(hours.timeZone) ? hours.timeZone : undefined;
}

/** Wall-clock parts of an instant in a zone. */
export function zonedParts(epochMs: number, timeZone: string | undefined): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
function offsetAt(epochMs: number, timeZone: string | undefined): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const p = zonedParts(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * Wall-clock times already turned into instants, by zone and wall time. Zone rules do not change while the
 * kiosk runs, and the status is asked for every few seconds over the same days: without this, a kiosk open
 * around the clock read its zone some 6,000 times per status (the search runs a year ahead). Bounded.
 */
const instants = new Map<string, Map<number, number>>();
const MAX_INSTANTS = 8192;

/** The instant a wall-clock time happens in a zone (gap → later, overlap → earlier). */
export function zonedTimeToEpoch(date: CivilDate, minutes: number, timeZone: string | undefined): number {
  const local = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const zone = timeZone ?? '';
  let known = instants.get(zone);
  if (!known) instants.set(zone, (known = new Map()));
  const instant = known.get(local);
  if (instant !== undefined) return instant;
  const found = instantOf(local, timeZone);
  if (known.size >= MAX_INSTANTS) known.clear();
  known.set(local, found);
  return found;
}

function instantOf(local: number, timeZone: string | undefined): number {
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [local - before, local - after].filter((t) => t + offsetAt(t, timeZone) === local);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read the wall time with the offset from before the change, which moves it forward.
  return local - before;
}

function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function weekdayOf(date: CivilDate): Weekday {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? 'sun';
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** "HH:MM" → minutes after midnight; "24:00" → 1440; null when malformed. */
export function parseTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? null : minutes;
}

/** "HH:MM-HH:MM" → start and end minutes (end > start; a range past midnight ends after 1440). */
export function parseRange(text: string): { start: number; end: number } | null {
  const [from, to, extra] = text.split('-');
  if (from === undefined || to === undefined || extra !== undefined) return null;
  const start = parseTime(from);
  const end = parseTime(to);
  if (start === null || end === null || start >= 1440) return null;
  if (start === end) return null;
  return { start, end: end > start ? end : end + 1440 };
}

function rangesFor(hours: OpeningHours, date: CivilDate): string[] {
  const iso = isoDate(date);
  const holiday = hours.holidays.find((h) => h.date === iso);
  return holiday ? holiday.hours : (hours.week[weekdayOf(date)] ?? []);
}

/** Opening intervals (epoch ms, [start, end)) whose start falls on a local date. */
function intervalsOn(hours: OpeningHours, date: CivilDate, timeZone: string | undefined): [number, number][] {
  const out: [number, number][] = [];
  for (const text of rangesFor(hours, date)) {
    const range = parseRange(text);
    if (!range) continue;
    const start = zonedTimeToEpoch(date, range.start, timeZone);
    const end =
      range.end > 1440
        ? zonedTimeToEpoch(addDays(date, 1), range.end - 1440, timeZone)
        : zonedTimeToEpoch(date, range.end, timeZone);
    if (end > start) out.push([start, end]);
  }
  return out;
}

/** Whether the kiosk is open at `date`, and when that next changes. */
export function scheduleStateAt(hours: OpeningHours, date: Date): ScheduleState {
  const now = date.getTime();
  const timeZone = zoneOf(hours);
  const today = zonedParts(now, timeZone);
  // Intervals starting yesterday may still run (past midnight); collect day by day, merging as we go.
  // Merged as each day is added (a day's intervals start after the day before's, but for a zone's quirks),
  // so a year's search stays linear.
  let merged: [number, number][] = [];
  let open = false;
  let openUntil = 0;
  for (let offset = -1; offset <= SEARCH_DAYS; offset++) {
    const day = addDays(today, offset);
    merged = mergeDay(merged, intervalsOn(hours, day, timeZone));
    const current = merged.find(([s, e]) => s <= now && now < e);
    // Anything starting on a later day begins at least at that day's midnight, so once the search has
    // passed the candidate change by a day, no later day can move it.
    const dayStart = zonedTimeToEpoch(addDays(day, 1), 0, timeZone);
    if (current) {
      open = true;
      openUntil = current[1];
      if (openUntil < dayStart) return { open: true, nextChange: new Date(openUntil) };
    } else {
      const next = merged.find(([s]) => s > now);
      if (next && next[0] < dayStart) return { open: false, nextChange: new Date(next[0]) };
    }
  }
  return { open, nextChange: null };
}

/** `merged` (sorted, disjoint) with one more day's intervals merged in; `merged` is changed and returned. */
function mergeDay(merged: [number, number][], day: [number, number][]): [number, number][] {
  day.sort((a, b) => a[0] - b[0]);
  const last = merged[merged.length - 1];
  const first = day[0];
  if (last && first && first[0] < last[0]) return merge([...merged, ...day].sort((a, b) => a[0] - b[0]));
  for (const [s, e] of day) {
    const tail = merged[merged.length - 1];
    if (tail && s <= tail[1]) tail[1] = Math.max(tail[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

function merge(sorted: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The next daily relaunch strictly after `now`, or null when disabled or malformed. */
export function nextDailyRelaunch(hours: OpeningHours, now: Date): Date | null {
  const at = parseTime(hours.dailyRelaunchAt ?? '');
  if (at === null || at >= 1440) return null;
  const timeZone = zoneOf(hours);
  const today = zonedParts(now.getTime(), timeZone);
  for (let offset = 0; offset <= 2; offset++) {
    const t = zonedTimeToEpoch(addDays(today, offset), at, timeZone);
    if (t > now.getTime()) return new Date(t);
  }
  return null;
}

/** Problems with the hours worth telling staff about (the settings loader checks the format too). */
export function scheduleWarnings(hours: OpeningHours, now: Date): string[] {
  const warnings: string[] = [];
  if (hours.timeZone && !isValidTimeZone(hours.timeZone)) {
    warnings.push(
      `Time zone "${hours.timeZone}" is unknown on this computer; its own clock setting is used.`,
    );
  }
  const all = [...Object.values(hours.week).flat(), ...hours.holidays.flatMap((h) => h.hours)];
  for (const r of all)
    if (!parseRange(r)) warnings.push(`Opening hours "${r}" cannot be read and are ignored.`);
  const relaunch = nextDailyRelaunch(hours, now);
  if (relaunch && scheduleStateAt(hours, relaunch).open) {
    warnings.push(
      `The daily restart at ${hours.dailyRelaunchAt} falls inside opening hours; visitors may see it.`,
    );
  }
  return warnings;
}

/** What GET /api/status answers: open or not, the next change as ISO text, and what to show when closed. */
export function kioskStatusAt(hours: OpeningHours, date: Date, staffWarnings: string[] = []): KioskStatus {
  const state = scheduleStateAt(hours, date);
  const status: KioskStatus = { open: state.open, outsideHours: hours.outsideHours };
  if (state.nextChange) status.nextChange = state.nextChange.toISOString();
  if (staffWarnings.length > 0) status.staffWarnings = staffWarnings;
  return status;
}
