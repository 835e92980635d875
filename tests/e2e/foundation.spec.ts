import { expect, startVisit, test } from './fixtures';

test('the kiosk loads on the attract loop and a tap starts a visit', async ({ kiosk: page }) => {
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(page.locator('.attract-title h1')).not.toBeEmpty();
  await startVisit(page, 'en');
  await expect(page.getByTestId('section-stories')).toBeVisible();
});

test('hostile paths are refused by the real server', async ({ request }) => {
  for (const p of [
    '/media/%2e%2e/package.json',
    '/media/..%2f..%2fpackage.json',
    '/media/..%5c..%5cpackage.json',
    '/derived/%2e%2e/%2e%2e/package.json',
    '/media/exhibit.yaml%00.png',
    '/%2e%2e/package.json',
  ]) {
    const response = await request.get(p);
    expect(response.status(), p).toBe(404);
  }
});

test('a Range request gets the right bytes from the real server', async ({ request }) => {
  const whole = await request.get('/media/exhibit.yaml');
  const bytes = await whole.body();
  const part = await request.get('/media/exhibit.yaml', { headers: { Range: 'bytes=10-29' } });
  expect(part.status()).toBe(206);
  expect(part.headers()['content-range']).toBe(`bytes 10-29/${bytes.length}`);
  expect((await part.body()).equals(bytes.subarray(10, 30))).toBe(true);
});
