import { describe, expect, it } from 'vitest';
import { sumSnapshot } from '../support/heapBreakdown';

describe('sumSnapshot', () => {
  it('sums JS objects apart from compiled code and native objects, and counts detached nodes', () => {
    // Nodes are [type, name, self_size] triples, as V8 writes them (with the fields it names in meta).
    const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'native', 'synthetic'];
    const at = (type: string) => types.indexOf(type);
    const snapshot = {
      snapshot: { meta: { node_fields: ['type', 'name', 'self_size'], node_types: [types] as [string[]] } },
      strings: ['Window', 'Detached HTMLDivElement', '(compiled code)', 'HTMLBodyElement'],
      nodes: [
        ...[at('object'), 0, 2048],
        ...[at('string'), 0, 1024],
        ...[at('code'), 2, 4096],
        ...[at('native'), 1, 512],
        ...[at('native'), 3, 512],
        ...[at('synthetic'), 0, 0],
        ...[at('closure'), 0, 1024],
      ],
    };
    expect(sumSnapshot(snapshot)).toEqual({ objectsKB: 4, codeKB: 4, detached: 1 });
  });
});
