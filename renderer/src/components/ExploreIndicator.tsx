import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { Icon } from './Icon';

/**
 * A small, calm sign for staff and a companion that explore by touch is on (the visitor hears it). During a
 * visit it sits in the bar under the exhibit's name, where it covers nothing; on the screens without the bar
 * (the attract loop, the language choice) it sits in the lower corner. Touches pass through it.
 */
export function ExploreIndicator({ place }: { place: 'bar' | 'corner' }): ReactNode {
  const on = useVisit((s) => s.touchExplore);
  const { t, lang } = useLang();
  if (!on) return null;
  return (
    <div
      className={`explore-indicator explore-indicator-${place}`}
      data-testid={place === 'bar' ? 'explore-indicator-bar' : 'explore-indicator'}
      lang={lang}
    >
      <Icon name="touch" />
      <span>{t.exploreIndicator}</span>
    </div>
  );
}
