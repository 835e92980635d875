import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang';

/** The sources a story or a profile was written from, as the content records them (in English). */
export function SourceList({ sources }: { sources: string[] }): ReactNode {
  const { t } = useLang();
  if (sources.length === 0) return null;
  return (
    <section className="sources">
      <h2>{t.sources}</h2>
      <ul>
        {sources.map((source) => (
          <li key={source} lang="en">
            {source}
          </li>
        ))}
      </ul>
    </section>
  );
}
