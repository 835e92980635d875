/**
 * The chunks the visitor's first bundle leaves out, and their prefetch. The attract loop needs only React,
 * the stores and the attract screen; everything else loads on first use, and is fetched while the attract
 * loop runs so that the first tap on a photograph or an excerpt is no slower than any other.
 */

export const loadVisit = () => import('./Visit');
export const loadPhotoViewer = () =>
  import('./components/PhotoViewer').then((m) => ({ default: m.PhotoViewer }));
export const loadNarrationPlayer = () =>
  import('./narration/NarrationPlayer').then((m) => ({ default: m.NarrationPlayer }));
export const loadStaffPanel = () => import('./staff/StaffPanel').then((m) => ({ default: m.StaffPanel }));
export const loadStaffDashboard = () =>
  import('./staff/StaffDashboard').then((m) => ({ default: m.StaffDashboard }));

import { afterFirstScreen, loadEveryFont } from './fontLoading';

let prefetched = false;

/** Fetch the visit's chunks once, when the browser is idle (never in the way of the attract loop's paint). */
export function prefetchVisit(): void {
  if (prefetched) return;
  prefetched = true;
  const fetchAll = () => {
    void loadVisit();
    void loadPhotoViewer();
    void loadNarrationPlayer();
    loadEveryFont();
  };
  // Not before the attract loop's first complete frame: its photograph and type come first.
  void afterFirstScreen().then(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fetchAll, { timeout: 2_000 });
    else setTimeout(fetchAll, 500);
  });
}
