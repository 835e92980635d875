/**
 * The handler's path rule lives in main/files/safePath.ts, where the content loader and checker use the
 * very same rule for every read of content (issue 10, point 3).
 */
export { resolveInside, safeRelativePath } from '../files/safePath';
