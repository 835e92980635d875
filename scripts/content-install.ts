/**
 * `npm run content:install -- FILE [--config DIR] [--now]`: install a package on this kiosk from a USB stick
 * or a folder. It is checked exactly as content:verify checks it, copied onto the kiosk's disk first,
 * unpacked into its own version folder beside the live one (packages.folder in kiosk.yaml) and staged: the
 * running kiosk switches to it at its next attract loop, between visitors, or at its next start. With
 * --now (the kiosk not running, e.g. during setup) it is made live at once. Prints "staged <id> <version>"
 * (or "live …") or "refused (<reason>): …" and exits 1 when refused. See docs/fleet.md.
 */
import path from 'node:path';
import { loadSettings } from '../main/config/settings';
import { contentWorkerFromSource } from '../main/content/load/workerLocation';
import { createChecker } from '../main/packages/checker';
import { trustPolicyOf } from '../main/packages/keys';
import { createPackageStore } from '../main/packages/store';
import { kioskSoftwareVersion } from './kioskVersion';
import { configDirOf, onePackageFile, readCommandLine } from './packageCommand';

const USAGE = `Usage: npm run content:install -- FILE [--config DIR] [--now]

  FILE          a .kioskpkg package (e.g. on a USB stick)
  --config DIR  this kiosk's kiosk-config (default: kiosk-config, or $MEMORIAL_KIOSK_CONFIG)
  --now         make it live at once (only while the kiosk is not running)
`;

async function main(): Promise<number> {
  const parsed = readCommandLine(
    { config: { type: 'string' }, now: { type: 'boolean', default: false } },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const file = onePackageFile(positionals, USAGE);
  if (typeof file === 'number') return file;
  const configDir = configDirOf(values.config);
  const { settings } = loadSettings(configDir);
  if (!settings.packages.folder) {
    process.stderr.write(
      `${path.join(configDir, 'kiosk.yaml')} names no packages folder (packages.folder); see docs/fleet.md.\n`,
    );
    return 2;
  }
  const store = createPackageStore({
    packagesDir: path.resolve(configDir, settings.packages.folder),
    trust: trustPolicyOf(settings),
    checker: createChecker(contentWorkerFromSource()),
    kioskVersion: kioskSoftwareVersion(),
  });
  const outcome = await store.stage(path.resolve(file));
  if (!outcome.ok) {
    process.stdout.write(`refused (${outcome.refusal.code}): ${outcome.refusal.message}\n`);
    return 1;
  }
  const { exhibitId, version } = outcome.version.manifest;
  if (values.now) {
    await store.switchToStaged();
    process.stdout.write(`live ${exhibitId} ${version}\n`);
  } else process.stdout.write(`staged ${exhibitId} ${version}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `The install itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
