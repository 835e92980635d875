/**
 * A heap snapshot of a page, summed by what holds the bytes: compiled code and bytecode (V8 grows it as it
 * optimizes more functions, and flushes it by itself), the browser's own C++ objects, and the JavaScript
 * objects the page keeps: what a visit could leave behind. Used by `npm run bench` and the simulated week.
 */
import type { CDPSession } from 'playwright-core';

export interface HeapBreakdown {
  /** JavaScript objects, strings and arrays (not compiled code, not the browser's native objects), KB. */
  objectsKB: number;
  /** Compiled code and bytecode, KB. */
  codeKB: number;
  /** Detached DOM wrappers named in the snapshot. */
  detached: number;
}

export interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Sums a parsed heap snapshot. Pure, so a hand-written snapshot can test it. */
export function sumSnapshot(snapshot: Snapshot): HeapBreakdown {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  let objects = 0;
  let code = 0;
  let detached = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt] ?? 0];
    const size = snapshot.nodes[i + sizeAt] ?? 0;
    if (type === 'code') code += size;
    else if (type !== 'native' && type !== 'synthetic') objects += size;
    if (snapshot.strings[snapshot.nodes[i + nameAt] ?? 0]?.startsWith('Detached ')) detached += 1;
  }
  return { objectsKB: objects / 1024, codeKB: code / 1024, detached };
}

/** Collects garbage, takes a snapshot over the page's CDP session and sums it. */
export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const collect = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  }
  return sumSnapshot(JSON.parse(chunks.join('')) as Snapshot);
}
