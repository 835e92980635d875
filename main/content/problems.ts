/**
 * A problem the content checker found: what the staff read in `npm run content:check`, in the kiosk log
 * and in the staff health screen. Pure data; no Node APIs.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** The file, relative to the package (or config) folder, with `/` separators. */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** 1-based column in `file`, when known. */
  column?: number;
  /** The field, as a dotted path (`text.ja`, `attract.photos[2]`; list positions count from 1). */
  field?: string;
  /** Plain English for curators, translators and technicians. */
  message: string;
  /** A stable identifier (`yaml-syntax`, `missing-field`, `unknown-reference`, …) for tools and tests. */
  code: string;
}

export type FieldPath = readonly (string | number)[];

/** `['text', 'ja']` → `text.ja`; `['attract', 'photos', 1]` → `attract.photos[2]` (positions count from 1). */
export function formatField(path: readonly PropertyKey[]): string | undefined {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment + 1}]`;
    else out += (out === '' ? '' : '.') + String(segment);
  }
  return out === '' ? undefined : out;
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/** Problems in a stable order: by file, then line, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a package (a file name, a field, a value) made safe for one line of output: line breaks, tabs,
 * escape sequences and other control characters, and the characters that reorder text on screen (bidi
 * controls, line and paragraph separators) are written out as `\n`, `\u001b`, … so a file name cannot
 * forge a line of the checker's report or of the kiosk's log. Pure.
 */
// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `media/photos/x.yaml:7:3  caption.en  expected text, found a number`, always one line. */
export function formatProblemLine(p: Problem, prefix = ''): string {
  const where = [escapeControl(prefix + p.file), p.line, p.line !== undefined ? p.column : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  return [where, p.field, p.message]
    .filter((x) => x !== undefined && x !== '')
    .map((x) => escapeControl(String(x)))
    .join('  ');
}
