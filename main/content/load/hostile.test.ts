/**
 * Hostile content packages (issue 10, points 2, 3 and 4): special files, links out of the package, huge and
 * deeply nested files. Each is made by the test from a copy of the valid fixture; the loader must refuse
 * the one bad file, naming it (and its line where there is one), and keep the rest of the exhibit.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReport } from '../check';
import type { Problem } from '../problems';
import { loadExhibitPackage, type LoadResult } from '.';

const valid = path.resolve(__dirname, '../../../tests/fixtures/valid');
let root: string;
let media: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-hostile-'));
  media = path.join(root, 'media');
  await cp(valid, media, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = (): Promise<LoadResult> => loadExhibitPackage(media, { derivedDir: path.join(root, 'cache') });
const errors = (r: LoadResult): Problem[] => r.problems.filter((p) => p.severity === 'error');
const at = (...parts: string[]) => path.join(media, ...parts);
const STORY_JA = 'stories/harbour-story/ja.md';

async function replaceWithLink(relative: string, target: string): Promise<void> {
  await rm(at(relative));
  await symlink(target, at(relative));
}

describe('files that are not plain files of the package are refused, naming the file', () => {
  it('a story linked to a file outside the package: its words never reach the exhibit', async () => {
    const outside = path.join(root, 'outside.md');
    await writeFile(outside, '---\ntitle: Secret\nsummary: Secret\n---\n\nWORDS FROM OUTSIDE THE PACKAGE\n');
    await replaceWithLink(STORY_JA, outside);
    const result = await load();
    expect(JSON.stringify(result.exhibit)).not.toContain('WORDS FROM OUTSIDE');
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: STORY_JA, code: 'outside-package' }),
    );
    // Only that file goes: the story stays in English.
    expect(result.exhibit?.stories.map((s) => Object.keys(s.text))).toEqual([['en']]);
  });

  it('a FIFO in place of a story file is refused without waiting for a writer', async () => {
    await rm(at(STORY_JA));
    execFileSync('mkfifo', [at(STORY_JA)]);
    const result = await load();
    expect(errors(result)).toContainEqual(expect.objectContaining({ file: STORY_JA, code: 'not-a-file' }));
    expect(result.exhibit?.stories).toHaveLength(1);
  });

  it('a FIFO named exhibit.yaml: the exhibit cannot be used, and the loader says why', async () => {
    await rm(at('exhibit.yaml'));
    execFileSync('mkfifo', [at('exhibit.yaml')]);
    const result = await load();
    expect(result.exhibit).toBeNull();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'exhibit.yaml', code: 'not-a-file' }),
    );
  });

  it('a person file linked to /dev/zero is refused, not read', async () => {
    await replaceWithLink('people/ada-park.yaml', '/dev/zero');
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'people/ada-park.yaml', code: 'outside-package' }),
    );
    expect(result.exhibit?.people).toEqual([]);
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['harbour-view', 'old-letter']);
  });

  it('an image linked to a file outside the package is refused', async () => {
    const outside = path.join(root, 'elsewhere.jpg');
    await cp(at('photos/harbour-view.jpg'), outside);
    await replaceWithLink('photos/harbour-view.jpg', outside);
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'photos/harbour-view.yaml', field: 'file', code: 'outside-package' }),
    );
    expect(result.exhibit?.photos.map((p) => p.id)).toEqual(['old-letter']);
  });

  it('a 50 MB YAML file is refused by its size, and the rest of the exhibit loads', async () => {
    const line = `  en: "${'x'.repeat(1000)}"\n`;
    await writeFile(at('people/huge.yaml'), `name:\n${line.repeat(50 * 1024)}`);
    const result = await load();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: 'people/huge.yaml', code: 'file-too-large' }),
    );
    expect(result.exhibit?.people.map((p) => p.id)).toEqual(['ada-park']);
  });
});

describe('deep nesting is refused before parsing, and costs only its own item', () => {
  const story = (body: string) => `---\ntitle: 深い\nsummary: 深い\n---\n\n${body}\n`;

  it('a story of 20,000 ">" is left out with its file and line; the exhibit stays', async () => {
    await writeFile(at(STORY_JA), story(`${'>'.repeat(20_000)} deep`));
    const result = await load();
    expect(result.exhibit).not.toBeNull();
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ file: STORY_JA, line: 6, code: 'markdown-too-deep' }),
    );
    expect(result.exhibit?.stories.map((s) => Object.keys(s.text))).toEqual([['en']]);
  });

  it('a story of lists nested 800 levels deep is left out with its file and line', async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`);
    await writeFile(at(STORY_JA), story(lines.join('\n')));
    const result = await load();
    const problem = errors(result).find((p) => p.file === STORY_JA && p.code === 'markdown-too-deep');
    expect(problem?.line).toBeGreaterThan(6);
    expect(result.exhibit?.stories.map((s) => Object.keys(s.text))).toEqual([['en']]);
  });

  it('YAML nested thousands of levels deep is "nested too deeply", not "too many aliases"', async () => {
    await writeFile(at('people/deep.yaml'), `name: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const result = await load();
    const messages = errors(result)
      .filter((p) => p.file === 'people/deep.yaml')
      .map((p) => p.message);
    expect(messages.join('\n')).toMatch(/nested too deeply/);
    expect(messages.join('\n')).not.toMatch(/alias/);
    expect(result.exhibit?.people.map((p) => p.id)).toEqual(['ada-park']);
  });
});

describe('files the format does not use', () => {
  it('are each named in a warning (evil.html, evil.js), wherever they are', async () => {
    await writeFile(at('evil.html'), '<script src="evil.js"></script>');
    await writeFile(at('evil.js'), 'alert(1)');
    await mkdir(at('audio', 'extra'), { recursive: true });
    await writeFile(at('audio', 'extra', 'evil.js'), 'alert(2)');
    const result = await load();
    const unused = result.problems.filter((p) => p.code === 'unused-file');
    expect(unused.map((p) => [p.severity, p.file])).toEqual([
      ['warning', 'audio/extra/evil.js'],
      ['warning', 'evil.html'],
      ['warning', 'evil.js'],
    ]);
  });

  it('files that a broken item names, or an image beside a broken photo file, are not called unused', async () => {
    await writeFile(at('audio', 'ada-first-day.en.ogg'), 'not audio');
    await writeFile(at('photos', 'old-letter.yaml'), 'file: [unclosed\n');
    const result = await load();
    expect(result.problems.filter((p) => p.code === 'unused-file')).toEqual([]);
  });

  it('a file name with a line break cannot forge a line of the checker report', async () => {
    const forged = 'evil\nexhibit.yaml:1:1  everything is fine.jpg';
    await writeFile(at('photos', forged), 'not an image');
    const result = await load();
    const report = formatReport(result, { prefix: 'media/' });
    const lines = report.split('\n');
    expect(lines.filter((l) => l.includes('everything is fine'))).toEqual([
      expect.stringContaining('media/photos/evil\\nexhibit.yaml:1:1'),
    ]);
    expect(lines.filter((l) => l.trim().startsWith('exhibit.yaml'))).toEqual([]);
  });
});
