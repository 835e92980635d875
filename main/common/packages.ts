/**
 * Content packages (issue 15), the parts both processes and the tools share: the manifest inside every
 * `.kioskpkg` file, the names of the reasons a package is refused, and what the staff screen lists.
 * Part of the contract: no Node, no DOM.
 *
 * A package is one gzip-compressed tar file, `<exhibit-id>-<version>.kioskpkg`. Its first entry is
 * `manifest.json`, its second `manifest.sig` (the detached Ed25519 signature of the manifest's exact bytes),
 * then one entry per content file, each listed in the manifest with its size and SHA-256. The reader and
 * writer are main/packages/; docs/fleet.md explains it for technicians.
 */
import { z } from 'zod';

/** The archive's first two entries. */
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const PACKAGE_EXTENSION = '.kioskpkg';
export const MANIFEST_FORMAT = 1;

const SHA256 = /^[0-9a-f]{64}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
/** An exhibit id as exhibit.yaml allows it: lower-case letters, digits and hyphens. */
const EXHIBIT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const manifestFileSchema = z.strictObject({
  /** Path inside the package, with forward slashes, e.g. "photos/rabe.jpg". */
  path: z.string().min(1).max(512),
  size: z.number().int().min(0),
  sha256: z.string().regex(SHA256, { error: 'expected 64 lower-case hex digits' }),
});

export const packageManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  exhibitId: z.string().regex(EXHIBIT_ID, { error: 'expected an exhibit id such as "nanjing-safety-zone"' }),
  /** The package's version: a whole number that only ever increases for one exhibit. */
  version: z.number().int().min(1).max(1_000_000_000),
  /** exhibit.yaml's own `version` (what curators wrote), for people to read. */
  exhibitVersion: z.string().max(64),
  /** ISO 8601 time of publishing. */
  created: z.iso.datetime({ offset: true }),
  /** Who published it: the staff computer's user, or --by. */
  createdBy: z.string().min(1).max(200),
  /** The lowest kiosk software version that can show this package ("0.1.0"). */
  minKioskVersion: z.string().regex(SEMVER, { error: 'expected a version such as "0.1.0"' }),
  /** The content checker's findings when the package was published. */
  checker: z.strictObject({
    errors: z.number().int().min(0),
    warnings: z.number().int().min(0),
    drafts: z.number().int().min(0),
    placeholders: z.number().int().min(0),
  }),
  files: z.array(manifestFileSchema),
});

export type PackageManifest = z.output<typeof packageManifestSchema>;
export type ManifestFile = PackageManifest['files'][number];

/** `manifest.sig`: which key signed, and the signature of manifest.json's exact bytes. */
export const packageSignatureSchema = z.strictObject({
  algorithm: z.literal('ed25519'),
  /** The signer's public key, "ed25519:" + base64url of its 32 bytes (as in kiosk.yaml's trusted keys). */
  publicKey: z.string().regex(/^ed25519:[A-Za-z0-9_-]{43}$/),
  /** base64 of the 64-byte signature. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type PackageSignature = z.output<typeof packageSignatureSchema>;

/** Every reason a package is refused; each has one sentence in docs/fleet.md. */
export const REFUSAL_CODES = [
  'not-a-package',
  'manifest-missing',
  'manifest-invalid',
  'unsigned',
  'untrusted-key',
  'bad-signature',
  'unsafe-path',
  'link-entry',
  'special-entry',
  'duplicate-entry',
  'unlisted-entry',
  'too-many-entries',
  'too-large',
  'ratio',
  'size-mismatch',
  'hash-mismatch',
  'missing-file',
  'truncated',
  'server-error',
  'outside-network',
  'stalled',
  'index-invalid',
  'disk-full',
  'checker-errors',
  'other-exhibit',
  'older-version',
  'same-version',
  'kiosk-too-old',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** One plain sentence for the staff screen and the log. */
  message: string;
}

/**
 * The publish folder's index, `latest.json`, which content:publish rewrites next to the packages: the newest
 * package of each exhibit, with its file name (in the same folder), size and SHA-256. A kiosk polling the
 * museum's network (packages.updateUrl) reads it, downloads the package it names only when it is newer than
 * every version the kiosk holds, and checks the file's size and hash before verifying it like any other
 * package. The index itself is not signed: the package is, and is verified in full; the index only says
 * which file to fetch. Unknown fields are ignored (a later publisher may add some).
 */
export const UPDATE_INDEX_FILE = 'latest.json';
export const UPDATE_INDEX_FORMAT = 1;

export const updateIndexEntrySchema = z.object({
  exhibitId: z.string().regex(EXHIBIT_ID),
  version: z.number().int().min(1).max(1_000_000_000),
  /** The package's file name in the same folder: "<exhibit-id>-<version>.kioskpkg", never a path. */
  file: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}-\d{1,10}\.kioskpkg$/, {
    error: 'expected a package file name such as "nanjing-safety-zone-4.kioskpkg"',
  }),
  size: z.number().int().min(0),
  sha256: z.string().regex(SHA256, { error: 'expected 64 lower-case hex digits' }),
  created: z.string().max(64).optional(),
});
export const updateIndexSchema = z.object({
  format: z.literal(UPDATE_INDEX_FORMAT),
  packages: z.array(updateIndexEntrySchema).max(1000),
});
export type UpdateIndex = z.output<typeof updateIndexSchema>;
export type UpdateIndexEntry = UpdateIndex['packages'][number];

/**
 * One check of the museum's network for a newer package, as the staff screen shows it:
 *   staged: a newer version was downloaded, verified and waits for the next attract loop;
 *   up-to-date: the index names nothing newer than what the kiosk holds;
 *   not-modified: the index is unchanged since the last check (the server answered 304);
 *   refused: the index or the package was refused (reason: why; the version on screen is untouched);
 *   server-error: no server, or an answer other than 200 or 304.
 */
export interface UpdateCheck {
  /** ISO 8601 time the check began. */
  at: string;
  result: 'staged' | 'up-to-date' | 'not-modified' | 'refused' | 'server-error';
  reason: RefusalCode | null;
  /** One plain sentence. */
  message: string;
  /** The version the index offered, when it was read. */
  offered: number | null;
  /** How long the check took, in milliseconds. */
  tookMs: number;
}

/** The kiosk's checks of the museum's network (packages.updateUrl). */
export interface UpdateStatus {
  url: string;
  last: UpdateCheck | null;
  /** ISO 8601 time of the next check. */
  nextAt: string | null;
  /** Checks that failed in a row (each one doubles the wait, up to a ceiling). */
  failuresInARow: number;
}

/** One installed version, as the staff screen lists it. */
export interface InstalledVersion {
  exhibitId: string;
  version: number;
  exhibitVersion: string;
  created: string;
  createdBy: string;
  /**
   * live: shown now; staged: verified and waiting for the next attract loop; previous: kept for rollback;
   * rolledBack: left by a rollback, kept but never shown again by itself.
   */
  state: 'live' | 'staged' | 'previous' | 'rolledBack';
}

/** File name of a published package: "nanjing-safety-zone-3.kioskpkg". */
export function packageFileName(exhibitId: string, version: number): string {
  return `${exhibitId}-${version}${PACKAGE_EXTENSION}`;
}

/** Compare two "major.minor.patch" versions: negative, zero or positive. */
export function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
