/**
 * Explore by touch (issue 17, point 5): which element a finger is on, in the audio guide's terms. Pure:
 * touchExplore.ts describes the element under the finger and its ancestors (innermost first); this picks
 * the one to say and focus — the control the finger is on (its text is the control's name), else the
 * heading or paragraph (reading screens are read paragraph by paragraph, as the move keys do), else
 * nothing. Anything behind an open panel (inert), hidden from assistive technology, or the photo viewer's
 * pan-and-zoom surface (its photograph is said when it opens) is nothing.
 */

export interface ExploreCandidate {
  /** A button, link, field or other focusable control. */
  control: boolean;
  /** A heading, paragraph, quotation or list item with text of its own. */
  reading: boolean;
  /** Inert, aria-hidden, or the viewer's zoom surface: nothing inside it is said. */
  blocked: boolean;
  /** An open dialog: the search stops at it (focus stays in the dialog). */
  dialog: boolean;
}

/** The index in `chain` (innermost first) of the element to say, or null. */
export function pickExploreTarget(chain: ExploreCandidate[]): number | null {
  if (chain.some((c) => c.blocked)) return null;
  let reading: number | null = null;
  for (let i = 0; i < chain.length; i += 1) {
    const candidate = chain[i];
    if (!candidate) break;
    if (candidate.control) return i;
    if (candidate.reading && reading === null) reading = i;
    if (candidate.dialog) break;
  }
  return reading;
}
