/**
 * Missing translations, reported once everything is read: a language with no text at all gets one
 * warning; otherwise one warning per file and language (and per story folder).
 */
import { formatField } from '../problems';
import type { FileContext, LoadContext } from './context';
import { plainList } from './languages';

export function reportMissingTranslations(pkg: LoadContext, exhibitCtx: FileContext): void {
  const { languages, defaultLanguage } = pkg;
  const untouched = (languages ?? []).filter((l) => l !== defaultLanguage && !pkg.languagesWithText.has(l));
  for (const lang of untouched) {
    pkg.report(
      'warning',
      exhibitCtx,
      ['languages', (languages ?? []).indexOf(lang)],
      'missing-translation',
      `nothing is translated into ${lang} yet; visitors choosing ${lang} see the ${defaultLanguage} text everywhere`,
    );
  }
  for (const { folder, languages: missing } of pkg.storiesMissing) {
    const list = missing.filter((l) => !untouched.includes(l));
    if (list.length > 0)
      pkg.problems.push({
        severity: 'warning',
        file: `${folder}/`,
        message: `no translation yet in ${plainList(list)} (add ${list.map((l) => `${l}.md`).join(', ')}); visitors see the ${defaultLanguage} text`,
        code: 'missing-translation',
      });
  }
  for (const [file, { ctx, byLanguage }] of pkg.missingTranslations) {
    for (const [lang, fields] of byLanguage) {
      if (untouched.includes(lang)) continue;
      const names = fields.map((f) => formatField(f) ?? '');
      const at = ctx.locate(fields[0] ?? []);
      pkg.problems.push({
        severity: 'warning',
        file,
        ...(at ? { line: at.line, column: at.column } : {}),
        message: `no ${lang} translation yet for ${plainList(names.length > 6 ? [...names.slice(0, 5), `${names.length - 5} more fields`] : names)}; visitors reading ${lang} see the ${defaultLanguage} text`,
        code: 'missing-translation',
      });
    }
  }
}
