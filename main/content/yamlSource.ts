/**
 * Reading YAML while keeping where every value came from, so a problem can name its line and column.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { FieldPath, Problem, Severity } from './problems';

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  /** The plain data (undefined when the file could not be read as YAML at all). */
  data: unknown;
  /** Syntax problems; when any is an error, `data` must not be trusted. */
  problems: Problem[];
  ok: boolean;
  /** Where the value at `path` starts; the nearest existing parent when the value is missing. */
  locate(path: FieldPath): Position | undefined;
  /** Where the key of the field at `path` starts (for "unknown field" problems). */
  locateKey(path: FieldPath): Position | undefined;
}

const YAML_MESSAGES: Partial<Record<string, string>> = {
  BAD_INDENT: 'the indentation (spaces at the start of the line) is not right here',
  TAB_AS_INDENT: 'a tab is used for indentation; use spaces instead',
  DUPLICATE_KEY: 'this field is written twice; keep only one',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  MULTILINE_IMPLICIT_KEY: 'a field name runs over more than one line; is a colon or a quote missing?',
  BLOCK_AS_IMPLICIT_KEY: 'a colon (:) seems to be missing or in the wrong place',
  UNEXPECTED_TOKEN: 'unexpected character; check colons, quotes and dashes on this line',
  BAD_SCALAR_START: 'a value cannot start with this character; put the text in quotes',
  BAD_DQ_ESCAPE:
    'a backslash (\\) inside double quotes starts an escape that is not valid; use single quotes',
  KEY_OVER_1024_CHARS: 'a field name is too long; is a colon missing after it?',
  MULTIPLE_DOCS: 'the file contains more than one YAML document (a line with only --- ); remove it',
  // yaml reports a structure too deep to compose (its stack ran out) as RESOURCE_EXHAUSTION.
  RESOURCE_EXHAUSTION: 'the file is nested too deeply (lists and fields inside each other) to be read',
  BAD_ALIAS: 'an alias (*name) refers to an anchor (&name) that does not exist',
  BLOCK_IN_FLOW: 'a multi-line value is written inside brackets [ ] or braces { }',
};

/** Plainer words for yaml's most common specific messages. */
function specificYamlMessage(message: string): string | undefined {
  if (/end with a \]/.test(message))
    return 'a list opened with "[" is not closed with "]" (look at this line and the one above)';
  if (/end with a \}/.test(message))
    return 'a group opened with "{" is not closed with "}" (look at this line and the one above)';
  if (/must start at the same column/.test(message))
    return 'the fields here do not line up: fields at the same level must start in the same column (count the spaces)';
  if (/Missing closing "?quote/i.test(message))
    return 'a text in quotes is not closed: add the closing quote mark';
  if (/Nested mappings are not allowed in compact mappings/.test(message))
    return 'the value contains a colon followed by a space (": "); put the whole text in quotes';
  if (
    /Implicit keys need to be on a single line|Implicit map keys need to be followed by map values/.test(
      message,
    )
  )
    return 'a line has no colon (name: value), or a text running over several lines needs quotes or |';
  return undefined;
}

/** How deeply lists and fields may sit inside each other; the exhibit's files need four or five levels. */
export const MAX_YAML_DEPTH = 50;

/**
 * The first line (1-based) where the YAML nests deeper than `max`, found without parsing: block nesting
 * by the indentation of the lines above and the "- " markers at the line's start, flow nesting by the
 * brackets of a value written in [ ] or { } (quoted text skipped). Never less than the depth a parser
 * would find, give or take one level, so a cap on it holds before parsing starts. Pure.
 */
export function firstTooDeepYamlLine(text: string, max = MAX_YAML_DEPTH): number | null {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    let i = 0;
    let block = indents.length;
    if (flow === 0) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      while (line[i] === ' ') i++;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= i) indents.pop();
      indents.push(i);
      let dashes = 0;
      while (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === undefined)) {
        dashes++;
        i += 2;
        while (line[i] === ' ') i++;
      }
      block = indents.length + dashes;
      if (block > max) return n + 1;
      // A flow value starts the line (after "- ") or follows "key: ".
      if (line[i] !== '[' && line[i] !== '{') {
        const colon = line.slice(i).search(/:[ \t]+[[{]/);
        if (colon < 0) continue;
        i += colon + 1;
        while (line[i] === ' ' || line[i] === '\t') i++;
      }
    }
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      else if (c === '[' || c === '{') {
        if (block + ++flow > max) return n + 1;
      } else if (c === ']' || c === '}') {
        if (--flow <= 0) {
          flow = 0;
          break;
        }
      }
    }
  }
  return null;
}

