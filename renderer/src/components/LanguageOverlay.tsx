import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import { nativeLanguageName } from '../i18n/uiText';
import { useVisit } from '../session/visitStore';
import { Overlay } from './Overlay';

/** The language control: every language in its own script; the visitor stays where they are. */
export function LanguageOverlay(): ReactNode {
  const { t, lang } = useLang();
  const languages = useExhibit((s) => s.exhibit?.languages) ?? [];
  const chooseLanguage = useVisit((s) => s.chooseLanguage);
  const closeOverlay = useVisit((s) => s.closeOverlay);
  return (
    <Overlay title={t.language} onClose={closeOverlay} testId="language-overlay">
      <div className="language-list">
        {languages.map((code) => (
          <button
            key={code}
            type="button"
            lang={code}
            className="language-button"
            aria-pressed={code === lang}
            onClick={() => chooseLanguage(code)}
            data-testid={`language-${code}`}
          >
            {nativeLanguageName(code)}
          </button>
        ))}
      </div>
    </Overlay>
  );
}
