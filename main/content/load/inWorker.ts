/**
 * Loading a package in a worker thread with a time and a memory budget. A load past its time is
 * terminated; one that needs more memory than its budget is stopped by V8's heap limit for the worker
 * (resourceLimits), which ends only the worker. Either way the caller gets a plain sentence and the main
 * thread never waited on the package.
 */
import { Worker } from 'node:worker_threads';
import type { LoadOptions, LoadResult } from './types';
import type { ContentWorkerLocation } from './workerLocation';

export interface LoadBudget {
  /** How long a load may take, start of the worker included. */
  timeMs: number;
  /** The worker's JavaScript heap (V8's old generation), in MB. */
  memoryMb: number;
}

/** 60 s (a large exhibit on a slow kiosk computer must still load), and a heap of 384 MB (the whole kiosk then stays under about 512 MB while a package loads). */
export const DEFAULT_LOAD_BUDGET: LoadBudget = { timeMs: 60_000, memoryMb: 384 };

/** What the worker is given: everything but functions (the URLs are the default ones). */
export interface WorkerRequest {
  mediaDir: string;
  options: Omit<LoadOptions, 'urlFor'>;
}

export type WorkerReply = { type: 'done'; result: LoadResult } | { type: 'failed'; message: string };

export type WorkerLoad =
  | { status: 'done'; result: LoadResult }
  | { status: 'over-time' | 'over-memory' | 'failed'; message: string };

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function loadInWorker(
  request: WorkerRequest,
  location: ContentWorkerLocation,
  budget: Partial<LoadBudget> = {},
): Promise<WorkerLoad> {
  const { timeMs, memoryMb } = { ...DEFAULT_LOAD_BUDGET, ...budget };
  return new Promise<WorkerLoad>((resolve) => {
    let outcome: WorkerLoad | null = null;
    const finish = (result: WorkerLoad) => {
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const worker = new Worker(location.file, {
      workerData: request,
      ...(location.execArgv ? { execArgv: location.execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: false,
      stderr: false,
    });
    const timer = setTimeout(
      () =>
        finish({
          status: 'over-time',
          message: `loading the content took longer than ${seconds(timeMs)} and was stopped`,
        }),
      timeMs,
    );
    worker.on('message', (reply: WorkerReply) =>
      finish(
        reply.type === 'done'
          ? { status: 'done', result: reply.result }
          : { status: 'failed', message: `the content loader failed: ${reply.message}` },
      ),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              status: 'over-memory',
              message: `loading the content needed more than ${memoryMb} MB of memory and was stopped`,
            }
          : { status: 'failed', message: `the content loader failed: ${error.message}` },
      ),
    );
    worker.on('exit', (code) =>
      finish({ status: 'failed', message: `the content loader stopped unexpectedly (exit code ${code})` }),
    );
  });
}
