import { useEffect, useRef, type ReactNode } from 'react';
import { useLang } from '../i18n/useLang';
import { Icon } from './Icon';

/** A calm modal panel over the screen, with a large close button. */
export function Overlay({
  title,
  onClose,
  children,
  testId,
  className,
}: {
  title: string;
  onClose?: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
}): ReactNode {
  const { t } = useLang();
  const ref = useRef<HTMLDivElement>(null);
  // Focus moves into the panel in the frame after it first paints: focusing at once would force style and
  // layout of the whole page inside the tap.
  useEffect(() => {
    const frame = requestAnimationFrame(() => ref.current?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div className="overlay-backdrop" onClick={onClose} data-testid={testId}>
      <div
        className={`overlay-panel ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        ref={ref}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="overlay-header">
          <h2>{title}</h2>
          {onClose ? (
            <button type="button" className="icon-button" onClick={onClose} aria-label={t.close}>
              <Icon name="close" />
            </button>
          ) : null}
        </header>
        {children}
      </div>
    </div>
  );
}
