import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, serve, startVisit, test } from './fixtures';

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
  const narration = '/media/audio/rabe-garden-gate.en.ogg';
  const whole = await request.get(narration);
  const bytes = await whole.body();
  const part = await request.get(narration, { headers: { Range: 'bytes=10-29' } });
  expect(part.status()).toBe(206);
  expect(part.headers()['content-range']).toBe(`bytes 10-29/${bytes.length}`);
  expect((await part.body()).equals(bytes.subarray(10, 30))).toBe(true);
});

test('script in a content package never runs on the kiosk origin (issue 10, point 4)', async ({ page }) => {
  // A package as a careless or compromised USB stick brings it: a valid exhibit plus a page and its script.
  const root = await mkdtemp(path.join(tmpdir(), 'kiosk-evil-package-'));
  const media = path.join(root, 'media');
  await cp('tests/fixtures/valid', media, { recursive: true });
  await writeFile(
    path.join(media, 'evil.html'),
    '<!doctype html><title>evil</title><script src="evil.js"></script>',
  );
  await writeFile(path.join(media, 'evil.js'), 'window.pwned = true; document.title = "pwned";');
  const { server, cleanup } = await serve(media);
  try {
    for (const p of ['/media/evil.html', '/media/evil.js', '/media/exhibit.yaml', '/media/README.md']) {
      const response = await page.request.get(`${server.url}${p}`);
      expect(response.status(), p).toBe(404);
      expect(await response.text(), p).not.toContain('pwned');
    }
    // What the format uses is served, inert: no document, no script, no sniffing.
    for (const p of [
      '/media/photos/harbour-view.jpg',
      '/media/audio/ada-first-day.en.ogg',
      '/media/audio/ada-first-day.en.vtt',
    ]) {
      const response = await page.request.get(`${server.url}${p}`);
      expect(response.status(), p).toBe(200);
      expect(response.headers()['content-security-policy'], p).toBe("default-src 'none'");
      expect(response.headers()['x-content-type-options'], p).toBe('nosniff');
    }
    // And in the browser: opening the page shows nothing of it and runs nothing.
    const answer = await page.goto(`${server.url}/media/evil.html`);
    expect(answer?.status()).toBe(404);
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned ?? false)).toBe(false);
    expect(await page.title()).not.toBe('evil');
  } finally {
    await page.close();
    await cleanup();
    await rm(root, { recursive: true, force: true });
  }
});

test('the real server refuses DNS rebinding and other origins (issue 10, point 7)', async ({
  request,
  baseURL,
}) => {
  const port = new URL(baseURL ?? '').port;
  const rebinding = await request.get('/api/settings', { headers: { Host: `evil.example:${port}` } });
  expect(rebinding.status()).toBe(421);
  const foreign = await request.post('/api/log', {
    headers: { Origin: 'http://127.0.0.1:1', 'Content-Type': 'text/plain' },
    data: '{"message":"forged"}',
  });
  expect(foreign.status()).toBe(403);
  const trace = await request.fetch('/api/settings', { method: 'TRACE' });
  expect(trace.status()).toBe(405);
  expect(trace.headers()['content-security-policy']).toContain("default-src 'none'");
});
