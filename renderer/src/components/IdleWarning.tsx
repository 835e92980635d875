import type { ReactNode } from 'react';
import { fillCount } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import { continueVisit, useWarningSecondsLeft } from '../session/sessionClock';

/** "Are you still there?" with a visible countdown and one large button. */
export function IdleWarning(): ReactNode {
  const { t, lang } = useLang();
  const seconds = useWarningSecondsLeft();
  return (
    <div className="overlay-backdrop idle-backdrop" data-testid="idle-warning">
      <div
        className="overlay-panel idle-panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
      >
        <h2 id="idle-title">{t.stillThere}</h2>
        <p className="idle-count" aria-live="polite" data-testid="idle-countdown">
          {fillCount(t, 'stillThereBody', seconds, lang)}
        </p>
        <div className="idle-ring" aria-hidden="true">
          {seconds}
        </div>
        <button
          type="button"
          className="primary-button idle-continue"
          onClick={continueVisit}
          data-testid="idle-continue"
        >
          {t.stillThereContinue}
        </button>
      </div>
    </div>
  );
}
