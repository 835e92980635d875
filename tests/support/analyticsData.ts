/**
 * Generated analytics visits for the tests and the bench: a seeded random source and one visit's events as
 * the recorder would send them (languages, stories read to different depths, photographs, narration,
 * captions, accessibility choices, content notes, idle warnings; most visits ended, some not).
 */
import type { AnalyticsEvent, AnalyticsEventInput } from '../../main/common/analytics';

/** A small seeded random source (mulberry32): the same data set on every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STORIES = ['safety-zone', 'fall-of-nanjing', 'rabe', 'vautrin', 'refugees'];
const PHOTOS = ['armband', 'flag', 'ginling', 'hospital', 'map', 'queue', 'rice'];
const LANGS = ['zh-Hans', 'en', 'ja', 'id'];

/** One visit's events at offsets from its start, as the recorder would send them. */
export function visitEvents(rnd: () => number, id: string, start: number): AnalyticsEvent[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const steps: AnalyticsEventInput[] = [{ name: 'languageChosen', lang: pick(LANGS) }];
  const count = Math.floor(rnd() * 14);
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const story = pick(STORIES);
    if (r < 0.15) {
      steps.push({ name: 'storyOpened', item: story });
      const chapters = Math.floor(rnd() * 5);
      for (let c = 1; c <= chapters; c++) steps.push({ name: 'storyChapter', item: story, chapter: c });
      if (chapters >= 3 && rnd() < 0.6) steps.push({ name: 'storyEnd', item: story });
    } else if (r < 0.3) steps.push({ name: 'photoOpened', item: pick(PHOTOS) });
    else if (r < 0.35) steps.push({ name: 'photoZoomed', item: pick(PHOTOS) });
    else if (r < 0.45)
      steps.push({ name: 'narration', item: story, action: pick(['play', 'pause', 'finish']) });
    else if (r < 0.5) steps.push({ name: 'captions', on: rnd() < 0.5 });
    else if (r < 0.55)
      steps.push(
        rnd() < 0.5
          ? { name: 'accessibility', choice: 'textSize', value: pick(['large', 'largest']) }
          : { name: 'accessibility', choice: pick(['seated', 'highContrast']), value: pick(['on', 'off']) },
      );
    else if (r < 0.65)
      steps.push({
        name: 'contentNote',
        item: `story:${story}`,
        answer: rnd() < 0.3 ? 'decline' : 'continue',
      });
    else if (r < 0.72) steps.push({ name: 'idleWarning', outcome: rnd() < 0.5 ? 'answered' : 'timedOut' });
    else if (r < 0.77) steps.push({ name: 'languageChanged', lang: pick(LANGS) });
    else
      steps.push({
        name: 'screen',
        screen: pick(['home', 'story', 'photos']),
        dwell: Math.floor(rnd() * 200),
      });
  }
  const r = rnd();
  if (r < 0.85)
    steps.push({
      name: 'visitEnd',
      how: pick(['idleReset', 'explicitEnd', 'closingTime']),
      ...(rnd() < 0.8 ? { screen: pick(['home', 'story', 'photos', 'timeline']) } : {}),
    });
  let t = start;
  const events: AnalyticsEvent[] = [{ visit: id, at: start, name: 'visitStart' }];
  for (const step of steps) {
    t += Math.floor(rnd() * 90);
    events.push({ ...step, visit: id, at: t } as AnalyticsEvent);
  }
  return events;
}
