import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExhibitPackage, type LoadResult } from '.';
import type { Problem } from '../problems';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures');
const load = (name: string): Promise<LoadResult> =>
  loadExhibitPackage(path.join(fixtures, name), { derivedDir: path.join(fixtures, name, '.no-cache') });
const errors = (r: LoadResult): Problem[] => r.problems.filter((p) => p.severity === 'error');

/** The one error a fixture is about: its file, line and field. */
async function expectError(name: string, expected: Partial<Problem>): Promise<LoadResult> {
  const result = await load(name);
  expect(errors(result)).toContainEqual(expect.objectContaining(expected));
  return result;
}

describe('the valid fixture', () => {
  it('has no errors and no warnings, and resolves every item', async () => {
    const result = await load('valid');
    expect(result.problems).toEqual([]);
    const e = result.exhibit;
    expect(e).not.toBeNull();
    if (!e) return;
    expect(e.id).toBe('harbour-memories');
    expect(e.photos.map((p) => p.id)).toEqual(['harbour-view', 'old-letter']);
    expect(e.photos[0]).toMatchObject({
      width: 48,
      height: 32,
      original: '/media/photos/harbour-view.jpg',
      people: ['ada-park'],
    });
    expect(e.photos[0]?.date).toEqual({ iso: '1937-12', precision: 'month', approximate: true });
    expect(e.photos[1]?.date).toEqual({ iso: '1938', precision: 'year', approximate: false });
    expect(e.people[0]).toMatchObject({ id: 'ada-park', born: '1890', portrait: 'harbour-view' });
    expect(e.diary[0]?.narration.en).toEqual({
      audio: '/media/audio/ada-first-day.en.ogg',
      captions: '/media/audio/ada-first-day.en.vtt',
      placeholder: true,
    });
    expect(e.diary[0]?.captions.ja).toEqual({
      narration: 'en',
      url: '/media/audio/ada-first-day.en-to-ja.vtt',
    });
    expect(e.timeline.map((t) => t.id)).toEqual(['harbour-opened', 'first-day']);
    const story = e.stories[0];
    expect(story?.cover).toBe('harbour-view');
    expect(story?.related.people).toEqual(['ada-park']);
    expect(story?.text.ja?.draft).toBe(true);
    expect(story?.text.en?.blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'quote',
      'photo',
      'list',
    ]);
    expect(result.drafts).toContainEqual({ file: 'stories/harbour-story/ja.md', language: 'ja' });
    expect(result.drafts).toContainEqual({ file: 'exhibit.yaml', language: 'ja' });
  });

  it('falls back to the original image URL when no derivative has been built', async () => {
    const e = (await load('valid')).exhibit;
    expect(e?.photos[0]?.thumbnail).toBe('/media/photos/harbour-view.jpg');
    expect(e?.photos[0]?.dzi).toBeUndefined();
  });
});

