// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FIELD_HELP_ZH, helpOf } from './fieldHelp';
import type { SchemaNode } from './formModel';
import { Field, type FormContext } from './SchemaForm';

function schema(file: string): SchemaNode {
  return JSON.parse(readFileSync(path.join('docs/schema', file), 'utf8')) as SchemaNode;
}

/** Every help text in the exported JSON Schemas (docs/schema, made from the one zod schema). */
function descriptions(): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'description' && typeof value === 'string') found.add(value);
        walk(value);
      }
  };
  for (const file of readdirSync('docs/schema').filter((f) => f.endsWith('.json'))) walk(schema(file));
  return found;
}

/** Quoted words the kiosk itself says to visitors: in Chinese help they are the kiosk's Chinese words. */
const SPOKEN_TO_VISITORS = new Set(['"Are you still there?"', '"as quoted in …"']);

/** The `code` and "quoted" spans of an English help text: file names, setting names, values, key names. */
function tokensOf(english: string): string[] {
  return [...english.matchAll(/`[^`]+`|"[^"]+"/g)].map((m) => m[0]).filter((t) => !SPOKEN_TO_VISITORS.has(t));
}

afterEach(cleanup);

describe('field help', () => {
  it('every help text of the schema has its Chinese', () => {
    const missing = [...descriptions()].filter((d) => !FIELD_HELP_ZH[d]);
    expect(missing).toEqual([]);
  });

  it('no Chinese is kept for a help text the schema no longer has', () => {
    const all = descriptions();
    expect(Object.keys(FIELD_HELP_ZH).filter((d) => !all.has(d))).toEqual([]);
  });

  it('words in quotes or backticks are kept exactly in the Chinese', () => {
    const lost = Object.entries(FIELD_HELP_ZH).flatMap(([english, chinese]) =>
      tokensOf(english)
        .filter((token) => !chinese.includes(token))
        .map((token) => `${token} in: ${english}`),
    );
    expect(lost).toEqual([]);
  });

  it('keeps numbers and limits', () => {
    const changed = Object.entries(FIELD_HELP_ZH).filter(
      ([english, chinese]) =>
        JSON.stringify(english.match(/\d+(\.\d+)?/g) ?? []) !==
        JSON.stringify(chinese.match(/\d+(\.\d+)?/g) ?? []),
    );
    expect(changed.map(([english]) => english)).toEqual([]);
  });

  it.each([
    ['Person id.', 'zh-Hans', '人物标识。'],
    ['Person id.', 'en', 'Person id.'],
    ['A help text added later.', 'zh-Hans', 'A help text added later.'],
  ] as const)('%s in %s → %s', (description, ui, help) => {
    expect(helpOf(description, ui)).toBe(help);
  });

  it('a Chinese device settings form shows the Chinese help under its fields', () => {
    const ctx: FormContext = {
      kind: 'exhibit',
      ui: 'zh-Hans',
      languages: ['en', 'zh-Hans'],
      refOffset: 0,
      translate: null,
      problems: [],
      items: [],
      readOnly: () => false,
      change: () => undefined,
      root: { idleSeconds: 90 },
    };
    render(<Field node={schema('kiosk.schema.json')} path={[]} ctx={ctx} />);
    const idle = screen.getByLabelText('闲置秒数');
    expect(idle.getAttribute('aria-describedby')).toBeTruthy();
    const help = document.getElementById(idle.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toBe('无人触摸多少秒后出现“您还在浏览吗？”。');
    expect(document.body.textContent).not.toContain('Seconds without a touch');
  });
});
