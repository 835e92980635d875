/**
 * diary/: one YAML file per excerpt. An excerpt needs its author (a person); its narration and captions
 * are checked in narration.ts. Wording given as another work quotes it (`quotedIn`) is never shown as the
 * author's original.
 */
import type { DiaryEntry } from '../../common/exhibit';
import { byLanguage } from '../contentNotes';
import { diarySchema } from '../schema';
import type { LoadContext } from './context';
import { guarded, mapLimit, readText } from './files';
import { collectDrafts, historicalDate, isValidLanguageTag, localizedFields } from './languages';
import { loadNarration } from './narration';
import { refer, unresolved } from './references';
import { parseYamlFile } from './yaml';

/** Every usable excerpt. Run after the people are read: an excerpt whose author is left out goes too. */
export async function loadDiary(
  pkg: LoadContext,
  files: readonly { id: string; file: string }[],
): Promise<DiaryEntry[]> {
  const diary = await mapLimit(files, pkg.concurrency, ({ id, file }) =>
    guarded(pkg, file, async (): Promise<DiaryEntry | null> => {
      const text = await readText(pkg, file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(pkg, text, file, diarySchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        pkg,
        value,
        ctx,
        ['text'] as const,
        ['place', 'contentNote', 'dateNote'] as const,
      );
      const entryDrafts = collectDrafts(pkg, value.drafts, ctx);
      let usableEntry = ok;
      if (!isValidLanguageTag(value.originalLanguage))
        pkg.report(
          'error',
          ctx,
          ['originalLanguage'],
          'invalid-language',
          `"${value.originalLanguage}" is not a valid language tag (e.g. de, en, zh-Hans)`,
        );
      let original = value.original;
      if (value.quotedIn) {
        if (!isValidLanguageTag(value.quotedIn.language))
          pkg.report(
            'error',
            ctx,
            ['quotedIn', 'language'],
            'invalid-language',
            `"${value.quotedIn.language}" is not a valid language tag (e.g. de, en, zh-Hans)`,
          );
        if (original !== undefined && value.quotedIn.language === value.originalLanguage) {
          pkg.report(
            'warning',
            ctx,
            ['original'],
            'quoted-not-original',
            `the excerpt is given as quoted in another work (quotedIn) in the author's own language, so "original" cannot be the author's checked text; it is not shown. Remove "original", or remove "quotedIn" once the wording has been checked against the original`,
            'key',
          );
          original = undefined;
        }
      }
      const author = unresolved(pkg, 'people', value.author);
      if (author) {
        pkg.report(
          author.severity,
          ctx,
          ['author'],
          author.code,
          author.code === 'reference-to-left-out'
            ? `the author "${value.author}" is left out because of errors in their own file, so this excerpt is left out too`
            : `${author.message}; this excerpt is left out because it needs its author`,
        );
        usableEntry = false;
      }
      const { narration, captions } = await loadNarration(pkg, value, ctx);
      if (!usableEntry) return null;
      const entry: DiaryEntry = {
        id,
        kind: value.kind,
        author: value.author,
        source: value.source,
        originalLanguage: value.originalLanguage,
        text: texts.text ?? {},
        narration,
        captions,
        drafts: entryDrafts,
      };
      const date = historicalDate(value.date, value.approximate, texts.dateNote);
      if (date) entry.date = date;
      if (texts.place) entry.place = texts.place;
      if (original !== undefined) entry.original = original;
      if (value.quotedIn) entry.quotedIn = { ...value.quotedIn };
      if (texts.contentNote) entry.contentNote = texts.contentNote;
      pkg.noteChecks.push({
        ctx,
        fieldPath: ['text'],
        texts: byLanguage(texts.text),
        hasNote: texts.contentNote !== undefined,
      });
      if (value.facsimile) {
        const facsimile = value.facsimile;
        entry.facsimile = facsimile;
        refer(pkg, 'photos', facsimile, ctx, ['facsimile'], () => {
          delete entry.facsimile;
        });
      }
      return entry;
    }),
  );
  return diary.filter((d): d is DiaryEntry => d !== null);
}
