import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storyBlockTexts, violenceFound, violenceWordsIn, type ViolenceWordLists } from './contentNotes';
import { loadExhibitPackage } from './load';

const lists: ViolenceWordLists = {
  'zh-Hans': { words: ['屠杀', '强奸', '暴行'], skip: ['南京大屠杀'] },
  en: { words: ['kill', 'rape', 'atrocities'], skip: ['Nanjing Massacre'] },
  ja: { words: ['虐殺', '殺害', '強姦'], skip: ['南京大虐殺'] },
  id: { words: ['dibunuh', 'pembunuhan', 'pemerkosaan'], skip: ['Pembantaian Nanjing'] },
};

describe('violenceWordsIn', () => {
  it.each([
    ['zh-Hans', '日军在全城实施大规模屠杀和强奸。', ['屠杀', '强奸']],
    ['zh-Hans', '侵华日军南京大屠杀遇难同胞纪念馆开馆。', []],
    ['zh-Hans', '南京大屠杀期间，日军进行了屠杀。', ['屠杀']],
    ['en', 'Japanese soldiers commit mass killings and rapes across the city.', ['kill', 'rape']],
    ['en', 'He filmed the ATROCITIES.', ['atrocities']],
    ['en', 'A skilled craftsman drapes the table.', []],
    ['en', 'The Memorial Hall of the Victims of the Nanjing Massacre opens.', []],
    ['ja', '日本兵は市内各地で大規模な殺害と強姦を行いました。', ['殺害', '強姦']],
    ['ja', '南京大虐殺記念館が開館しました。', []],
    ['id', 'Orang-orang juga dibunuh di dalam Zona.', ['dibunuh']],
    ['id', 'prajurit Jepang melakukan pembunuhan massal dan pemerkosaan', ['pembunuhan', 'pemerkosaan']],
    ['id', 'Balai Peringatan Korban Pembantaian Nanjing dibuka.', []],
    ['id', 'membunuh', []],
  ])('%s: %s → %j', (lang, text, expected) => {
    const list = lists[lang];
    if (!list) throw new Error(`no list for ${lang}`);
    expect(violenceWordsIn(text, list)).toEqual(expected);
  });
});

describe('violenceFound', () => {
  it('names the languages and words, and ignores languages without a list', () => {
    expect(
      violenceFound({ en: ['Nanjing falls', 'mass killings'], ja: ['南京陥落'], de: ['Massaker'] }, lists),
    ).toEqual([{ lang: 'en', words: ['kill'] }]);
  });
});

describe('storyBlockTexts', () => {
  it('reads headings, paragraphs, quotes and lists, not photo embeds', () => {
    expect(
      storyBlockTexts([
        { type: 'heading', level: 2, children: [{ type: 'text', value: 'When the city fell' }] },
        {
          type: 'quote',
          children: [
            {
              type: 'paragraph',
              children: [{ type: 'emphasis', children: [{ type: 'text', value: 'words' }] }],
            },
          ],
        },
        {
          type: 'list',
          ordered: false,
          items: [[{ type: 'paragraph', children: [{ type: 'text', value: 'a' }] }]],
        },
        { type: 'photo', photoId: 'x' },
      ]),
    ).toEqual(['When the city fell', 'words', 'a']);
  });
});

/** A four-language package whose one timeline event says `text` in one language, and peaceful words in the others. */
async function packageWith(lang: string, text: string, contentNote: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'content-notes-'));
  const languages = ['zh-Hans', 'en', 'ja', 'id'];
  const peaceful: Record<string, string> = {
    'zh-Hans': '委员会成立。',
    en: 'The committee is founded.',
    ja: '委員会が設立されました。',
    id: 'Komite didirikan.',
  };
  const all = (value: (l: string) => string) =>
    languages.map((l) => `    ${l}: ${JSON.stringify(value(l))}`).join('\n');
  await writeFile(
    path.join(dir, 'exhibit.yaml'),
    `id: notes
version: 1
defaultLanguage: zh-Hans
languages: [${languages.join(', ')}]
title:
${all(() => 'T').replace(/^ {4}/gm, '  ')}
subtitle:
${all(() => 'S').replace(/^ {4}/gm, '  ')}
attract:
  photos: [none]
  tagline:
${all(() => 'G')}
sections: [timeline]
`,
  );
  await writeFile(
    path.join(dir, 'timeline.yaml'),
    `events:
  - id: the-event
    date: "1937-12-13"
    title:
${all(() => 'E').replace(/^/gm, '  ')}
    text:
${all((l) => (l === lang ? text : (peaceful[l] ?? ''))).replace(/^/gm, '  ')}
${contentNote ? `    contentNote:\n${all(() => 'Note').replace(/^/gm, '  ')}\n` : ''}    sources: ["Invented for the tests"]
`,
  );
  await writeFile(
    path.join(dir, 'content-notes.yaml'),
    Object.entries(lists)
      .map(
        ([l, list]) =>
          `${l}:\n  words: ${JSON.stringify(list?.words)}\n  skip: ${JSON.stringify(list?.skip)}\n`,
      )
      .join(''),
  );
  return dir;
}

describe('the checker warns about violence without a content note', () => {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each([
    ['zh-Hans', '此后数周，日军在全城实施大规模屠杀。', '"屠杀"'],
    ['en', 'In the weeks that follow, Japanese soldiers commit mass killings.', '"kill"'],
    ['ja', 'その後の数週間、日本兵は市内各地で大規模な殺害を行いました。', '"殺害"'],
    ['id', 'Dalam minggu-minggu berikutnya, prajurit Jepang melakukan pembunuhan massal.', '"pembunuhan"'],
  ])('in %s: %s', async (lang, text, word) => {
    const withoutNote = await packageWith(lang, text, false);
    const withNote = await packageWith(lang, text, true);
    made.push(withoutNote, withNote);
    const warned = (await loadExhibitPackage(withoutNote)).problems.filter(
      (p) => p.code === 'missing-content-note',
    );
    expect(warned).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'timeline.yaml',
        field: 'events[1].text',
        message: expect.stringContaining(`${lang}: ${word}`),
      }),
    ]);
    expect(warned[0]?.message).toContain('no contentNote');
    const noted = await loadExhibitPackage(withNote);
    expect(noted.problems.filter((p) => p.code === 'missing-content-note')).toEqual([]);
    expect(noted.exhibit?.timeline[0]?.contentNote?.[lang]).toBe('Note');
  });

  it('says nothing about peaceful texts, or when the package has no word lists', async () => {
    const peaceful = await packageWith('en', 'The first pier is built.', false);
    made.push(peaceful);
    const result = await loadExhibitPackage(peaceful);
    expect(result.problems.filter((p) => p.code === 'missing-content-note')).toEqual([]);
    await rm(path.join(peaceful, 'content-notes.yaml'));
    const unlisted = await packageWith('en', 'mass killings', false);
    made.push(unlisted);
    await rm(path.join(unlisted, 'content-notes.yaml'));
    expect(
      (await loadExhibitPackage(unlisted)).problems.filter((p) => p.code === 'missing-content-note'),
    ).toEqual([]);
  });
});
