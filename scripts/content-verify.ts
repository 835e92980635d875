/**
 * `npm run content:verify FILE [--config DIR]`: check a package exactly as a kiosk would before installing
 * it — signature by a key trusted in that kiosk-config, every file's size and SHA-256, archive safety and
 * caps, the content checker, and, when the kiosk-config names a packages folder with a live version, the
 * version rule — without installing anything. Prints "ok <exhibit-id> <version>", or "refused" and the
 * reason; exits 1 when refused, 2 when it cannot run.
 */
import path from 'node:path';
import { loadSettings } from '../main/config/settings';
import { contentWorkerFromSource } from '../main/content/load/workerLocation';
import { createChecker } from '../main/packages/checker';
import { trustPolicyOf } from '../main/packages/keys';
import { createPackageStore } from '../main/packages/store';
import { verifyPackageFile } from '../main/packages/verify';
import { kioskSoftwareVersion } from './kioskVersion';
import { configDirOf, onePackageFile, readCommandLine } from './packageCommand';

const USAGE = `Usage: npm run content:verify -- FILE [--config DIR]

  FILE          a .kioskpkg package
  --config DIR  the kiosk-config whose trusted keys and packages folder to check against
                (default: kiosk-config, or $MEMORIAL_KIOSK_CONFIG)
`;

async function main(): Promise<number> {
  const parsed = readCommandLine({ config: { type: 'string' } }, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const file = onePackageFile(positionals, USAGE);
  if (typeof file === 'number') return file;
  const configDir = configDirOf(values.config);
  const { settings, problems } = loadSettings(configDir);
  for (const p of problems.filter((p) => p.severity === 'error'))
    process.stderr.write(`Warning: ${p.file}: ${p.message}\n`);
  const checker = createChecker(contentWorkerFromSource());
  const trust = trustPolicyOf(settings);
  let live = null;
  if (settings.packages.folder) {
    const folder = path.resolve(configDir, settings.packages.folder);
    const state = await createPackageStore({
      packagesDir: folder,
      trust,
      checker,
      kioskVersion: kioskSoftwareVersion(),
    }).state();
    if (state.live) live = { exhibitId: state.live.manifest.exhibitId, version: state.live.manifest.version };
  }
  const outcome = await verifyPackageFile(file, {
    trust,
    checker,
    kioskVersion: kioskSoftwareVersion(),
    live,
  });
  if (outcome.ok) {
    process.stdout.write(`ok ${outcome.manifest.exhibitId} ${outcome.manifest.version}\n`);
    return 0;
  }
  process.stdout.write(`refused (${outcome.refusal.code}): ${outcome.refusal.message}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `The check itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
