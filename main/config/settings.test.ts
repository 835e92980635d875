import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, writeSettingsAtomically } from './settings';
import { packageSettingsSchema } from '../common/settings';

async function configWith(text: string | null): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-config-'));
  if (text !== null) await writeFile(path.join(dir, 'kiosk.yaml'), text);
  return dir;
}

describe('loadSettings', () => {
  it('gives the defaults when there is no file', async () => {
    const { settings, problems } = loadSettings(await configWith(null));
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([]);
  });

  it('reads the sample kiosk-config/kiosk.yaml without problems', () => {
    const { settings, problems } = loadSettings(path.resolve(__dirname, '../../kiosk-config'));
    expect(problems).toEqual([]);
    // The sample differs from the defaults only in its opening hours: open around the clock.
    expect({ ...settings, hours: DEFAULT_SETTINGS.hours }).toEqual(DEFAULT_SETTINGS);
    expect(settings.hours.week.mon).toEqual(['00:00-24:00']);
  });

  it('never throws on broken YAML: defaults plus a problem with a line number', async () => {
    const dir = await configWith('visitor:\n  idleSeconds: 60\n   volume: [0.5\nhours: {\n');
    const { settings, problems } = loadSettings(dir);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ severity: 'error', file: `${path.basename(dir)}/kiosk.yaml` });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('keeps the good fields and defaults the broken ones, naming line, column and field', async () => {
    const dir = await configWith(
      [
        'visitor:',
        '  idleSeconds: 60',
        '  volume: loud',
        'hours:',
        '  week:',
        '    mon: ["09:00-12:00", "25:00-17:00"]',
        '  timeZone: Mars/Olympus',
        'display: 1',
        '',
      ].join('\n'),
    );
    const { settings, problems } = loadSettings(dir);
    expect(settings.visitor.idleSeconds).toBe(60);
    expect(settings.visitor.volume).toBe(0.8);
    expect(settings.display).toBe(1);
    expect(settings.hours.timeZone).toBeUndefined();
    expect(settings.hours.week.mon).toEqual(['09:00-12:00']);
    const volume = problems.find((p) => p.field === 'visitor.volume');
    expect(volume).toMatchObject({ line: 3, column: 11, severity: 'error' });
    expect(volume?.message).toContain('expected a number, found text');
    expect(problems.find((p) => p.field === 'hours.week.mon[2]')).toMatchObject({ line: 6, column: 26 });
    expect(problems.find((p) => p.field === 'hours.timeZone')).toMatchObject({ line: 7 });
  });

  it('warns about unknown (misspelt) settings and suggests the right name', async () => {
    const { settings, problems } = loadSettings(await configWith('visitor:\n  idleSecond: 30\n'));
    expect(settings.visitor.idleSeconds).toBe(90);
    expect(problems).toMatchObject([
      { severity: 'warning', line: 2, column: 3, field: 'visitor.idleSecond' },
    ]);
    expect(problems[0]?.message).toContain('did you mean "idleSeconds"');
  });

  it('copes with a file that is a list or a single value', async () => {
    for (const text of ['- a\n- b\n', '42\n', '']) {
      const { settings } = loadSettings(await configWith(text));
      expect(settings).toEqual(DEFAULT_SETTINGS);
    }
  });
});

describe('writeSettingsAtomically', () => {
  it('stores the PIN hash, keeps comments and other settings, leaves no temp file', async () => {
    const dir = await configWith('# my comment\nvisitor:\n  idleSeconds: 60 # short\n');
    const hash = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
    writeSettingsAtomically(dir, { staffPinHash: hash });
    const text = await readFile(path.join(dir, 'kiosk.yaml'), 'utf8');
    expect(text).toContain('# my comment');
    expect(text).toContain('# short');
    const { settings, problems } = loadSettings(dir);
    expect(problems).toEqual([]);
    expect(settings.staffPinHash).toBe(hash);
    expect(settings.visitor.idleSeconds).toBe(60);
    expect(await readdir(dir)).toEqual(['kiosk.yaml']);
  });

  it('creates the file when missing and merges nested settings', async () => {
    const dir = await configWith(null);
    writeSettingsAtomically(dir, { visitor: { volume: 0.5 } });
    expect(loadSettings(dir).settings.visitor).toEqual({ ...DEFAULT_SETTINGS.visitor, volume: 0.5 });
  });

  it('refuses to overwrite a file with syntax errors', async () => {
    const dir = await configWith('visitor: [\n');
    expect(() => writeSettingsAtomically(dir, { display: 1 })).toThrow(/syntax error/);
    expect(await readFile(path.join(dir, 'kiosk.yaml'), 'utf8')).toBe('visitor: [\n');
  });
});

describe('packages.updateUrl', () => {
  it.each([
    { url: 'http://10.0.0.5/kiosk-packages/latest.json', ok: true },
    { url: 'https://nas.museum.local:8443/publish/latest.json', ok: true },
    { url: 'http://[fd00::5]:8040/latest.json', ok: true },
    { url: 'HTTP://10.0.0.5/latest.json', ok: true },
    { url: 'http://10.0.0.5', ok: true },
    { url: 'http://10.0.0.5/latest.json?fleet=hall-2', ok: true },
    { url: 'ftp://10.0.0.5/latest.json', ok: false },
    { url: 'file:///srv/publish/latest.json', ok: false },
    { url: 'http://staff:secret@10.0.0.5/latest.json', ok: false },
    { url: 'http://staff@10.0.0.5/latest.json', ok: false },
    { url: 'http:///latest.json', ok: false },
    { url: 'http://10.0.0.5/latest json', ok: false },
    { url: '10.0.0.5/latest.json', ok: false },
    { url: '', ok: false },
  ])('$url → $ok', ({ url, ok }) => {
    expect(packageSettingsSchema.safeParse({ updateUrl: url }).success).toBe(ok);
  });
});
