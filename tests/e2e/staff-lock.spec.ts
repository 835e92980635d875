/**
 * Issue 10, point 6: a staff token lives no longer than the staff panel. Closing the panel, or a visitor
 * reset that closes it, revokes every staff token on the kiosk (POST /api/staff/lock), so a token picked
 * up from an open panel is worth nothing once staff walk away.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { api, STAFF_TOKEN_HEADER, type UnlockResult } from '../../main/common/api';
import { hashPin } from '../../main/kiosk/staff';
import { expect, serve, startVisit, test } from './fixtures';

const PIN = '2468';
/** tests/e2e/kiosk-config/kiosk.yaml: 30 s idle, then a 10 s warning, then the reset. */
const IDLE_TO_RESET_MS = 40_000;

async function configWithPin(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-lock-'));
  await cp('tests/e2e/kiosk-config', dir, { recursive: true });
  const file = path.join(dir, 'kiosk.yaml');
  // A cheap hash keeps the test fast; the kiosk reads any hash `npm run set-pin` could write.
  const hash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
  await writeFile(file, `${await readFile(file, 'utf8')}staffPinHash: '${hash}'\n`);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Open the PIN pad with five corner taps and unlock; the token given. The taps count when they fall within
 * three seconds: the page's clock stands still meanwhile (its timers keep running), so a slow machine
 * cannot spread them out. The clock runs again afterwards.
 */
async function unlock(page: Page): Promise<string> {
  const now = await page.evaluate(() => Date.now());
  await page.clock.setFixedTime(now);
  for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').tap();
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  for (const digit of PIN) await page.getByTestId(`pin-${digit}`).tap();
  const answer = page.waitForResponse((r) => r.url().endsWith(api.staffUnlock));
  await page.getByTestId('pin-enter').tap();
  const result = (await (await answer).json()) as UnlockResult;
  await expect(page.getByTestId('staff-message')).toHaveText('Unlocked.');
  await page.clock.setSystemTime(now);
  expect(result.token).toBeTruthy();
  return result.token ?? '';
}

const healthStatus = async (page: Page, base: string, token: string) =>
  (
    await page.request.get(`${base}${api.staffHealth}`, { headers: { [STAFF_TOKEN_HEADER]: token } })
  ).status();

test('closing the staff panel revokes the staff token', async ({ kiosk: page }) => {
  // Starts its own backend: more time on a busy machine, as in staff-corner.spec.ts.
  test.slow();
  const config = await configWithPin();
  const { server, cleanup } = await serve('media', config.dir);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('attract')).toBeVisible();
    const token = await unlock(page);
    expect(await healthStatus(page, server.url, token)).toBe(200);

    const locked = page.waitForResponse((r) => r.url().endsWith(api.staffLock));
    await page.getByTestId('staff-close').tap();
    expect((await locked).status()).toBe(204);
    expect(await healthStatus(page, server.url, token)).toBe(403);
  } finally {
    await page.close();
    await cleanup();
    await config.cleanup();
  }
});

test('a visitor reset with the staff panel open revokes the staff token', async ({ kiosk: page }) => {
  test.slow();
  const config = await configWithPin();
  const { server, cleanup } = await serve('media', config.dir);
  try {
    await page.clock.install();
    await page.goto(server.url);
    await startVisit(page, 'en');
    const token = await unlock(page);
    expect(await healthStatus(page, server.url, token)).toBe(200);

    // Staff walk away from the open panel: the visit times out and resets.
    const locked = page.waitForResponse((r) => r.url().endsWith(api.staffLock));
    await page.clock.runFor(IDLE_TO_RESET_MS + 1_000);
    await expect(page.getByTestId('attract')).toBeVisible();
    await expect(page.getByTestId('staff-panel')).toBeHidden();
    expect((await locked).status()).toBe(204);
    expect(await healthStatus(page, server.url, token)).toBe(403);
  } finally {
    await page.close();
    await cleanup();
    await config.cleanup();
  }
});
