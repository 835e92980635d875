/**
 * Story files: splitting the front matter from the Markdown, and turning the Markdown into the kiosk's
 * small set of blocks. Anything the kiosk cannot show safely (raw HTML, links, outside images) is an error
 * pointing at its line; the renderer never receives Markdown or HTML.
 */
import type { Html, Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Inline, StoryBlock } from '../common/exhibit';
import type { Problem, Severity } from './problems';

export interface SplitStory {
  /** The YAML between the `---` lines. */
  frontMatter: string;
  /** Lines before the front matter's first line (so YAML line 1 is file line `frontMatterLineOffset + 1`). */
  frontMatterLineOffset: number;
  body: string;
  bodyLineOffset: number;
}

/** Split `---\nyaml\n---\nmarkdown`. Returns a plain message when there is no front matter block. */
export function splitFrontMatter(text: string): SplitStory | { error: string; line: number } {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  if ((lines[0] ?? '').trimEnd() !== '---')
    return {
      error:
        'a story file must start with a front matter block: a line "---", the title, summary and other fields, and another "---"',
      line: 1,
    };
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] ?? '').trimEnd() === '---') {
      return {
        frontMatter: lines.slice(1, i).join('\n'),
        frontMatterLineOffset: 1,
        body: lines.slice(i + 1).join('\n'),
        bodyLineOffset: i + 1,
      };
    }
  }
  return { error: 'the front matter block is not closed: add a line "---" after the last field', line: 1 };
}

export interface PhotoEmbed {
  photoId: string;
  line?: number;
  column?: number;
}

export interface StoryMarkdown {
  blocks: StoryBlock[];
  problems: Problem[];
  photos: PhotoEmbed[];
}

const PHOTO_EMBED = /^photo:([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The longest story body read (characters); the file itself is limited to 1 MB (packageFiles.ts). */
export const MAX_MARKDOWN_CHARS = 1024 * 1024;
/** How deeply quotes and lists may sit inside each other; a story needs two or three levels. */
export const MAX_MARKDOWN_DEPTH = 20;

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * How deeply one line of Markdown nests, counted without parsing: each `>` and list marker at its start,
 * and each two columns of indentation before them (a nested list item is indented, not marked twice).
 * Never less than the nesting a parser would find, so a cap on it holds before parsing starts. Pure.
 */
export function lineDepth(line: string): number {
  let i = 0;
  let indent = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
    indent += line[i] === '\t' ? 4 - (indent % 4) : 1;
    i++;
  }
  if (THEMATIC_BREAK.test(line)) return Math.floor(indent / 2);
  let markers = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const rest = line.slice(i, i + 11);
    const marker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(rest);
    if (!marker) break;
    markers++;
    i += marker[0].length;
  }
  return markers + Math.floor(indent / 2);
}

/** The first line of a body that nests deeper than `max` (1-based within the body), or null. Pure. */
export function firstTooDeepLine(body: string, max = MAX_MARKDOWN_DEPTH): number | null {
  let line = 1;
  let start = 0;
  while (start <= body.length) {
    const end = body.indexOf('\n', start);
    const text = body.slice(start, end === -1 ? body.length : end);
    if (lineDepth(text) > max) return line;
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return null;
}

/**
 * How many of the characters that open Markdown's inline constructs (* _ [ ] ` < !) a story may hold. The
 * parser's cost grows steeply with them: a 0.9 MB paragraph of "*a* _b_" took more than the loader's 60 s
 * budget, and 5,000 take well under a second. The sample stories use at most 13.
 */
export const MAX_MARKDOWN_MARKS = 5000;

/** The line (1-based) of the first mark past `max`, or null. Pure. */
export function firstLineOverMarks(body: string, max = MAX_MARKDOWN_MARKS): number | null {
  let marks = 0;
  let line = 1;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) line++;
    // * _ [ ] ` < !
    else if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96 || c === 60 || c === 33) {
      marks++;
      if (marks > max) return line;
    }
  }
  return null;
}

