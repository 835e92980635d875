import { Fragment, type ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { pick } from '../i18n/localize';
import { nativeLanguageName, uiText } from '../i18n/uiText';
import { useVisit } from '../session/visitStore';

/** The first choice of a visit: each language named in its own language and script, never a flag. */
export function LanguageChoice(): ReactNode {
  const exhibit = useExhibit((s) => s.exhibit);
  const chooseLanguage = useVisit((s) => s.chooseLanguage);
  if (!exhibit) return null;
  return (
    <section className="screen language-choice" data-testid="language-choice">
      {/* Each language marked as such: read in its own voice, and set in its own script's type. */}
      <h1 className="visually-hidden">
        {exhibit.languages.map((l, i) => (
          <Fragment key={l}>
            {i > 0 ? ' / ' : null}
            <span lang={l}>{uiText(l).chooseLanguage}</span>
          </Fragment>
        ))}
      </h1>
      <div className="language-choice-prompts" aria-hidden="true">
        {exhibit.languages.map((l) => (
          <p key={l} lang={l}>
            {uiText(l).chooseLanguage}
          </p>
        ))}
      </div>
      <div className="language-choice-buttons">
        {exhibit.languages.map((l, i) => {
          const title = pick(exhibit.title, l, exhibit.defaultLanguage);
          return (
            <button
              key={l}
              type="button"
              lang={l}
              className="language-choice-button"
              onClick={() => chooseLanguage(l)}
              data-testid={`choose-${l}`}
              data-screen-start={i === 0 ? '' : undefined}
            >
              <span className="language-choice-name">{nativeLanguageName(l)}</span>
              <span className="language-choice-title" lang={title.lang}>
                {title.text}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
