/**
 * What the renderer uses before `GET /api/settings` has answered, and the schema's defaults for the visitor
 * settings (`main/common/settings.ts` reads them from here). Plain data, so the visitor's first bundle does
 * not carry the settings schema.
 */
import { defaultKeyMap } from './keyMap';

/** Keys, speech and the audio guide (issue 17, docs/accessibility.md). */
export const DEFAULT_ACCESSIBILITY = {
  keys: defaultKeyMap(),
  speechRate: 1,
  speechVolume: 1,
  audioOnAnyKey: false,
  /** In audio mode: a blind visitor finds the keys and listens longer than a sighted one reads. */
  audioIdleSeconds: 180,
  audioWarningSeconds: 30,
  /** Explore by touch (blind visitors without a keypad): three fingers held still this long start it. */
  exploreByTouch: true,
  exploreHoldSeconds: 1.5,
};

export const DEFAULT_VISITOR_SETTINGS = {
  idleSeconds: 90,
  warningSeconds: 15,
  volume: 0.8,
  fadeSeconds: 0.4,
  hideCursor: true,
  accessibility: DEFAULT_ACCESSIBILITY,
};
