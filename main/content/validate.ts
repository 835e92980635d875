/**
 * Checking parsed YAML against a zod schema and turning zod's issues into plain-English problems that
 * point at a line and column.
 */
import type { z } from 'zod';
import { formatField, type FieldPath, type Problem } from './problems';
import type { Position } from './yamlSource';

export interface Locator {
  locate(path: FieldPath): Position | undefined;
  locateKey(path: FieldPath): Position | undefined;
}

type Issue = z.core.$ZodIssue;

/** "a number", "text", "a list", … — how a value looks to someone who wrote it. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a decimal number';
  if (typeof value === 'boolean') return `${String(value)} (a yes/no value)`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a group of fields';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields (name: value lines)',
  record: 'a group of fields (name: value lines)',
  null: 'nothing',
};

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment as string];
  }
  return node;
}

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${Number(n) === 1 ? '' : 's'}`;
}

/** The plain-English message and stable code for one zod issue (unknown fields handled by the caller). */
export function describeIssue(issue: Issue, data: unknown): { message: string; code: string } {
  const actual = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined)
        return { message: 'this field is required but missing', code: 'missing-field' };
      if (actual === null && issue.expected !== 'null')
        return {
          message: `this field is empty; expected ${EXPECTED[issue.expected] ?? issue.expected}`,
          code: 'missing-field',
        };
      return {
        message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeValue(actual)}`,
        code: 'wrong-type',
      };
    }
    case 'too_small':
      if (issue.origin === 'string')
        return {
          message:
            Number(issue.minimum) <= 1
              ? 'must not be empty'
              : `must be at least ${plural(issue.minimum, 'character')} long`,
          code: 'too-short',
        };
      if (issue.origin === 'array')
        return { message: `needs at least ${plural(issue.minimum, 'item')}`, code: 'too-few' };
      return {
        message: `must be at least ${String(issue.minimum)}, found ${String(actual)}`,
        code: 'out-of-range',
      };
    case 'too_big':
      if (issue.origin === 'string')
        return { message: `must be at most ${plural(issue.maximum, 'character')} long`, code: 'too-long' };
      if (issue.origin === 'array')
        return { message: `may have at most ${plural(issue.maximum, 'item')}`, code: 'too-many' };
      return {
        message: `must be at most ${String(issue.maximum)}, found ${String(actual)}`,
        code: 'out-of-range',
      };
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v)).join(', ');
      const found =
        typeof actual === 'string' || typeof actual === 'number'
          ? `"${String(actual)}"`
          : describeValue(actual);
      return { message: `must be one of: ${options}; found ${found}`, code: 'not-allowed' };
    }
    case 'invalid_union': {
      // Pick the alternative that got furthest: the one whose problems are not about the value's type.
      const branches = issue.errors.filter((errs) => errs.length > 0);
      const best = branches.find((errs) => errs.every((e) => e.code !== 'invalid_type' || e.path.length > 0));
      const first = best?.[0];
      if (first) return describeIssue({ ...first, path: [...issue.path, ...first.path] } as Issue, data);
      const expected = [
        ...new Set(
          branches.flatMap((errs) =>
            errs.map((e) => (e.code === 'invalid_type' ? (EXPECTED[e.expected] ?? e.expected) : '')),
          ),
        ),
      ].filter(Boolean);
      if (actual === undefined)
        return { message: 'this field is required but missing', code: 'missing-field' };
      return {
        message:
          expected.length > 0
            ? `expected ${expected.join(' or ')}, found ${describeValue(actual)}`
            : issue.message,
        code: 'wrong-type',
      };
    }
    case 'invalid_format':
    case 'custom':
      // Our schemas give every format and custom check a plain message of its own.
      return {
        message: issue.message,
        code:
          issue.code === 'custom'
            ? typeof issue.params?.code === 'string'
              ? issue.params.code
              : 'invalid-value'
            : 'wrong-format',
      };
    case 'invalid_key':
      return {
        message: `a field name is not valid: ${issue.issues[0]?.message ?? issue.message}`,
        code: 'invalid-key',
      };
    default:
      return { message: issue.message, code: 'invalid-value' };
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest known name to a misspelt one, if it is close enough to be a likely typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const segment of path) {
    node = unwrap(node);
    const def = (
      node as {
        def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown };
      }
    ).def;
    if (!def) return [];
    if (def.type === 'object' && def.shape && typeof segment === 'string') node = def.shape[segment];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
  }
  node = unwrap(node);
  const def = (node as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 10; i++) {
    const def = (
      current as
        { def?: { type?: string; innerType?: unknown; in?: unknown; options?: unknown[] } } | undefined
    )?.def;
    if (!def) return current;
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'nullable' ||
      def.type === 'catch' ||
      def.type === 'readonly'
    )
      current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union' && def.options)
      current = def.options.find((o) => (o as { def?: { type?: string } }).def?.type === 'object') ?? current;
    else return current;
    if (def.type === 'union') return current;
  }
  return current;
}

function deleteAt(data: unknown, path: readonly PropertyKey[], key: string): void {
  const parent = valueAt(data, path);
  if (parent && typeof parent === 'object' && !Array.isArray(parent))
    delete (parent as Record<string, unknown>)[key];
}

export interface Validated<T> {
  value?: T;
  problems: Problem[];
}

/**
 * Validate `data` with `schema`. Unknown fields (typos) are warnings: they are reported, removed, and the
 * rest is checked again — a misspelt optional field does not take the whole item out. Every other issue is
 * an error and `value` is undefined.
 */
export function validateWithSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  where: Locator,
): Validated<T> {
  const problems: Problem[] = [];
  // Cloned only when a misspelt field has to be removed (zod itself never changes its input).
  let current: unknown = data;
  let cloned = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = schema.safeParse(current);
    if (result.success) return { value: result.data, problems };
    const unknownKeys = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
    const others = result.error.issues.filter((i) => i.code !== 'unrecognized_keys');
    if (unknownKeys.length > 0 && !cloned) {
      current = structuredClone(current);
      cloned = true;
    }
    for (const issue of unknownKeys) {
      if (issue.code !== 'unrecognized_keys') continue;
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key] as (string | number)[];
        const suggestion = closestName(key, known);
        problems.push({
          severity: 'warning',
          file,
          ...where.locateKey(path),
          field: formatField(path),
          message: suggestion
            ? `unknown field "${key}" — did you mean "${suggestion}"? It is ignored.`
            : `unknown field "${key}"; it is ignored${known.length > 0 && known.length <= 12 ? ` (known fields here: ${known.join(', ')})` : ''}`,
          code: 'unknown-field',
        });
        deleteAt(current, issue.path, key);
      }
    }
    if (others.length > 0) {
      for (const issue of others) {
        const { message, code } = describeIssue(issue, current);
        const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
        problems.push({
          severity: 'error',
          file,
          ...where.locate(path),
          field: formatField(path),
          message,
          code,
        });
      }
      return { problems };
    }
    if (unknownKeys.length === 0) break;
  }
  return { problems };
}
