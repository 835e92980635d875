import type { Page } from '@playwright/test';

/** What a fresh kiosk shows and holds: the end-to-end tests and the soak compare it after every reset. */
export interface FreshState {
  attract: boolean;
  overlays: number;
  lang: string;
  textSize: string | undefined;
  contrast: string | undefined;
  motion: string | undefined;
  controls: string | undefined;
  audio: string | null;
  viewer: boolean;
}

// A string, not a function: the soak runs under tsx, which would wrap a function in a helper the page
// does not have.
const READ_FRESH_STATE = `({
  attract: document.querySelector('[data-testid="attract"]') !== null,
  overlays: document.querySelectorAll('[role="dialog"], [role="alertdialog"]').length,
  lang: document.documentElement.lang,
  textSize: document.documentElement.dataset.textSize,
  contrast: document.documentElement.dataset.contrast,
  motion: document.documentElement.dataset.motion,
  controls: document.documentElement.dataset.controls,
  audio: document.documentElement.dataset.audio ?? null,
  viewer: document.querySelector('[data-testid="photo-viewer"]') !== null,
})`;

export async function freshState(page: Page): Promise<FreshState> {
  return (await page.evaluate(READ_FRESH_STATE)) as FreshState;
}
