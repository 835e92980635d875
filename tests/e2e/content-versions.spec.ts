/**
 * Issue 15: the staff screen lists the content versions on the kiosk (on screen, kept) and goes back to
 * the previous one with one tap, behind the PIN. Real packages, published and installed by the kiosk's own
 * code into a real packages folder, served by the real backend.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { api } from '../../main/common/api';
import type { ExhibitResponse } from '../../main/common/exhibit';
import { publishFolder } from '../../main/packages/publish';
import { createPackageStore } from '../../main/packages/store';
import { inProcessChecker } from '../support/inProcessChecker';
import { makeTestKey } from '../support/packageCraft';
import { expect, serve, test } from './fixtures';

const PIN = '2468';
let root = '';
let configDir = '';

async function run(args: string[], input: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-versions-'));
  const key = makeTestKey();
  const store = createPackageStore({
    packagesDir: path.join(root, 'packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  });
  for (const version of [1, 2]) {
    const content = path.join(root, `content-${version}`);
    await cp('tests/fixtures/valid', content, { recursive: true });
    const yaml = path.join(content, 'exhibit.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace(/^version: .*$/m, `version: 1.0.${version}`),
    );
    const published = await publishFolder({
      contentDir: content,
      outDir: path.join(root, 'published'),
      privateKey: key.privateKey,
      checker: inProcessChecker,
      kioskVersion: '0.1.0',
      createdBy: 'Curator',
      version,
      now: () => new Date(`2026-12-0${version}T09:30:00Z`),
    });
    if (!published.ok) throw new Error(published.message);
    const installed = await store.install(published.file);
    if (!installed.ok) throw new Error(installed.refusal.message);
  }
  configDir = path.join(root, 'kiosk-config');
  await cp('tests/fixtures/kiosk-config-quiet', configDir, { recursive: true });
  await run(['scripts/set-pin.ts', '--config', configDir], `${PIN}\n${PIN}\n`);
  const file = path.join(configDir, 'kiosk.yaml');
  await writeFile(
    file,
    `${await readFile(file, 'utf8')}\npackages:\n  folder: ${path.join(root, 'packages')}\n  trustedKeys:\n    - name: museum\n      key: ${key.publicKey}\n`,
  );
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function openStaff(page: Page): Promise<void> {
  await page.clock.setFixedTime(await page.evaluate(() => Date.now()));
  const box = await page.getByTestId('staff-corner').boundingBox();
  if (!box) throw new Error('the staff corner is not on the page');
  for (let i = 0; i < 5; i++) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  for (const digit of PIN) await page.getByTestId(`pin-${digit}`).tap();
  await page.getByTestId('pin-enter').tap();
  await expect(page.getByTestId('staff-message')).toHaveText('Unlocked.');
}

async function exhibitVersion(page: Page, url: string): Promise<string | null> {
  const body = (await (await page.request.get(`${url}${api.exhibit}`)).json()) as ExhibitResponse;
  return body.status === 'ok' ? body.exhibit.version : null;
}

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
