/**
 * What a save must pass before anything is written: the one zod schema of the item's kind (the same the
 * loader and `npm run content:check` use) and, for story bodies, the checker's own Markdown rules (raw
 * HTML, links that leave the kiosk). Every mistake is named by its field path in the item's data. Pure.
 */
import type { ZodType } from 'zod';
import type { FieldProblem, ItemKind } from '../common/editorApi';
import { markdownToBlocks } from '../content/markdown';
import { formatField } from '../content/problems';
import {
  diarySchema,
  exhibitSchema,
  personSchema,
  photoSchema,
  storyFrontMatterSchema,
  timelineEventSchema,
} from '../content/schema';
import { describeIssue } from '../content/validate';
import { isPlainObject } from './yamlEdit';

export const SCHEMA_OF: Record<Exclude<ItemKind, 'story'>, ZodType> = {
  photo: photoSchema,
  person: personSchema,
  diary: diarySchema,
  timeline: timelineEventSchema,
  exhibit: exhibitSchema,
};

function schemaProblems(
  schema: ZodType,
  data: unknown,
  file: string,
  prefix: readonly (string | number)[],
): FieldProblem[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const { message, code } = describeIssue(issue, data);
    const field = formatField([...prefix, ...(issue.path as (string | number)[])]);
    return { severity: 'error', message, code, file, ...(field ? { field } : {}) };
  });
}

/** The errors that refuse a save of `data` as item `kind`/`id` (empty when it may be written). */
export function validateItem(
  kind: ItemKind,
  id: string,
  data: unknown,
  files: { yamlFile: string; storyFolder: string },
): FieldProblem[] {
  if (kind !== 'story') {
    const problems = schemaProblems(SCHEMA_OF[kind], data, files.yamlFile, []);
    if (kind === 'timeline' && isPlainObject(data) && data.id !== id)
      problems.push({
        severity: 'error',
        field: 'id',
        message: `the id stays "${id}": renaming an event is not possible in the editor yet`,
        code: 'rename-not-supported',
        file: files.yamlFile,
      });
    return problems;
  }
  if (!isPlainObject(data) || Object.keys(data).length === 0)
    return [
      {
        severity: 'error',
        message: 'a story needs at least one language',
        code: 'empty',
        file: files.storyFolder,
      },
    ];
  const problems: FieldProblem[] = [];
  for (const [lang, version] of Object.entries(data)) {
    const file = `${files.storyFolder}/${lang}.md`;
    if (!isPlainObject(version) || typeof version.body !== 'string') {
      problems.push({
        severity: 'error',
        field: lang,
        message: 'expected the story text',
        code: 'wrong-type',
        file,
      });
      continue;
    }
    const { body, ...front } = version;
    problems.push(...schemaProblems(storyFrontMatterSchema, front, file, [lang]));
    for (const p of markdownToBlocks(body, file, 0).problems) {
      if (p.severity !== 'error') continue;
      problems.push({
        severity: 'error',
        field: `${lang}.body`,
        message: p.message,
        code: p.code,
        file,
        ...(p.line !== undefined ? { line: p.line } : {}),
      });
    }
  }
  return problems;
}
