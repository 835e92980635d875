/**
 * `npm run content:publish -- [dir] --key DIR --out DIR [--version N] [--by NAME] [--derived DIR] [--yes]`
 *
 * Makes one signed, immutable package `<exhibit-id>-<version>.kioskpkg` of an exhibit folder (default
 * media/) in the publish folder, after the content checker (the one `npm run content:check` runs) finds no
 * error. Drafts and placeholder images are named and must be confirmed (or --yes). The version is one more
 * than the highest already in the publish folder unless --version says otherwise; a version is published
 * once. The package carries the photographs' derivatives, so a kiosk need not build them: they are taken
 * from the derivatives folder (default .media-cache/ beside the exhibit folder, where `npm run
 * content:build` and the editor put them) and built there first where missing. See docs/fleet.md.
 */
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UPDATE_INDEX_FILE } from '../main/common/packages';
import { contentWorkerFromSource } from '../main/content/load/workerLocation';
import { createChecker } from '../main/packages/checker';
import { isDerivedPath } from '../main/packages/derivatives';
import { readPrivateKey } from '../main/packages/keys';
import { publishFolder } from '../main/packages/publish';
import { kioskSoftwareVersion } from './kioskVersion';
import { readCommandLine } from './packageCommand';

const USAGE = `Usage: npm run content:publish -- [dir] --key DIR --out DIR [--version N] [--by NAME] [--derived DIR] [--yes]

  dir          the exhibit folder (default: media)
  --key DIR    the folder made by npm run keys:create (or the private key file)
  --out DIR    the publish folder: the package is written here, next to the earlier ones
  --version N  the package version (default: one more than the highest in --out)
  --by NAME    who publishes (default: this computer's user name)
  --derived DIR  the derivatives folder (default: .media-cache beside the exhibit folder); missing ones are built there
  --yes        publish even with drafts or placeholder images, without asking
`;

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  const parsed = readCommandLine(
    {
      key: { type: 'string' },
      out: { type: 'string' },
      version: { type: 'string' },
      by: { type: 'string' },
      derived: { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (!values.key || !values.out || positionals.length > 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const version = values.version === undefined ? undefined : Number(values.version);
  let privateKey;
  try {
    privateKey = readPrivateKey(path.resolve(values.key));
  } catch (error) {
    process.stderr.write(
      `The signing key cannot be read from ${values.key}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const contentDir = positionals[0] ?? 'media';
  process.stdout.write(`Checking ${contentDir} …\n`);
  const outcome = await publishFolder({
    contentDir,
    outDir: path.resolve(values.out),
    privateKey,
    checker: createChecker(contentWorkerFromSource()),
    kioskVersion: kioskSoftwareVersion(),
    createdBy: values.by ?? os.userInfo().username,
    ...(version === undefined ? {} : { version }),
    // The photographs' derivatives go in the package, from (and built where missing into) the folder
    // `npm run content:build` and the editor use: .media-cache/ beside the exhibit folder.
    derivedDir: path.resolve(
      values.derived ?? path.join(path.dirname(path.resolve(contentDir)), '.media-cache'),
    ),
    confirm: async (warnings) => {
      for (const w of warnings) process.stdout.write(`Warning: ${w}\n`);
      if (values.yes) return true;
      if (!process.stdin.isTTY) {
        process.stderr.write('Not published: confirm these warnings with --yes.\n');
        return false;
      }
      return ask('Publish anyway? [y/N] ');
    },
  });
  if (!outcome.ok) {
    for (const e of outcome.errors ?? []) process.stderr.write(`  ${e}\n`);
    process.stderr.write(`${outcome.message}\n`);
    return 1;
  }
  const m = outcome.manifest;
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  const derived = m.files.filter((f) => isDerivedPath(f.path)).length;
  process.stdout.write(
    `Published ${outcome.file}\n  exhibit ${m.exhibitId} (${m.exhibitVersion}), version ${m.version}, ${m.files.length - derived} files and ${derived} of derivatives, ${(bytes / 1024 / 1024).toFixed(1)} MB, signed.\n  Check it as a kiosk would: npm run content:verify -- ${path.relative(process.cwd(), outcome.file)} --config kiosk-config\n  ${path.join(path.dirname(outcome.file), UPDATE_INDEX_FILE)} now names it, for kiosks that check the museum's network (docs/fleet.md).\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Publishing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
