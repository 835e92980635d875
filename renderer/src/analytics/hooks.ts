/**
 * What only a component sees, told to the analytics recorder: a story's chapters reached and its end, a
 * photograph zoomed, narration played, paused and finished. Each is a few lines beside the component's own
 * state; none of them changes what the component renders or makes a tap wait.
 */
import { useEffect, useRef } from 'react';
import { recordEvent } from './recorder';

/** A story is read: opened once, each chapter reached once, the end reached once (per opening). */
export function useStoryAnalytics(item: string, chapter: number, progress: number): void {
  const seen = useRef<{ item: string; chapters: Set<number>; ended: boolean } | null>(null);
  useEffect(() => {
    seen.current = { item, chapters: new Set(), ended: false };
    recordEvent({ name: 'storyOpened', item });
  }, [item]);
  useEffect(() => {
    const s = seen.current;
    if (!s || s.item !== item) return;
    // Reaching a chapter means having come at least that far: a jump to chapter 3 reaches 1, 2 and 3.
    for (let c = 1; c <= chapter; c++) {
      if (s.chapters.has(c)) continue;
      s.chapters.add(c);
      recordEvent({ name: 'storyChapter', item, chapter: c });
    }
    // Read to the end: the last lines are on screen (a story shorter than the screen counts at once).
    if (progress >= 0.98 && !s.ended) {
      s.ended = true;
      recordEvent({ name: 'storyEnd', item });
    }
  }, [item, chapter, progress]);
}

/** Narration's status as the player shows it → play / pause / finish events. */
export function useNarrationAnalytics(item: string, status: string): void {
  const previous = useRef(status);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (status === before) return;
    if (status === 'playing') recordEvent({ name: 'narration', item, action: 'play' });
    else if (status === 'paused' && before === 'playing')
      recordEvent({ name: 'narration', item, action: 'pause' });
    else if (status === 'ended') recordEvent({ name: 'narration', item, action: 'finish' });
  }, [item, status]);
}

/** The first zoom into a photograph while it is open. */
export function photoZoomRecorder(item: string): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    recordEvent({ name: 'photoZoomed', item });
  };
}
