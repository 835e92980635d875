import type { ReactNode } from 'react';
import { uiText } from '../i18n/uiText';

const everyLanguage = ['zh-Hans', 'en', 'ja', 'id'];

/** No usable content package: a calm notice in every language the product speaks. */
export function Unavailable(): ReactNode {
  return (
    <section className="screen notice-screen" data-testid="unavailable">
      {everyLanguage.map((lang) => (
        <div key={lang} lang={lang} className="notice-block">
          <h2>{uiText(lang).unavailableTitle}</h2>
          <p>{uiText(lang).unavailableBody}</p>
        </div>
      ))}
    </section>
  );
}
