/**
 * The checker as the editor runs it: the kiosk's own loader (`npm run content:check` runs the same), once
 * in full when the editor starts, then after every save without decoding the images again (decoding every
 * photograph takes seconds; a save of a text changes no image). The image problems of the first run are
 * kept beside the later runs' for files whose bytes have not changed since.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadExhibitPackage } from '../content/load';
import type { Problem } from '../content/problems';

const key = (p: Problem) => `${p.file}\0${p.code}\0${p.field ?? ''}\0${p.message}`;

/** The problems only a full run finds (image decoding): in `full`, not in `fast`. Pure. */
export function imageOnlyProblems(full: readonly Problem[], fast: readonly Problem[]): Problem[] {
  const seen = new Set(fast.map(key));
  return full.filter((p) => !seen.has(key(p)));
}

export function createChecker(contentDir: string, derivedDir: string): () => Promise<Problem[]> {
  let imageOnly: { problem: Problem; mtimeMs: number | null }[] | null = null;
  const mtime = async (file: string) =>
    stat(path.join(contentDir, ...file.split('/'))).then(
      (s) => s.mtimeMs,
      () => null,
    );
  return async () => {
    const fast = (await loadExhibitPackage(contentDir, { derivedDir, decodeImages: false })).problems;
    if (imageOnly === null) {
      const full = (await loadExhibitPackage(contentDir, { derivedDir })).problems;
      imageOnly = await Promise.all(
        imageOnlyProblems(full, fast).map(async (problem) => ({
          problem,
          mtimeMs: await mtime(problem.file),
        })),
      );
      return full;
    }
    const kept: Problem[] = [];
    for (const { problem, mtimeMs } of imageOnly)
      if ((await mtime(problem.file)) === mtimeMs) kept.push(problem);
    return [...fast, ...kept];
  };
}
