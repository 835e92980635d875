import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagValue, isDevMode, resolveKioskPaths } from './paths';

const p = (...parts: string[]) => path.resolve(path.join(...parts));

describe('resolveKioskPaths', () => {
  it('installed: content and settings beside the asar, writable things in user data', () => {
    const paths = resolveKioskPaths({
      isPackaged: true,
      resourcesPath: '/opt/Memorial Kiosk/resources',
      appPath: '/opt/Memorial Kiosk/resources/app.asar',
      userData: '/home/kiosk/.config/Memorial Kiosk',
    });
    expect(paths).toEqual({
      rendererDir: path.join('/opt/Memorial Kiosk/resources/app.asar', 'out', 'renderer'),
      preloadPath: path.join('/opt/Memorial Kiosk/resources/app.asar', 'out', 'preload', 'index.cjs'),
      mediaDir: p('/opt/Memorial Kiosk/resources', 'media'),
      configDir: p('/opt/Memorial Kiosk/resources', 'kiosk-config'),
      derivedDir: path.join('/home/kiosk/.config/Memorial Kiosk', 'media-cache'),
      logsDir: path.join('/home/kiosk/.config/Memorial Kiosk', 'logs'),
      crashDumpsDir: path.join('/home/kiosk/.config/Memorial Kiosk', 'crash-dumps'),
      healthFile: path.join('/home/kiosk/.config/Memorial Kiosk', 'health.json'),
      stateFile: path.join('/home/kiosk/.config/Memorial Kiosk', 'kiosk-state.json'),
    });
  });

  it('development: everything in the project folder except user data', () => {
    const paths = resolveKioskPaths({
      isPackaged: false,
      resourcesPath: '/repo/node_modules/electron/dist/resources',
      appPath: '/repo',
      userData: '/home/dev/.config/memorial-kiosk',
    });
    expect(paths.mediaDir).toBe(p('/repo', 'media'));
    expect(paths.configDir).toBe(p('/repo', 'kiosk-config'));
    expect(paths.derivedDir).toBe(path.join('/repo', '.media-cache'));
    expect(paths.rendererDir).toBe(path.join('/repo', 'out', 'renderer'));
    expect(paths.healthFile).toBe(path.join('/home/dev/.config/memorial-kiosk', 'health.json'));
  });

  it('command-line overrides beat environment overrides beat defaults', () => {
    const base = { isPackaged: true, resourcesPath: '/r', appPath: '/r/app.asar', userData: '/u' };
    const env = { MEMORIAL_KIOSK_MEDIA: '/srv/env-media', MEMORIAL_KIOSK_CONFIG: '/srv/env-config' };
    expect(resolveKioskPaths({ ...base, env }).mediaDir).toBe(p('/srv/env-media'));
    expect(resolveKioskPaths({ ...base, env }).configDir).toBe(p('/srv/env-config'));
    const argv = ['/opt/kiosk', '--kiosk-media=/srv/media', '--kiosk-config', '/srv/config'];
    expect(resolveKioskPaths({ ...base, env, argv }).mediaDir).toBe(p('/srv/media'));
    expect(resolveKioskPaths({ ...base, env, argv }).configDir).toBe(p('/srv/config'));
    expect(resolveKioskPaths({ ...base, env: { MEMORIAL_KIOSK_MEDIA: '  ' } }).mediaDir).toBe(
      p('/r', 'media'),
    );
  });
});

describe('flagValue and isDevMode', () => {
  it.each([
    [['--kiosk-media=/a'], '/a'],
    [['--kiosk-media', '/a'], '/a'],
    [['--kiosk-media=/a', '--kiosk-media=/b'], '/b'],
    [['--kiosk-media'], undefined],
    [['--kiosk-media', '--kiosk-dev'], undefined],
    [['--kiosk-media='], undefined],
    [['--kiosk-mediax=/a'], undefined],
  ])('%o → %s', (argv, expected) => {
    expect(flagValue(argv, '--kiosk-media')).toBe(expected);
  });

  it.each([
    [['electron', '.'], false],
    [['electron', '.', '--kiosk-dev'], true],
    [['electron', '.', '--kiosk-devx'], false],
    [['electron', '.', '--dev'], false],
  ])('%o → dev %s', (argv, expected) => {
    expect(isDevMode(argv)).toBe(expected);
  });
});
