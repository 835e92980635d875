import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExhibitPackage } from './load';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A one-language package with one person and one excerpt written with `diaryFields`. */
async function packageWith(diaryFields: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quoted-in-'));
  made.push(dir);
  await mkdir(path.join(dir, 'people'));
  await mkdir(path.join(dir, 'diary'));
  await writeFile(
    path.join(dir, 'exhibit.yaml'),
    `id: q\nversion: 1\ndefaultLanguage: en\nlanguages: [en]\ntitle: { en: T }\nsubtitle: { en: S }\nattract: { photos: [none], tagline: { en: G } }\nsections: [diary]\n`,
  );
  await writeFile(
    path.join(dir, 'people', 'a-writer.yaml'),
    `name: { en: A Writer }\nrole: { en: Writer }\nnationality: { en: American }\nbiography: { en: Wrote. }\nsources: ["Invented for the tests"]\n`,
  );
  await writeFile(
    path.join(dir, 'diary', 'words.yaml'),
    `author: a-writer\nsource: "A Writer, diary; quoted in A Newspaper"\ntext: { en: "The words." }\n${diaryFields}`,
  );
  return dir;
}

describe('quotedIn', () => {
  it.each([
    [
      'wording as another work quotes it, in the author’s language',
      'originalLanguage: en\nquotedIn: { source: "A Newspaper", language: en }\n',
      { quotedIn: { source: 'A Newspaper', language: 'en' } },
      [],
    ],
    [
      'a quoted translation keeps the author’s own checked text',
      'originalLanguage: de\noriginal: "Die Worte."\nquotedIn: { source: "A Newspaper", language: en }\n',
      { original: 'Die Worte.', quotedIn: { source: 'A Newspaper', language: 'en' } },
      [],
    ],
    [
      '"original" beside wording quoted in the same language is not shown, with a warning',
      'originalLanguage: en\noriginal: "The words."\nquotedIn: { source: "A Newspaper", language: en }\n',
      { quotedIn: { source: 'A Newspaper', language: 'en' } },
      ['quoted-not-original'],
    ],
  ])('%s', async (_, fields, expected, codes) => {
    const result = await loadExhibitPackage(await packageWith(fields));
    const entry = result.exhibit?.diary[0];
    expect(entry).toMatchObject(expected);
    if (!('original' in expected)) expect(entry?.original).toBeUndefined();
    expect(result.problems.filter((p) => p.file === 'diary/words.yaml').map((p) => p.code)).toEqual(codes);
  });
});
