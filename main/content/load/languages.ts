/**
 * Texts in the exhibit's languages: checking a localized map, collecting missing translations and drafts,
 * and the small helpers that name languages in messages.
 */
import type { HistoricalDate, Lang, LocalizedText } from '../../common/exhibit';
import type { FieldPath } from '../problems';
import type { DateValue } from '../schema';
import type { FileContext, LoadContext } from './context';

export function isValidLanguageTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** A likely intended language for a misspelt tag: same letters in another case, or `_` for `-`. */
export function languageSuggestion(tag: string, languages: readonly Lang[]): Lang | undefined {
  const simple = (t: string) => t.toLowerCase().replace(/_/g, '-');
  return (
    languages.find((l) => simple(l) === simple(tag)) ??
    languages.find((l) => simple(tag).startsWith(`${simple(l)}-`))
  );
}

/** "a", "a and b", "a, b and c". */
export function plainList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The exhibit's languages as the messages list them: "en, zh-Hans, ja". */
export const languageList = (pkg: LoadContext): string => (pkg.languages ?? []).join(', ');

/**
 * Check a localized map: unknown language keys are errors (and dropped), a missing default language is
 * an error (`ok: false`), other missing languages are collected for one warning per file.
 */
export function localized(
  pkg: LoadContext,
  value: Record<string, string> | undefined,
  ctx: FileContext,
  fieldPath: FieldPath,
  translatable = true,
): { ok: boolean; text?: LocalizedText } {
  if (value === undefined) return { ok: true };
  const { languages, defaultLanguage } = pkg;
  if (!languages || !defaultLanguage) return { ok: true, text: { ...value } };
  const text: LocalizedText = {};
  for (const [lang, raw] of Object.entries(value)) {
    if (!languages.includes(lang)) {
      const suggestion = languageSuggestion(lang, languages);
      pkg.report(
        'error',
        ctx,
        [...fieldPath, lang],
        'unknown-language',
        `"${lang}" is not one of the exhibit's languages (${languageList(pkg)})${suggestion ? ` — did you mean "${suggestion}"?` : ''}; this text is not shown`,
        'key',
      );
      continue;
    }
    if (raw.trim() === '') continue;
    text[lang] = raw;
  }
  for (const lang of Object.keys(text)) pkg.languagesWithText.add(lang);
  if (text[defaultLanguage] === undefined) {
    pkg.report(
      'error',
      ctx,
      fieldPath,
      'missing-default-language',
      `there is no text in the default language (${defaultLanguage})`,
    );
    return { ok: false };
  }
  if (translatable) {
    for (const lang of languages) {
      if (text[lang] !== undefined) continue;
      let entry = pkg.missingTranslations.get(ctx.file);
      if (!entry) pkg.missingTranslations.set(ctx.file, (entry = { ctx, byLanguage: new Map() }));
      const list = entry.byLanguage.get(lang) ?? [];
      list.push(fieldPath);
      entry.byLanguage.set(lang, list);
    }
  }
  return { ok: true, text };
}

/** Several localized fields; `required` ones missing their default language make the item unusable. */
export function localizedFields<K extends string>(
  pkg: LoadContext,
  data: Partial<Record<K, Record<string, string> | undefined>>,
  ctx: FileContext,
  required: readonly K[],
  optional: readonly K[],
  prefix: FieldPath = [],
): { ok: boolean; texts: Partial<Record<K, LocalizedText>> } {
  let ok = true;
  const texts: Partial<Record<K, LocalizedText>> = {};
  for (const key of [...required, ...optional]) {
    const result = localized(pkg, data[key], ctx, [...prefix, key]);
    if (!result.ok && required.includes(key)) ok = false;
    if (result.text) texts[key] = result.text;
  }
  return { ok, texts };
}

/** The languages a file marks as draft (`drafts:`), each recorded once for the checker's draft list. */
export function collectDrafts(
  pkg: LoadContext,
  list: readonly string[],
  ctx: FileContext,
  fieldPath: FieldPath = ['drafts'],
): Lang[] {
  const out: Lang[] = [];
  list.forEach((lang, i) => {
    if (pkg.languages && !pkg.languages.includes(lang)) {
      pkg.report(
        'warning',
        ctx,
        [...fieldPath, i],
        'unknown-language',
        `"${lang}" in drafts is not one of the exhibit's languages (${languageList(pkg)})`,
      );
      return;
    }
    if (!out.includes(lang)) {
      out.push(lang);
      pkg.drafts.push({ file: ctx.file, language: lang });
    }
  });
  return out;
}

/** A date as the exhibit shows it: its precision from how much of it is written. Pure. */
export function historicalDate(
  value: DateValue | undefined,
  approximate: boolean,
  note: LocalizedText | undefined,
): HistoricalDate | undefined {
  if (value === undefined) return undefined;
  const iso = typeof value === 'number' ? String(value).padStart(4, '0') : value;
  const parts = iso.split('-').length;
  return {
    iso,
    precision: parts === 1 ? 'year' : parts === 2 ? 'month' : 'day',
    approximate,
    ...(note ? { note } : {}),
  };
}