/** yaml's own message without its "at line X, column Y:" tail and code excerpt. */
function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** Where each key that repeats an earlier key of the same mapping starts, in one pass. Pure. */
export function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key: unknown = pair.key;
        const name = isScalar(key) ? `${typeof key.value}:${String(key.value)}` : `node:${String(key)}`;
        if (seen.has(name) && isNodeWithRange(key)) offsets.push(key.range[0]);
        seen.add(name);
      }
    },
  });
  return offsets;
}

export function parseYamlSource(
  text: string,
  file: string,
  options: { lineOffset?: number; severityOfWarnings?: Severity } = {},
): YamlSource {
  const lineOffset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const tooDeep = firstTooDeepYamlLine(text);
  if (tooDeep !== null) {
    problems.push({
      severity: 'error',
      file,
      line: tooDeep + lineOffset,
      column: 1,
      message: `the file is nested too deeply here (more than ${MAX_YAML_DEPTH} levels of lists and fields inside each other); the exhibit's files need only a few`,
      code: 'yaml-too-deep',
    });
    const nowhere = () => undefined;
    return { data: undefined, problems, ok: false, locate: nowhere, locateKey: nowhere };
  }
  let doc: Document | undefined;
  try {
    // yaml's own duplicate-key check compares every key with every other (a mapping of 60,000 keys took
    // seven minutes); duplicates are found in one pass below instead.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2' });
  } catch (error) {
    problems.push({
      severity: 'error',
      file,
      message: `the file cannot be read as YAML (${String(error)})`,
      code: 'yaml-syntax',
    });
  }
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (doc) {
    for (const error of doc.errors) {
      const plain = specificYamlMessage(error.message) ?? YAML_MESSAGES[error.code];
      problems.push({
        severity: 'error',
        file,
        ...position(error.pos[0]),
        message: plain
          ? `${plain} (YAML syntax)`
          : `the YAML syntax is not valid here: ${shortYamlMessage(error.message)}`,
        code:
          error.code === 'DUPLICATE_KEY'
            ? 'duplicate-field'
            : error.code === 'RESOURCE_EXHAUSTION'
              ? 'yaml-too-deep'
              : 'yaml-syntax',
      });
    }
  }
  const duplicates = doc && doc.errors.length === 0 ? duplicateKeyOffsets(doc) : [];
  for (const offset of duplicates)
    problems.push({
      severity: 'error',
      file,
      ...position(offset),
      message: `${YAML_MESSAGES.DUPLICATE_KEY} (YAML syntax)`,
      code: 'duplicate-field',
    });
  let data: unknown;
  const ok = doc !== undefined && doc.errors.length === 0 && duplicates.length === 0;
  if (doc && ok) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml stops at maxAliasCount with "Excessive alias count indicates a resource exhaustion attack".
      const aliases = /alias/i.test(String(error));
      problems.push({
        severity: 'error',
        file,
        line: 1 + lineOffset,
        column: 1,
        message: aliases
          ? 'the file uses too many aliases (*name); write the values out instead'
          : error instanceof RangeError
            ? 'the file is nested too deeply (lists and fields inside each other) to be read'
            : `the file cannot be read: ${String(error)}`,
        code: aliases ? 'yaml-aliases' : error instanceof RangeError ? 'yaml-too-deep' : 'yaml-syntax',
      });
    }
  }

  function walk(path: FieldPath, wantKey: boolean): Position | undefined {
    if (!doc) return undefined;
    let node: unknown = doc.contents;
    let last: Position | undefined = { line: 1 + lineOffset, column: 1 };
    if (isNodeWithRange(node)) last = position(node.range[0]);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return last;
        const key = pair.key;
        if (isLast && wantKey && isNodeWithRange(key)) return position(key.range[0]);
        const value: unknown = pair.value;
        if (
          isNodeWithRange(value) &&
          !(isScalar(value) && value.value === null && value.range[0] === value.range[1])
        ) {
          last = position(value.range[0]);
          node = value;
        } else if (isNodeWithRange(key)) {
          last = position(key.range[0]);
          node = value;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (!isNodeWithRange(item)) return last;
        last = position(item.range[0]);
        node = item;
      } else {
        return last;
      }
    }
    return last;
  }

  return {
    data,
    problems,
    ok: ok && data !== undefined ? true : ok && problems.length === 0,
    locate: (path) => walk(path, false),
    locateKey: (path) => walk(path, true),
  };
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'range' in value &&
    Array.isArray((value as { range?: unknown }).range)
  );
}
