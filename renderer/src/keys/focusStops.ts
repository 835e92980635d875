/**
 * Where keyboard focus may go, in reading order: every control, and on reading screens every heading,
 * paragraph and quotation, so the move keys read a story paragraph by paragraph. Inside an open dialog
 * only its own stops count (focus is trapped there); anything inert or hidden is skipped.
 */

const CONTROLS =
  'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';
const READING = 'h1, h2, h3, h4, p, li';

/** Where stops are looked for: the open dialog, else the whole page. */
function scope(): ParentNode {
  const dialogs = Array.from(
    document.querySelectorAll<HTMLElement>(
      '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]',
    ),
  ).filter((d) => !d.closest('[inert]'));
  return dialogs[dialogs.length - 1] ?? document;
}

function usable(element: HTMLElement): boolean {
  if (element.closest('[inert], [aria-hidden="true"]')) return false;
  // The viewer's pan-and-zoom surface (OpenSeadragon) keeps the arrow keys for itself: not a stop. The
  // photograph is said when it opens; its zoom buttons are stops.
  if (element.closest('.zoomable')) return false;
  return element.getClientRects().length > 0;
}

/** The stops in document order. Reading text inside a control is the control's own name, not a stop. */
export function focusStops(): HTMLElement[] {
  const root = scope();
  const readingRoot = root === document ? document.querySelector('.visit-main') : root;
  const controls = Array.from(root.querySelectorAll<HTMLElement>(CONTROLS));
  const reading = readingRoot
    ? Array.from(readingRoot.querySelectorAll<HTMLElement>(READING)).filter(
        (el) =>
          !el.closest(CONTROLS) &&
          !(el.tagName === 'LI' && el.querySelector(CONTROLS)) &&
          !(el.tagName === 'LI' && el.querySelector(READING)) &&
          el.textContent.trim().length > 0,
      )
    : [];
  const all = [...new Set([...controls, ...reading])].filter(usable);
  return all.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Focus an element, making reading text focusable by script only (not a Tab stop of its own). */
export function focusElement(element: HTMLElement, preventScroll = false): void {
  if (!element.matches(CONTROLS) && !element.hasAttribute('tabindex')) element.tabIndex = -1;
  element.focus({ preventScroll });
  if (!preventScroll) element.scrollIntoView({ block: 'nearest' });
}

/** The index of the next stop after (or before) the current one, wrapping round. Pure. */
export function nextIndex(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** Move focus to the next or previous stop. */
export function moveFocus(step: 1 | -1): void {
  const stops = focusStops();
  const active = document.activeElement as HTMLElement | null;
  let current = active ? stops.indexOf(active) : -1;
  if (current < 0 && active && active !== document.body) {
    // Focus is on something that is not a stop (a dialog panel): start from its place in the page.
    current =
      stops.findIndex((s) => active.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) -
      (step === 1 ? 1 : 0);
  }
  const next = stops[nextIndex(current, stops.length, step)];
  if (next) focusElement(next);
}

/** Focus on the next or previous chapter heading of a story. */
export function moveToChapter(step: 1 | -1): void {
  const headings = Array.from(document.querySelectorAll<HTMLElement>('.visit-main [data-chapter]'));
  if (headings.length === 0) return;
  const active = document.activeElement;
  const after = (h: HTMLElement) =>
    Boolean(active && active.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
  const target =
    step === 1 ? headings.find(after) : [...headings].reverse().find((h) => !after(h) && h !== active);
  if (target) focusElement(target);
}

/**
 * After a screen change (or when what had focus is gone): the dialog, else the screen's marked start,
 * its heading, its content note, else its first stop. Never nothing.
 */
export function focusScreenStart(): void {
  const root = scope();
  if (root !== document) {
    const first = focusStops()[0];
    if (first) focusElement(first, true);
    return;
  }
  const candidates = [
    '[data-testid="attract"]',
    '.visit-main [data-screen-start]',
    '.visit-main [data-testid="content-note"] h2',
    '.visit-main h1',
  ];
  for (const selector of candidates) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element && usable(element)) {
      focusElement(element, true);
      return;
    }
  }
  const first = focusStops()[0];
  if (first) focusElement(first, true);
}
