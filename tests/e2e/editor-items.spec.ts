/**
 * Adding, deleting and renaming items in the exhibit editor (issue 14), end to end: real Chromium, the real
 * backend with the editor on its own loopback server, a temporary copy of media/ and of the device settings.
 * A curator adds a person, links them from a photograph with the picker, tries to delete the person and
 * sees the link listed, renames the person and sees the photograph still linked; the test ends with a
 * clean content check and the person in the kiosk preview under the new id.
 *
 * With EDITOR_SHOTS=<folder> it also saves the dialogs as PNGs at 1440×900 (docs/screenshots/).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { loadExhibitPackage } from '../../main/content/load';
import { expect, test } from './fixtures';
import { EDITOR_IS_A_DESKTOP_PAGE, inPortrait, signInToEditor } from '../support/editorPage';
import { EDITOR_PIN as PIN, editorWorkingCopy, startEditorServer } from '../support/editorWorkingCopy';
const shots = process.env.EDITOR_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  // Let the dialog's fonts and thumbnails settle before the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('[data-testid=preview]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

test.describe('adding, deleting and renaming items in the editor', () => {
  test.setTimeout(600_000);
  test.skip(inPortrait, EDITOR_IS_A_DESKTOP_PAGE);

  test('a curator adds a person, links them from a photograph, cannot delete them while linked, renames them', async ({
    kiosk: page,
    problems,
  }) => {
    const copy = await editorWorkingCopy('kiosk-editor-items-e2e-');
    const { media } = copy;
    const server = await startEditorServer(copy);
    try {
      await signInToEditor(page, server.url, PIN);

      // 1. A new person: the id is made from the name; a name already taken is refused with a message.
      await page.getByTestId('new-item').click();
      await page.getByTestId('new-kind').selectOption('person');
      await page.getByTestId('new-title').fill('John Rabe');
      await page.getByTestId('new-start').click();
      await expect(page.getByTestId('dialog-message')).toContainText('already taken', { timeout: 60_000 });
      // The sample's default language is Simplified Chinese: a Chinese name makes no id, so it is typed.
      await page.getByTestId('new-title').fill('许传音');
      await expect(page.getByTestId('new-id')).toHaveAttribute('placeholder', '');
      await page.getByTestId('new-id').fill('xu-chuanyin');
      await shot(page, 'editor-new-item');
      await page.getByTestId('new-start').click();
      await expect(page.locator('#item-title')).toHaveText('xu-chuanyin', { timeout: 60_000 });
      await expect(page.locator('#field-name_zh-Hans')).toHaveValue('许传音');
      await expect(page.getByTestId('save')).toHaveText('Add to the exhibit');
      // Adding it half-filled is refused, naming the fields; nothing is written.
      await page.getByTestId('save').click();
      await expect(page.getByTestId('notice')).toHaveText('Nothing was saved: correct the fields marked.', {
        timeout: 60_000,
      });
      expect(await exists(path.join(media, 'people', 'xu-chuanyin.yaml'))).toBe(false);
      await page.locator('#field-name_en').fill('Xu Chuanyin');
      await page.locator('#field-role_zh-Hans').fill('南京红卍字会副会长');
      await page.locator('#field-role_en').fill('Vice-chairman of the Nanjing Red Swastika Society');
      await page.locator('#field-nationality_zh-Hans').fill('中国');
      await page.locator('#field-nationality_en').fill('Chinese');
      await page.locator('#field-biography_zh-Hans').fill('南京安全区国际委员会成员。');
      await page
        .locator('#field-biography_en')
        .fill('A member of the International Committee for the Nanjing Safety Zone.');
      await page.locator('#field-sources_1_').fill('Wikipedia, "Nanking Safety Zone" (retrieved 2026)');
      await page.getByTestId('save').click();
      await expect(page.getByTestId('notice')).toHaveText(/^Saved\./, { timeout: 60_000 });
      await expect(page.getByTestId('save')).toHaveText('Save');
      await expect(page.getByTestId('item-person-xu-chuanyin')).toBeVisible({ timeout: 60_000 });

      // 2. Linked from a photograph with the picker.
      await page.getByTestId('item-photo-committee-headquarters').click();
      await expect(page.locator('#item-title')).toBeVisible({ timeout: 60_000 });
      await page.locator('#field-people').getByRole('button', { name: /^Add/ }).click();
      await page.locator('dialog.picker input[type=search]').fill('Xu');
      await page.getByTestId('pick-xu-chuanyin').click();
      await page.getByTestId('save').click();
      await expect(page.getByTestId('notice')).toHaveText(/^Saved\./, { timeout: 60_000 });

      // 3. Deleting the person is refused, with the photograph listed.
      await page.getByTestId('item-person-xu-chuanyin').click();
      await expect(page.locator('#item-title')).toHaveText('Xu Chuanyin', { timeout: 60_000 });
      await page.getByTestId('delete').click();
      await expect(page.getByTestId('delete-refused')).toContainText('one place links to it', {
        timeout: 60_000,
      });
      await expect(page.getByTestId('links')).toContainText('Photograph · people[');
      await expect(page.getByTestId('link-photo-committee-headquarters')).toBeVisible();
      await expect(page.getByTestId('delete-confirm')).toHaveCount(0);
      await expectAccessible(page);
      await shot(page, 'editor-delete-refused');
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      expect(await exists(path.join(media, 'people', 'xu-chuanyin.yaml'))).toBe(true);

      // 4. Renamed: the photograph follows.
      const photoFile = path.join(media, 'photos', 'committee-headquarters.yaml');
      const photoBefore = await readFile(photoFile, 'utf8');
      await page.getByTestId('rename').click();
      await page.getByTestId('rename-id').fill('xu-chuan-yin');
      await expect(page.getByTestId('links')).toContainText('people[', { timeout: 60_000 });
      await expectAccessible(page);
      await shot(page, 'editor-rename');
      await page.getByTestId('rename-confirm').click();
      await expect(page.getByTestId('notice')).toContainText('Renamed to “xu-chuan-yin”', {
        timeout: 60_000,
      });
      expect(await exists(path.join(media, 'people', 'xu-chuanyin.yaml'))).toBe(false);
      expect(await exists(path.join(media, 'people', 'xu-chuan-yin.yaml'))).toBe(true);
      // Only the id changed in the photograph's file: every comment and line else as it was.
      expect(await readFile(photoFile, 'utf8')).toBe(photoBefore.replace('xu-chuanyin', 'xu-chuan-yin'));
      await page.getByTestId('item-photo-committee-headquarters').click();
      await expect(page.locator('#field-people')).toContainText('xu-chuan-yin', { timeout: 60_000 });
      await expect(page.locator('#field-people')).toContainText('Xu Chuanyin');
      await shot(page, 'editor-renamed-photo');

      // The checker is clean, and the kiosk preview shows the person under the new id.
      const check = await loadExhibitPackage(media);
      expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const preview = page.frameLocator('[data-testid=preview]');
      await expect(async () => {
        await page.getByRole('button', { name: 'Reload' }).click();
        await preview.getByTestId('attract').click({ timeout: 10_000 });
        await preview.getByTestId('choose-en').click({ timeout: 10_000 });
        await preview.getByTestId('section-people').click({ timeout: 10_000 });
        await expect(preview.getByTestId('person-xu-chuan-yin')).toBeVisible({ timeout: 10_000 });
      }).toPass({ timeout: 120_000 });
      await expect(preview.getByTestId('person-xu-chuan-yin')).toContainText('Xu Chuanyin');
    } finally {
      const expected = /status of (409|422) /;
      problems.consoleErrors.splice(0, Infinity, ...problems.consoleErrors.filter((m) => !expected.test(m)));
      if (!page.isClosed()) await page.close();
      await server.close();
      await copy.remove();
    }
  });
});
