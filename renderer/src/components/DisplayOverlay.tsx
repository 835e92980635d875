import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang';
import { useVisit, type TextSize } from '../session/visitStore';
import { Overlay } from './Overlay';

/** The visitor's own choices: text size, contrast, motion, controls lower down, captions. Undone by reset. */
export function DisplayOverlay(): ReactNode {
  const { t } = useLang();
  const textSize = useVisit((s) => s.textSize);
  const highContrast = useVisit((s) => s.highContrast);
  const reducedMotion = useVisit((s) => s.reducedMotion);
  const seated = useVisit((s) => s.seated);
  const captionsOn = useVisit((s) => s.captionsOn);
  const v = useVisit.getState();
  const sizes: [TextSize, string][] = [
    ['standard', t.textStandard],
    ['large', t.textLarge],
    ['largest', t.textLargest],
    ['magnified', t.textMagnified],
  ];
  return (
    <Overlay title={t.display} onClose={v.closeOverlay} testId="display-overlay">
      <div className="settings">
        <fieldset className="setting">
          <legend>{t.textSize}</legend>
          <div className="segmented">
            {sizes.map(([size, label], i) => (
              <button
                key={size}
                type="button"
                aria-pressed={textSize === size}
                onClick={() => v.setTextSize(size)}
                data-testid={`text-${size}`}
                className={`size-${i}`}
              >
                {label}
              </button>
            ))}
          </div>
        </fieldset>
        <Toggle label={t.highContrast} on={highContrast} set={v.setHighContrast} testId="toggle-contrast" />
        <Toggle label={t.reducedMotion} on={reducedMotion} set={v.setReducedMotion} testId="toggle-motion" />
        <Toggle label={t.seated} on={seated} set={v.setSeated} testId="toggle-seated" />
        <Toggle label={t.captions} on={captionsOn} set={v.setCaptionsOn} testId="toggle-captions" />
      </div>
    </Overlay>
  );
}

function Toggle({
  label,
  on,
  set,
  testId,
}: {
  label: string;
  on: boolean;
  set: (on: boolean) => void;
  testId: string;
}): ReactNode {
  const { t } = useLang();
  return (
    <div className="setting toggle-row">
      <span className="toggle-label" id={`${testId}-label`}>
        {label}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby={`${testId}-label`}
        className="switch"
        onClick={() => set(!on)}
        data-testid={testId}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-state">{on ? t.on : t.off}</span>
      </button>
    </div>
  );
}
