/**
 * The three package commands as a technician runs them, each in its own process: keys:create,
 * content:publish and content:verify, on real folders.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../main/config/settings';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'package-commands-'));
  await cp('kiosk-config', path.join(root, 'kiosk-config'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(
  script: string,
  args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts', script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out, err };
}

describe('keys:create, content:publish, content:verify', () => {
  it('makes a key, trusts it, publishes once, and verifies as a kiosk would', async () => {
    const key = path.join(root, 'key');
    const config = path.join(root, 'kiosk-config');
    const pub = path.join(root, 'published');

    const created = await run('keys-create.ts', ['--out', key, '--config', config, '--name', 'museum']);
    expect(created.code).toBe(0);
    const trusted = loadSettings(config).settings.packages.trustedKeys;
    expect(trusted).toHaveLength(1);
    expect(created.out).toContain(trusted[0]?.key);
    expect((await stat(path.join(key, 'kiosk-package.key'))).mode & 0o777).toBe(0o600);

    // Drafts and placeholders must be confirmed.
    const unconfirmed = await run('content-publish.ts', ['tests/fixtures/valid', '--key', key, '--out', pub]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.out).toMatch(/Warning: 4 translations are marked as draft/);
    expect(unconfirmed.err).toMatch(/confirm these warnings with --yes/);

    const published = await run('content-publish.ts', [
      'tests/fixtures/valid',
      '--key',
      key,
      '--out',
      pub,
      '--yes',
      '--by',
      'curator',
      '--derived',
      path.join(root, 'derived'),
    ]);
    expect(published.code).toBe(0);
    const file = path.join(pub, 'harbour-memories-1.kioskpkg');
    expect(published.out).toContain(`Published ${file}`);
    // The fixture's two photographs: their derivatives built into --derived and carried in the package.
    expect(published.out).toMatch(/version 1, 14 files and \d+ of derivatives/);
    expect(JSON.parse(await readFile(path.join(root, 'derived', 'manifest.json'), 'utf8'))).toMatchObject({
      sources: { 'photos/harbour-view.jpg': {}, 'photos/old-letter.png': {} },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o444);

    const again = await run('content-publish.ts', [
      'tests/fixtures/valid',
      '--key',
      key,
      '--out',
      pub,
      '--yes',
      '--version',
      '1',
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Version 1 is already published/);

    const ok = await run('content-verify.ts', [file, '--config', config]);
    expect([ok.code, ok.out]).toEqual([0, 'ok harbour-memories 1\n']);

    const foreign = await run('content-verify.ts', [file, '--config', 'tests/fixtures/kiosk-config-quiet']);
    expect(foreign.code).toBe(1);
    expect(foreign.out).toMatch(
      /^refused \(untrusted-key\): The package is signed by a key this kiosk does not trust/,
    );

    // Installed from the folder into the kiosk's packages folder: staged, then refused a second time.
    await writeFile(
      path.join(config, 'kiosk.yaml'),
      `${await readFile(path.join(config, 'kiosk.yaml'), 'utf8')}`.replace(
        '  # folder: /var/lib/memorial-kiosk/packages',
        '  folder: ../kiosk-packages',
      ),
    );
    expect(loadSettings(config).settings.packages.folder).toBe('../kiosk-packages');
    const staged = await run('content-install.ts', [file, '--config', config]);
    expect([staged.code, staged.out]).toEqual([0, 'staged harbour-memories 1\n']);
    const twice = await run('content-install.ts', [file, '--config', config]);
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(
      /^refused \(same-version\): Version 1 is already installed on this kiosk and waits for the next attract loop/,
    );

    const bytes = await readFile(file);
    const middle = Math.floor(bytes.byteLength / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    const damaged = path.join(root, 'damaged.kioskpkg');
    await writeFile(damaged, bytes);
    const refused = await run('content-verify.ts', [damaged, '--config', config]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^refused \((hash-mismatch|not-a-package|truncated)\): /);
  }, 180_000);

  it('publishes nothing when the checker finds errors', async () => {
    const key = path.join(root, 'key2');
    expect((await run('keys-create.ts', ['--out', key])).code).toBe(0);
    const broken = await run('content-publish.ts', [
      'tests/fixtures/missing-field',
      '--key',
      key,
      '--out',
      path.join(root, 'p2'),
      '--yes',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/The content checker found \d+ errors?; nothing was published/);
  }, 120_000);
});
