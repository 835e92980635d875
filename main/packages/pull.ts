/**
 * One check of the museum's network for a newer package (issue 15), carried out: read the publish folder's
 * index (latest.json) with the last ETag, let updates.ts decide, download the one package it names
 * (bounded: download.ts), check the file's size and SHA-256 against the index, and stage it through the
 * store exactly as a package from a USB stick is staged (signature, every file, the checker, the version
 * rule). The kiosk switches to it at the next attract loop, as to any staged version. Nothing here makes a
 * version live, and nothing is kept of a refused download.
 *
 * The downloads go into `<packages>/downloads/`, emptied before and after each check.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Refusal, UpdateCheck } from '../common/packages';
import { downloadPackage, type DownloadOutcome } from './download';
import { outsideMuseumNetwork } from './museumNetwork';
import { hashFile } from './publish';
import type { PackageStore } from './store';
import { chooseFromIndex, etagToKeep, remembersRefusal } from './updates';

export interface PullLimits {
  /** The whole package download. */
  downloadMs: number;
  /** The longest wait for the next chunk. */
  stallMs: number;
  maxBytes: number;
}

/** What one check leaves for the next: the index's ETag, and a package refused for what it holds. */
export interface PullMemory {
  etag: string | null;
  refusedBefore: { sha256: string; refusal: Refusal } | null;
}

export const FRESH_MEMORY: PullMemory = { etag: null, refusedBefore: null };

/** The index is small: at most 1 MB, within a minute (or the download's own limit if shorter). */
const INDEX_MAX_BYTES = 1024 * 1024;
const INDEX_MAX_MS = 60_000;

export async function pullOnce(options: {
  store: PackageStore;
  url: string;
  limits: PullLimits;
  memory: PullMemory;
  now: () => number;
}): Promise<{ check: UpdateCheck; memory: PullMemory }> {
  const { store, url, limits, memory, now } = options;
  const started = now();
  const downloads = path.join(store.dir, 'downloads');
  let fetchedEtag: string | null = null;
  let refusedBefore = memory.refusedBefore;
  const done = (
    result: UpdateCheck['result'],
    message: string,
    reason: Refusal['code'] | null = null,
    offered: number | null = null,
  ) => ({
    check: {
      at: new Date(started).toISOString(),
      result,
      reason,
      message,
      offered,
      tookMs: Math.max(0, now() - started),
    },
    memory: { etag: etagToKeep(memory.etag, fetchedEtag, result), refusedBefore },
  });
  const failed = (outcome: Extract<DownloadOutcome, { status: 'refused' }>, offered: number | null) =>
    outcome.refusal.code === 'server-error'
      ? done('server-error', outcome.refusal.message, 'server-error', offered)
      : done('refused', outcome.refusal.message, outcome.refusal.code, offered);

  await rm(downloads, { recursive: true, force: true });
  await mkdir(downloads, { recursive: true });
  try {
    // Only the museum's own network, ever: nothing is sent to a server outside it.
    const outside = await outsideMuseumNetwork(url);
    if (outside) return done('refused', outside, 'outside-network');
    const indexFile = path.join(downloads, 'latest.json');
    const index = await downloadPackage({
      url,
      target: indexFile,
      etag: memory.etag,
      timeoutMs: Math.min(INDEX_MAX_MS, limits.downloadMs),
      stallMs: limits.stallMs,
      maxBytes: INDEX_MAX_BYTES,
    });
    if (index.status === 'not-modified')
      return done('not-modified', 'The server answered 304: latest.json is unchanged.');
    if (index.status === 'refused') return failed(index, null);
    fetchedEtag = index.etag;

    const state = await store.state();
    const held = state.whole.map((w) => ({ exhibitId: w.manifest.exhibitId, version: w.manifest.version }));
    const live = state.live
      ? { exhibitId: state.live.manifest.exhibitId, version: state.live.manifest.version }
      : null;
    const choice = chooseFromIndex({
      indexText: await readFile(indexFile, 'utf8'),
      indexUrl: url,
      live,
      held,
      maxBytes: limits.maxBytes,
      refusedBefore,
    });
    if (choice.kind === 'up-to-date') return done('up-to-date', choice.message, null, choice.offered);
    if (choice.kind === 'refused')
      return done('refused', choice.refusal.message, choice.refusal.code, choice.offered);

    const { entry } = choice;
    const packageFile = path.join(downloads, entry.file);
    const got = await downloadPackage({
      url: choice.url,
      target: packageFile,
      timeoutMs: limits.downloadMs,
      stallMs: limits.stallMs,
      maxBytes: limits.maxBytes,
    });
    if (got.status === 'not-modified')
      return done(
        'server-error',
        `The server answered 304 for ${entry.file}, asked without an ETag.`,
        'server-error',
        entry.version,
      );
    if (got.status === 'refused') return failed(got, entry.version);
    const { sha256, size } = await hashFile(packageFile);
    if (size !== entry.size)
      return done(
        'refused',
        `The download of version ${entry.version} has ${size} bytes; the index says ${entry.size}.`,
        'size-mismatch',
        entry.version,
      );
    if (sha256 !== entry.sha256)
      return done(
        'refused',
        `The download of version ${entry.version} differs from what the index lists (SHA-256).`,
        'hash-mismatch',
        entry.version,
      );

    // From here on, exactly the path of a package from a USB stick.
    const staged = await store.stage({ stream: createReadStream(packageFile), name: entry.file });
    if (!staged.ok) {
      if (remembersRefusal(staged.refusal.code)) refusedBefore = { sha256, refusal: staged.refusal };
      return done('refused', staged.refusal.message, staged.refusal.code, entry.version);
    }
    refusedBefore = null;
    return done(
      'staged',
      `Version ${staged.version.manifest.version} was downloaded and verified; it goes on screen at the next attract loop.`,
      null,
      entry.version,
    );
  } catch (error) {
    // Something on this kiosk (its disk), not the server nor the package.
    const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
    return done('refused', `The check failed on this kiosk: ${String(error)}`, full ? 'disk-full' : null);
  } finally {
    await rm(downloads, { recursive: true, force: true });
  }
}
