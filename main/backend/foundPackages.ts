/**
 * The staff screen's packages on a USB stick or in a folder (issue 15, docs/fleet.md): the watched folders
 * are looked in each time staff open the list; each file found is checked as an install would check it
 * (remembered per file, its size and time, and the version on screen), and staff stage one with a tap.
 * The staged version goes on screen at the next attract loop, as one from the network does.
 */
import path from 'node:path';
import type { FoundPackage, FoundPackages, StaffActionResult } from '../common/api';
import { FOLDER_LOOK_LIMITS, foundRef, lookInFolders, type FoundFile } from '../packages/folders';
import type { PackageStore } from '../packages/store';
import type { ContentLog } from './contentService';

export interface FoundPackagesOptions {
  store: Pick<PackageStore, 'verify' | 'stage' | 'state'>;
  folders: string[];
  depth: number;
  log: ContentLog;
  /** A version was staged: look at the packages folder now (the runtime's check). */
  staged(): Promise<void>;
}

export interface FoundPackagesService {
  list(): Promise<FoundPackages>;
  install(ref: string): Promise<StaffActionResult>;
}

export function createFoundPackages(options: FoundPackagesOptions): FoundPackagesService {
  const { store, log } = options;
  const limits = { ...FOLDER_LOOK_LIMITS, depth: options.depth };
  /** Checks already made, by file (ref) and the version on screen then (the version rule depends on it). */
  const checks = new Map<string, FoundPackage['check']>();
  /** One check or install at a time: each unpacks a whole package. */
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const liveKey = async () => (await store.state()).live?.folder ?? '-';

  async function checkOf(file: FoundFile, ref: string): Promise<FoundPackage['check']> {
    const key = `${ref}:${await liveKey()}`;
    const known = checks.get(key);
    if (known) return known;
    let check: FoundPackage['check'];
    try {
      const outcome = await store.verify(file.path);
      check = outcome.ok
        ? {
            ok: true,
            exhibitId: outcome.manifest.exhibitId,
            version: outcome.manifest.version,
            exhibitVersion: outcome.manifest.exhibitVersion,
            created: outcome.manifest.created,
            createdBy: outcome.manifest.createdBy,
          }
        : { ok: false, message: outcome.refusal.message };
    } catch (error) {
      // Taken out while being read, or a read error on the stick: not remembered, looked at again next time.
      return { ok: false, message: `The file could not be read: ${String(error)}` };
    }
    if (checks.size > 200) checks.clear();
    checks.set(key, check);
    return check;
  }

  async function look(): Promise<{ file: FoundFile; ref: string }[]> {
    return (await lookInFolders(options.folders, limits)).map((file) => ({ file, ref: foundRef(file) }));
  }

  return {
    list: () =>
      inTurn(async () => {
        const packages: FoundPackage[] = [];
        for (const { file, ref } of await look())
          packages.push({
            ref,
            fileName: path.basename(file.path),
            folder: path.dirname(file.path),
            size: file.size,
            modified: new Date(file.modifiedMs).toISOString(),
            check: await checkOf(file, ref),
          });
        return { enabled: true, folders: options.folders, packages };
      }),
    install: (ref) =>
      inTurn(async () => {
        // Only a file the kiosk itself finds again, unchanged since it was listed.
        const found = (await look()).find((f) => f.ref === ref);
        if (!found)
          return {
            ok: false,
            message:
              'That package is no longer there, or it changed since the list was made (was the USB stick taken out?). Look again.',
          };
        const name = path.basename(found.file.path);
        const outcome = await store.stage(found.file.path);
        if (!outcome.ok) {
          log.warn(
            `packages: ${name} from ${path.dirname(found.file.path)} was refused: ${outcome.refusal.message}`,
          );
          return { ok: false, message: `Not installed: ${outcome.refusal.message}` };
        }
        const { version } = outcome.version.manifest;
        log.info(`packages: staff installed version ${version} from ${found.file.path}`);
        await options.staged();
        return {
          ok: true,
          message: `Version ${version} is installed. It goes on screen at the next attract loop, when no visitor is using the kiosk. The USB stick can be taken out now.`,
        };
      }),
  };
}
