import { describe, expect, it } from 'vitest';
import { formatField } from './problems';
import { photoSchema, unsafeReferenceReason } from './schema';
import { closestName, describeValue, validateWithSchema } from './validate';
import { parseYamlSource } from './yamlSource';

describe('unsafeReferenceReason', () => {
  it.each([
    ['../../etc/passwd', 'goes up a folder'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/win.ini', 'absolute path'],
    ['audio\\voice.ogg', 'backslash'],
    ['%2e%2e/voice.ogg', 'percent-encoding'],
    ['https://example.org/a.jpg', 'web address'],
    ['file:///etc/passwd', 'web address'],
    ['audio/voice\u0000.ogg', 'control character'],
    ['audio//voice.ogg', 'empty'],
    ['./voice.ogg', 'empty'],
    ['.hidden/voice.ogg', 'hidden'],
  ])('refuses %s', (value, reason) => {
    expect(unsafeReferenceReason(value)).toContain(reason);
  });
  it('accepts plain relative paths', () => {
    expect(unsafeReferenceReason('audio/rabe-garden-gate.en.ogg')).toBeNull();
  });
});

describe('validateWithSchema', () => {
  const yaml = [
    'file: a.jpg',
    'caption:',
    '  en: 42',
    'captoin: x',
    'alt: { en: a }',
    'credit: { en: c }',
    'rights: { en: r }',
    'source: s',
    '',
  ].join('\n');
  it('points at the line and column of the bad value and warns about misspelt fields', () => {
    const source = parseYamlSource(yaml, 'photos/a.yaml');
    const { value, problems } = validateWithSchema(photoSchema, source.data, 'photos/a.yaml', source);
    expect(value).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 4,
        column: 1,
        field: 'captoin',
        code: 'unknown-field',
        message: expect.stringContaining('did you mean "caption"'),
      }),
      expect.objectContaining({
        severity: 'error',
        line: 3,
        column: 7,
        field: 'caption.en',
        message: 'expected text, found a number',
      }),
    ]);
  });
  it('an unknown field alone does not make the item invalid', () => {
    const fixed = yaml.replace('  en: 42', '  en: ok');
    const source = parseYamlSource(fixed, 'photos/a.yaml');
    const { value, problems } = validateWithSchema(photoSchema, source.data, 'photos/a.yaml', source);
    expect(value?.caption).toEqual({ en: 'ok' });
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });
  it('keeps line numbers inside front matter', () => {
    const source = parseYamlSource('title: 3', 'stories/a/en.md', { lineOffset: 1 });
    expect(source.locate(['title'])).toEqual({ line: 2, column: 8 });
  });
});

describe('small helpers', () => {
  it('formats fields with list positions counted from 1', () => {
    expect(formatField(['events', 0, 'title', 'ja'])).toBe('events[1].title.ja');
    expect(formatField([])).toBeUndefined();
  });
  it('describes values in plain words', () => {
    expect([
      describeValue(1),
      describeValue('x'),
      describeValue([]),
      describeValue({}),
      describeValue(null),
    ]).toEqual(['a number', 'text', 'a list', 'a group of fields', 'nothing']);
  });
  it('suggests close names only', () => {
    expect(closestName('captoin', ['caption', 'alt'])).toBe('caption');
    expect(closestName('zzzzzz', ['caption', 'alt'])).toBeUndefined();
  });
});
