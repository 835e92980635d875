import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { nativeLanguageName, uiText, fill } from '../i18n/uiText';

/** Outside opening hours: a calm notice in every language (or a black screen, as configured). */
export function ClosedScreen(): ReactNode {
  const status = useExhibit((s) => s.status);
  const languages = useExhibit((s) => s.attract?.languages) ?? ['zh-Hans', 'en', 'ja', 'id'];
  if (status.outsideHours === 'blank') return <div className="screen blank" data-testid="closed-blank" />;
  const next = status.nextChange ? new Date(status.nextChange) : null;
  return (
    <section className="screen notice-screen" data-testid="closed">
      {languages.map((lang) => {
        const t = uiText(lang);
        const time = next
          ? new Intl.DateTimeFormat(lang, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(
              next,
            )
          : '';
        return (
          <div key={lang} lang={lang} className="notice-block" aria-label={nativeLanguageName(lang)}>
            <h2>{t.closedTitle}</h2>
            {time ? <p>{fill(t.closedBody, { time })}</p> : null}
          </div>
        );
      })}
    </section>
  );
}
