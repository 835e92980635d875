/**
 * A content worker for the content service's tests: the real one (main/content/load/worker.ts), except for
 * a package holding a file named STALL (the load then never finishes, as a loader stuck on a hostile file
 * would) or HOG (the load then takes memory until its budget stops it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { workerData } from 'node:worker_threads';

const { mediaDir } = workerData as { mediaDir: string };

if (existsSync(path.join(mediaDir, 'STALL'))) {
  while (Date.now() > 0) {
    // busy for ever: only the budget ends this load
  }
} else if (existsSync(path.join(mediaDir, 'HOG'))) {
  const hoard: number[][] = [];
  while (hoard.length >= 0) hoard.push(Array.from({ length: 100_000 }, (_, i) => i * Math.random()));
} else {
  await import('../../main/content/load/worker');
}
