/**
 * `npm run package:layout`: a packaging-layout check with a STAND-IN Electron (the real binary cannot be
 * downloaded here). It proves the packaging configuration, not a runnable build:
 *
 *  - electron-builder.yml is valid against electron-builder's own JSON schema;
 *  - `electron-builder --dir --linux` packs the app around a stand-in `electron` (a shell script that
 *    prints "stand-in, not Electron", carrying a fuse wire so the fuse step runs for real);
 *  - app.asar holds the build output and package.json, and no sources, content or source maps;
 *  - media/ and kiosk-config/ sit beside it as editable resources, sharp's native parts are unpacked;
 *  - every package the main bundle requires is in the package;
 *  - the Electron fuses in the packaged binary are flipped as electron-builder.yml says.
 *
 * Options: --out DIR (default: a temporary folder, removed afterwards unless --keep).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

/** Fuse names in electron-builder.yml, in fuse-wire order (@electron/fuses FuseV1Options). */
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/** Electron's own defaults for those fuses ('1' on, '0' off), as an unflipped binary carries them. */
export const ELECTRON_DEFAULT_WIRE = '10110001';
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The wire electron-builder should leave: configured fuses set, the rest as Electron ships them. */
export function expectedFuseWire(config: Partial<Record<(typeof FUSE_ORDER)[number], boolean>>): string {
  return FUSE_ORDER.map((name, i) => {
    const value = config[name];
    return value === undefined ? ELECTRON_DEFAULT_WIRE[i] : value ? '1' : '0';
  }).join('');
}

/** Read the fuse wire (as '0'/'1' text) from a binary, or null when it has none. */
export function readFuseWire(binary: Buffer): string | null {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const start = at + FUSE_SENTINEL.length;
  const length = binary[start + 1] ?? 0;
  return binary.subarray(start + 2, start + 2 + length).toString('latin1');
}

/** The stand-in executable: a shell script that says what it is, carrying a fuse wire (version 1, 8 fuses). */
export function standInExecutable(): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in, not Electron"\nexit 0\n# fuse wire for electron-builder: '),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1'),
    Buffer.from('\n'),
  ]);
}

/** Bare package names a CommonJS bundle requires (node: built-ins and electron excluded). */
export function requiredPackages(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('node:') || spec === 'electron') continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
    if (BUILTINS.has(name)) continue;
    names.add(name);
  }
  return [...names].sort();
}

const BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'crypto',
  'stream',
  'util',
  'events',
  'child_process',
  'url',
  'zlib',
  'http',
  'https',
  'net',
  'tty',
  'assert',
  'buffer',
  'module',
  'worker_threads',
]);

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, keep: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => {
    checks.push({ name, ok, detail });
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail && !ok ? `\n       ${detail}` : ''}`);
  };

  // 0. The build output.
  const built = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];
  if (!built.every((f) => existsSync(f))) {
    console.log('out/ is incomplete; running npm run build first.');
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) {
      console.error('The build failed; nothing to package.');
      return 1;
    }
  }

  console.log('packaging-layout check (stand-in Electron, not a runnable build)');

  // 1. The configuration against electron-builder's schema.
  const config = parseYaml(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
  const { default: Ajv } = await import('ajv');
  const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const valid = ajv.validate(schema, config);
  check(
    'electron-builder.yml is valid against app-builder-lib/scheme.json',
    valid,
    ajv.errorsText(ajv.errors, { separator: '\n       ' }),
  );

  // 2. Pack around the stand-in.
  const electronVersion = (
    JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }
  ).version;
  const work = mkdtempSync(path.join(tmpdir(), 'kiosk-layout-'));
  const standIn = path.join(work, 'electron-dist');
  mkdirSync(standIn);
  writeFileSync(path.join(standIn, 'electron'), standInExecutable());
  chmodSync(path.join(standIn, 'electron'), 0o755);
  writeFileSync(path.join(standIn, 'version'), electronVersion);
  const outDir = path.resolve(values.out ?? path.join(work, 'dist'));
  const builder = spawnSync(
    process.execPath,
    [
      path.resolve('node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--publish',
      'never',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${outDir}`,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  check(
    'electron-builder --dir --linux packs the app (stand-in Electron)',
    builder.status === 0,
    (builder.stdout + builder.stderr).split('\n').slice(-15).join('\n       '),
  );

  try {
    const unpacked = path.join(outDir, 'linux-unpacked');
    const resources = path.join(unpacked, 'resources');
    const asarPath = path.join(resources, 'app.asar');
    if (builder.status === 0 && existsSync(asarPath)) {
      const asar = await import('@electron/asar');
      const files = new Set(asar.listPackage(asarPath, { isPack: false }).map((p) => p.replace(/\\/g, '/')));
      for (const f of [
        '/out/main/index.cjs',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/package.json',
      ]) {
        check(`app.asar holds ${f.slice(1)}`, files.has(f));
      }
      const pkg = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8')) as {
        main?: string;
      };
      check(
        'package.json "main" points into app.asar',
        files.has(`/${pkg.main ?? ''}`),
        `main is ${pkg.main}`,
      );
      const strays = [...files].filter(
        (f) =>
          !f.startsWith('/node_modules/') &&
          (/\.(ts|tsx|map)$/.test(f) ||
            /^\/(main|renderer|scripts|tests|media|kiosk-config|docs)(\/|$)/.test(f)),
      );
      check(
        'app.asar holds no sources, source maps, content or settings',
        strays.length === 0,
        strays.slice(0, 5).join(', '),
      );
      check(
        'resources/media/exhibit.yaml is outside the asar',
        existsSync(path.join(resources, 'media', 'exhibit.yaml')),
      );
      check(
        'resources/kiosk-config/kiosk.yaml is outside the asar',
        existsSync(path.join(resources, 'kiosk-config', 'kiosk.yaml')),
      );

      const bundle = asar.extractFile(asarPath, 'out/main/index.cjs').toString('utf8');
      const missing = requiredPackages(bundle).filter(
        (name) => !files.has(`/node_modules/${name}/package.json`),
      );
      check(
        'every package the main bundle requires is packaged',
        missing.length === 0,
        `missing: ${missing.join(', ')} (move them to "dependencies")`,
      );
      const unpackedDir = path.join(resources, 'app.asar.unpacked', 'node_modules');
      check(
        "sharp's native parts are unpacked beside the asar",
        existsSync(path.join(unpackedDir, 'sharp', 'package.json')) &&
          existsSync(path.join(unpackedDir, '@img')),
      );

      const exe = path.join(unpacked, 'memorial-kiosk');
      const wire = existsSync(exe) ? readFuseWire(readFileSync(exe)) : null;
      const expected = expectedFuseWire((config.electronFuses ?? {}) as Record<string, boolean>);
      check(
        `fuses flipped as configured (${expected})`,
        wire === expected,
        `found ${wire ?? 'no fuse wire'}`,
      );
      const ran = spawnSync(exe, [], { encoding: 'utf8' });
      check(
        'the packaged executable is the stand-in (not a runnable Electron)',
        ran.stdout.trim() === 'stand-in, not Electron',
      );
    }
  } finally {
    if (values.keep || values.out) console.log(`  output kept in ${outDir}`);
    if (!values.keep && !values.out) rmSync(work, { recursive: true, force: true });
  }

  const failed = checks.filter((c) => !c.ok).length;
  console.log(
    `packaging-layout check (stand-in Electron, not a runnable build): ${checks.length - failed} passed, ${failed} failed`,
  );
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
