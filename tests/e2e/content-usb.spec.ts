/**
 * Issue 15, by USB stick: a package published by the museum's own code is put on a "stick" (a folder named
 * in packages.watchFolders) while the staff screen is open. The screen lists it by itself, and a package the kiosk would refuse with its
 * reason; staff tap Install; the new version waits for the attract loop and is then on screen. Real
 * packages, the real backend, real Chromium.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { exhibitVersion, openStaff, packagedKiosk } from '../support/packagedKiosk';
import { expect, serve, test } from './fixtures';

const SUBTITLE = { 1: 'A small test exhibit', 2: 'A small test exhibit, revised' } as const;
let root = '';
let configDir = '';
/** Version 2, put on the stick while the staff screen is open. */
let secondPackage = '';
let stickFolder = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  let publishSecond: () => Promise<string>;
  ({ root, configDir, publishSecond } = await packagedKiosk({
    prefix: 'kiosk-usb-',
    second: 'later',
    subtitles: SUBTITLE,
    publishedAt: (version) => new Date(`2026-12-0${version}T09:30:00Z`),
    packagesYaml: ['  watchFolders: [../stick]'],
  }));
  // On the stick: version 1 again (already on this kiosk: listed, with why not). Version 2 comes later,
  // in a folder of the stick, while the staff screen is open.
  stickFolder = path.join(root, 'stick', 'KIOSK');
  await mkdir(stickFolder, { recursive: true });
  secondPackage = await publishSecond();
  const first = path.join(path.dirname(secondPackage), 'harbour-memories-1.kioskpkg');
  await copyFile(first, path.join(root, 'stick', path.basename(first)));
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('staff install a package from a USB stick; it goes on screen at the next attract loop', async ({
  kiosk: page,
}, info) => {
  test.slow();
  const { server, cleanup } = await serve('tests/fixtures/valid', configDir);
  try {
    await page.goto(server.url);
    await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[1]);
    await openStaff(page);

    const found = page.getByTestId('staff-found');
    await expect(page.getByTestId('staff-found-harbour-memories-1.kioskpkg')).toBeVisible();
    const second = page.getByTestId('staff-found-harbour-memories-2.kioskpkg');
    await expect(second).toHaveCount(0);
    // Staff put in a stick with version 2 while the screen is open: it shows up by itself, no "Look again".
    await copyFile(secondPackage, path.join(stickFolder, path.basename(secondPackage)));
    await expect(second).toContainText('Version 2');
    await expect(second).toContainText('Can be installed');
    await expect(second).toContainText('published 2 Dec 2026');
    await expect(page.getByTestId('staff-found-harbour-memories-1.kioskpkg')).toContainText(
      'Will not be installed',
    );
    await found.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`usb-found-${info.project.name}.png`) });

    await second.getByTestId('staff-install').tap();
    await expect(page.getByTestId('staff-message')).toContainText(
      'Version 2 is installed. It goes on screen at the next attract loop',
    );
    // Staged; the panel was opened over the attract loop (no visitor), so it may already be on screen.
    await expect(page.getByTestId('staff-versions').locator('.staff-version').first()).toContainText(
      /Version 2\s*(Waiting for the next attract loop|On screen)/,
    );
    await page.screenshot({ path: info.outputPath(`usb-installed-${info.project.name}.png`) });

    // Staff close the panel: the attract loop, with the new version.
    await page.getByTestId('staff-close').tap();
    await expect(page.getByTestId('attract')).toBeVisible();
    await expect.poll(() => exhibitVersion(page, server.url), { timeout: 90_000 }).toBe('1.0.2');
    await page.reload();
    await expect(page.locator('.attract-subtitle')).toHaveText(SUBTITLE[2]);
  } finally {
    await cleanup(page);
  }
});
