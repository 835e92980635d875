/**
 * Building content packages for the tests, good and hostile, byte by byte where a hostile one needs it: a
 * tar writer of its own (so an entry can be a symlink, a hard link, a device, a duplicate, or declare
 * 10 GB and hold nothing), gzip from node:zlib, and manifests signed with a throw-away Ed25519 key.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY, type PackageManifest } from '../../main/common/packages';
import { publicKeyText, signManifest } from '../../main/packages/keys';

export interface CraftEntry {
  name: string;
  data?: Uint8Array | string;
  /** tar type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' folder, '6' fifo. */
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6';
  linkname?: string;
  /** A size to declare in the header instead of the data's (the data is still what follows). */
  declaredSize?: number;
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** One 512-byte ustar header; sizes past 8 GB in base-256, as GNU tar writes them. */
export function tarHeader(entry: CraftEntry, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(entry.name.slice(0, 100), 0, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  if (size > 0o77777777777) {
    header[124] = 0x80;
    let n = size;
    for (let i = 11; i > 0; i--) {
      header[124 + i] = n % 256;
      n = Math.floor(n / 256);
    }
  } else header.write(octal(size, 12), 124);
  header.write(octal(1_700_000_000, 12), 136);
  header.write('        ', 148);
  header.write(entry.type ?? '0', 156);
  if (entry.linkname) header.write(entry.linkname.slice(0, 100), 157);
  header.write('ustar\u000000', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

/** A tar archive of the entries (with the two closing zero blocks unless `end` is false). */
export function tarBytes(entries: readonly CraftEntry[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    parts.push(tarHeader(entry, entry.declaredSize ?? data.byteLength));
    parts.push(data);
    const pad = (512 - (data.byteLength % 512)) % 512;
    parts.push(Buffer.alloc(pad));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const gzip = (bytes: Uint8Array): Buffer => gzipSync(bytes, { level: 6 });

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface TestKey {
  privateKey: KeyObject;
  publicKey: string;
}

export function makeTestKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyText(publicKey) };
}

/** A manifest for these files (name → bytes), every field filled in. */
export function manifestFor(
  files: Record<string, Uint8Array | string>,
  overrides: Partial<PackageManifest> = {},
): PackageManifest {
  return {
    format: 1,
    exhibitId: 'test-exhibit',
    version: 2,
    exhibitVersion: '1.0.0',
    created: '2026-12-01T12:00:00.000Z',
    createdBy: 'tests',
    minKioskVersion: '0.1.0',
    checker: { errors: 0, warnings: 0, drafts: 0, placeholders: 0 },
    files: Object.entries(files)
      .map(([path, data]) => ({ path, size: Buffer.from(data).byteLength, sha256: sha256Hex(data) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    ...overrides,
  };
}

/** The manifest and signature entries, signed by `key` (no signature entry when key is null). */
export function headEntries(manifest: PackageManifest, key: TestKey | null, compact = false): CraftEntry[] {
  const bytes = Buffer.from(compact ? JSON.stringify(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
  const entries: CraftEntry[] = [{ name: MANIFEST_ENTRY, data: bytes }];
  if (key) entries.push({ name: SIGNATURE_ENTRY, data: JSON.stringify(signManifest(bytes, key.privateKey)) });
  return entries;
}
