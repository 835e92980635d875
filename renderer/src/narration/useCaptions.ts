import { useEffect, useState } from 'react';
import { parseVtt, type Cue } from './vtt';

/**
 * The cues of a WebVTT file, or null while it loads. A file that cannot be fetched or read gives no cues:
 * the narration plays without captions (the full text is on the page already).
 */
export function useCaptions(url: string | undefined): Cue[] | null {
  const [loaded, setLoaded] = useState<{ url: string; cues: Cue[] } | null>(null);
  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    fetch(url, { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return parseVtt(await response.text());
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