describe('broken packages: each problem names the file, the line and the field', () => {
  it('YAML syntax error: the photo is left out, references to it dropped with warnings', async () => {
    const result = await expectError('yaml-syntax', {
      file: 'photos/harbour-view.yaml',
      line: 4,
      code: 'yaml-syntax',
    });
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['old-letter']);
    expect(result.exhibit?.attract.photos).toEqual(['old-letter']);
    expect(result.exhibit?.stories[0]?.cover).toBeUndefined();
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'exhibit.yaml',
        line: 12,
        field: 'attract.photos[1]',
        code: 'reference-to-left-out',
      }),
    );
    expect(errors(result)).toHaveLength(1);
  });

  it('exhibit.yaml unusable: no exhibit at all', async () => {
    const result = await expectError('exhibit-unusable', {
      file: 'exhibit.yaml',
      line: 5,
      code: 'yaml-syntax',
    });
    expect(result.exhibit).toBeNull();
  });

  it('wrong type: "expected text, found a number"', async () => {
    const result = await expectError('wrong-type', {
      file: 'diary/ada-first-day.yaml',
      line: 8,
      column: 7,
      field: 'text.ja',
      message: 'expected text, found a number',
      code: 'wrong-type',
    });
    expect(result.exhibit?.diary).toEqual([]);
    expect(result.exhibit?.sections).not.toContain('diary');
  });

  it('missing required field', async () => {
    const result = await expectError('missing-field', {
      file: 'people/ada-park.yaml',
      line: 1,
      field: 'role',
      code: 'missing-field',
    });
    expect(result.exhibit?.people).toEqual([]);
    // The diary excerpt needs its author, so it goes too; the photo only loses the reference.
    expect(result.exhibit?.diary).toEqual([]);
    expect(result.exhibit?.photos.find((p) => p.id === 'harbour-view')?.people).toEqual([]);
  });

  it('dangling references: an error with a suggestion, the reference dropped, the item kept', async () => {
    const result = await expectError('dangling-reference', {
      file: 'photos/harbour-view.yaml',
      line: 18,
      column: 10,
      field: 'people[1]',
      code: 'unknown-reference',
    });
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        file: 'stories/harbour-story/en.md',
        line: 4,
        field: 'cover',
        code: 'unknown-reference',
      }),
    );
    expect(errors(result).find((p) => p.field === 'cover')?.message).toContain('did you mean "harbour-view"');
    expect(result.exhibit?.photos.find((p) => p.id === 'harbour-view')?.people).toEqual([]);
    expect(result.exhibit?.stories[0]?.cover).toBeUndefined();
  });

  it('duplicate ids in the timeline', async () => {
    const result = await expectError('duplicate-id', {
      file: 'timeline.yaml',
      line: 12,
      field: 'events[2].id',
      code: 'duplicate-id',
    });
    expect(result.exhibit?.timeline.map((t) => t.id)).toEqual(['harbour-opened']);
  });

  it('a file name that is not a valid id', async () => {
    const result = await expectError('id-mismatch', { file: 'photos/Harbour View.yaml', code: 'bad-id' });
    expect(errors(result).find((p) => p.code === 'bad-id')?.message).toContain('harbour-view.yaml');
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        file: 'exhibit.yaml',
        line: 12,
        field: 'attract.photos[1]',
        code: 'unknown-reference',
      }),
    );
  });

  it('missing image file', async () => {
    const result = await expectError('missing-image', {
      file: 'photos/harbour-view.yaml',
      line: 1,
      column: 7,
      field: 'file',
      code: 'missing-file',
    });
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['old-letter']);
  });

  it('corrupt image', async () => {
    await expectError('corrupt-image', {
      file: 'photos/harbour-view.yaml',
      line: 1,
      field: 'file',
      code: 'corrupt-image',
    });
  });

  it('corrupt audio and captions: the narration is not played, the excerpt stays', async () => {
    const result = await expectError('corrupt-audio', {
      file: 'diary/ada-first-day.yaml',
      line: 11,
      field: 'narration.en.audio',
      code: 'corrupt-audio',
    });
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ line: 15, field: 'captions.ja.file', code: 'corrupt-captions' }),
    );
    expect(result.exhibit?.diary[0]?.narration).toEqual({});
    expect(result.exhibit?.diary[0]?.captions).toEqual({});
  });

  it('hostile Markdown: script, raw HTML, javascript: link, external link and image, autolink', async () => {
    const result = await load('hostile-markdown');
    const file = 'stories/harbour-story/en.md';
    const at = errors(result).map((p) => [p.file, p.line, p.code]);
    expect(at).toEqual(
      expect.arrayContaining([
        [file, 25, 'markdown-script'],
        [file, 27, 'markdown-html'],
        [file, 29, 'markdown-dangerous-link'],
        [file, 31, 'markdown-link'],
        [file, 33, 'markdown-image'],
        [file, 35, 'markdown-link'],
      ]),
    );
    // The default-language file is unusable, so the story is left out; nothing unsafe reaches the exhibit.
    expect(result.exhibit?.stories).toEqual([]);
    expect(JSON.stringify(result.exhibit)).not.toMatch(/script|javascript|example\.org/);
  });

  it('traversal in file references: .., absolute, backslashes, percent-encoding, URLs', async () => {
    const result = await load('traversal');
    const unsafe = errors(result).filter((p) => p.code === 'unsafe-file-reference');
    expect(unsafe.map((p) => [p.file, p.line, p.field])).toEqual([
      ['diary/ada-first-day.yaml', 11, 'narration.en.audio'],
      ['diary/ada-first-day.yaml', 12, 'narration.en.captions'],
      ['diary/ada-first-day.yaml', 15, 'captions.ja.file'],
      ['photos/harbour-view.yaml', 1, 'file'],
      ['photos/old-letter.yaml', 1, 'file'],
    ]);
    expect(result.exhibit?.photos).toEqual([]);
    expect(JSON.stringify(result.exhibit)).not.toContain('passwd');
  });

  it('unknown language key and story file', async () => {
    const result = await expectError('unknown-language', {
      file: 'photos/harbour-view.yaml',
      line: 6,
      column: 3,
      field: 'caption.fr',
      code: 'unknown-language',
    });
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'stories/harbour-story/fr.md', code: 'unknown-language' }),
    );
    // The stray text is dropped, the photo stays.
    expect(result.exhibit?.photos.find((p) => p.id === 'harbour-view')?.caption).toEqual({
      en: 'The harbour seen from the hill.',
      ja: '丘から見た港。',
    });
  });

  it('missing default-language text', async () => {
    const result = await expectError('missing-default-language', {
      file: 'photos/old-letter.yaml',
      line: 3,
      field: 'caption',
      code: 'missing-default-language',
    });
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['harbour-view']);
    // The story's embed of the left-out photo is dropped with a warning pointing at its line.
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'stories/harbour-story/en.md',
        line: 20,
        code: 'reference-to-left-out',
      }),
    );
    expect(result.exhibit?.stories[0]?.text.en?.blocks.some((b) => b.type === 'photo')).toBe(false);
  });

  it('never throws on a folder that does not exist', async () => {
    const result = await loadExhibitPackage(path.join(fixtures, 'no-such-folder'));
    expect(result.exhibit).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ file: 'exhibit.yaml', code: 'missing-exhibit' }),
    ]);
  });
});

const sample = path.resolve(__dirname, '../../../media');
describe.runIf(existsSync(path.join(sample, 'exhibit.yaml')))('the sample exhibit in media/', () => {
  it('has no errors', async () => {
    const result = await loadExhibitPackage(sample, { derivedDir: path.join(fixtures, '.no-cache') });
    expect(errors(result)).toEqual([]);
    expect(result.exhibit).not.toBeNull();
  });
});
