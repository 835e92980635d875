import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePinHash, verifyPin } from '../main/kiosk/staff';
import { checkNewPin, FORMAT_MESSAGE, pinFromPipedInput } from './set-pin';

describe('checkNewPin and pinFromPipedInput', () => {
  it.each([
    ['2468\n', { ok: true, pin: '2468' }],
    ['2468', { ok: true, pin: '2468' }],
    ['2468\r\n2468\r\n', { ok: true, pin: '2468' }],
    ['  123456789012  \n', { ok: true, pin: '123456789012' }],
    ['2468\n2469\n', { ok: false, message: 'The two PINs differ; nothing was changed.' }],
    ['123\n', { ok: false, message: FORMAT_MESSAGE }],
    ['1234567890123\n', { ok: false, message: FORMAT_MESSAGE }],
    ['12a4\n', { ok: false, message: FORMAT_MESSAGE }],
    ['', { ok: false, message: 'No PIN on standard input.' }],
    ['\n\n', { ok: false, message: 'No PIN on standard input.' }],
    ['1\n2\n3\n', { ok: false, message: 'Expected one line (the PIN) or two (the PIN twice).' }],
  ])('%j → %o', (text, expected) => {
    expect(pinFromPipedInput(text)).toEqual(expected);
  });

  it('checks the repetition only when there is one', () => {
    expect(checkNewPin('9999', undefined)).toEqual({ ok: true, pin: '9999' });
    expect(checkNewPin('9999', '9999')).toEqual({ ok: true, pin: '9999' });
    expect(checkNewPin('9999', '')).toMatchObject({ ok: false });
  });
});

describe('npm run set-pin (piped)', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/set-pin.ts', ...args], {
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes a verifiable hash into kiosk.yaml, keeps the comments, and can clear it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pin-'));
    const file = path.join(dir, 'kiosk.yaml');
    writeFileSync(file, '# Kiosk settings\ndisplay: 0\n');
    const result = run(['--config', dir], '2468\n2468\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Kiosk settings');
    expect(text).not.toContain('2468\n');
    const stored = parsePinHash((parse(text) as { staffPinHash: string }).staffPinHash);
    expect(stored).not.toBeNull();
    if (!stored) return;
    expect(await verifyPin('2468', stored)).toBe(true);
    expect(await verifyPin('1357', stored)).toBe(false);

    const cleared = run(['--config', dir, '--clear'], '');
    expect(cleared.status).toBe(0);
    expect((parse(readFileSync(file, 'utf8')) as Record<string, unknown>).staffPinHash).toBeUndefined();
  });

  it('refuses a bad PIN and changes nothing', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pin-'));
    const file = path.join(dir, 'kiosk.yaml');
    writeFileSync(file, 'display: 0\n');
    const result = run(['--config', dir], '12\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(FORMAT_MESSAGE);
    expect(readFileSync(file, 'utf8')).toBe('display: 0\n');
  });
});
