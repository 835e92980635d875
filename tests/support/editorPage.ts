/**
 * The exhibit editor as staff reach it in the end-to-end tests: a desktop page (1440×900, the landscape
 * project only) signed into with the staff PIN and a role.
 */
import type { Page, ViewportSize } from '@playwright/test';

/** For `test.skip`: the editor's specs run in the landscape project only. */
export const inPortrait = ({ viewport }: { viewport: ViewportSize | null }): boolean =>
  (viewport?.width ?? 0) < (viewport?.height ?? 0);
export const EDITOR_IS_A_DESKTOP_PAGE =
  'The editor is a staff desktop page: it is tested in the landscape project only (at 1440×900).';

/** Opens the editor served at `url` and signs in with `pin` as `role`, at a staff computer's 1440×900. */
export async function signInToEditor(
  page: Page,
  url: string,
  pin: string,
  role: 'curator' | 'translator' | 'technician' = 'curator',
): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${url}/editor/`);
  await page.getByLabel('Staff PIN').fill(pin);
  await page.locator(`input[name=role][value=${role}]`).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}
