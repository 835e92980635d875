import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { useLang } from '../i18n/useLang';
import { nativeLanguageName } from '../i18n/uiText';
import { useVisit } from '../session/visitStore';
import { ExploreIndicator } from './ExploreIndicator';
import { Icon } from './Icon';

/** Always there during a visit: back, home, the exhibit's name, language, and text & display. */
export function NavBar({ inert }: { inert: boolean }): ReactNode {
  const { t, l, lang } = useLang();
  const exhibit = useExhibit((s) => s.exhibit);
  const canGoBack = useVisit((s) => s.path.length > 1);
  const back = useVisit((s) => s.back);
  const home = useVisit((s) => s.home);
  const openOverlay = useVisit((s) => s.openOverlay);
  const title = l(exhibit?.title);
  return (
    <nav className="navbar" aria-label={t.home} inert={inert}>
      <div className="navbar-group">
        <button
          type="button"
          className="nav-button"
          onClick={back}
          disabled={!canGoBack}
          data-testid="nav-back"
        >
          <Icon name="back" />
          <span>{t.back}</span>
        </button>
        <button type="button" className="nav-button" onClick={home} data-testid="nav-home">
          <Icon name="home" />
          <span>{t.home}</span>
        </button>
      </div>
      <div className="navbar-middle">
        <div className="navbar-title" lang={title.lang !== lang ? title.lang : undefined}>
          {title.text}
        </div>
        <ExploreIndicator place="bar" />
      </div>
      <div className="navbar-group">
        <button
          type="button"
          className="nav-button"
          onClick={() => openOverlay('language')}
          data-testid="nav-language"
          aria-label={`${t.language}: ${nativeLanguageName(lang)}`}
        >
          <Icon name="language" />
          <span>{nativeLanguageName(lang)}</span>
        </button>
        <button
          type="button"
          className="nav-button"
          onClick={() => openOverlay('display')}
          data-testid="nav-display"
          aria-label={t.display}
        >
          <Icon name="display" />
          <span>{t.display}</span>
        </button>
      </div>
    </nav>
  );
}
