import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../config/settings';
import { makeTestKey } from '../../tests/support/packageCraft';
import {
  addTrustedKey,
  checkSignature,
  createKeyPair,
  PRIVATE_KEY_FILE,
  publicKeyFromText,
  publicKeyText,
  readPrivateKey,
  signManifest,
} from './keys';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createKeyPair', () => {
  it('keeps the private key readable by its owner only, and never overwrites it', async () => {
    const made = createKeyPair(path.join(dir, 'museum-key'));
    expect((await stat(made.privateKeyFile)).mode & 0o777).toBe(0o600);
    expect(made.publicKey).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    expect((await readFile(made.publicKeyFile, 'utf8')).trim()).toBe(made.publicKey);
    const key = readPrivateKey(path.join(dir, 'museum-key'));
    expect(publicKeyText(publicKeyFromText(made.publicKey))).toBe(made.publicKey);
    expect(signManifest(Buffer.from('x'), key).publicKey).toBe(made.publicKey);
    expect(() => createKeyPair(path.join(dir, 'museum-key'))).toThrow(/already exists/);
    expect(readPrivateKey(path.join(dir, 'museum-key', PRIVATE_KEY_FILE)).asymmetricKeyType).toBe('ed25519');
  });
});

describe('checkSignature', () => {
  const museum = makeTestKey();
  const other = makeTestKey();
  const manifest = Buffer.from('{"version": 3}\n');
  const sig = (k = museum, bytes = manifest) =>
    Buffer.from(JSON.stringify(signManifest(bytes, k.privateKey)));
  const trusted = { trustedKeys: [museum.publicKey], acceptUnsigned: false };
  it.each<[string, Buffer | null, { trustedKeys: string[]; acceptUnsigned: boolean }, string | null]>([
    ['signed by the museum', sig(), trusted, null],
    ['unsigned', null, trusted, 'unsigned'],
    ['unsigned, development kiosk', null, { ...trusted, acceptUnsigned: true }, null],
    ['another key', sig(other), trusted, 'untrusted-key'],
    ['another key, development kiosk', sig(other), { ...trusted, acceptUnsigned: true }, null],
    ['a signature of other bytes', sig(museum, Buffer.from('{"version": 4}\n')), trusted, 'bad-signature'],
    ['garbage', Buffer.from('not json'), trusted, 'bad-signature'],
  ])('%s', (_name, signature, policy, code) => {
    expect(checkSignature(manifest, signature, policy)?.code ?? null).toBe(code);
  });
});

describe('addTrustedKey', () => {
  it('adds the key to kiosk.yaml keeping every comment, once', async () => {
    const original = await readFile('kiosk-config/kiosk.yaml', 'utf8');
    await writeFile(path.join(dir, 'kiosk.yaml'), original);
    const { publicKey } = makeTestKey();
    expect(addTrustedKey(dir, { name: 'museum', key: publicKey })).toBe(true);
    expect(addTrustedKey(dir, { name: 'museum again', key: publicKey })).toBe(false);
    const second = makeTestKey().publicKey;
    expect(addTrustedKey(dir, { name: 'second', key: second })).toBe(true);
    const text = await readFile(path.join(dir, 'kiosk.yaml'), 'utf8');
    for (const line of original.split('\n').filter((l) => l.trim().startsWith('#')))
      expect(text).toContain(line.trim());
    const { settings, problems } = loadSettings(dir);
    expect(problems).toEqual([]);
    expect(settings.packages.trustedKeys).toEqual([
      { name: 'museum', key: publicKey },
      { name: 'second', key: second },
    ]);
    expect(settings.visitor.idleSeconds).toBe(90);
    expect((await stat(path.join(dir, 'kiosk.yaml'))).mode & 0o777).toBe(0o600);
  });

  it('starts a kiosk.yaml when there is none', async () => {
    const { publicKey } = makeTestKey();
    addTrustedKey(dir, { name: 'museum', key: publicKey });
    expect(loadSettings(dir).settings.packages.trustedKeys).toEqual([{ name: 'museum', key: publicKey }]);
  });

  it('refuses to touch a file with a YAML syntax error', async () => {
    await writeFile(path.join(dir, 'kiosk.yaml'), 'visitor: [\n');
    expect(() => addTrustedKey(dir, { name: 'm', key: makeTestKey().publicKey })).toThrow(/syntax error/);
    expect(await readFile(path.join(dir, 'kiosk.yaml'), 'utf8')).toBe('visitor: [\n');
  });
});
