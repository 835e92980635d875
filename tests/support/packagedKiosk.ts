/**
 * A kiosk with content packages, for the end-to-end tests of issue 15: two versions of the valid fixture,
 * published and signed by the kiosk's own code, version 1 installed and version 2 installed or staged, and a
 * kiosk-config with a staff PIN and the packages folder that trusts the key. Plus the staff screen, opened
 * as staff open it: five taps in the corner and the PIN.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { api } from '../../main/common/api';
import type { ExhibitResponse } from '../../main/common/exhibit';
import { publishFolder } from '../../main/packages/publish';
import { createPackageStore } from '../../main/packages/store';
import { inProcessChecker } from './inProcessChecker';
import { makeTestKey } from './packageCraft';

export const STAFF_PIN = '2468';

export interface PackagedKioskOptions {
  /** The temp folder's name prefix. */
  prefix: string;
  /**
   * Version 2 installed (on screen at start), staged (switched to as the kiosk starts), or published
   * later, by the test, with `publishSecond` (into `<root>/published`, e.g. for a kiosk pulling it).
   */
  second: 'install' | 'stage' | 'later';
  /** The exhibit's English subtitle per version (default: the fixture's). */
  subtitles?: Record<1 | 2, string>;
  /** When each version was published (default: now). */
  publishedAt?: (version: 1 | 2) => Date;
  /** More lines under `packages:` in kiosk.yaml, each indented by two spaces. */
  packagesYaml?: string[];
}

/** Runs a script of the repository with `input` on its standard input. */
async function runScript(args: string[], input: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr}`);
}

/** Makes the kiosk's folders; returns the temp root (remove it after) and the kiosk-config folder. */
export async function packagedKiosk(
  options: PackagedKioskOptions,
): Promise<{ root: string; configDir: string; publishSecond(): Promise<string> }> {
  const root = await mkdtemp(path.join(tmpdir(), options.prefix));
  const key = makeTestKey();
  const store = createPackageStore({
    packagesDir: path.join(root, 'packages'),
    trust: { trustedKeys: [key.publicKey], acceptUnsigned: false },
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
  });
  const publishOne = async (version: 1 | 2): Promise<string> => {
    const content = path.join(root, `content-${version}`);
    await cp('tests/fixtures/valid', content, { recursive: true });
    const yaml = path.join(content, 'exhibit.yaml');
    let text = (await readFile(yaml, 'utf8')).replace(/^version: .*$/m, `version: 1.0.${version}`);
    if (options.subtitles)
      text = text.replace(/^ {2}en: A small test exhibit$/m, `  en: ${options.subtitles[version]}`);
    await writeFile(yaml, text);
    const publishedAt = options.publishedAt;
    const published = await publishFolder({
      contentDir: content,
      outDir: path.join(root, 'published'),
      privateKey: key.privateKey,
      checker: inProcessChecker,
      kioskVersion: '0.1.0',
      createdBy: 'Curator',
      version,
      ...(publishedAt ? { now: () => publishedAt(version) } : {}),
    });
    if (!published.ok) throw new Error(published.message);
    return published.file;
  };
  for (const version of [1, 2] as const) {
    if (version === 2 && options.second === 'later') break;
    const file = await publishOne(version);
    const done =
      version === 2 && options.second === 'stage' ? await store.stage(file) : await store.install(file);
    if (!done.ok) throw new Error(done.refusal.message);
  }
  const configDir = path.join(root, 'kiosk-config');
  await cp('tests/fixtures/kiosk-config-quiet', configDir, { recursive: true });
  await runScript(['scripts/set-pin.ts', '--config', configDir], `${STAFF_PIN}\n${STAFF_PIN}\n`);
  const file = path.join(configDir, 'kiosk.yaml');
  const packages = [
    `  folder: ${path.join(root, 'packages')}`,
    '  trustedKeys:',
    '    - name: museum',
    `      key: ${key.publicKey}`,
    ...(options.packagesYaml ?? []),
  ];
  await writeFile(file, `${await readFile(file, 'utf8')}\npackages:\n${packages.join('\n')}\n`);
  return { root, configDir, publishSecond: () => publishOne(2) };
}

/** The exhibit version the backend at `url` serves, or null when it serves none. */
export async function exhibitVersion(page: Page, url: string): Promise<string | null> {
  const body = (await (await page.request.get(`${url}${api.exhibit}`)).json()) as ExhibitResponse;
  return body.status === 'ok' ? body.exhibit.version : null;
}

/** Opens the staff screen as staff do (the page clock fixed, so its times read as now). */
export async function openStaff(page: Page): Promise<void> {
  await page.clock.setFixedTime(await page.evaluate(() => Date.now()));
  const box = await page.getByTestId('staff-corner').boundingBox();
  if (!box) throw new Error('the staff corner is not on the page');
  for (let i = 0; i < 5; i++) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  for (const digit of STAFF_PIN) await page.getByTestId(`pin-${digit}`).tap();
  await page.getByTestId('pin-enter').tap();
  await expect(page.getByTestId('staff-message')).toHaveText('Unlocked.');
}
