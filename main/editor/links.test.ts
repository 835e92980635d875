import { describe, expect, it } from 'vitest';
import { idFromTitle } from '../common/editorItems';
import {
  copyTimelineEvent,
  findLinks,
  photoEmbeds,
  planRename,
  removeTimelineEvent,
  renameEmbeds,
  renameReferencesInFile,
} from './links';
import { emptyValue, newItemData, newItemId } from './newItem';

const story = `---
title: The harbour
summary: How the harbour became a refuge.
cover: harbour-view # the pier at dawn
related:
  people: [ada-park, bo-lin]
  stories: [harbour]
sources:
  - "Invented"
---

The boats came in.

![](photo:harbour-view)

Text that names photo:harbour-view without an embed.
`;

const texts = new Map<string, string>([
  ['stories/harbour/en.md', story],
  ['stories/harbour/ja.md', '---\ntitle: 港\nsummary: 港\n---\n\n![](photo:old-letter)\n'],
  ['photos/harbour-view.yaml', 'file: harbour-view.jpg\n# who is shown\npeople: [ada-park]\n'],
  ['photos/old-letter.yaml', 'file: old-letter.png\npeople: []\n'],
  ['people/ada-park.yaml', 'name: { en: Ada }\nportrait: harbour-view\n'],
  ['people/bo-lin.yaml', 'name: { en: Bo }\n'],
  ['diary/first.yaml', 'author: ada-park\nfacsimile: old-letter\n'],
  ['exhibit.yaml', 'id: x\nattract:\n  photos: [harbour-view, old-letter] # in turn\n'],
  [
    'timeline.yaml',
    'events:\n  - id: opened\n    related: { photos: [harbour-view] }\n  # the day\n  - id: first-day\n    related: { people: [ada-park], timeline: [opened] }\n',
  ],
]);

describe('idFromTitle', () => {
  it.each([
    ['Minnie Vautrin', 'minnie-vautrin'],
    ['  Vautrin’s école, 1937 ', 'vautrins-ecole-1937'],
    ['The Safety Zone -- Map!', 'the-safety-zone-map'],
    ['魏特琳', ''],
    ['Straße', 'strasse'],
    ['a'.repeat(30) + ' ' + 'b'.repeat(40), 'a'.repeat(30)],
  ])('%s → %s', (title, id) => expect(idFromTitle(title)).toBe(id));
});

describe('newItemId', () => {
  const taken = new Set(['ada-park']);
  it.each([
    ['from the title', 'person', 'Bo Lin', '', { ok: true, id: 'bo-lin' }],
    ['as typed', 'person', 'Bo Lin', 'lin-bo', { ok: true, id: 'lin-bo' }],
    ['taken', 'person', 'Ada Park', '', { ok: false, id: 'ada-park' }],
    ['invalid', 'person', '', 'Bo_Lin', { ok: false, id: 'Bo_Lin' }],
    ['traversal', 'photo', '', '../x', { ok: false, id: '../x' }],
    ['no Latin letters', 'story', '南京', '', { ok: false }],
    ['the exhibit', 'exhibit', 'More', '', { ok: false }],
  ] as const)('%s', (_name, kind, title, typed, expected) => {
    const got = newItemId(kind, title, typed, taken);
    expect(got.ok).toBe(expected.ok);
    if ('id' in expected) expect(got.id).toBe(expected.id);
    if (!got.ok) expect(got.message.length).toBeGreaterThan(10);
  });
});

describe('newItemData', () => {
  const person = {
    type: 'object',
    required: ['name', 'sources', 'born'],
    properties: {
      name: { type: 'object', additionalProperties: { type: 'string' } },
      sources: { type: 'array', minItems: 1, items: { type: 'string' } },
      born: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      drafts: { type: 'array', default: [] },
    },
  };
  it.each([
    [
      'a person: required fields empty, the title as name',
      'person',
      { name: { en: 'Bo' }, sources: [''], born: '' },
    ],
    [
      'a timeline event: its id too',
      'timeline',
      { name: { en: '' }, sources: [''], born: '', id: 'bo', title: { en: 'Bo' } },
    ],
  ] as const)('%s', (_n, kind, expected) =>
    expect(newItemData(kind, 'bo', 'Bo', person, 'en')).toEqual(expected),
  );
  it('a story: one default-language file with title, sources and a text', () =>
    expect(
      newItemData(
        'story',
        's',
        'S',
        { type: 'object', required: ['summary'], properties: { summary: { type: 'string' } } },
        'en',
      ),
    ).toEqual({
      en: { summary: '', title: 'S', sources: [''], body: '\n' },
    }));
  it.each([
    [{ type: 'boolean' }, false],
    [{ type: 'string', enum: ['a', 'b'] }, 'a'],
    [{ type: 'number' }, 0],
    [{ type: 'array' }, []],
    [{ default: 12, type: 'number' }, 12],
  ])('empty %j', (node, value) => expect(emptyValue(node, 'en')).toEqual(value));
});

