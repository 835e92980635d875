/**
 * Local days and hours of the kiosk's time zone, for the analytics figures: which local day and hour an
 * instant falls in, and the instant a local day starts (exact across daylight-saving changes and in zones a
 * half or three quarters of an hour off UTC).
 */
/** Local calendar day and hour of an instant (seconds) in a time zone. */
export function localDayHour(atSeconds: number, timeZone?: string): { day: string; hour: number } {
  const parts = formatter(timeZone).formatToParts(new Date(atSeconds * 1000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const hour = Number(get('hour')) % 24;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone?: string): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Seconds (UTC) of local midnight at the start of `day` in the time zone. */
export function startOfDay(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
  // Find the instant whose local time is that midnight: step by the zone's offset until it holds.
  let guess = utcMidnight;
  for (let i = 0; i < 3; i++) {
    const offset = offsetSeconds(guess, timeZone);
    const next = utcMidnight - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetSeconds(atSeconds: number, timeZone?: string): number {
  const key = timeZone ?? '';
  let f = offsetFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    offsetFormatters.set(key, f);
  }
  const parts = f.formatToParts(new Date(atSeconds * 1000));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local =
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second')) / 1000;
  return local - atSeconds;
}

/** Every day from `from` to `to`, inclusive (at most 1000). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end && days.length < 1000; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
