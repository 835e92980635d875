/**
 * The content worker: loads and checks one package in a worker thread and posts the result back, so a
 * hostile or enormous package can cost the kiosk a worker (stopped at its time and memory budget, see
 * inWorker.ts) but never its main thread. Bundled for Electron as out/main/contentWorker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadExhibitPackage } from '.';
import type { WorkerReply, WorkerRequest } from './inWorker';

const request = workerData as WorkerRequest;
const reply = (message: WorkerReply) => parentPort?.postMessage(message);

loadExhibitPackage(request.mediaDir, request.options).then(
  (result) => reply({ type: 'done', result }),
  (error: unknown) =>
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
