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
