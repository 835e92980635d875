/**
 * Where the kiosk finds its pieces. Installed, the content package and the device settings sit outside the
 * asar as extra resources (resources/media, resources/kiosk-config) so staff can edit them; an AppImage's
 * resources are read-only, so `--kiosk-media=DIR` / `--kiosk-config=DIR` (or the MEMORIAL_KIOSK_MEDIA /
 * MEMORIAL_KIOSK_CONFIG environment variables) point elsewhere. Derivatives, logs, crash dumps and
 * health.json always go to the writable user-data folder when installed.
 */
import path from 'node:path';

export interface KioskPathInput {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** app.getAppPath(): the project folder in development, resources/app.asar when installed. */
  appPath: string;
  /** app.getPath('userData') */
  userData: string;
  /** Command-line arguments (process.argv). */
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
}

export interface KioskPaths {
  rendererDir: string;
  preloadPath: string;
  mediaDir: string;
  configDir: string;
  derivedDir: string;
  logsDir: string;
  crashDumpsDir: string;
  healthFile: string;
  /** Launch history and last crash, kept across restarts. */
  stateFile: string;
}

export function resolveKioskPaths(input: KioskPathInput): KioskPaths {
  const argv = input.argv ?? [];
  const env = input.env ?? {};
  const base = input.isPackaged ? input.resourcesPath : input.appPath;
  const mediaOverride = flagValue(argv, '--kiosk-media') ?? nonEmpty(env.MEMORIAL_KIOSK_MEDIA);
  const configOverride = flagValue(argv, '--kiosk-config') ?? nonEmpty(env.MEMORIAL_KIOSK_CONFIG);
  return {
    rendererDir: path.join(input.appPath, 'out', 'renderer'),
    preloadPath: path.join(input.appPath, 'out', 'preload', 'index.cjs'),
    mediaDir: path.resolve(mediaOverride ?? path.join(base, 'media')),
    configDir: path.resolve(configOverride ?? path.join(base, 'kiosk-config')),
    // Installed, resources may be read-only (AppImage) or shared; derivatives are rebuilt per machine.
    derivedDir: input.isPackaged
      ? path.join(input.userData, 'media-cache')
      : path.join(input.appPath, '.media-cache'),
    logsDir: path.join(input.userData, 'logs'),
    crashDumpsDir: path.join(input.userData, 'crash-dumps'),
    healthFile: path.join(input.userData, 'health.json'),
    stateFile: path.join(input.userData, 'kiosk-state.json'),
  };
}

/** `--name=value` or `--name value`; the last one wins. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith(`${name}=`)) value = nonEmpty(arg.slice(name.length + 1));
    else if (arg === name && i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--'))
      value = nonEmpty(argv[++i]);
  }
  return value;
}

/** Developer mode: `--kiosk-dev` anywhere on the command line. */
export function isDevMode(argv: readonly string[]): boolean {
  return argv.includes('--kiosk-dev');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value : undefined;
}
