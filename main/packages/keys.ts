/**
 * The museum's Ed25519 key (node:crypto, no other package): made once by `npm run keys:create`, the private
 * half kept on the staff computer (a file readable by its owner only), the public half written into each
 * kiosk's trusted keys in kiosk.yaml. Publishing signs the manifest's exact bytes; a kiosk verifies them.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { packageSignatureSchema, type PackageSignature, type Refusal } from '../common/packages';
import { kioskSettingsSchema, type KioskSettings } from '../common/settings';
import { SETTINGS_FILE } from '../config/settings';
import { writeFileAtomicallySync } from '../files/atomicWrite';

export const PRIVATE_KEY_FILE = 'kiosk-package.key';
export const PUBLIC_KEY_FILE = 'kiosk-package.pub';

/** "ed25519:" + base64url of the raw 32-byte public key. */
export function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return `ed25519:${jwk.x}`;
}

export function publicKeyFromText(text: string): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: text.slice('ed25519:'.length) },
    format: 'jwk',
  });
}

export interface CreatedKeys {
  privateKeyFile: string;
  publicKeyFile: string;
  publicKey: string;
}

/** Make a key pair in `outDir`: the private key 0600 (PKCS#8 PEM), the public key beside it. Never overwrites. */
export function createKeyPair(outDir: string): CreatedKeys {
  const privateKeyFile = path.join(outDir, PRIVATE_KEY_FILE);
  const publicKeyFile = path.join(outDir, PUBLIC_KEY_FILE);
  if (existsSync(privateKeyFile))
    throw new Error(
      `${privateKeyFile} already exists; a museum keeps one key. Use it, or move it away first if you really mean to replace it.`,
    );
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const text = publicKeyText(publicKey);
  writeFileAtomicallySync(privateKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
  });
  writeFileAtomicallySync(publicKeyFile, `${text}\n`, { mode: 0o644 });
  return { privateKeyFile, publicKeyFile, publicKey: text };
}

/** The private key from a folder made by createKeyPair (or the key file itself). */
export function readPrivateKey(keyPath: string): KeyObject {
  const file = existsSync(path.join(keyPath, PRIVATE_KEY_FILE))
    ? path.join(keyPath, PRIVATE_KEY_FILE)
    : keyPath;
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** The signature entry (manifest.sig) for the manifest's exact bytes. */
export function signManifest(manifestBytes: Uint8Array, privateKey: KeyObject): PackageSignature {
  return {
    algorithm: 'ed25519',
    publicKey: publicKeyText(createPublicKey(privateKey)),
    signature: sign(null, manifestBytes, privateKey).toString('base64'),
  };
}

export interface TrustPolicy {
  /** Public keys ("ed25519:…") this kiosk trusts. */
  trustedKeys: readonly string[];
  /** Development only: install unsigned or foreign packages too. */
  acceptUnsigned: boolean;
}

/**
 * Whether the signature entry is a valid signature of these manifest bytes by a trusted key. `signatureBytes`
 * is null when the package has no signature entry. Returns the refusal, or null when trusted.
 */
export function checkSignature(
  manifestBytes: Uint8Array,
  signatureBytes: Uint8Array | null,
  policy: TrustPolicy,
): Refusal | null {
  if (signatureBytes === null)
    return policy.acceptUnsigned
      ? null
      : { code: 'unsigned', message: 'The package is not signed; a kiosk installs only signed packages.' };
  let signature: PackageSignature;
  try {
    signature = packageSignatureSchema.parse(JSON.parse(Buffer.from(signatureBytes).toString('utf8')));
  } catch {
    return { code: 'bad-signature', message: 'The package signature (manifest.sig) cannot be read.' };
  }
  const trusted = policy.trustedKeys.includes(signature.publicKey);
  if (!trusted && !policy.acceptUnsigned)
    return {
      code: 'untrusted-key',
      message: `The package is signed by a key this kiosk does not trust (${signature.publicKey.slice(0, 20)}…); add the museum's public key with npm run keys:create, or ask who made it.`,
    };
  let valid = false;
  try {
    valid = verify(
      null,
      manifestBytes,
      publicKeyFromText(signature.publicKey),
      Buffer.from(signature.signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  if (!valid)
    return {
      code: 'bad-signature',
      message: 'The signature does not match the manifest: the package was changed after it was signed.',
    };
  return null;
}

/** The trust policy from a kiosk's settings. */
export function trustPolicyOf(settings: Pick<KioskSettings, 'packages'>): TrustPolicy {
  return {
    trustedKeys: settings.packages.trustedKeys.map((k) => k.key),
    acceptUnsigned: settings.packages.acceptUnsigned,
  };
}

/**
 * Add a public key to `<configDir>/kiosk.yaml`'s packages.trustedKeys, keeping every comment and the layout
 * of the file (yaml's Document API), written atomically. A key already trusted is left as it is.
 * Returns false when it was already there.
 */
export function addTrustedKey(configDir: string, entry: { name: string; key: string }): boolean {
  const target = path.join(configDir, SETTINGS_FILE);
  let text = '';
  try {
    text = readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parsed = parseDocument(text, { version: '1.2' });
  if (parsed.errors.length > 0)
    throw new Error(`${target} has a YAML syntax error; fix it first (see kiosk-config/README.md).`);
  // An empty file (or one holding a single value) is started afresh as a mapping.
  const doc = isMap(parsed.contents) ? parsed : new Document({});
  const list = doc.getIn(['packages', 'trustedKeys'], true);
  if (isSeq(list)) {
    const present = list.items.some((item) => isMap(item) && item.get('key') === entry.key);
    if (present) return false;
    list.flow = false; // `trustedKeys: []` becomes a block list, one key per item
    list.add(doc.createNode(entry));
  } else {
    doc.setIn(['packages', 'trustedKeys'], doc.createNode([entry]));
  }
  const check = kioskSettingsSchema.safeParse(doc.toJS() ?? {});
  if (!check.success)
    throw new Error(
      `The settings would not be valid after adding the key: ${check.error.issues[0]?.message ?? ''}`,
    );
  mkdirSync(configDir, { recursive: true });
  writeFileAtomicallySync(target, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
  return true;
}
