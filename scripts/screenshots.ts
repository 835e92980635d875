/**
 * `npm run screenshots [-- --lang en,ja --orientation landscape --out screenshots] [--magnified]`
 *
 * Walks through every screen of the kiosk by touch in real Chromium, at 1920×1080 and 1080×1920, in each
 * language, and saves a PNG of each: for looking at the kiosk as a visitor would. Uses the built renderer
 * (run `npm run build` first) and the real backend on loopback.
 *
 * `--magnified`: the whole walk at 200 % text (issue 17, docs/accessibility.md): the visitor chooses
 * "Magnified" in the display panel right after the language; the attract loop and the language choice, which
 * come before that panel, are shown with the same root attribute set by the script.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../main/preview/previewServer';
import { chooseChromium, chromiumArgs } from '../tests/chromium';

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'zh-Hans,en,ja,id' },
    orientation: { type: 'string', default: 'landscape,portrait' },
    out: { type: 'string', default: 'screenshots' },
    only: { type: 'string', default: '' },
    magnified: { type: 'boolean', default: false },
  },
});

const sizes: Record<string, { width: number; height: number }> = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
};

const server = await startPreviewServer({
  rendererDir: path.resolve('out/renderer'),
  mediaDir: path.resolve('media'),
  configDir: path.resolve('kiosk-config'),
  log: { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) },
});
const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: chromiumArgs,
});
mkdirSync(values.out, { recursive: true });
const only = values.only ? values.only.split(',') : [];

async function shot(page: Page, name: string, lang: string, orientation: string): Promise<void> {
  if (only.length > 0 && !only.includes(name)) return;
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  const size = values.magnified ? '-magnified' : '';
  const file = path.join(values.out, `${name}${size}-${lang}-${orientation}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

async function continuePastNote(page: Page): Promise<void> {
  if (await page.getByTestId('content-note').isVisible())
    await page.getByTestId('content-note-continue').tap();
}

try {
  for (const orientation of values.orientation.split(',')) {
    for (const lang of values.lang.split(',')) {
      const context = await browser.newContext({ viewport: sizes[orientation], hasTouch: true });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(server.url);
      await page.getByTestId('attract').waitFor();
      if (values.magnified)
        await page.evaluate(() => (document.documentElement.dataset.textSize = 'magnified'));
      await page.waitForTimeout(2600);
      await shot(page, 'attract', lang, orientation);
      await page.getByTestId('attract').tap();
      if (values.magnified)
        await page.evaluate(() => (document.documentElement.dataset.textSize = 'magnified'));
      await shot(page, 'language-choice', lang, orientation);
      await page.getByTestId(`choose-${lang}`).tap();
      if (values.magnified) {
        await page.getByTestId('nav-display').tap();
        await page.getByTestId('text-magnified').tap();
        await page.getByRole('dialog').locator('.overlay-header button').tap();
      }
      await shot(page, 'home', lang, orientation);
      await page.getByTestId('section-stories').tap();
      await shot(page, 'stories', lang, orientation);
      await page.locator('[data-testid^="story-"]').first().tap();
      await shot(page, 'story-note', lang, orientation);
      await continuePastNote(page);
      await shot(page, 'story', lang, orientation);
      await page.locator('.visit-main').evaluate((el) => el.scrollTo({ top: el.scrollHeight * 0.45 }));
      await shot(page, 'story-middle', lang, orientation);
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('section-photos').tap();
      await shot(page, 'gallery', lang, orientation);
      await page.getByTestId('gallery-committee-headquarters').tap();
      await continuePastNote(page);
      await page.waitForTimeout(800);
      await shot(page, 'viewer', lang, orientation);
      await page.getByTestId('viewer-close').tap();
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('section-people').tap();
      await shot(page, 'people', lang, orientation);
      await page.getByTestId('person-john-rabe').tap();
      await shot(page, 'person', lang, orientation);
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('section-timeline').tap();
      await page.locator('[data-testid^="event-"]').first().tap();
      await shot(page, 'timeline', lang, orientation);
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('section-diary').tap();
      await shot(page, 'diary', lang, orientation);
      await page.getByTestId('diary-rabe-garden-gate').tap();
      await continuePastNote(page);
      await shot(page, 'diary-entry', lang, orientation);
      await page.getByTestId('nav-display').tap();
      await shot(page, 'display', lang, orientation);
      if (!values.magnified) await page.getByTestId('text-largest').tap();
      await page.getByTestId('toggle-contrast').tap();
      await page.getByRole('dialog').locator('.overlay-header button').tap();
      await shot(page, 'diary-entry-largest-contrast', lang, orientation);
      await page.locator('.visit-main').evaluate((el) => el.scrollTo({ top: el.scrollHeight * 0.45 }));
      await shot(page, 'diary-entry-largest-contrast-middle', lang, orientation);
      await page.locator('.visit-main').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await shot(page, 'diary-entry-largest-contrast-end', lang, orientation);
      await page.locator('.visit-main').evaluate((el) => el.scrollTo({ top: 0 }));
      await page.getByTestId('nav-language').tap();
      await shot(page, 'language', lang, orientation);
      await page.getByTestId(`language-${lang}`).tap();
      await page.clock.runFor(((server.settings.visitor.idleSeconds ?? 90) + 1) * 1000);
      await page.getByTestId('idle-warning').waitFor();
      await shot(page, 'idle-warning', lang, orientation);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
