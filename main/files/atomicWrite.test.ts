import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomicWrite';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
    const target = path.join(dir, 'health.json');
    await writeFile(target, 'old');
    await writeFileAtomically(target, 'new content');
    expect(await readFile(target, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['health.json']);
  });

  it('leaves the old file intact when the folder cannot be written', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
    const target = path.join(dir, 'missing-folder', 'x.json');
    await expect(writeFileAtomically(target, 'x')).rejects.toThrow();
  });
});
