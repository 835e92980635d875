/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's
 * own browser (where one was installed with `npx playwright install chromium`).
 */
import { existsSync } from 'node:fs';

export interface ChromiumChoice {
  executablePath: string | undefined;
  description: string;
}

export function chooseChromium(): ChromiumChoice {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv))
    return { executablePath: fromEnv, description: `CHROMIUM_PATH (${fromEnv})` };
  if (existsSync('/usr/bin/chromium'))
    return { executablePath: '/usr/bin/chromium', description: 'Debian chromium (/usr/bin/chromium)' };
  return { executablePath: undefined, description: "Playwright's own Chromium" };
}

/** Flags that keep a headless Chromium quiet and offline on a locked-down machine. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
