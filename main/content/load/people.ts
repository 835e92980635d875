/** people/: one YAML file per person, with an optional portrait (a photo id). */
import type { Person } from '../../common/exhibit';
import { byLanguage } from '../contentNotes';
import { personSchema } from '../schema';
import type { LoadContext } from './context';
import { guarded, mapLimit, readText } from './files';
import { collectDrafts, localizedFields } from './languages';
import { refer } from './references';
import { parseYamlFile } from './yaml';

export async function loadPeople(
  pkg: LoadContext,
  files: readonly { id: string; file: string }[],
): Promise<Person[]> {
  const people = await mapLimit(files, pkg.concurrency, ({ id, file }) =>
    guarded(pkg, file, async (): Promise<Person | null> => {
      const text = await readText(pkg, file);
      if (text === null) return null;
      const { value, ctx } = parseYamlFile(pkg, text, file, personSchema);
      if (!value) return null;
      const { ok, texts } = localizedFields(
        pkg,
        value,
        ctx,
        ['name', 'role', 'nationality', 'biography'] as const,
        ['contentNote'] as const,
      );
      const personDrafts = collectDrafts(pkg, value.drafts, ctx);
      if (!ok) return null;
      const person: Person = {
        id,
        name: texts.name ?? {},
        role: texts.role ?? {},
        nationality: texts.nationality ?? {},
        biography: texts.biography ?? {},
        sources: [...value.sources],
        drafts: personDrafts,
      };
      if (texts.contentNote) person.contentNote = texts.contentNote;
      pkg.noteChecks.push({
        ctx,
        fieldPath: ['biography'],
        texts: byLanguage(texts.role, texts.biography),
        hasNote: texts.contentNote !== undefined,
      });
      if (value.born !== undefined) person.born = String(value.born);
      if (value.died !== undefined) person.died = String(value.died);
      if (value.portrait) {
        const portrait = value.portrait;
        person.portrait = portrait;
        refer(pkg, 'photos', portrait, ctx, ['portrait'], () => {
          delete person.portrait;
        });
      }
      return person;
    }),
  );
  return people.filter((p): p is Person => p !== null);
}
