/**
 * The kiosk's backend for the simulated week (issue 18), in a process of its own so that its memory and
 * open files can be measured from outside and it can be killed and started again, as Electron's main
 * process is. It is the preview host (the one backend on loopback) with two things only the soak needs:
 *   - the clock is the simulated one, sent by the driver over IPC ({ clock: epochMs });
 *   - every log line goes to a log file at once (appended synchronously, so a kill loses nothing), with a
 *     running number per start, and each heartbeat from the page is passed to the driver's watchdog.
 *
 * Started by tests/soak/week.ts with `--import tsx` and these arguments:
 *   --port N --renderer DIR --media DIR --config DIR --derived DIR --data DIR --log FILE --now EPOCH_MS
 *   [--worker FILE]
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getHeapSnapshot } from 'node:v8';
import { startPreviewServer } from '../../main/preview/previewServer';
import { sumSnapshot } from '../support/heapBreakdown';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    renderer: { type: 'string' },
    media: { type: 'string' },
    config: { type: 'string' },
    derived: { type: 'string' },
    data: { type: 'string' },
    log: { type: 'string' },
    now: { type: 'string' },
    worker: { type: 'string' },
  },
});

const required = (name: keyof typeof values): string => {
  const value = values[name];
  if (typeof value !== 'string') throw new Error(`backendChild: --${name} is required`);
  return value;
};

let simulatedNow = Number(required('now'));
const logFile = required('log');
let line = 0;
let unwritten = 0;

/** One line to the log file, written before this returns; a full disk loses the line, never the kiosk. */
function write(level: string, message: string): void {
  line += 1;
  const text = `${new Date(simulatedNow).toISOString()} ${level} #${line} ${message.replace(/\n/g, ' | ')}\n`;
  try {
    appendFileSync(logFile, text);
  } catch {
    unwritten += 1;
  }
}

/**
 * The JS heap after a full collection (started with --expose-gc), so what it shows is what is held, not
 * garbage not yet collected; and a heap snapshot of it, summed as the page's is: the objects the backend
 * keeps, apart from the code V8 compiles as more of the backend runs hot.
 */
async function measureMemory(): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const heapUsed = process.memoryUsage().heapUsed;
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const { objectsKB, codeKB } = sumSnapshot(JSON.parse(chunks.join('')));
  process.send?.({ memory: { heapUsed, objectsKB, codeKB, collected: collect !== undefined } });
}

process.on('message', (message: { clock?: number; memory?: boolean }) => {
  if (typeof message.clock === 'number') simulatedNow = message.clock;
  // The driver measures memory every simulated hour, with the page at rest.
  if (message.memory) void measureMemory();
});

const server = await startPreviewServer({
  rendererDir: required('renderer'),
  mediaDir: required('media'),
  configDir: required('config'),
  derivedDir: required('derived'),
  dataDir: required('data'),
  port: Number(required('port')),
  now: () => simulatedNow,
  log: {
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  },
  onHeartbeat: () => process.send?.({ heartbeat: true }),
  // The bundled worker `npm run build` writes, as Electron runs it (the driver passes it when it is there).
  ...(values.worker ? { contentWorker: { file: values.worker } } : {}),
});
write('info', `backend started (pid ${process.pid}) at ${server.url}`);
process.send?.({ ready: server.url });

const stop = () => {
  write('info', `backend stopping (pid ${process.pid}); ${unwritten} line(s) could not be written`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
