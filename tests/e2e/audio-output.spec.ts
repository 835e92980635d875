/**
 * Narration on the output the device settings name (issue 17, headphones): real Chromium with its stand-in
 * sound outputs ("Fake Audio Output 1/2", from --use-fake-device-for-media-stream; --use-fake-ui-for-
 * media-stream answers yes to the audio check, as the Electron shell's permission rule does for the kiosk's
 * own page), the real backend on a copy of the e2e device settings with `visitor.audioOutput` set, and the
 * real howler playing the sample's narration. What a technician would check: the narration's audio element
 * plays on the named output; a name that matches nothing leaves it on the default output with one log line
 * that lists the outputs there are; the visitor's volume keys change the narration as it plays.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { chooseChromium, chromiumArgs } from '../chromium';
import { expect, serve, startVisit, test } from './fixtures';

test.use({
  launchOptions: {
    executablePath: chooseChromium().executablePath,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const EXCERPT = 'rabe-garden-gate';

/** A copy of the e2e device settings with `visitor.audioOutput` set to `name`. */
async function settingsNaming(name: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-audio-output-'));
  await cp('tests/e2e/kiosk-config', dir, { recursive: true });
  const file = path.join(dir, 'kiosk.yaml');
  const yaml = await readFile(file, 'utf8');
  await writeFile(file, yaml.replace(/^visitor:\n/m, `visitor:\n  audioOutput: ${JSON.stringify(name)}\n`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function playExcerpt(page: Page): Promise<void> {
  await startVisit(page, 'en');
  await page.getByTestId('section-diary').tap();
  await page.getByTestId(`diary-${EXCERPT}`).tap();
  const note = page.getByTestId('content-note');
  const excerpt = page.getByTestId('screen-diary-entry');
  await expect(note.or(excerpt).first()).toBeVisible();
  if (await note.isVisible()) await page.getByTestId('content-note-continue').tap();
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('narration-play').tap();
  await expect(page.getByTestId('narration-player')).toHaveAttribute('data-status', 'playing');
}

/** The output the page lists under this name. */
async function outputId(page: Page, label: string): Promise<string | undefined> {
  return page.evaluate(
    async (name) =>
      (await navigator.mediaDevices.enumerateDevices()).find(
        (d) => d.kind === 'audiooutput' && d.label === name,
      )?.deviceId,
    label,
  );
}

const sinkId = (page: Page) => page.evaluate(() => window.__kioskNarration?.element()?.sinkId ?? null);

/**
 * The kiosk on settings naming `output`, playing the sample excerpt's narration; `check` gets the page and
 * the "audio output:" lines the page logged (as "info: …" / "warning: …").
 */
async function playingWithOutputNamed(
  page: Page,
  output: string,
  check: (logged: string[]) => Promise<void>,
): Promise<void> {
  const settings = await settingsNaming(output);
  const { server, cleanup } = await serve('media', settings.dir);
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('audio output:')) logged.push(`${m.type()}: ${m.text()}`);
  });
  try {
    await page.goto(server.url);
    await playExcerpt(page);
    await check(logged);
  } finally {
    await cleanup(page);
    await settings.remove();
  }
}

test('narration plays on the output named in the settings, and follows the volume keys', async ({
  kiosk: page,
}) => {
  await playingWithOutputNamed(page, 'fake audio output 2', async (logged) => {
    const wanted = await outputId(page, 'Fake Audio Output 2');
    expect(wanted, 'Chromium lists its stand-in output').toBeTruthy();
    await expect.poll(() => sinkId(page)).toBe(wanted);
    expect(logged).toEqual(['info: audio output: narration plays on "Fake Audio Output 2"']);

    // The volume keys: the narration follows the visitor's level while it plays. It starts at the device
    // volume (0.8); the guide's level starts at 1, and three steps down make it 0.7.
    const playingAt = () =>
      page.evaluate(() => {
        const element = window.__kioskNarration?.element();
        return element && !element.paused ? Math.round(element.volume * 100) / 100 : null;
      });
    await expect.poll(playingAt).toBe(0.8);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('-');
    await expect.poll(playingAt).toBe(0.7);
  });
});

test('an output that is not there: narration on the default output, and one log line naming what is there', async ({
  kiosk: page,
}) => {
  await playingWithOutputNamed(page, 'Headphones', async (logged) => {
    expect(await sinkId(page)).toBe('');
    expect(logged).toEqual([
      'warning: audio output: "Headphones" (visitor.audioOutput) was not found among "Fake Audio Output 1", "Fake Audio Output 2"; narration plays on the default output',
    ]);
  });
});
