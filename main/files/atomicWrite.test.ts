import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically, writeFileAtomicallySync, writeJsonAtomically } from './atomicWrite';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writer = path.resolve('tests/support/atomicWriter.ts');

/** Start a writer process, wait until it has written part of the new file, then kill it (SIGKILL). */
async function killMidWrite(target: string, mode: '' | '--plain'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, target, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  expect(line).toBe('written');
  child.kill('SIGKILL');
  await once(child, 'exit');
}

describe('writeFileAtomically', () => {
  it('a writer killed between writing and renaming leaves the old file whole', async () => {
    const target = path.join(dir, 'kiosk.yaml');
    await writeFile(target, 'the old settings, complete\n');
    await killMidWrite(target, '');
    expect(await readFile(target, 'utf8')).toBe('the old settings, complete\n');
  });

  it('(the same kill does break a plain write, so the test above can fail)', async () => {
    const target = path.join(dir, 'kiosk.yaml');
    await writeFile(target, 'the old settings, complete\n');
    await killMidWrite(target, '--plain');
    expect(await readFile(target, 'utf8')).toBe('half of the new ');
  });

  it('replaces the file and leaves no temporary file behind', async () => {
    const target = path.join(dir, 'health.json');
    await writeFile(target, 'old');
    await writeFileAtomically(target, 'new content');
    await writeJsonAtomically(path.join(dir, 'state.json'), { a: 1 });
    writeFileAtomicallySync(path.join(dir, 'pin.yaml'), 'x: 1\n', { mode: 0o600 });
    expect(await readFile(target, 'utf8')).toBe('new content');
    expect(JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8'))).toEqual({ a: 1 });
    expect((await stat(path.join(dir, 'pin.yaml'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['health.json', 'pin.yaml', 'state.json']);
  });

  it('a failed write removes its temporary file and leaves the target as it was', async () => {
    const target = path.join(dir, 'story.md');
    await writeFile(target, 'kept');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('partial');
      throw new Error('the USB stick was pulled');
    }
    await expect(writeFileAtomically(target, failing())).rejects.toThrow('the USB stick was pulled');
    expect(await readFile(target, 'utf8')).toBe('kept');
    expect(await readdir(dir)).toEqual(['story.md']);
  });
});
