/**
 * Issue 17, point 6: magnification for low-vision visitors. At 200 % text ("Magnified" in the text and
 * display panel) every screen reflows: nothing scrolls sideways, no text runs past the screen's edge or is
 * cut off by its box, touch targets keep their size, and axe finds no serious or critical violation. Each
 * language walks every screen once; in two of them the visitor also starts the audio guide, so every screen
 * is scanned by axe at 200 % both with and without audio mode (in each orientation: the two projects).
 *
 * The attract loop and the language choice come before the text and display panel, and a reset (which
 * ends every visit) clears the choice: they are shown magnified by setting the same root attribute the
 * choice sets. The language choice is also reached the real way, when a magnified visitor starts the guide.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { api, type KioskStatus } from '../../main/common/api';
import type { VisitorSettings } from '../../main/common/settings';
import { installRecordingSpeaker } from '../support/recordingSpeaker';
import { sidewaysProblems } from '../support/reflow';
import { expect, test, touchCentre } from './fixtures';

/**
 * The idle time this test gives the kiosk (its settings answer changed on the way): longer than an axe scan
 * can take with both cores busy, so no scan meets the idle warning by chance. The audio guide's (180 s) is shorter,
 * so it waits as long.
 */
const IDLE_SECONDS = 300;
/** And the idle warning's countdown (the longest the schema allows), so the warning is still there after its scan. */
const WARNING_SECONDS = 120;
const STATUS_POLL_MS = 30_000;

const LANGUAGES = ['zh-Hans', 'en', 'ja', 'id'] as const;
/** The visitors who also start the audio guide. */
const WITH_AUDIO = new Set<string>(['en', 'ja']);

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** One screen at 200 %: it reflows, its key text is inside the window, and (with `axe`) axe passes. */
async function check(page: Page, screen: string, keyText: string, axe = true): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'magnified');
  const key = page.locator(keyText).first();
  await expect(key, `${screen}: key text`).toBeVisible();
  const box = await key.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box && box.x >= 0 && box.x + box.width <= width, `${screen}: key text inside the window`).toBe(true);
  expect(await sidewaysProblems(page), `${screen}: sideways`).toEqual([]);
  if (axe) expect(await seriousViolations(page), `${screen}: axe`).toEqual([]);
}

/** A visitor's tap. */
async function tap(page: Page, target: string | Locator): Promise<void> {
  await (typeof target === 'string' ? page.getByTestId(target) : target).tap();
}

/** A tap, and the content note passed if there is one. */
async function tapThrough(page: Page, testId: string): Promise<void> {
  await tap(page, testId);
  if (await page.getByTestId('content-note').isVisible()) await tap(page, 'content-note-continue');
}

async function magnifyRoot(page: Page): Promise<void> {
  await page.evaluate(() => (document.documentElement.dataset.textSize = 'magnified'));
}

