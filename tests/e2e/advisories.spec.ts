/**
 * Content advisories: a photograph marked graphic is blurred in the gallery and the viewer until the
 * visitor chooses to see it, after its content note; and the next visitor finds it blurred again.
 */
import { expect, serve, startVisit, test } from './fixtures';

test('a graphic photograph stays blurred until the visitor chooses to see it, and again after a reset', async ({
  kiosk: page,
}) => {
  const { server, cleanup } = await serve('tests/fixtures/graphic-photo');
  try {
    await page.goto(server.url);
    await startVisit(page);
    await page.getByTestId('section-photos').tap();
    const thumbnail = page.getByTestId('gallery-old-letter').locator('img');
    await expect(thumbnail).toHaveClass(/is-blurred/);
    await expect(page.getByTestId('gallery-harbour-view').locator('img')).not.toHaveClass(/is-blurred/);

    await page.getByTestId('gallery-old-letter').tap();
    await expect(page.getByTestId('content-note')).toContainText('marked as graphic');
    await page.getByTestId('content-note-continue').tap();
    await expect(page.getByTestId('photo-viewer')).toContainText('hidden until you choose to see it');
    await expect(page.getByTestId('zoomable')).toHaveCount(0);
    await page.getByTestId('reveal-photo').tap();
    await expect(page.getByTestId('zoomable')).toBeVisible();
    await page.getByTestId('viewer-close').tap();
    await expect(thumbnail).not.toHaveClass(/is-blurred/);

    await page.evaluate(() =>
      (window as unknown as { __kiosk: { forceReset(): void } }).__kiosk.forceReset(),
    );
    await expect(page.getByTestId('attract')).toBeVisible();
    await startVisit(page);
    await page.getByTestId('section-photos').tap();
    await expect(thumbnail).toHaveClass(/is-blurred/);
  } finally {
    await cleanup(page);
  }
});
