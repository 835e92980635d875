/**
 * A speaker that records what the kiosk would say (renderer/src/speech/speaker.ts), for end-to-end tests.
 * `installRecordingSpeaker` runs in the page before the kiosk loads (page.addInitScript), with the voices
 * the test says the machine has; `spoken(page)` reads the record.
 */
import type { Page } from '@playwright/test';

export interface VoiceForTest {
  name: string;
  lang: string;
  localService: boolean;
}

export interface SpokenForTest {
  text: string;
  lang: string;
  voice: string;
  volume: number;
  /** false: it cut off whatever was being said. */
  queued: boolean;
}

/** Runs in the page: keep it self-contained (no imports, no closures). */
function recordingSpeaker(voices: VoiceForTest[]): void {
  const record: SpokenForTest[] = [];
  const w = window as unknown as {
    __kioskSpeaker: unknown;
    __kioskSpoken: SpokenForTest[];
    __kioskStops: number;
  };
  w.__kioskSpoken = record;
  w.__kioskStops = 0;
  w.__kioskSpeaker = {
    voices: () => voices.map((v) => ({ ...v })),
    speak: (utterances: { text: string; lang: string; voice: string; volume: number }[], queue: boolean) => {
      utterances.forEach((u, i) =>
        record.push({ text: u.text, lang: u.lang, voice: u.voice, volume: u.volume, queued: queue || i > 0 }),
      );
    },
    stop: () => {
      w.__kioskStops += 1;
    },
  };
}

export async function installRecordingSpeaker(page: Page, voices: VoiceForTest[]): Promise<void> {
  await page.addInitScript(recordingSpeaker, voices);
}

/** Everything said so far. */
export async function spoken(page: Page): Promise<SpokenForTest[]> {
  return page.evaluate(() => (window as unknown as { __kioskSpoken: SpokenForTest[] }).__kioskSpoken);
}

/** How many times speech was stopped (a reset stops it). */
export async function speechStops(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __kioskStops: number }).__kioskStops);
}

/** Forget what was said, so the next step's speech stands alone. */
export async function clearSpoken(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __kioskSpoken: unknown[] }).__kioskSpoken.length = 0;
  });
}
