import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstTooDeepLine,
  lineDepth,
  markdownToBlocks,
  MAX_MARKDOWN_DEPTH,
  MAX_MARKDOWN_MARKS,
  firstLineOverMarks,
  splitFrontMatter,
} from './markdown';

describe('splitFrontMatter', () => {
  it('splits and keeps line offsets', () => {
    const split = splitFrontMatter('---\ntitle: A\n---\n\nBody\n');
    expect(split).toEqual({
      frontMatter: 'title: A',
      frontMatterLineOffset: 1,
      body: '\nBody\n',
      bodyLineOffset: 3,
    });
  });
  it('accepts Windows line ends and a byte order mark', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: A\r\n---\r\nBody')).toMatchObject({
      frontMatter: 'title: A',
      bodyLineOffset: 3,
    });
  });
  it('reports a missing or unclosed block', () => {
    expect(splitFrontMatter('# Title\n')).toMatchObject({ line: 1 });
    expect(splitFrontMatter('---\ntitle: A\n')).toMatchObject({
      error: expect.stringContaining('not closed'),
    });
  });
});

describe('markdownToBlocks', () => {
  it('turns the allowed Markdown into blocks', () => {
    const { blocks, problems, photos } = markdownToBlocks(
      'Hi *a* **b**\n\n### Sub\n\n1. one\n2. two\n\n![](photo:x-y)\n',
      'f.md',
      0,
    );
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Hi ' },
          { type: 'emphasis', children: [{ type: 'text', value: 'a' }] },
          { type: 'text', value: ' ' },
          { type: 'strong', children: [{ type: 'text', value: 'b' }] },
        ],
      },
      { type: 'heading', level: 3, children: [{ type: 'text', value: 'Sub' }] },
      {
        type: 'list',
        ordered: true,
        items: [
          [{ type: 'paragraph', children: [{ type: 'text', value: 'one' }] }],
          [{ type: 'paragraph', children: [{ type: 'text', value: 'two' }] }],
        ],
      },
      { type: 'photo', photoId: 'x-y' },
    ]);
    expect(photos).toEqual([{ photoId: 'x-y', line: 8, column: 1 }]);
  });

  it('reports every unsafe construct with its line in the file', () => {
    const body = [
      '<div>x</div>',
      '',
      'a <img src=x onerror=alert(1)> b',
      '',
      '[x](javascript:alert(1))',
      '',
      '![](https://e.org/a.png)',
      '',
      '<!-- note -->',
      '',
      '[r]: https://e.org',
    ].join('\n');
    const { problems, blocks } = markdownToBlocks(body, 'f.md', 10);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [11, 'markdown-html'],
      [13, 'markdown-html'],
      [15, 'markdown-dangerous-link'],
      [17, 'markdown-image'],
      [19, 'markdown-html'],
      [21, 'markdown-link'],
    ]);
    expect(JSON.stringify(blocks)).not.toMatch(/onerror|javascript|https/);
  });

  it('asks for photo embeds on their own line', () => {
    expect(markdownToBlocks('Look ![](photo:a) here', 'f.md', 0).problems[0]?.code).toBe(
      'markdown-photo-inline',
    );
  });
});

describe('nesting, measured before parsing', () => {
  it.each([
    ['plain text', 0],
    ['> quote', 1],
    ['> > > three quotes', 3],
    ['>>> glued', 3],
    ['- item', 1],
    ['1. item', 1],
    ['  - nested item', 2],
    ['    - deeper item', 3],
    ['- > - > mixed', 4],
    ['* * *', 0],
    ['- - -', 0],
    ['-not a list', 0],
    ['12345678901. too long for a number marker', 0],
    ['\t- tab-indented item', 3],
  ])('%j is %d deep', (line, depth) => {
    expect(lineDepth(line)).toBe(depth);
  });

  it('names the first line past the limit', () => {
    const body = ['ok', '> > fine', `${'> '.repeat(MAX_MARKDOWN_DEPTH + 1)}too deep`, '> '.repeat(40)].join(
      '\n',
    );
    expect(firstTooDeepLine(body)).toBe(3);
    expect(firstTooDeepLine('a\n> b\n- c')).toBeNull();
  });

  it('a body past the limit is refused at that line without parsing, and its blocks left out', () => {
    const result = markdownToBlocks(`Intro\n\n${'>'.repeat(20_000)} deep`, 'f.md', 5);
    expect(result.blocks).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 8, column: 1, code: 'markdown-too-deep' }),
    ]);
  });

  it('a body of the greatest allowed depth is read', () => {
    const body = `${'> '.repeat(MAX_MARKDOWN_DEPTH)}deep`;
    const result = markdownToBlocks(body, 'f.md', 0);
    expect(result.problems).toEqual([]);
    let depth = 0;
    for (let b = result.blocks[0]; b?.type === 'quote'; b = b.children[0]) depth++;
    expect(depth).toBe(MAX_MARKDOWN_DEPTH);
  });
});

describe('formatting marks are counted before parsing (issue 10, point 2)', () => {
  it.each([
    ['plain text', 'A quiet sentence.\n\nAnother.', null],
    ['a few marks', '*Emphasis*, a [photo](photo:x) and `code`!', null],
    ['exactly the limit', '*'.repeat(MAX_MARKDOWN_MARKS), null],
    ['one past the limit, on line 3', `a\nb\n${'_'.repeat(MAX_MARKDOWN_MARKS + 1)}`, 3],
    ['spread over lines', `${'*a*\n'.repeat(MAX_MARKDOWN_MARKS / 2)}*`, MAX_MARKDOWN_MARKS / 2 + 1],
    ['full-width punctuation is not a mark', '！＊［］'.repeat(10_000), null],
  ])('%s', (_name, body, line) => {
    expect(firstLineOverMarks(body)).toBe(line);
  });

  it('a story of 0.9 MB of emphasis is refused at its line, not handed to the parser', () => {
    // Parsed, this took longer than the loader's 60 s budget; refused, it costs only its own story.
    const result = markdownToBlocks(`Intro\n\n${'*a* _b_ '.repeat(115_000)}`, 'f.md', 4);
    expect(result.blocks).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 7, code: 'markdown-too-much-formatting' }),
    ]);
  });

  it('the sample stories are far below the limit and read without problems of this kind', () => {
    const stories = path.resolve(__dirname, '../../media/stories');
    for (const story of readdirSync(stories))
      for (const file of readdirSync(path.join(stories, story)))
        expect(firstLineOverMarks(readFileSync(path.join(stories, story, file), 'utf8'), 100)).toBeNull();
  });
});
