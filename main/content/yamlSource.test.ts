import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstTooDeepYamlLine, MAX_YAML_DEPTH, parseYamlSource } from './yamlSource';

const nested = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' end\n';

describe('YAML nesting, measured before parsing', () => {
  it.each([
    ['flat fields', 'a: 1\nb: two\n', null],
    ['a field list', 'people:\n  - a\n  - b\n', null],
    [`block nesting at the limit`, nested(MAX_YAML_DEPTH), null],
    [`block nesting past the limit`, nested(MAX_YAML_DEPTH + 1), MAX_YAML_DEPTH + 1],
    ['flow nesting past the limit', `a: 1\nb: ${'['.repeat(60)}${']'.repeat(60)}\n`, 2],
    ['dashes on one line', `${'- '.repeat(60)}x\n`, 1],
    ['brackets inside quotes', `a: ["${'['.repeat(80)}", '${'{'.repeat(80)}']\n`, null],
    ['brackets in plain text', `a: see [1] and [${'['.repeat(80)}\n`, null],
    ['brackets in a comment', `a: 1 # ${'['.repeat(80)}\n`, null],
    ['a flow list over several lines', `a: [\n  ${'['.repeat(30)}\n  ${'['.repeat(30)}\n]\n`, 3],
  ])('%s', (_name, text, line) => {
    expect(firstTooDeepYamlLine(text)).toBe(line);
  });

  it('finds nothing in the sample exhibit’s files', () => {
    const media = path.resolve(__dirname, '../../media');
    for (const file of ['exhibit.yaml', 'timeline.yaml', 'content-notes.yaml'])
      expect(firstTooDeepYamlLine(readFileSync(path.join(media, file), 'utf8')), file).toBeNull();
  });
});

describe('parseYamlSource', () => {
  it('says "nested too deeply" at the line, not "too many aliases"', () => {
    const result = parseYamlSource(`name: x\nlist: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'p.yaml');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'yaml-too-deep',
        message: expect.stringMatching(/nested too deeply/),
      }),
    ]);
  });

  it('still says "too many aliases" for an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const result = parseYamlSource(bomb, 'bomb.yaml');
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(/too many aliases/);
  });
});

describe('a field written twice', () => {
  const duplicates = (text: string) =>
    parseYamlSource(text, 'people/x.yaml')
      .problems.filter((p) => p.code === 'duplicate-field')
      .map((p) => p.line);

  it.each([
    ['no repeats', 'name: A\nborn: 1882\n', []],
    ['a top-level field twice', 'name: A\nborn: 1882\nname: B\n', [3]],
    ['twice inside a language map', 'name:\n  en: A\n  ja: あ\n  en: B\n', [4]],
    ['the same key in two different maps', 'name:\n  en: A\nrole:\n  en: B\n', []],
    ['three times: each repeat named', 'a: 1\na: 2\na: 3\n', [2, 3]],
    ['a number and a text that look alike', '1: one\n"1": text\n', []],
    ['in maps inside a list', 'events:\n  - id: a\n    id: b\n  - id: c\n', [3]],
  ])('%s', (_name, text, lines) => {
    expect(duplicates(text)).toEqual(lines);
  });

  it('a repeated field makes the file unusable, with a message a curator understands', () => {
    const source = parseYamlSource('name: A\nname: B\n', 'people/x.yaml');
    expect(source.ok).toBe(false);
    expect(source.problems[0]?.message).toMatch(/written twice/);
  });

  // yaml's own check compared every key with every other: a file like this took minutes and the loader's
  // 60 s budget stopped the whole package (issue 10, point 2).
  it('a mapping of 30,000 fields is read, not given up on', { timeout: 60_000 }, () => {
    const keys = Array.from({ length: 30_000 }, (_, i) => `  k${i}: "value ${i}"`).join('\n');
    const source = parseYamlSource(`name:\n  en: Many\nnote:\n${keys}\n`, 'people/x.yaml');
    expect(source.ok).toBe(true);
    expect(Object.keys((source.data as { note: object }).note)).toHaveLength(30_000);
  });
});
