import { useEffect, useState } from 'react';
import { readVtt, type Cue } from '../../../main/common/vtt';

/**
 * The cues of a WebVTT file, or null while it loads. A broken cue is left out and the good ones are shown
 * (the content checker names the broken one, with its line, for staff to fix). A file that cannot be
 * fetched or is not WebVTT gives no cues: the narration plays without captions (the full text is on the
 * page already).
 */
export function useCaptions(url: string | undefined): Cue[] | null {
  const [loaded, setLoaded] = useState<{ url: string; cues: Cue[] } | null>(null);
  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    fetch(url, { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        const { cues, problems } = readVtt(await response.text());
        for (const p of problems) console.warn(`captions: ${url} line ${p.line}: ${p.message}; left out`);
        return cues;
      })
      .then(
        (cues) => setLoaded({ url, cues }),
        (error: unknown) => {
          if (abort.signal.aborted) return;
          console.warn(`captions: ${error instanceof Error ? error.message : String(error)}`);
          setLoaded({ url, cues: [] });
        },
      );
    return () => abort.abort();
  }, [url]);
  if (!url) return [];
  return loaded?.url === url ? loaded.cues : null;
}
