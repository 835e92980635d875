/**
 * Does the page reflow? For the magnification test (tests/e2e/magnification.spec.ts) and the screenshots of
 * the magnified kiosk (scripts/screenshots.ts --magnified): what scrolls or runs sideways on the page as it
 * is now. Empty when the screen reflows.
 */
import type { Page } from '@playwright/test';

/** The smallest touch target the kiosk allows (tests/e2e/visit.spec.ts). */
export const MIN_TARGET = 64;

// A string, not a function: the screenshots script runs under tsx, which would wrap functions in a helper
// the page does not have (as tests/support/freshState.ts).
const SIDEWAYS_PROBLEMS = `((minTarget) => {
  const problems = [];
  const width = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > width) problems.push('page ' + root.scrollWidth + ' px wide in ' + width);
  if (document.body.scrollWidth > width) problems.push('body ' + document.body.scrollWidth + ' px wide');
  function name(el) {
    const id = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '';
    return el.tagName.toLowerCase() + (id ? '[' + id + ']' : '') + cls;
  }
  function shown(el) {
    return getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0;
  }
  const styles = new Map();
  function style(el) {
    let s = styles.get(el);
    if (!s) {
      s = getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  }
  // Scroll containers: none may scroll sideways.
  for (const el of document.querySelectorAll('body *')) {
    const s = style(el);
    const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowY === 'auto' || s.overflowY === 'scroll';
    if (scrolls && el.scrollWidth > el.clientWidth + 1)
      problems.push(name(el) + ' scrolls sideways: ' + el.scrollWidth + ' in ' + el.clientWidth);
  }
  // Text: every line inside the window, and not cut off by the nearest box that hides what overflows it.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('.visually-hidden') || !shown(parent)) continue;
    range.selectNodeContents(node);
    const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (lines.length === 0) continue;
    const left = Math.min(...lines.map((r) => r.left));
    const right = Math.max(...lines.map((r) => r.right));
    const what = '"' + text.slice(0, 40) + '" in ' + name(parent);
    if (left < -1 || right > width + 1)
      problems.push(what + ' runs outside the window (' + Math.round(left) + '–' + Math.round(right) + ')');
    for (let box = parent; box && box !== document.body; box = box.parentElement) {
      if (style(box).overflowX === 'visible') continue;
      const clip = box.getBoundingClientRect();
      if (left < clip.left - 1 || right > clip.right + 1)
        problems.push(what + ' is cut off by ' + name(box) + ' (' + Math.round(left) + '–' + Math.round(right) + ' in ' + Math.round(clip.left) + '–' + Math.round(clip.right) + ')');
      break;
    }
  }
  // Touch targets keep at least their minimum size.
  for (const el of document.querySelectorAll('button, [role="button"]')) {
    if (!shown(el) || el.closest('.staff-corner') || el.closest('[inert]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.width < minTarget || r.height < minTarget))
      problems.push(name(el) + ' "' + (el.textContent || '').trim().slice(0, 20) + '" ' + Math.round(r.width) + '×' + Math.round(r.height));
  }
  return problems;
})`;

export async function sidewaysProblems(page: Page, minTarget = MIN_TARGET): Promise<string[]> {
  return (await page.evaluate(`${SIDEWAYS_PROBLEMS}(${Number(minTarget)})`)) as string[];
}
