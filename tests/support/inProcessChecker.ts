/**
 * The content checker without its worker thread, for tests that run it many times: the same loader
 * (loadExhibitPackage) and the same summary (main/packages/checker.ts `summarize`), in this process. The
 * worker's start-up (a TypeScript loader in a new thread) costs seconds on a busy machine; the worker
 * itself is tested in main/content/load and by the power-cut test's child process, which uses it.
 */
import { loadExhibitPackage } from '../../main/content/load';
import { summarize, type Checker } from '../../main/packages/checker';

export const inProcessChecker: Checker = async (folder) =>
  summarize(await loadExhibitPackage(folder, { derivedDir: `${folder}.no-derivatives` }));
