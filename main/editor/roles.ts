/**
 * Who may change what (issue 14, "Who may edit"). Pure decisions over the data before and after a save.
 *
 * - curator: everything in the content; not the device settings.
 * - translator: only text in the languages granted — a language's value in a text field (`caption.id`),
 *   a story's own language file (title, summary, content note, body, draft), and the draft mark of those
 *   languages. Nothing else: not a date, not a reference, not another language.
 * - technician: the device settings only.
 */
import type { EditorRole, ItemKind } from '../common/editorApi';
import { isPlainObject, sameData } from './yamlEdit';

export type RoleDecision = { ok: true } | { ok: false; message: string };

/** The text fields of a story's language file a translator may change. */
const STORY_TEXT_FIELDS = new Set(['title', 'summary', 'contentNote', 'body', 'draft']);

/** The paths (dotted, as keys) where two values differ, down to the first non-object. Pure. */
export function changedPaths(before: unknown, after: unknown, at: string[] = []): string[][] {
  if (sameData(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => changedPaths(before[k], after[k], [...at, k]));
  }
  return [at];
}

function languagesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

export function mayEditContent(
  role: EditorRole,
  languages: readonly string[],
  kind: ItemKind,
  before: unknown,
  after: unknown,
): RoleDecision {
  if (role === 'curator') return { ok: true };
  if (role === 'technician')
    return { ok: false, message: 'A technician changes the device settings, not the exhibit content.' };
  const granted = new Set(languages);
  for (const p of changedPaths(before, after)) {
    const where = p.join('.');
    if (kind === 'story') {
      const [lang, field] = p;
      if (lang !== undefined && granted.has(lang) && (field === undefined || STORY_TEXT_FIELDS.has(field)))
        continue;
      return { ok: false, message: `A translator for ${languages.join(', ')} may not change ${where}.` };
    }
    const last = p[p.length - 1];
    if (p.length === 1 && last === 'drafts') {
      const b = new Set(languagesOf(isPlainObject(before) ? before.drafts : undefined));
      const a = new Set(languagesOf(isPlainObject(after) ? after.drafts : undefined));
      const differ = [...a].filter((x) => !b.has(x)).concat([...b].filter((x) => !a.has(x)));
      if (differ.every((l) => granted.has(l))) continue;
    } else if (p.length >= 2 && last !== undefined && granted.has(last)) {
      const value = (x: unknown) => p.reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), x);
      const b = value(before);
      const a = value(after);
      if ((typeof b === 'string' || b === undefined) && (typeof a === 'string' || a === undefined)) continue;
    }
    return { ok: false, message: `A translator for ${languages.join(', ')} may not change ${where}.` };
  }
  return { ok: true };
}

export function mayEditSettings(role: EditorRole): RoleDecision {
  return role === 'technician'
    ? { ok: true }
    : { ok: false, message: 'Only a technician changes the device settings.' };
}
