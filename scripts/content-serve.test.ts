/**
 * Over the museum's network, as a technician sets it up, each command in its own process: keys:create,
 * content:publish (which writes latest.json), content:serve on 127.0.0.1:4331, and a kiosk whose kiosk.yaml
 * names that address: its polling loop checks at once, pulls version 1, and later version 2; content:serve
 * answers the unchanged index with 304. Plus content:serve's command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateCheck } from '../main/common/packages';
import { createBackend } from '../main/backend/createBackend';
import { contentWorkerFromSource } from '../main/content/load/workerLocation';

const PORT = 4331;
let root = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'content-serve-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await rm(root, { recursive: true, force: true });
});

function start(
  script: string,
  args: string[],
): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts', script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

async function run(
  script: string,
  args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  const { child, out, err } = start(script, args);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out: out(), err: err() };
}

/** Resolves with the output once it contains `text` (the child said it), or rejects when the child ends. */
function said(proc: ReturnType<typeof start>, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const look = () => {
      if (proc.out().includes(text)) resolve(proc.out());
    };
    proc.child.stdout?.on('data', look);
    proc.child.on('close', (code) => reject(new Error(`ended (${code}): ${proc.out()}${proc.err()}`)));
    look();
  });
}

async function publish(version: number, key: string, out: string): Promise<void> {
  const content = path.join(root, `content-${version}`);
  await cp('tests/fixtures/valid', content, { recursive: true });
  const yaml = path.join(content, 'exhibit.yaml');
  await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^version: .*$/m, `version: 1.0.${version}`));
  const published = await run('content-publish.ts', [content, '--key', key, '--out', out, '--yes']);
  expect(published.code, published.err).toBe(0);
  expect(published.out).toContain(`${path.join(out, 'latest.json')} now names it`);
}

describe('content:serve', () => {
  it('serves a publish folder to a kiosk that pulls from it', async () => {
    const config = path.join(root, 'kiosk-config');
    await cp('tests/e2e/kiosk-config', config, { recursive: true });
    const key = path.join(root, 'key');
    expect((await run('keys-create.ts', ['--out', key, '--config', config])).code).toBe(0);
    const out = path.join(root, 'published');
    await publish(1, key, out);

    const server = start('content-serve.ts', [out, '--port', String(PORT)]);
    const banner = await said(server, 'Serving');
    expect(banner).toContain(`(read-only) at http://127.0.0.1:${PORT}/`);
    expect(banner).toContain(`packages.updateUrl: http://127.0.0.1:${PORT}/latest.json`);

    const yaml = path.join(config, 'kiosk.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace(
        /^packages:\n/m,
        `packages:\n  folder: ${path.join(root, 'packages')}\n  updateUrl: http://127.0.0.1:${PORT}/latest.json\n`,
      ),
    );
    // The kiosk checks at once when it starts (its polling loop, not the test, makes this check).
    let told: (check: UpdateCheck) => void = () => undefined;
    const firstCheck = new Promise<UpdateCheck>((resolve) => (told = resolve));
    const backend = createBackend({
      rendererDir: path.join(root, 'renderer'),
      mediaDir: path.resolve('tests/fixtures/valid'),
      configDir: config,
      derivedDir: path.join(root, 'derived'),
      dataDir: path.join(root, 'data'),
      log: {
        info: (m) => {
          if (m.startsWith('packages: update check'))
            told(backend.packages?.health().updates?.last as UpdateCheck);
        },
        warn: (m) => {
          if (m.startsWith('packages: update check'))
            told(backend.packages?.health().updates?.last as UpdateCheck);
        },
        error: () => undefined,
      },
      host: { kind: 'preview' },
      contentWorker: contentWorkerFromSource(),
      kioskVersion: '0.1.0',
    });
    try {
      expect(backend.settingsProblems).toEqual([]);
      const first = await firstCheck;
      expect(first).toMatchObject({ result: 'staged', reason: null, offered: 1 });
      expect(backend.packages?.health().versions.map((v) => `${v.state} ${v.version}`)).toEqual(['staged 1']);

      // Nothing new: 304, as content:serve's log says.
      expect(await backend.packages?.checkForUpdates()).toMatchObject({ result: 'not-modified' });
      expect(server.out()).toMatch(/GET \/latest\.json 304\n/);

      // The museum publishes version 2; the next check pulls it.
      await publish(2, key, out);
      expect(await backend.packages?.checkForUpdates()).toMatchObject({ result: 'staged', offered: 2 });
      expect(server.out()).toMatch(/GET \/harbour-memories-2\.kioskpkg 200\n/);
      expect(backend.packages?.health().versions.map((v) => v.version)).toContain(2);
    } finally {
      backend.packages?.stopPolling();
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.on('close', resolve));
    }
  }, 240_000);

  it('says what is wrong with its command line', async () => {
    const none = await run('content-serve.ts', []);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: npm run content:serve -- DIR [--port N] [--host H]');
    const missing = await run('content-serve.ts', [path.join(root, 'nowhere')]);
    expect([missing.code, missing.err]).toEqual([2, `There is no folder ${path.join(root, 'nowhere')}.\n`]);
    const port = await run('content-serve.ts', [root, '--port', 'eighty']);
    expect([port.code, port.err]).toEqual([
      2,
      '--port must be a whole number from 0 to 65535; "eighty" is not.\n',
    ]);
  }, 60_000);
});
