/**
 * Bad content never breaks the kiosk: each test serves a broken package from tests/fixtures with the real
 * backend (its own loopback server) and looks at what a visitor would see.
 */
import { expect, serve, test } from './fixtures';

test('a package whose exhibit.yaml is unusable shows a calm notice in every language', async ({
  kiosk: page,
}) => {
  const { server, cleanup } = await serve('tests/fixtures/exhibit-unusable');
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('unavailable')).toBeVisible();
    for (const text of [
      '暂时无法使用',
      'temporarily unavailable',
      '現在ご利用いただけません',
      'tidak tersedia',
    ]) {
      await expect(page.getByTestId('unavailable')).toContainText(text);
    }
  } finally {
    await cleanup(page);
  }
});

test('a missing photograph is left out and the rest of the exhibit works', async ({ kiosk: page }) => {
  const { server, cleanup } = await serve('tests/fixtures/missing-image');
  try {
    await page.goto(server.url);
    await page.getByTestId('attract').tap();
    await page.getByTestId('choose-en').tap();
    await page.getByTestId('section-photos').tap();
    await expect(page.locator('[data-testid^="gallery-"]')).toHaveCount(1);
    await page.locator('[data-testid^="gallery-"]').first().tap();
    await expect(page.getByTestId('photo-viewer')).toBeVisible();
  } finally {
    await cleanup(page);
  }
});

test('hostile Markdown never reaches the page as HTML or script', async ({ kiosk: page }) => {
  const { server, cleanup } = await serve('tests/fixtures/hostile-markdown');
  try {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(server.url);
    await page.getByTestId('attract').tap();
    await page.getByTestId('choose-en').tap();
    // The only story has raw HTML, a script and links: it is left out, and so is its empty section.
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page.getByTestId('section-stories')).toHaveCount(0);
    await page.getByTestId('section-photos').tap();
    await expect(page.getByTestId('screen-photos')).toBeVisible();
    expect(await page.locator('main script, main [style*="color"], main a[href]').count()).toBe(0);
    expect(dialogs).toBe(0);
  } finally {
    await cleanup(page);
  }
});

test('outside opening hours the kiosk shows a calm closed screen in every language', async ({
  kiosk: page,
}) => {
  const { server, cleanup } = await serve('media', 'tests/fixtures/kiosk-config-closed');
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('closed')).toBeVisible();
    for (const text of [
      '展项已关闭',
      'The exhibit is closed',
      '本日の展示は終了しました',
      'Pameran sedang tutup',
    ]) {
      await expect(page.getByTestId('closed')).toContainText(text);
    }
  } finally {
    await cleanup(page);
  }
});

test('a broken settings file leaves the kiosk running on safe defaults', async ({ kiosk: page }) => {
  const { server, cleanup } = await serve('media', 'tests/fixtures/kiosk-config-broken');
  try {
    const settings = (await (await page.request.get(`${server.url}/api/settings`)).json()) as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({ idleSeconds: 90, warningSeconds: 15, volume: 0.8 });
    const status = (await (await page.request.get(`${server.url}/api/status`)).json()) as {
      staffWarnings?: string[];
    };
    expect(status.staffWarnings?.join(' ')).toContain('kiosk-config');
    await page.goto(server.url);
    await page.getByTestId('attract').tap();
    await page.getByTestId('choose-en').tap();
    await expect(page.getByTestId('home')).toBeVisible();
  } finally {
    await cleanup(page);
  }
});
