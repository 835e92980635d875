/**
 * Which installed version is live, which is staged and which are kept for rollback: a pure decision over
 * the pointer file's content and the version folders that are whole. store.ts reads the disk and asks this.
 *
 * The rule, in order:
 *   - no pointer at all (nothing ever switched to): nothing is live (the kiosk shows its media folder), and
 *     the newest whole version is staged;
 *   - the pointer names a whole version folder: that one is live;
 *   - otherwise (a damaged pointer, or its folder missing or partial): the newest whole version not
 *     above the pointer's and not rolled back from (else the newest whole one) is live, and the reason is said;
 *   - staged: the newest whole version above the live one, of the same exhibit, not rolled back from;
 *   - previous: the whole versions below the live one, newest first (rollback goes to the first).
 */
import { z } from 'zod';
import type { PackageManifest } from '../common/packages';

export const POINTER_FILE = 'live.json';

export const pointerSchema = z.strictObject({
  format: z.literal(1),
  /** The live version's folder name under versions/. */
  folder: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  exhibitId: z.string(),
  version: z.number().int().min(1),
  switchedAt: z.string(),
  /** Version folders staff rolled back from: never made live again by themselves. */
  rolledBack: z.array(z.string()).default([]),
});
export type Pointer = z.output<typeof pointerSchema>;

/** A version folder found whole on disk. */
export interface WholeVersion {
  folder: string;
  manifest: PackageManifest;
}

export interface LiveDecision {
  live: WholeVersion | null;
  staged: WholeVersion | null;
  previous: WholeVersion[];
  rolledBack: string[];
  /** Set when the pointer could not be followed and another version was chosen. */
  fellBack: string | null;
  /** Whether the pointer names the live version (false: none yet, or it could not be followed). */
  pointed: boolean;
}

const byVersionDesc = (a: WholeVersion, b: WholeVersion) => b.manifest.version - a.manifest.version;

export function decideLive(
  pointer: Pointer | null,
  pointerProblem: string | null,
  whole: readonly WholeVersion[],
): LiveDecision {
  const rolledBack = (pointer?.rolledBack ?? []).filter((f) => whole.some((w) => w.folder === f));
  const candidates = [...whole].sort(byVersionDesc);
  const usable = candidates.filter((w) => !rolledBack.includes(w.folder));
  if (!pointer && !pointerProblem) {
    // Nothing was ever switched to: nothing is live; the newest whole version waits to be switched to.
    return {
      live: null,
      staged: usable[0] ?? null,
      previous: [],
      rolledBack,
      fellBack: null,
      pointed: false,
    };
  }
  let live = pointer ? (candidates.find((w) => w.folder === pointer.folder) ?? null) : null;
  const pointed = live !== null;
  let fellBack: string | null = null;
  if (!live) {
    // After a lost pointer target, the newest version not above it (what was shown before it); else the newest.
    live =
      (pointer ? usable.find((w) => w.manifest.version <= pointer.version) : undefined) ??
      usable[0] ??
      candidates[0] ??
      null;
    if (pointer)
      fellBack = live
        ? `The live version ${pointer.version} (${pointer.folder}) is missing or incomplete; version ${live.manifest.version} is shown instead.`
        : `The live version ${pointer.version} (${pointer.folder}) is missing or incomplete, and no other version is whole.`;
    else
      fellBack = live
        ? `${pointerProblem ?? 'The pointer is damaged'}; version ${live.manifest.version}, the newest whole one, is shown.`
        : `${pointerProblem ?? 'The pointer is damaged'}, and no version is whole.`;
  }
  if (!live) return { live: null, staged: null, previous: [], rolledBack, fellBack, pointed };
  const current = live;
  const staged =
    usable.find(
      (w) =>
        w.manifest.version > current.manifest.version && w.manifest.exhibitId === current.manifest.exhibitId,
    ) ?? null;
  const previous = candidates.filter(
    (w) =>
      w.manifest.version < current.manifest.version && w.manifest.exhibitId === current.manifest.exhibitId,
  );
  return { live: current, staged, previous, rolledBack, fellBack, pointed };
}

/**
 * The version folders to delete after a switch: all but the live one, the staged one and the newest
 * `keep - 1` previous ones (so `keep` versions stay for rollback, the live one included). Pure.
 */
export function foldersToPrune(decision: LiveDecision, whole: readonly WholeVersion[], keep = 3): string[] {
  const kept = new Set<string>();
  if (decision.live) kept.add(decision.live.folder);
  if (decision.staged) kept.add(decision.staged.folder);
  for (const p of decision.previous.slice(0, Math.max(0, keep - 1))) kept.add(p.folder);
  return whole.map((w) => w.folder).filter((f) => !kept.has(f));
}

/** The name of a version's folder: exhibit, version and the start of the manifest's hash. */
export function versionFolderName(
  manifest: Pick<PackageManifest, 'exhibitId' | 'version'>,
  manifestSha256: string,
): string {
  return `${manifest.exhibitId}-${manifest.version}-${manifestSha256.slice(0, 12)}`;
}
