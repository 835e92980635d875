import { STAFF_SHORTCUT } from '../../../main/common/api';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorBoundary, onScreenError } from '../components/ErrorBoundary';
import { forceReset } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';
import { loadStaffPanel } from '../visitChunks';
import { registerCornerTap } from './cornerTaps';

/** Staff code loads only when staff open the panel. */
const StaffPanel = lazy(loadStaffPanel);

/**
 * The hidden way in for staff: five taps in the top-left corner within three seconds open a PIN pad.
 * Visitors see nothing there. (The keyboard shortcut STAFF_SHORTCUT, Ctrl+Alt+Shift+K, does the same on a kiosk with a
 * keyboard attached for maintenance.)
 */
export function StaffCorner(): ReactNode {
  const taps = useRef<number[]>([]);
  const overlay = useVisit((s) => s.overlay);
  const openOverlay = useVisit((s) => s.openOverlay);
  const closeOverlay = useVisit((s) => s.closeOverlay);
  const [, force] = useState(0);
  const open = overlay === 'staff';
  // The maintenance shortcut (the shell lets exactly this one through; see main/kiosk/shortcuts.ts).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const k = STAFF_SHORTCUT;
      const match =
        event.code === k.code &&
        event.ctrlKey === k.ctrlKey &&
        event.altKey === k.altKey &&
        event.shiftKey === k.shiftKey &&
        event.metaKey === k.metaKey;
      if (match) openOverlay('staff');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openOverlay]);
  return (
    <>
      <div
        className="staff-corner"
        aria-hidden="true"
        data-testid="staff-corner"
        onPointerDown={(event) => {
          event.stopPropagation();
          taps.current = registerCornerTap(taps.current, Date.now());
          if (taps.current.length >= 5) {
            taps.current = [];
            // The PIN pad is an overlay of the visit; outside a visit it still opens over the attract loop.
            openOverlay('staff');
            force((n) => n + 1);
          }
        }}
      />
      {open ? (
        <ErrorBoundary onError={onScreenError('staff panel')}>
          <Suspense fallback={null}>
            <StaffPanel
              onClose={() => {
                closeOverlay();
                if (useVisit.getState().phase === 'attract') forceReset();
              }}
            />
          </Suspense>
        </ErrorBoundary>
      ) : null}
    </>
  );
}
