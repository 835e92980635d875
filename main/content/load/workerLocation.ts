/**
 * Where the content worker's code is. The content service starts it from the location its host gives:
 * the Electron host passes the bundled `out/main/contentWorker.cjs` (scripts/build.ts); the preview, the
 * scripts and the tests run from the TypeScript sources under tsx, and pass `contentWorkerFromSource()`.
 */
import { createRequire } from 'node:module';
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
