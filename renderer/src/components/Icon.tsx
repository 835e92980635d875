import type { ReactNode } from 'react';

/** The kiosk's few icons, drawn inline (no icon font, no network). Decorative: buttons carry the words. */
const paths: Record<string, string> = {
  back: 'M15 5 8 12l7 7',
  home: 'M4 11.5 12 5l8 6.5M6.5 10v9h11v-9',
  language:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-9 9h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z',
  display: 'M4 19 9 5l5 14M6 14h6M15 19l3-8 3 8M16 16.5h4',
  close: 'M6 6l12 12M18 6 6 18',
  prev: 'M15 5 8 12l7 7',
  next: 'M9 5l7 7-7 7',
  play: 'M8 5v14l11-7Z',
  pause: 'M8 5v14M16 5v14',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  note: 'M12 4 2.5 20h19L12 4Zm0 6v5m0 2.5v.5',
  touch:
    'M9 11V5.5a1.5 1.5 0 0 1 3 0V11m0-1.5a1.5 1.5 0 0 1 3 0V11m0-.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1a6 6 0 0 1-5-2.7L3.6 14.7a1.5 1.5 0 0 1 2.4-1.8L9 15',
};

export function Icon({ name }: { name: keyof typeof paths | string }): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name] ?? ''} />
    </svg>
  );
}
