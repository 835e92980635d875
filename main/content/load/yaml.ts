/** Parsing one YAML file of the package and checking it against its schema. */
import type { z } from 'zod';
import { validateWithSchema } from '../validate';
import { parseYamlSource } from '../yamlSource';
import type { FileContext, LoadContext } from './context';

/** Parse and validate one YAML file; `value` is undefined when it cannot be used (problems already reported). */
export function parseYamlFile<T>(
  pkg: LoadContext,
  text: string,
  file: string,
  schema: z.ZodType<T>,
  lineOffset = 0,
): { value?: T; ctx: FileContext } {
  const source = parseYamlSource(text, file, { lineOffset });
  pkg.problems.push(...source.problems);
  const ctx: FileContext = { file, locate: source.locate, locateKey: source.locateKey };
  if (!source.ok) return { ctx };
  if (source.data === null || source.data === undefined) {
    pkg.report('error', ctx, undefined, 'empty-file', 'the file is empty');
    return { ctx };
  }
  if (typeof source.data !== 'object' || Array.isArray(source.data)) {
    pkg.problems.push({
      severity: 'error',
      file,
      line: 1 + lineOffset,
      column: 1,
      message: `expected fields written as "name: value" lines, found ${Array.isArray(source.data) ? 'a list' : 'a single value'}`,
      code: 'wrong-type',
    });
    return { ctx };
  }
  const result = validateWithSchema(schema, source.data, file, ctx);
  pkg.problems.push(...result.problems);
  return { value: result.value, ctx };
}
