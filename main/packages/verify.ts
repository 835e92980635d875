/**
 * Checking a package exactly as a kiosk would, without installing it: the same streaming reader (signature,
 * hashes, sizes, archive safety, caps), into a temporary folder that is removed afterwards, then the same
 * checker, then — when the kiosk-config names a packages folder with a live version — the version rule.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PackageManifest, Refusal } from '../common/packages';
import { checkerRefusal, type Checker } from './checker';
import type { TrustPolicy } from './keys';
import { extractPackage } from './reader';
import { checkVersionRule, DEFAULT_CAPS, type LiveVersion, type PackageCaps } from './rules';

export interface VerifyOptions {
  trust: TrustPolicy;
  checker: Checker;
  kioskVersion: string;
  /** The kiosk's live version, when known: an older or equal package is refused as the kiosk would. */
  live?: LiveVersion | null;
  caps?: PackageCaps;
  /** Where the temporary folder goes (default: the system's). */
  tempDir?: string;
}

export type VerifyOutcome = { ok: true; manifest: PackageManifest } | { ok: false; refusal: Refusal };

export async function verifyPackageFile(file: string, options: VerifyOptions): Promise<VerifyOutcome> {
  const temp = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'kioskpkg-verify-'));
  try {
    const outcome = await extractPackage(createReadStream(file), {
      trust: options.trust,
      caps: options.caps ?? DEFAULT_CAPS,
      destDir: temp,
      onManifest: (manifest) => checkVersionRule(manifest, options.live ?? null, options.kioskVersion),
    });
    if (!outcome.ok) return outcome;
    const refusal = checkerRefusal(await options.checker(temp), outcome.manifest);
    if (refusal) return { ok: false, refusal };
    return { ok: true, manifest: outcome.manifest };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
