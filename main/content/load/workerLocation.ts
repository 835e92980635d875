/**
 * Where the content worker's code is. The content service starts it from the location its host gives:
 * the Electron host passes the bundled `out/main/contentWorker.cjs` (scripts/build.ts); the preview, the
 * scripts and the tests run from the TypeScript sources under tsx, and pass `contentWorkerFromSource()`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ContentWorkerLocation {
  /** The worker's entry file. */
  file: string;
  /** Node options for the worker thread (e.g. the TypeScript loader). */
  execArgv?: string[];
}

/** A TypeScript worker file, run with tsx's loader. */
export function tsxWorker(file: string): ContentWorkerLocation {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { file, execArgv: ['--import', pathToFileURL(tsx).href] };
}

/** The content worker from its TypeScript source (main/content/load/worker.ts), for tsx and tests. */
export function contentWorkerFromSource(): ContentWorkerLocation {
  return tsxWorker(fileURLToPath(new URL('./worker.ts', import.meta.url)));
}

/**
 * The bundled worker that `npm run build` writes (`out/main/contentWorker.cjs`), when it is there: it
 * starts in a fraction of the time the TypeScript source needs under tsx (seconds on a busy machine, at
 * every reload). The preview and the end-to-end servers use it beside the built renderer they serve.
 */
export function contentWorkerBuilt(outMainDir = 'out/main'): ContentWorkerLocation | null {
  const file = path.resolve(outMainDir, 'contentWorker.cjs');
  return existsSync(file) ? { file } : null;
}
