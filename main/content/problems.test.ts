import { describe, expect, it } from 'vitest';
import { escapeControl, formatProblemLine } from './problems';

describe('escapeControl: package text on one line of output', () => {
  it.each([
    ['plain/file.yaml', 'plain/file.yaml'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['tab\there', 'tab\\there'],
    ['\u001b[31mred\u001b[0m', '\\u001b[31mred\\u001b[0m'],
    ['nul\u0000', 'nul\\u0000'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['bidi \u202eevil', 'bidi \\u202eevil'],
    ['中文 ja 日本語 é', '中文 ja 日本語 é'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeControl(text)).toBe(escaped);
  });
});

describe('formatProblemLine', () => {
  it('is always one line, whatever the file name, field or message holds', () => {
    const line = formatProblemLine(
      {
        severity: 'warning',
        file: 'photos/x\nmedia/exhibit.yaml:1:1  fine.jpg',
        field: 'caption\n.en',
        message: 'no photo uses "x\u001b[2K"',
        code: 'unused-image',
      },
      'media/',
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe(
      'media/photos/x\\nmedia/exhibit.yaml:1:1  fine.jpg  caption\\n.en  no photo uses "x\\u001b[2K"',
    );
  });

  it('names file, line and column as before', () => {
    expect(
      formatProblemLine(
        {
          severity: 'error',
          file: 'photos/x.yaml',
          line: 7,
          column: 3,
          field: 'caption.en',
          message: 'm',
          code: 'c',
        },
        'media/',
      ),
    ).toBe('media/photos/x.yaml:7:3  caption.en  m');
  });
});
