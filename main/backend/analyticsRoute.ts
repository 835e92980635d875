/**
 * The analytics routes (issue 16), kept beside the handler so that it needs only one small hook:
 *
 * - `GET api.events` — `{ recording }`: whether analytics is on in kiosk.yaml. The renderer asks once at
 *   start and sends nothing when it is off.
 * - `POST api.events` { events } — a batch from the renderer's recorder. Each event is checked against the
 *   contract's closed list (zod); one that does not fit, or whose time is more than a week from the
 *   kiosk's clock, is left out. Always 204 when the body could be read: the renderer sends and forgets,
 *   and a visitor never notices a full disk. With analytics off the batch is read (so the answer is the
 *   same) and thrown away: nothing reaches the store.
 * - `GET api.staffAnalytics?from=&to=` — the dashboard's figures (staff token); `&format=csv` gives one row
 *   per event, `&format=summary.csv` one row per day, as a download.
 *
 * The handler's access checks (Host, Origin) run before these, and the body limit applies here too.
 */
import {
  analyticsBatchSchema,
  analyticsEventSchema,
  type AnalyticsEvent,
  type AnalyticsRecording,
} from '../common/analytics';
import { api, STAFF_TOKEN_HEADER, type StickExportResult } from '../common/api';
import { eventRowsCsv, summaryRowsCsv } from '../analytics/export';
import { exportToStick } from '../analytics/stickExport';
import { checkPeriod, emptySummary, summarize } from '../analytics/queries';
import type { AnalyticsStore } from '../analytics/store';
import { MAX_JSON_BODY, parseJsonObject, readBodyLimited } from './body';
import { json, methodNotAllowed, readJsonObject } from './responses';

export interface AnalyticsRouteOptions {
  store: AnalyticsStore;
  isStaffToken(token: string): boolean;
  /** The kiosk's time zone (opening hours), for days and hours of day. */
  timeZone?: string;
  now(): number;
  log: { warn(message: string): void; info?(message: string): void };
  /** The USB sticks there now (main/packages/folders.ts), for saving the figures onto one. */
  sticks?(): Promise<string[]>;
  /** This kiosk's name in the saved files' names (several kiosks' files on one stick stay apart). */
  kioskName?: string;
}

/** An answer for the analytics routes, or null for any other path. */
export type AnalyticsRoute = (request: Request, pathname: string) => Promise<Response | null>;

const WEEK = 7 * 86_400;

/** The events of a batch body that fit the contract and the clock (pure). */
export function acceptedEvents(
  body: unknown,
  nowSeconds: number,
): { events: AnalyticsEvent[]; refused: number } {
  const batch = analyticsBatchSchema.safeParse(body);
  if (!batch.success) return { events: [], refused: 1 };
  const events: AnalyticsEvent[] = [];
  let refused = 0;
  for (const raw of batch.data.events) {
    const parsed = analyticsEventSchema.safeParse(raw);
    if (parsed.success && Math.abs(parsed.data.at - nowSeconds) <= WEEK) events.push(parsed.data);
    else refused += 1;
  }
  return { events, refused };
}

export function createAnalyticsRoute(options: AnalyticsRouteOptions): AnalyticsRoute {
  let refusedLogged = false;
  return async (request, pathname) => {
    if (pathname === api.events) {
      if (request.method === 'GET') {
        const answer: AnalyticsRecording = { recording: options.store.enabled };
        return json(200, answer);
      }
      if (request.method !== 'POST') return methodNotAllowed('GET, POST');
      const body = await readBodyLimited(request, MAX_JSON_BODY);
      if (!body.ok) {
        return body.reason === 'too-large' ? json(413, { ok: false }) : json(400, { ok: false });
      }
      if (!options.store.enabled) return new Response(null, { status: 204 });
      const { events, refused } = acceptedEvents(
        parseJsonObject(body.text),
        Math.floor(options.now() / 1000),
      );
      if (refused > 0 && !refusedLogged) {
        refusedLogged = true;
        options.log.warn(`analytics: ${refused} events did not fit the event list and were left out`);
      }
      try {
        options.store.record(events);
      } catch (error) {
        options.log.warn(`analytics: events not recorded (${String(error)})`);
      }
      return new Response(null, { status: 204 });
    }
    if (pathname === api.staffAnalyticsExport) {
      if (request.method !== 'POST') return methodNotAllowed('POST');
      if (!options.isStaffToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) {
        return json(403, { ok: false, message: 'Staff sign-in required.' });
      }
      const body = await readJsonObject(request, MAX_JSON_BODY);
      if (body instanceof Response) return body;
      const period = checkPeriod(
        typeof body?.from === 'string' ? body.from : null,
        typeof body?.to === 'string' ? body.to : null,
      );
      if (typeof period === 'string') {
        const bad: StickExportResult = { ok: false, reason: 'bad-period', detail: period };
        return json(400, bad);
      }
      const result = await exportToStick({
        db: options.store.database(),
        period: { ...period, ...(options.timeZone ? { timeZone: options.timeZone } : {}) },
        sticks: (await options.sticks?.()) ?? [],
        kioskName: options.kioskName ?? 'kiosk',
      });
      if (result.ok)
        options.log.info?.(
          `analytics: ${result.events} events saved to ${result.folder} (${result.files.join(', ')})`,
        );
      else options.log.warn(`analytics: figures not saved to a USB stick: ${result.reason} ${result.detail}`);
      return json(200, result);
    }
    if (pathname === api.staffAnalytics) {
      if (request.method !== 'GET') return methodNotAllowed('GET');
      if (!options.isStaffToken(request.headers.get(STAFF_TOKEN_HEADER) ?? '')) {
        return json(403, { ok: false, message: 'Staff sign-in required.' });
      }
      const url = new URL(request.url);
      const period = checkPeriod(url.searchParams.get('from'), url.searchParams.get('to'));
      if (typeof period === 'string') return json(400, { ok: false, message: period });
      const withZone = { ...period, ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
      const db = options.store.database();
      const format = url.searchParams.get('format');
      if (format === 'csv' || format === 'summary.csv') {
        const rows = db ? (format === 'csv' ? eventRowsCsv(db, withZone) : summaryRowsCsv(db, withZone)) : [];
        const name = `kiosk-analytics-${format === 'csv' ? 'events' : 'summary'}-${period.from}-${period.to}.csv`;
        return new Response([...rows].join(''), {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="${name}"`,
            'Cache-Control': 'no-store',
          },
        });
      }
      const summary = db ? summarize(db, withZone, options.store.dropped()) : emptySummary(withZone, false);
      return json(200, summary);
    }
    return null;
  };
}