describe('findLinks', () => {
  it.each([
    [
      'a photo: story cover, embed, photo file, portrait, attract loop, timeline',
      'photo',
      'harbour-view',
      [
        'exhibit:exhibit:attract.photos[1]',
        'person:ada-park:portrait',
        'story:harbour:en.cover',
        'story:harbour:en.body@14',
        'timeline:opened:related.photos[1]',
      ],
    ],
    [
      'a person: photo, diary, story related, timeline related',
      'person',
      'ada-park',
      [
        'diary:first:author',
        'photo:harbour-view:people[1]',
        'story:harbour:en.related.people[1]',
        'timeline:first-day:related.people[1]',
      ],
    ],
    [
      'a timeline event named by another event',
      'timeline',
      'opened',
      ['timeline:first-day:related.timeline[1]'],
    ],
    ['a story related to itself is not a link', 'story', 'harbour', []],
    ['nobody names it', 'person', 'nobody', []],
    [
      'an embed in another language file',
      'photo',
      'old-letter',
      ['diary:first:facsimile', 'exhibit:exhibit:attract.photos[2]', 'story:harbour:ja.body@6'],
    ],
  ] as const)('%s', (_name, kind, id, expected) => {
    const got = findLinks(texts, kind, id).map(
      (l) => `${l.kind}:${l.id}:${l.field}${l.line ? `@${l.line}` : ''}`,
    );
    expect(got.sort()).toEqual([...expected].sort());
  });
});

describe('photo embeds', () => {
  it('finds embeds with their lines and renames only the embed, byte for byte', () => {
    const body = '\nA photo:x line.\n\n![](photo:x)\n\n![](photo:x-y)\n';
    expect(photoEmbeds(body, 10)).toEqual([
      { id: 'x', line: 13 },
      { id: 'x-y', line: 15 },
    ]);
    expect(renameEmbeds(body, 'x', 'z')).toBe('\nA photo:x line.\n\n![](photo:z)\n\n![](photo:x-y)\n');
  });
});

describe('renameReferencesInFile', () => {
  it.each([
    [
      'a photo file: only the value changes, the comment stays',
      'photos/harbour-view.yaml',
      'person',
      'ada-park',
      'ada-park-lee',
      'file: harbour-view.jpg\n# who is shown\npeople: [ada-park-lee]\n',
    ],
    [
      'exhibit.yaml: flow list and comment kept',
      'exhibit.yaml',
      'photo',
      'old-letter',
      'letter',
      'id: x\nattract:\n  photos: [harbour-view, letter] # in turn\n',
    ],
    [
      'a file that does not name it stays the same',
      'people/bo-lin.yaml',
      'photo',
      'harbour-view',
      'hv',
      'name: { en: Bo }\n',
    ],
  ] as const)('%s', (_n, file, kind, from, to, expected) =>
    expect(renameReferencesInFile(file, texts.get(file) ?? '', kind, from, to)).toBe(expected),
  );

  it('a story: front matter comment kept, embed renamed, the rest of the text byte for byte', () => {
    const next = renameReferencesInFile('stories/harbour/en.md', story, 'photo', 'harbour-view', 'pier');
    expect(next).toBe(
      story
        .replace('cover: harbour-view #', 'cover: pier #')
        .replace('![](photo:harbour-view)', '![](photo:pier)'),
    );
  });
});

describe('planRename', () => {
  it('a person: the new file, then every file naming them, then the old file', () => {
    const plan = planRename(texts, 'person', 'ada-park', 'ada-lee');
    expect([...plan.create.keys()]).toEqual(['people/ada-lee.yaml']);
    expect(plan.create.get('people/ada-lee.yaml')).toBe(texts.get('people/ada-park.yaml'));
    expect(plan.update.map(([f]) => f)).toEqual([
      'diary/first.yaml',
      'photos/harbour-view.yaml',
      'stories/harbour/en.md',
      'timeline.yaml',
    ]);
    expect(plan.remove).toEqual(['people/ada-park.yaml']);
    const timeline = plan.update.find(([f]) => f === 'timeline.yaml')?.[1] ?? '';
    expect(timeline).toContain('people: [ada-lee]');
    expect(timeline).toContain('# the day');
  });
  it('a story: its files move to the new folder, its link to itself follows it', () => {
    const plan = planRename(texts, 'story', 'harbour', 'the-harbour');
    expect([...plan.create.keys()].sort()).toEqual([
      'stories/the-harbour/en.md',
      'stories/the-harbour/ja.md',
    ]);
    expect(plan.create.get('stories/the-harbour/en.md')).toContain('stories: [the-harbour]');
    expect(plan.update).toEqual([]);
    expect(plan.remove.sort()).toEqual(['stories/harbour/en.md', 'stories/harbour/ja.md']);
  });
  it('a timeline event: a copy beside it first, timeline.yaml renamed in place last', () => {
    const plan = planRename(texts, 'timeline', 'opened', 'harbour-opened');
    expect(plan.createTimeline).toContain('- id: opened');
    expect(plan.createTimeline).toContain('- id: harbour-opened');
    const last = plan.update.at(-1);
    expect(last?.[0]).toBe('timeline.yaml');
    expect(last?.[1]).not.toMatch(/id: opened\b/);
    expect(last?.[1]).toContain('timeline: [harbour-opened]');
    expect(last?.[1]).toContain('# the day');
    expect(plan.remove).toEqual([]);
  });
  it('an item that is not there', () =>
    expect(() => planRename(texts, 'person', 'nobody', 'x')).toThrow(/no person/));
});

describe('timeline events', () => {
  const text = 'events:\n  - id: a # first\n    date: "1937"\n  - id: b\n    date: "1938"\n';
  it('copy after the original, remove keeps the others as written', () => {
    expect(copyTimelineEvent(text, 'a', 'c')).toBe(
      'events:\n  - id: a # first\n    date: "1937"\n  - id: c # first\n    date: "1937"\n  - id: b\n    date: "1938"\n',
    );
    expect(removeTimelineEvent(text, 'a')).toBe('events:\n  - id: b\n    date: "1938"\n');
    expect(removeTimelineEvent(text, 'zz')).toBe(text);
  });
});
