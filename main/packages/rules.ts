/**
 * The pure rules a package must pass, apart from any I/O: what an archive entry may be called and be, the
 * caps on a package's size, and whether a package may replace the live version. The streaming reader
 * (reader.ts) and the installer (store.ts) ask these; the tests beside them list every case.
 */
import {
  compareSemver,
  MANIFEST_ENTRY,
  SIGNATURE_ENTRY,
  type PackageManifest,
  type Refusal,
} from '../common/packages';

/** Limits on one package, enforced on the manifest and again on every entry while it streams. */
export interface PackageCaps {
  /** Entries in the archive (content files; manifest and signature not counted). */
  maxEntries: number;
  /** All files expanded, in bytes. */
  maxTotalBytes: number;
  /** Expanded bytes per compressed byte, once more than `ratioFloorBytes` have been expanded. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** manifest.json and manifest.sig, in bytes. */
  maxManifestBytes: number;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * 20,000 files (the sample has 59; a 1,000-story exhibit about 3,000), 4 GB expanded, and no more than 200
 * expanded bytes per compressed byte (text compresses about 5:1, photographs and sound barely at all).
 */
export const DEFAULT_CAPS: PackageCaps = {
  maxEntries: 20_000,
  maxTotalBytes: 4 * GB,
  maxRatio: 200,
  ratioFloorBytes: 16 * MB,
  maxManifestBytes: 16 * MB,
};

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${Number((bytes / GB).toFixed(1))} GB`;
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const refuse = (code: Refusal['code'], message: string): Refusal => ({ code, message });

/** Control characters and quotes shown safely in a message. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}

/**
 * Whether an entry name is a safe relative path inside the package: forward slashes only, no absolute
 * path or drive letter, no "." or ".." segment, no empty segment, no control character, not the
 * manifest's own names. Returns the refusal, or null when the name is safe.
 */
export function checkEntryName(name: string): Refusal | null {
  const q = quoteName(name);
  if (name.length === 0) return refuse('unsafe-path', 'An entry has no name.');
  if (name.length > 512)
    return refuse('unsafe-path', `The entry ${q} has a name longer than 512 characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name))
    return refuse('unsafe-path', `The entry ${q} has a control character in its name.`);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name))
    return refuse('unsafe-path', `The entry ${q} is an absolute path; a package holds only relative paths.`);
  if (name.includes('\\'))
    return refuse('unsafe-path', `The entry ${q} uses a backslash; a package uses forward slashes only.`);
  const segments = name.split('/');
  if (segments.includes('..'))
    return refuse('unsafe-path', `The entry ${q} points outside the package (".." in its path).`);
  if (segments.some((s) => s === '' || s === '.'))
    return refuse('unsafe-path', `The entry ${q} has an empty or "." part in its path.`);
  return null;
}

/** tar entry types a package may not hold, with the words for them. */
const LINK_TYPES: Record<string, string> = { symlink: 'a symbolic link', link: 'a hard link' };
const SPECIAL_TYPES: Record<string, string> = {
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a named pipe',
  directory: 'a folder entry',
  'contiguous-file': 'a contiguous file',
};

/** Whether an entry's type may be in a package: only regular files. */
export function checkEntryType(name: string, type: string | null | undefined): Refusal | null {
  const t = type ?? 'file';
  if (t === 'file') return null;
  const q = quoteName(name);
  if (LINK_TYPES[t])
    return refuse('link-entry', `The entry ${q} is ${LINK_TYPES[t]}; a package holds only files.`);
  return refuse(
    'special-entry',
    `The entry ${q} is ${SPECIAL_TYPES[t] ?? `of type "${t}"`}; a package holds only files.`,
  );
}

