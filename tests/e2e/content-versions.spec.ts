/**
 * Issue 15: the staff screen lists the content versions on the kiosk (on screen, kept) and goes back to
 * the previous one with one tap, behind the PIN. Real packages, published and installed by the kiosk's own
 * code into a real packages folder, served by the real backend.
 */
import { rm } from 'node:fs/promises';
import { api } from '../../main/common/api';
import { exhibitVersion, openStaff, packagedKiosk } from '../support/packagedKiosk';
import { expect, serve, test } from './fixtures';

let root = '';
let configDir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ root, configDir } = await packagedKiosk({
    prefix: 'kiosk-versions-',
    second: 'install',
    publishedAt: (version) => new Date(`2026-12-0${version}T09:30:00Z`),
  }));
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('staff see the content versions and go back to the previous one with one tap', async ({
  kiosk: page,
}, info) => {
  test.slow();
  const { server, cleanup } = await serve('tests/fixtures/valid', configDir);
  try {
    expect(await exhibitVersion(page, server.url)).toBe('1.0.2');
    await page.goto(server.url);
    await expect(page.getByTestId('attract')).toBeVisible();
    await openStaff(page);

    const versions = page.getByTestId('staff-versions');
    await expect(versions.locator('.staff-version')).toHaveText([
      /Version 2\s*On screen\s*harbour-memories 1\.0\.2 · published 2 Dec 2026, \d\d:30 by Curator/,
      /Version 1\s*Kept for going back/,
    ]);
    await page.screenshot({ path: info.outputPath('content-versions.png') });

    await page.getByTestId('staff-rollback').tap();
    await expect(page.getByTestId('staff-message')).toContainText('Rolled back to version 1.');
    expect(await exhibitVersion(page, server.url)).toBe('1.0.1');
    // The panel stays open over the attract loop, its list read again.
    await expect(versions.locator('.staff-version')).toHaveText([
      /Version 1\s*On screen/,
      /Version 2\s*Left by going back; not shown again by itself/,
    ]);
    await expect(page.getByTestId('staff-rollback')).toHaveCount(0);
    await page.screenshot({ path: info.outputPath('content-versions-after-rollback.png') });
    await page.getByTestId('staff-close').tap();
    await expect(page.getByTestId('staff-panel')).toBeHidden();
    await expect(page.getByTestId('attract')).toBeVisible();
  } finally {
    await cleanup(page);
  }
});

test('the content versions are behind the staff PIN', async ({ kiosk: page }) => {
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();
  const response = await page.request.get(api.staffVersions);
  expect(response.status()).toBe(403);
});
