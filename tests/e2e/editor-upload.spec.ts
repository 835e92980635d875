/**
 * Adding a photograph in the exhibit editor end to end (issue 14, point 5): real Chromium, the real backend
 * with the editor on its own loopback server, temporary copies of media/, kiosk-config/ and of the
 * derivatives folder (the repository's own are never touched). A curator adds a real 60-megapixel TIFF made
 * here with sharp, follows the progress bar, zooms the result, writes its caption in the four languages,
 * and the photograph is then in the kiosk preview; the copy ends with a clean content check.
 */
import { cp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { loadExhibitPackage } from '../../main/content/load';
import type { PreviewServer } from '../../main/preview/previewServer';
import { expect, test, type KioskProblems } from './fixtures';
import { EDITOR_IS_A_DESKTOP_PAGE, inPortrait, signInToEditor } from '../support/editorPage';
import { EDITOR_PIN as PIN, editorWorkingCopy, startEditorServer } from '../support/editorWorkingCopy';
import { makeScanTiff } from '../support/scanTiff';

interface Setup {
  root: string;
  server: PreviewServer;
  media: string;
  cleanup(page: Page, problems: KioskProblems): Promise<void>;
}

async function startEditor(): Promise<Setup> {
  const copy = await editorWorkingCopy('kiosk-editor-upload-e2e-');
  const { root, media } = copy;
  // The upload adds derivatives: a copy of the repository's, so the sample's need not be built again.
  const derived = path.join(root, 'media-cache');
  await cp('.media-cache', derived, { recursive: true });
  const server = await startEditorServer(copy, { derivedDir: derived });
  return {
    root,
    server,
    media,
    cleanup: async (page) => {
      if (!page.isClosed()) await page.close();
      await server.close();
      await copy.remove();
    },
  };
}

const CAPTIONS = {
  'zh-Hans': '约翰·拉贝担任南京安全区国际委员会主席时佩戴的红十字袖标。',
  en: 'The Red Cross armband that John Rabe wore as chairman of the International Committee for the Nanjing Safety Zone.',
  ja: '南京安全区国際委員会の委員長としてジョン・ラーベが着けた赤十字の腕章。',
  id: 'Ban lengan Palang Merah yang dikenakan John Rabe sebagai ketua Komite Internasional Zona Aman Nanjing.',
};

test.describe('adding a photograph in the exhibit editor', () => {
  // Making a 60 MP TIFF, sending it, its derivatives (tiles of 60 MP), the kiosk's content reloaded and
  // every photograph decoded by the final check: minutes on a machine shared by several runs. No sleeps.
  test.setTimeout(600_000);
  test.skip(inPortrait, EDITOR_IS_A_DESKTOP_PAGE);

  test('a curator adds a 60 MP TIFF to a photo, sees the progress and the zoomable result, captions it in four languages, and the kiosk preview shows it', async ({
    kiosk: page,
    problems,
  }) => {
    const setup = await startEditor();
    try {
      const tiff = path.join(setup.root, 'Armband – upload 1937 (original).tif');
      await makeScanTiff(tiff);
      await signInToEditor(page, setup.server.url, PIN);
      await page.getByTestId('item-photo-rabe-armband').click();
      await expect(page.locator('#item-title')).toBeVisible();
      await expect(page.getByTestId('upload')).toBeVisible();

      // The placeholder mark goes only because the curator says so.
      await page.getByTestId('upload-real').check();
      await page.getByTestId('upload-input').setInputFiles(tiff);
      // The progress bar, then the steps as the backend reports them.
      await expect(page.getByTestId('upload-progress')).toBeVisible();
      await expect(page.getByTestId('upload-step')).toHaveAttribute('data-step', 'tiles', {
        timeout: 240_000,
      });
      if (process.env.SCREENSHOTS)
        await page.screenshot({ path: path.join(process.env.SCREENSHOTS, 'editor-upload-progress.png') });
      await expect(page.getByTestId('upload-done')).toContainText('rabe-armband.jpg, 9,000 × 6,667 pixels', {
        timeout: 300_000,
      });
      await expect(page.getByTestId('upload-still-placeholder')).toHaveCount(0);
      const zoom = page.getByTestId('upload-zoom');
      await expect(zoom).toHaveAttribute('data-dzi', /^\/derived\/[0-9a-f]{24}\/tiles\.dzi$/);
      await expect(zoom).toHaveAttribute('data-opened', 'true', { timeout: 60_000 });
      if (process.env.SCREENSHOTS) {
        await page.getByTestId('upload').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(process.env.SCREENSHOTS, 'editor-upload-done.png') });
      }

      // The file is named by the photo id; nothing of the upload's own name is in the package.
      const photos = await readdir(path.join(setup.media, 'photos'));
      expect(photos).toContain('rabe-armband.jpg');
      expect(photos.filter((n) => /upload|original|\.tif/i.test(n))).toEqual([]);
      expect(await readdir(path.join(setup.media, '.uploads'))).toEqual([]);
      const yaml = await readFile(path.join(setup.media, 'photos', 'rabe-armband.yaml'), 'utf8');
      expect(yaml).toMatch(/^placeholder: false$/m);

      // The caption in the four languages, saved.
      for (const [lang, text] of Object.entries(CAPTIONS))
        await page.locator(`#field-caption_${lang}`).fill(text);
      const generation = await page.getByTestId('preview').getAttribute('data-generation');
      await page.getByTestId('save').click();
      await expect(page.getByTestId('notice')).toHaveText(/^Saved\./, { timeout: 90_000 });
      const saved = await readFile(path.join(setup.media, 'photos', 'rabe-armband.yaml'), 'utf8');
      for (const text of Object.values(CAPTIONS)) expect(saved).toContain(text);

      // The kiosk preview shows the new photograph with its caption, no longer called a placeholder.
      await expect(page.getByTestId('preview')).not.toHaveAttribute('data-generation', generation ?? '', {
        timeout: 120_000,
      });
      const preview = page.frameLocator('[data-testid=preview]');
      await preview.getByTestId('attract').click();
      await preview.getByTestId('choose-en').click();
      await preview.getByTestId('section-photos').click();
      await preview.getByTestId('gallery-rabe-armband').click();
      await expect(preview.getByTestId('photo-viewer')).toContainText(CAPTIONS.en);
      await expect(preview.getByTestId('placeholder-notice')).toHaveCount(0);
      await expect(
        preview.locator('[data-testid=photo-viewer] img, [data-testid=zoomable]').first(),
      ).toBeVisible();

      // The working copy passes the checker `npm run content:check` runs (every image decoded).
      const result = await loadExhibitPackage(setup.media);
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const armband = result.exhibit?.photos.find((p) => p.id === 'rabe-armband');
      expect([armband?.width, armband?.height, armband?.placeholder]).toEqual([9000, 6667, false]);
    } finally {
      await setup.cleanup(page, problems);
    }
  });
});