/** The manifest's own promises, checked before any content is read. */
export function checkManifestAgainstCaps(manifest: PackageManifest, caps: PackageCaps): Refusal | null {
  if (manifest.files.length > caps.maxEntries)
    return refuse(
      'too-many-entries',
      `The package lists ${manifest.files.length.toLocaleString('en')} files; a kiosk accepts at most ${caps.maxEntries.toLocaleString('en')}.`,
    );
  const seen = new Set<string>();
  let total = 0;
  for (const file of manifest.files) {
    const badName = checkEntryName(file.path);
    if (badName) return badName;
    if (file.path === MANIFEST_ENTRY || file.path === SIGNATURE_ENTRY)
      return refuse('duplicate-entry', `The manifest lists ${quoteName(file.path)} as a content file.`);
    if (seen.has(file.path))
      return refuse('duplicate-entry', `The manifest lists ${quoteName(file.path)} twice.`);
    seen.add(file.path);
    total += file.size;
    if (total > caps.maxTotalBytes)
      return refuse(
        'too-large',
        `The package expands to more than ${formatBytes(caps.maxTotalBytes)} (the most a kiosk accepts).`,
      );
  }
  return null;
}

/** What the reader knows when the next entry's header arrives. */
export interface StreamTally {
  entries: number;
  expandedBytes: number;
  compressedBytes: number;
}

/** Caps checked while the archive streams: after each header and after each chunk. */
export function checkTally(tally: StreamTally, caps: PackageCaps): Refusal | null {
  if (tally.entries > caps.maxEntries)
    return refuse(
      'too-many-entries',
      `The package has more than ${caps.maxEntries.toLocaleString('en')} entries (the most a kiosk accepts).`,
    );
  if (tally.expandedBytes > caps.maxTotalBytes)
    return refuse(
      'too-large',
      `The package expands to more than ${formatBytes(caps.maxTotalBytes)} (the most a kiosk accepts).`,
    );
  if (
    tally.expandedBytes > caps.ratioFloorBytes &&
    tally.expandedBytes > caps.maxRatio * Math.max(1, tally.compressedBytes)
  )
    return refuse(
      'ratio',
      `The package expands more than ${caps.maxRatio} times its compressed size (a decompression bomb); it was stopped after ${formatBytes(tally.expandedBytes)}.`,
    );
  return null;
}

/** An entry's declared size against its line in the manifest, before its bytes are read. */
export function checkDeclaredSize(
  name: string,
  declared: number,
  listed: number,
  caps: PackageCaps,
): Refusal | null {
  if (declared > caps.maxTotalBytes)
    return refuse(
      'too-large',
      `The entry ${quoteName(name)} declares ${formatBytes(declared)}, more than a kiosk accepts (${formatBytes(caps.maxTotalBytes)}).`,
    );
  if (declared !== listed)
    return refuse(
      'size-mismatch',
      `The file ${quoteName(name)} is ${formatBytes(declared)} in the archive but ${formatBytes(listed)} in the manifest.`,
    );
  return null;
}

/** What is live on this kiosk now, for the version rule. */
export interface LiveVersion {
  exhibitId: string;
  version: number;
}

/**
 * Whether a package may be installed over the live version: same exhibit, a higher version (never a
 * downgrade; rollback is its own action), and a kiosk new enough to show it.
 */
export function checkVersionRule(
  manifest: Pick<PackageManifest, 'exhibitId' | 'version' | 'minKioskVersion'>,
  live: LiveVersion | null,
  kioskVersion: string,
): Refusal | null {
  if (compareSemver(kioskVersion, manifest.minKioskVersion) < 0)
    return refuse(
      'kiosk-too-old',
      `This package needs kiosk software ${manifest.minKioskVersion} or newer; this kiosk runs ${kioskVersion}.`,
    );
  if (!live) return null;
  if (manifest.exhibitId !== live.exhibitId)
    return refuse(
      'other-exhibit',
      `This package is for the exhibit "${manifest.exhibitId}"; this kiosk shows "${live.exhibitId}".`,
    );
  if (manifest.version < live.version)
    return refuse(
      'older-version',
      `This package is version ${manifest.version}, older than the version ${live.version} this kiosk shows; to go back, use rollback on the staff screen.`,
    );
  if (manifest.version === live.version)
    return refuse('same-version', `Version ${manifest.version} is already what this kiosk shows.`);
  return null;
}
