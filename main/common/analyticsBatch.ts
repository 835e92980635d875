/**
 * The size of one batch of analytics events, apart from the event schema: the renderer's recorder needs
 * only this number, and importing it from `analytics.ts` brought zod (about 80 KB) into the attract loop's
 * first bundle.
 */
export const MAX_EVENTS_PER_BATCH = 60;
