import { describe, expect, it } from 'vitest';
import { attractResponse, attractSlice } from './attract';
import type { Exhibit, Photo } from './exhibit';

function photo(id: string, placeholder = false): Photo {
  return {
    id,
    original: `/media/photos/${id}.jpg`,
    thumbnail: `/derived/${id}/thumb.webp`,
    display: `/derived/${id}/display.webp`,
    width: 3000,
    height: 2000,
    placeholder,
    caption: { en: `The caption of ${id}, which the attract loop does not show` },
    alt: { en: `alt ${id}` },
    credit: { en: `Credit ${id}`, 'zh-Hans': `来源 ${id}` },
    rights: { en: 'rights' },
    source: 'a source',
    people: [],
    graphic: false,
    drafts: [],
  };
}

const exhibit: Exhibit = {
  id: 'safety-zone',
  version: '3',
  defaultLanguage: 'zh-Hans',
  languages: ['zh-Hans', 'en'],
  title: { 'zh-Hans': '南京安全区', en: 'The Nanjing Safety Zone' },
  subtitle: { en: '1937–1938' },
  attract: { photos: ['b', 'gone', 'a'], tagline: { en: 'Touch to remember' }, slideSeconds: 9 },
  sections: ['stories'],
  stories: [],
  photos: [photo('a'), photo('b', true), photo('not-in-the-loop')],
  diary: [],
  people: [],
  timeline: [],
  drafts: [],
};

describe('attractSlice', () => {
  const slice = attractSlice(exhibit);

  it('keeps the attract photographs in the exhibit’s order, leaving out one the exhibit does not have', () => {
    expect(slice.photos.map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('gives of each photograph only its screen image, credit and placeholder flag', () => {
    expect(slice.photos[0]).toEqual({
      id: 'b',
      display: '/derived/b/display.webp',
      placeholder: true,
      credit: { en: 'Credit b', 'zh-Hans': '来源 b' },
    });
  });

  it('carries the title, languages, tagline and slide time', () => {
    expect(slice).toMatchObject({
      id: 'safety-zone',
      version: '3',
      defaultLanguage: 'zh-Hans',
      languages: ['zh-Hans', 'en'],
      title: exhibit.title,
      subtitle: exhibit.subtitle,
      tagline: { en: 'Touch to remember' },
      slideSeconds: 9,
    });
  });

  it('is a small part of the exhibit: no story, caption or photograph outside the loop', () => {
    const text = JSON.stringify(slice);
    expect(text).not.toContain('caption');
    expect(text).not.toContain('not-in-the-loop');
  });
});

describe('attractResponse', () => {
  it.each([
    [
      { status: 'ok', exhibit, loadedAt: '2026-12-02T10:00:00.000Z', problems: 2 } as const,
      { status: 'ok', attract: attractSlice(exhibit), loadedAt: '2026-12-02T10:00:00.000Z' },
    ],
    [
      { status: 'unavailable', reason: 'exhibit.yaml could not be read' } as const,
      { status: 'unavailable', reason: 'exhibit.yaml could not be read' },
    ],
  ])('%#: answers the slice, or the same reason the exhibit is unavailable', (response, expected) => {
    expect(attractResponse(response)).toEqual(expected);
  });
});
