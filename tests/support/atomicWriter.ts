/**
 * A child process for the atomic-write test: it writes the first chunk of a new version of a file through
 * `writeFileAtomically`, tells the parent "written" on stdout, and then waits forever, so the parent can kill
 * it between the write and the rename, exactly as a power cut or a crash would. With `--plain` it writes the
 * same way a naive writer does (straight into the target), to show the test can tell the difference.
 */
import { open } from 'node:fs/promises';
import { writeFileAtomically } from '../../main/files/atomicWrite';

const [target = '', mode = ''] = process.argv.slice(2);

async function* chunks(): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode('half of the new ');
  process.stdout.write('written\n');
  await new Promise(() => {}); // never resolves: the parent kills us here
}

if (mode === '--plain') {
  const handle = await open(target, 'w');
  for await (const chunk of chunks()) await handle.write(chunk);
} else {
  await writeFileAtomically(target, chunks());
}
