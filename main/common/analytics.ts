/**
 * What the kiosk counts about visits (issue 16), as a closed list: every event name and every field the
 * renderer may send through `POST api.events`, validated by zod on arrival. No free text anywhere: names
 * and choices are enums, items are the content's own ids (slugs), times are whole seconds, and the only
 * identifier is a random id made fresh for each visit (never kept across visits). docs/privacy.md lists
 * every field in words; part of the contract: no Node, no DOM.
 */
import { z } from 'zod';
import { MAX_EVENTS_PER_BATCH } from './analyticsBatch';

/** The screens a visitor can be on (the visit store's places, plus the attract loop never counted). */
export const ANALYTICS_SCREENS = [
  'languageChoice',
  'home',
  'stories',
  'story',
  'photos',
  'people',
  'person',
  'timeline',
  'diary',
  'diaryEntry',
] as const;
export type AnalyticsScreen = (typeof ANALYTICS_SCREENS)[number];

/** How a visit ended. */
export const VISIT_ENDINGS = ['idleReset', 'explicitEnd', 'closingTime'] as const;
export type VisitEnding = (typeof VISIT_ENDINGS)[number];

export const ACCESSIBILITY_CHOICES = ['textSize', 'highContrast', 'reducedMotion', 'seated'] as const;
export const ACCESSIBILITY_VALUES = ['standard', 'large', 'largest', 'magnified', 'on', 'off'] as const;
export const NARRATION_ACTIONS = ['play', 'pause', 'finish'] as const;

/** A content id (story, photo, diary entry, person, timeline event), optionally kind-prefixed ("story:x"). */
const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/, { error: 'not a content id' });
/** A language tag as the exhibit uses them ("en", "zh-Hans"). */
const langTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, { error: 'not a language tag' });
/** Seconds since 1970 (UTC), whole. */
const seconds = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);
/** A random visit id: 32 hex digits (128 random bits), made fresh for every visit. */
export const VISIT_ID = /^[0-9a-f]{32}$/;

const base = { visit: z.string().regex(VISIT_ID), at: seconds };

/** One analytics event, exactly as the renderer sends it and the store keeps it. */
export const analyticsEventSchema = z.discriminatedUnion('name', [
  z.strictObject({ ...base, name: z.literal('visitStart') }),
  z.strictObject({
    ...base,
    name: z.literal('visitEnd'),
    how: z.enum(VISIT_ENDINGS),
    /** The screen the visit ended on. */
    screen: z.enum(ANALYTICS_SCREENS).optional(),
  }),
  z.strictObject({ ...base, name: z.literal('languageChosen'), lang: langTag }),
  z.strictObject({ ...base, name: z.literal('languageChanged'), lang: langTag }),
  z.strictObject({
    ...base,
    name: z.literal('screen'),
    screen: z.enum(ANALYTICS_SCREENS),
    item: itemId.optional(),
    /** Seconds on the screen (for the last screen of a visit ended by the idle reset: see privacy.md). */
    dwell: z.number().int().min(0).max(86_400),
  }),
  z.strictObject({ ...base, name: z.literal('storyOpened'), item: itemId }),
  z.strictObject({
    ...base,
    name: z.literal('storyChapter'),
    item: itemId,
    chapter: z.number().int().min(1).max(200),
  }),
  z.strictObject({ ...base, name: z.literal('storyEnd'), item: itemId }),
  z.strictObject({ ...base, name: z.literal('photoOpened'), item: itemId }),
  z.strictObject({ ...base, name: z.literal('photoZoomed'), item: itemId }),
  z.strictObject({ ...base, name: z.literal('narration'), item: itemId, action: z.enum(NARRATION_ACTIONS) }),
  z.strictObject({ ...base, name: z.literal('captions'), on: z.boolean() }),
  z.strictObject({
    ...base,
    name: z.literal('accessibility'),
    choice: z.enum(ACCESSIBILITY_CHOICES),
    value: z.enum(ACCESSIBILITY_VALUES),
  }),
  z.strictObject({
    ...base,
    name: z.literal('contentNote'),
    item: itemId,
    answer: z.enum(['continue', 'decline']),
  }),
  z.strictObject({ ...base, name: z.literal('idleWarning'), outcome: z.enum(['answered', 'timedOut']) }),
]);

export type AnalyticsEvent = z.output<typeof analyticsEventSchema>;
export type AnalyticsEventName = AnalyticsEvent['name'];
/** An event before the recorder stamps it with the visit id and time. */
export type AnalyticsEventInput = AnalyticsEvent extends infer E
  ? E extends AnalyticsEvent
    ? Omit<E, 'visit' | 'at'>
    : never
  : never;

/** The most events one `POST api.events` may carry (the body stays well under the 16 KB limit). */
export { MAX_EVENTS_PER_BATCH };

/**
 * `GET api.events` → whether this kiosk records analytics (kiosk.yaml `analytics.enabled`): the renderer
 * asks once at start and, when it does not, sends nothing at all.
 */
export interface AnalyticsRecording {
  recording: boolean;
}

/** `POST api.events` body. */
export const analyticsBatchSchema = z.strictObject({
  events: z.array(z.unknown()).max(MAX_EVENTS_PER_BATCH),
});

/** `GET api.staffAnalytics?from=YYYY-MM-DD&to=YYYY-MM-DD` → the dashboard's figures for those days. */
export interface AnalyticsSummary {
  from: string;
  to: string;
  /** Whether analytics is on in kiosk.yaml. */
  enabled: boolean;
  visits: number;
  visitsPerDay: { day: string; visits: number }[];
  /** 24 entries, hour 0–23 of the kiosk's local time. */
  visitsPerHour: number[];
  /** Visit length in seconds (walk-away time left out), the median; null with no visits. */
  medianVisitSeconds: number | null;
  /** Visits by length: bucket labels ("<1 min", "1–2 min", …) and counts. */
  visitLength: { bucket: string; visits: number }[];
  languages: { lang: string; visits: number }[];
  mostOpened: { item: string; kind: 'story' | 'photo'; opened: number }[];
  mostCompleted: { item: string; completed: number }[];
  storyFunnel: { item: string; opened: number; chapters: number[]; ended: number }[];
  visitEnds: { how: string; visits: number }[];
  lastScreens: { screen: string; visits: number }[];
  narration: { play: number; pause: number; finish: number; visitsWithNarration: number };
  captions: { on: number; off: number };
  accessibility: { choice: string; value: string; times: number }[];
  contentNotes: { item: string; continued: number; declined: number }[];
  idleWarnings: { answered: number; timedOut: number };
  /** Events dropped since the kiosk started (full disk). */
  dropped: number;
}
