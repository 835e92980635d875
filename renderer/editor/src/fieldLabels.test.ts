import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS_ZH } from './fieldLabels';
import { labelOf } from './SchemaForm';

/** Every property name in the exported JSON Schemas (docs/schema, made from the one zod schema). */
function schemaKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && value && typeof value === 'object')
          for (const name of Object.keys(value)) keys.add(name);
        walk(value);
      }
  };
  for (const file of readdirSync('docs/schema').filter((f) => f.endsWith('.json')))
    walk(JSON.parse(readFileSync(path.join('docs/schema', file), 'utf8')));
  return keys;
}

describe('field labels', () => {
  it('every field of the schema has its Chinese label', () => {
    const missing = [...schemaKeys()].filter((k) => !FIELD_LABELS_ZH[k]);
    expect(missing).toEqual([]);
  });

  it.each([
    ['contentNote', 'en', 'Content note'],
    ['contentNote', 'zh-Hans', '内容提示'],
    ['move-next', 'en', 'Move next'],
    ['aFieldAddedLater', 'zh-Hans', 'A field added later'],
    [2, 'zh-Hans', '3'],
  ] as const)('%s in %s → %s', (key, ui, label) => {
    expect(labelOf(key, ui)).toBe(label);
  });
});
