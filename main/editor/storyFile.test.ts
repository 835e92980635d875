import { describe, expect, it } from 'vitest';
import { editStoryFile, joinStoryFile, splitStoryFile, storyFileData } from './storyFile';

const STORY = `---
title: The harbour # short
summary: How the harbour became a refuge.
related:
  people: [ada-park]
---

The boats came in at *dawn*,   and **everyone** waited.\r
<!-- odd spacing kept -->
`;

describe('story files', () => {
  it('splits and joins back to the same bytes', () => {
    const parts = splitStoryFile(STORY);
    expect(parts?.front).toBe(
      'title: The harbour # short\nsummary: How the harbour became a refuge.\nrelated:\n  people: [ada-park]\n',
    );
    expect(parts && joinStoryFile(parts)).toBe(STORY);
  });

  it('refuses a file without front matter', () => {
    expect(splitStoryFile('# Title\n')).toBeNull();
    expect(splitStoryFile('---\ntitle: a\n')).toBeNull();
  });

  it('edits a title and keeps the body byte for byte', () => {
    const data = storyFileData(STORY);
    const out = editStoryFile(STORY, { ...data, title: 'The pier' });
    expect(out).toBe(STORY.replace('title: The harbour # short', 'title: The pier # short'));
  });

  it('keeps the front matter byte for byte when only the body changed', () => {
    const data = storyFileData(STORY);
    const out = editStoryFile(STORY, { ...data, body: '\nNew text.\n' });
    expect(out).toBe(`${STORY.slice(0, STORY.indexOf('---\n\n') + 4)}\nNew text.\n`);
  });

  it('writes a new language file', () => {
    expect(editStoryFile(null, { title: 'Pelabuhan', summary: 'S.', draft: true, body: '\nTeks.\n' })).toBe(
      '---\ntitle: Pelabuhan\nsummary: S.\ndraft: true\n---\n\nTeks.\n',
    );
  });
});