for (const lang of LANGUAGES) {
  const audio = WITH_AUDIO.has(lang);
  test(`at 200 % every screen reflows in ${lang}${audio ? ', with the audio guide' : ''}`, async ({
    kiosk: page,
  }) => {
    // Sixteen screens, most of them scanned by axe: each scan takes seconds with both cores busy.
    test.setTimeout(300_000);
    await installRecordingSpeaker(page, [
      { name: 'Huihui', lang: 'zh-CN', localService: true },
      { name: 'Zira', lang: 'en-US', localService: true },
      { name: 'Haruka', lang: 'ja-JP', localService: true },
      { name: 'Andika', lang: 'id-ID', localService: true },
    ]);
    await page.route(`**${api.settings}`, async (route) => {
      const response = await route.fetch();
      const settings = (await response.json()) as VisitorSettings;
      await route.fulfill({
        response,
        json: { ...settings, idleSeconds: IDLE_SECONDS, warningSeconds: WARNING_SECONDS },
      });
    });
    await page.clock.install();
    await page.goto('/');
    await expect(page.getByTestId('attract')).toBeVisible();

    // Before the visit: the attract loop and the language choice (the root attribute, see above).
    await magnifyRoot(page);
    await check(page, 'attract', '.attract-title h1', !audio);
    await tap(page, 'attract');
    await expect(page.getByTestId('language-choice')).toBeVisible();
    await magnifyRoot(page);
    await check(page, 'language choice', `[data-testid="choose-${lang}"] .language-choice-name`, !audio);
    await tap(page, `choose-${lang}`);
    await expect(page.getByTestId('home')).toBeVisible();

    // The visitor's own choice: Magnified, in the text and display panel.
    await tap(page, 'nav-display');
    await tap(page, 'text-magnified');
    await expect(page.getByTestId('text-magnified')).toHaveAttribute('aria-pressed', 'true');
    await check(page, 'display panel', '[data-testid="text-magnified"]');
    await tap(page, page.getByRole('dialog').locator('.overlay-header button'));

    if (audio) {
      // A magnified visitor starts the guide: the language choice, spoken, at 200 %; then the same language.
      await page.keyboard.press('a');
      await expect(page.getByTestId('language-choice')).toBeVisible();
      await check(
        page,
        'language choice (audio guide)',
        `[data-testid="choose-${lang}"] .language-choice-name`,
      );
      await tap(page, `choose-${lang}`);
    }

    await expect(page.getByTestId('home')).toBeVisible();
    await check(page, 'home', '.home-header h1');

    await tap(page, 'section-stories');
    await check(page, 'stories', '.story-card-title');
    await tap(page, 'story-founding-the-zone');
    await check(page, 'content note', '.content-note-subject');
    await tap(page, 'content-note-continue');
    await check(page, 'story', '.story-header h1');
    await tap(page, 'chapter-2');
    await check(page, 'story, second chapter', '.story-chapter', false);

    await tap(page, 'nav-home');
    await tap(page, 'section-photos');
    await check(page, 'photographs', '.gallery-caption');
    await tapThrough(page, 'gallery-committee-headquarters');
    await expect(page.getByTestId('photo-viewer')).toBeVisible();
    await check(page, 'photo viewer', '.viewer-caption-text');
    // OpenSeadragon under the page clock: a touch at the button's centre (tests/e2e/fixtures.ts).
    await touchCentre(page, page.getByTestId('viewer-close'));

    await tap(page, 'nav-home');
    await tap(page, 'section-people');
    await check(page, 'people', '.person-card-name');
    await tap(page, 'person-john-rabe');
    await check(page, 'person', '.person-profile h1');

    await tap(page, 'nav-home');
    await tap(page, 'section-timeline');
    await tap(page, page.locator('[data-testid^="event-"]').first());
    await check(page, 'timeline', '.timeline-detail');

    await tap(page, 'nav-home');
    await tap(page, 'section-diary');
    await check(page, 'diaries', '.diary-card-author');
    await tapThrough(page, 'diary-rabe-garden-gate');
    await check(page, 'diary entry', '.diary-text');

    await tap(page, 'nav-language');
    await check(page, 'language panel', `[data-testid="language-${lang}"]`);
    await tap(page, `language-${lang}`);

    // The idle warning.
    await page.clock.runFor(IDLE_SECONDS * 1_000 + 500);
    await expect(page.getByTestId('idle-warning')).toBeVisible();
    await check(page, 'idle warning', '.idle-continue');
    // After the viewer, under the page clock: a touch at the button's centre (tests/e2e/fixtures.ts).
    await touchCentre(page, page.getByTestId('idle-continue'));
    await expect(page.getByTestId('idle-warning')).toHaveCount(0);

    // Closing time comes during the visit: the closed screen, still at 200 %.
    const nextChange = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const closed: KioskStatus = { open: false, outsideHours: 'closedScreen', nextChange };
    await page.route(`**${api.status}`, (route) => route.fulfill({ json: closed }));
    await page.clock.runFor(STATUS_POLL_MS);
    await expect(page.getByTestId('closed')).toBeVisible();
    await check(page, 'closed', `[data-testid="closed"] [lang="${lang}"] h2`);
  });
}