/** Parse a story's Markdown body into blocks. Pure. `lineOffset` = lines before the body in the file. */
export function markdownToBlocks(body: string, file: string, lineOffset: number): StoryMarkdown {
  const problems: Problem[] = [];
  const photos: PhotoEmbed[] = [];

  const report = (node: Nodes, severity: Severity, code: string, message: string): void => {
    const start = node.position?.start;
    problems.push({
      severity,
      file,
      ...(start ? { line: start.line + lineOffset, column: start.column } : {}),
      message,
      code,
    });
  };

  const snippet = (value: string): string => {
    const one = value.replace(/\s+/g, ' ').trim();
    return one.length > 40 ? `${one.slice(0, 37)}…` : one;
  };

  const reportUnsupported = (node: Nodes): void =>
    report(
      node,
      'warning',
      'markdown-unsupported',
      `this Markdown (${node.type}) is not supported and is left out`,
    );

  /** Raw HTML in a story is an error, a script most of all; the message says what to remove. */
  const reportHtml = (node: Html, where: 'inline' | 'block'): void => {
    const script = /<\s*script/i.test(node.value);
    let message = `raw HTML is not allowed in a story; remove "${snippet(node.value)}"`;
    if (script) message = `a <script> is not allowed in a story; remove "${snippet(node.value)}"`;
    else if (where === 'block' && /^\s*<!--/.test(node.value)) {
      message = 'HTML comments (<!-- … -->) are not allowed in a story; remove it';
    } else if (where === 'inline') message += ' (use *emphasis* or **strong** for styling)';
    report(node, 'error', script ? 'markdown-script' : 'markdown-html', message);
  };

  function inlines(children: PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const node of children) {
      switch (node.type) {
        case 'text':
          out.push({ type: 'text', value: node.value });
          break;
        case 'emphasis':
          out.push({ type: 'emphasis', children: inlines(node.children) });
          break;
        case 'strong':
          out.push({ type: 'strong', children: inlines(node.children) });
          break;
        case 'break':
          out.push({ type: 'break' });
          break;
        case 'inlineCode':
          report(
            node,
            'warning',
            'markdown-code',
            'text in `backticks` is shown as plain text; remove the backticks',
          );
          out.push({ type: 'text', value: node.value });
          break;
        case 'html':
          reportHtml(node, 'inline');
          break;
        case 'link':
        case 'linkReference': {
          const url = node.type === 'link' ? node.url : '';
          const dangerous = /^\s*(javascript|data|vbscript|file):/i.test(url);
          report(
            node,
            'error',
            dangerous ? 'markdown-dangerous-link' : 'markdown-link',
            dangerous
              ? `a "${url.split(':')[0]?.trim().toLowerCase()}:" link is not allowed; remove it`
              : `links are not allowed in a story (the kiosk has nowhere to go)${url ? `: ${snippet(url)}` : ''}; keep the words, remove the link`,
          );
          out.push(...inlines(node.children));
          break;
        }
        case 'image':
        case 'imageReference': {
          const url = node.type === 'image' ? node.url : '';
          if (PHOTO_EMBED.test(url))
            report(
              node,
              'error',
              'markdown-photo-inline',
              'put a photo embed ![](photo:…) on a line of its own, with blank lines around it',
            );
          else
            report(
              node,
              'error',
              'markdown-image',
              `only photos from the package can be shown, written ![](photo:<photo id>); found "${snippet(url || node.alt || '')}"`,
            );
          break;
        }
        default:
          reportUnsupported(node);
      }
    }
    return mergeText(out);
  }

  function blocks(children: RootContent[]): StoryBlock[] {
    const out: StoryBlock[] = [];
    for (const node of children) {
      switch (node.type) {
        case 'paragraph': {
          const only = node.children.length === 1 ? node.children[0] : undefined;
          if (only && only.type === 'image' && only.url.startsWith('photo:')) {
            const match = PHOTO_EMBED.exec(only.url);
            if (!match?.[1]) {
              report(
                only,
                'error',
                'markdown-photo-id',
                `"${snippet(only.url)}" is not a photo id; write ![](photo:<photo id>) with a kebab-case id`,
              );
              break;
            }
            const start = only.position?.start;
            photos.push({
              photoId: match[1],
              ...(start ? { line: start.line + lineOffset, column: start.column } : {}),
            });
            out.push({ type: 'photo', photoId: match[1] });
            break;
          }
          const children = inlines(node.children);
          if (children.length > 0) out.push({ type: 'paragraph', children });
          break;
        }
        case 'heading': {
          let level: 2 | 3 = node.depth === 2 ? 2 : 3;
          if (node.depth === 1) {
            level = 2;
            report(
              node,
              'warning',
              'markdown-heading-level',
              'a "# " heading is shown as a chapter ("## "); the story title comes from the front matter',
            );
          } else if (node.depth > 3) {
            report(
              node,
              'warning',
              'markdown-heading-level',
              `a level-${node.depth} heading is shown as "### "; use "## " or "### "`,
            );
          }
          out.push({ type: 'heading', level, children: inlines(node.children) });
          break;
        }
        case 'blockquote':
          out.push({ type: 'quote', children: blocks(node.children) });
          break;
        case 'list':
          out.push({
            type: 'list',
            ordered: node.ordered === true,
            items: node.children.map((item) => blocks(item.children)),
          });
          break;
        case 'html':
          reportHtml(node, 'block');
          break;
        case 'definition':
          report(
            node,
            'error',
            'markdown-link',
            `link definitions are not allowed in a story; remove "[${node.label ?? node.identifier}]: ${snippet(node.url)}"`,
          );
          break;
        case 'code':
          report(
            node,
            'warning',
            'markdown-code',
            'an indented or fenced code block is shown as a plain paragraph; remove the indentation or ``` fences',
          );
          out.push({ type: 'paragraph', children: [{ type: 'text', value: node.value }] });
          break;
        case 'thematicBreak':
          report(
            node,
            'warning',
            'markdown-unsupported',
            'a horizontal rule (---, ***) is not shown; use a "## " heading to start a new chapter',
          );
          break;
        default:
          reportUnsupported(node);
      }
    }
    return out;
  }

  // Limits first: a parser given 20,000 ">" or lists 3,000 levels deep runs out of stack or time.
  if (body.length > MAX_MARKDOWN_CHARS) {
    problems.push({
      severity: 'error',
      file,
      line: lineOffset + 1,
      message: `the story is longer than ${MAX_MARKDOWN_CHARS.toLocaleString('en')} characters; split it into several stories`,
      code: 'markdown-too-large',
    });
    return { blocks: [], problems, photos };
  }
  const deep = firstTooDeepLine(body);
  if (deep !== null) {
    problems.push({
      severity: 'error',
      file,
      line: lineOffset + deep,
      column: 1,
      message: `quotes (>) and lists are nested more than ${MAX_MARKDOWN_DEPTH} levels deep here; a story needs only a few`,
      code: 'markdown-too-deep',
    });
    return { blocks: [], problems, photos };
  }
  const overMarks = firstLineOverMarks(body);
  if (overMarks !== null) {
    problems.push({
      severity: 'error',
      file,
      line: lineOffset + overMarks,
      column: 1,
      message: `the story has more than ${MAX_MARKDOWN_MARKS.toLocaleString('en')} formatting marks (* _ [ ] \` < !); a story needs only a few — remove the stray ones from here on`,
      code: 'markdown-too-much-formatting',
    });
    return { blocks: [], problems, photos };
  }
  try {
    return { blocks: blocks(fromMarkdown(body).children), problems, photos };
  } catch (error) {
    const tooDeep = error instanceof RangeError;
    problems.push({
      severity: 'error',
      file,
      line: lineOffset + 1,
      message: tooDeep
        ? 'the Markdown is nested too deeply to be read'
        : `the Markdown cannot be read (${String(error)})`,
      code: tooDeep ? 'markdown-too-deep' : 'markdown-unreadable',
    });
    return { blocks: [], problems, photos: [] };
  }
}

/** Join neighbouring text pieces (left apart by removed HTML or links) into one. */
function mergeText(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const item of list) {
    const last = out[out.length - 1];
    if (item.type === 'text' && last?.type === 'text')
      out[out.length - 1] = { type: 'text', value: last.value + item.value };
    else out.push(item);
  }
  return out;
}
