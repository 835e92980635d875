/**
 * content-notes.yaml (optional): the words that mark a text as describing violence, per language. Every
 * item records its texts as it is read; once everything is read, a text with such words and no content
 * note gets a warning.
 */
import { missingNoteMessage, violenceFound, type ViolenceWordLists } from '../contentNotes';
import { contentNotesSchema } from '../schema';
import type { LoadContext } from './context';
import { readText } from './files';
import { languageList } from './languages';
import { parseYamlFile } from './yaml';

/** Read the package's violence words into `pkg.violenceLists` (left null when there is no usable file). */
export async function readViolenceWords(pkg: LoadContext): Promise<void> {
  const text = await readText(pkg, 'content-notes.yaml');
  if (text === null) return;
  const { value, ctx } = parseYamlFile(pkg, text, 'content-notes.yaml', contentNotesSchema);
  if (!value) return;
  const lists: ViolenceWordLists = {};
  for (const [lang, list] of Object.entries(value)) {
    if (pkg.languages && !pkg.languages.includes(lang)) {
      pkg.report(
        'warning',
        ctx,
        [lang],
        'unknown-language',
        `"${lang}" is not one of the exhibit's languages (${languageList(pkg)}); this list is not used`,
        'key',
      );
      continue;
    }
    lists[lang] = list;
  }
  for (const lang of pkg.languages ?? [])
    if (!lists[lang])
      pkg.report(
        'warning',
        ctx,
        undefined,
        'missing-violence-words',
        `there is no list for ${lang}, so the checker cannot tell which ${lang} texts need a content note; add "${lang}:" with its words`,
      );
  pkg.violenceLists = lists;
}

/** Texts that describe violence without a content note (only when the package lists the words). */
export function checkContentNotes(pkg: LoadContext): void {
  const lists = pkg.violenceLists;
  if (!lists) return;
  for (const check of pkg.noteChecks) {
    if (check.hasNote) continue;
    const found = violenceFound(check.texts, lists);
    if (found.length > 0)
      pkg.report(
        'warning',
        check.ctx,
        check.fieldPath,
        'missing-content-note',
        missingNoteMessage(found),
        'key',
      );
  }
}
