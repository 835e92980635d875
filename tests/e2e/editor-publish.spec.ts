/**
 * The editor's Publish button (issue 15) end to end: real Chromium, the real backend with the editor on its
 * own loopback server started as `npm run editor -- --key DIR --publish-to DIR` starts it, a temporary copy
 * of media/ and of the device settings, a real key pair made by keys.ts and an empty publish folder. A
 * curator opens the Publish panel, sees version 1 with the sample's drafts and placeholder images, confirms
 * them in the one dialog (by keyboard), sees the progress and the result; the file is in the publish folder
 * and a kiosk trusting the key verifies it. Then, in Chinese, the panel offers version 2 and the dialog is
 * closed with Escape without publishing. An editor started without --key and --publish-to says how to start it.
 *
 * With EDITOR_SHOTS=<folder> it also saves the panel and the dialog as PNGs at 1440×900 (docs/screenshots/).
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';
import { createChecker } from '../../main/packages/checker';
import { createKeyPair } from '../../main/packages/keys';
import { verifyPackageFile } from '../../main/packages/verify';
import type { PreviewServer } from '../../main/preview/previewServer';
import { sizeText } from '../../renderer/editor/src/publishText';
import { expect, test } from './fixtures';
import { EDITOR_IS_A_DESKTOP_PAGE, inPortrait, signInToEditor } from '../support/editorPage';
import { EDITOR_PIN as PIN, editorWorkingCopy, startEditorServer } from '../support/editorWorkingCopy';

const shots = process.env.EDITOR_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('[data-testid=preview]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('publishing from the editor', () => {
  test.setTimeout(600_000);
  test.skip(inPortrait, EDITOR_IS_A_DESKTOP_PAGE);

  test('a curator publishes the sample: confirms its drafts and placeholders, sees the result, and the file verifies', async ({
    kiosk: page,
  }) => {
    const copy = await editorWorkingCopy('kiosk-editor-publish-e2e-');
    const { media } = copy;
    const keyDir = path.join(copy.root, 'museum-key');
    const outDir = path.join(copy.root, 'published');
    const { publicKey } = createKeyPair(keyDir);
    const servers: PreviewServer[] = [];
    const start = async (publish: boolean) => {
      const server = await startEditorServer(copy, publish ? { publish: { keyDir, outDir } } : {});
      servers.push(server);
      return server;
    };
    try {
      const server = await start(true);
      await signInToEditor(page, server.url, PIN);

      // 0. A checker error blocks it: the reason, the checker's line, and the item to open, where the
      // curator corrects it and saves.
      const person = path.join(media, 'people', 'john-rabe.yaml');
      await writeFile(person, (await readFile(person, 'utf8')).replace('zh-Hans: 约翰·拉贝', 'zh-Hans: ""'));
      await page.getByTestId('open-publish').click();
      const blocked = page.getByTestId('publish-blocked');
      await expect(blocked).toContainText(
        'The content checker found an error. Correct it, save, and publish again.',
        { timeout: 120_000 },
      );
      await expect(blocked).toContainText(
        'people/john-rabe.yaml:2:3  name  there is no text in the default language',
      );
      await expect(page.getByTestId('publish')).toBeDisabled();
      await expectAccessible(page);
      await blocked.scrollIntoViewIfNeeded();
      await shot(page, 'editor-publish-blocked');
      await page.getByTestId('publish-error-person-john-rabe').click();
      await expect(page.getByTestId('publish-panel')).toHaveCount(0);
      await expect(page.locator('#item-title')).toHaveText('John Rabe', { timeout: 60_000 });
      await expect(page.getByTestId('problems')).toContainText('there is no text in the default language');
      await page.locator('#field-name_zh-Hans').fill('约翰·拉贝');
      await page.getByTestId('save').click();
      await expect(page.getByTestId('notice')).toHaveText(/^Saved\./, { timeout: 60_000 });
      expect(await readdir(outDir).catch(() => [])).toEqual([]);

      // 1. The panel: version 1 of the sample, its drafts by language and its placeholder images.
      await page.getByTestId('open-publish').click();
      await expect(page.getByTestId('publish-next')).toHaveText('version 1: nanjing-safety-zone-1.kioskpkg', {
        timeout: 120_000,
      });
      const counts = page.getByTestId('publish-counts');
      await expect(counts).toContainText('Errors 0');
      await expect(counts).toContainText('Translations marked as draft 81');
      await expect(counts).toContainText('Japanese 27');
      await expect(counts).toContainText('Placeholder images or narration 10');
      await expect(page.getByTestId('publish-ready')).toContainText(
        'confirm the drafts and placeholder images',
      );
      await expect(page.getByTestId('publish-facts')).toContainText('59 files');
      await expectAccessible(page);
      await shot(page, 'editor-publish');

      // 2. By keyboard: the panel's title has the focus, Tab reaches "Publish version 1…"; one dialog
      // confirms both, its focus on Cancel first.
      await expect(page.locator('#publish-title')).toBeFocused();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('publish')).toBeFocused();
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('publish-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('heading')).toHaveText('Publish version 1?');
      const list = page.getByTestId('publish-confirm-list');
      await expect(list.locator('li')).toHaveCount(2);
      await expect(list).toContainText('81 translations are still marked as draft');
      await expect(list).toContainText('10 photographs or narrations are placeholders');
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await expectAccessible(page);
      await shot(page, 'editor-publish-confirm');

      // The publish request is held until the progress has been seen (the sample publishes in seconds).
      let releasePublish: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (releasePublish = resolve));
      await page.route('**/api/editor/publish', async (route) => {
        if (route.request().method() === 'POST') await held;
        await route.continue();
      });
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('publish-confirm')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('publish-progress')).toContainText('Publishing version 1');
      await expect(page.getByTestId('publish-confirm')).toBeDisabled();
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
      await shot(page, 'editor-publish-progress');
      // Escape does not close it while it runs: never a half state.
      await page.keyboard.press('Escape');
      await expect(dialog).toBeVisible();
      releasePublish();

      // 3. The result, and the file: in the publish folder, and verified as a kiosk trusting the key would.
      const result = page.getByTestId('publish-result');
      await expect(result.getByRole('heading')).toHaveText('Published version 1', { timeout: 120_000 });
      await expect(dialog).toHaveCount(0);
      const file = path.join(outDir, 'nanjing-safety-zone-1.kioskpkg');
      const size = (await stat(file)).size;
      await expect(page.getByTestId('publish-result-text')).toHaveText(
        `nanjing-safety-zone-1.kioskpkg, ${sizeText(size)}, 59 files. Copy it onto a USB stick or into the museum's update folder.`,
      );
      await expect(result).toBeFocused();
      expect((await readdir(outDir)).sort()).toEqual(['latest.json', 'nanjing-safety-zone-1.kioskpkg']);
      const verified = await verifyPackageFile(file, {
        trust: { trustedKeys: [publicKey], acceptUnsigned: false },
        checker: createChecker(contentWorkerFromSource()),
        kioskVersion: '0.1.0',
      });
      expect(verified.ok ? verified.manifest.version : verified.refusal.message).toBe(1);
      // The panel looked again: the next is version 2.
      await expect(page.getByTestId('publish-next')).toHaveText('version 2: nanjing-safety-zone-2.kioskpkg', {
        timeout: 120_000,
      });
      await expectAccessible(page);
      await shot(page, 'editor-publish-done');

      // 4. In Chinese: the panel and the dialog; Escape closes the dialog and nothing more is published.
      await page.getByLabel('Interface language').selectOption('zh-Hans');
      await expect(page.getByTestId('publish-next')).toHaveText(
        /^第 2 版：\s*nanjing-safety-zone-2\.kioskpkg$/,
      );
      await expect(page.getByTestId('publish-result-text')).toContainText('请把它复制到 U 盘');
      await expectAccessible(page);
      await shot(page, 'editor-publish-zh');
      await page.getByTestId('publish').click();
      await expect(page.getByTestId('publish-dialog').getByRole('heading')).toHaveText('发布第 2 版？');
      await expect(page.getByTestId('publish-confirm-list')).toContainText('仍有 81 条译文标记为草稿');
      await expectAccessible(page);
      await shot(page, 'editor-publish-confirm-zh');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('publish-dialog')).toHaveCount(0);
      await expect(page.getByTestId('publish')).toBeFocused();
      expect((await readdir(outDir)).filter((n) => n.endsWith('.kioskpkg'))).toEqual([
        'nanjing-safety-zone-1.kioskpkg',
      ]);

      // 5. Back to editing: the list and the form are where they were.
      await page.getByRole('button', { name: '返回编辑' }).click();
      await expect(page.getByTestId('publish-panel')).toHaveCount(0);
      await page.getByLabel('界面语言').selectOption('en');

      // 6. An editor started without --key and --publish-to says what to start it with.
      await page.getByRole('button', { name: 'Sign out' }).click();
      const plain = await start(false);
      await signInToEditor(page, plain.url, PIN);
      await page.getByTestId('open-publish').click();
      await expect(page.getByTestId('publish-not-set-up')).toHaveText(
        "Publishing is not turned on here: the technician starts the editor with --key and the museum's signing key folder, and with --publish-to and the folder where packages are kept.",
        { timeout: 120_000 },
      );
      await expect(page.getByTestId('publish')).toHaveCount(0);
      await expectAccessible(page);
      await shot(page, 'editor-publish-not-set-up');
    } finally {
      if (!page.isClosed()) await page.close();
      for (const s of servers) await s.close();
      await copy.remove();
    }
  });
});
