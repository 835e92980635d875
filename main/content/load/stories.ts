/**
 * stories/: one folder per story, one Markdown file per language with YAML front matter. The
 * default-language file carries the story's sources, cover, related items and order; a photo embed that
 * cannot be resolved drops the embed, not the story.
 */
import type { Lang, Story, StoryBlock, StoryText } from '../../common/exhibit';
import { storyBlockTexts } from '../contentNotes';
import { markdownToBlocks, splitFrontMatter } from '../markdown';
import { KEBAB_CASE, storyFrontMatterSchema, type StoryFrontMatter } from '../schema';
import type { Position } from '../yamlSource';
import type { FileContext, LoadContext } from './context';
import { guarded, listDir, mapLimit, readText } from './files';
import { languageList, languageSuggestion } from './languages';
import { refer, relatedSites } from './references';
import { parseYamlFile } from './yaml';

/** The story folders with a valid id (each recorded as a known story). */
export async function storyFolders(pkg: LoadContext): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await listDir(pkg, 'stories')) {
    const file = `stories/${entry.name}`;
    if (!entry.isDir) {
      pkg.report(
        'warning',
        { file },
        undefined,
        'unexpected-file',
        'stories are folders (stories/<id>/<language>.md); this file is ignored',
      );
      continue;
    }
    if (!KEBAB_CASE.test(entry.name)) {
      pkg.report(
        'error',
        { file: `${file}/` },
        undefined,
        'bad-id',
        "the folder name is the story's id and must use only lowercase letters a–z, digits and single hyphens",
      );
      continue;
    }
    ids.push(entry.name);
    pkg.known.stories.add(entry.name);
  }
  return ids;
}

interface StoryVersion {
  lang: Lang;
  ctx: FileContext;
  front: StoryFrontMatter;
  text: StoryText;
  photoSites: { photoId: string; position?: Position }[];
}

/** One language's file of a story, or null when it cannot be shown (problems already reported). */
async function readVersion(pkg: LoadContext, file: string, lang: Lang): Promise<StoryVersion | null> {
  const text = await readText(pkg, file, 'markdown');
  if (text === null) return null;
  const split = splitFrontMatter(text);
  if ('error' in split) {
    pkg.problems.push({
      severity: 'error',
      file,
      line: split.line,
      column: 1,
      message: split.error,
      code: 'missing-front-matter',
    });
    return null;
  }
  const { value: front, ctx } = parseYamlFile(
    pkg,
    split.frontMatter,
    file,
    storyFrontMatterSchema,
    split.frontMatterLineOffset,
  );
  const body = markdownToBlocks(split.body, file, split.bodyLineOffset);
  pkg.problems.push(...body.problems);
  if (!front || body.problems.some((p) => p.severity === 'error')) return null;
  if (front.draft) pkg.drafts.push({ file, language: lang });
  const storyText: StoryText = {
    title: front.title,
    summary: front.summary,
    draft: front.draft,
    blocks: body.blocks,
  };
  if (front.contentNote) storyText.contentNote = front.contentNote;
  pkg.noteChecks.push({
    ctx,
    fieldPath: ['title'],
    texts: { [lang]: [front.title, front.summary, ...storyBlockTexts(body.blocks)] },
    hasNote: front.contentNote !== undefined,
  });
  return {
    lang,
    ctx,
    front,
    text: storyText,
    photoSites: body.photos.map((p) => ({
      photoId: p.photoId,
      ...(p.line !== undefined ? { position: { line: p.line, column: p.column ?? 1 } } : {}),
    })),
  };
}

async function loadStory(pkg: LoadContext, id: string): Promise<Story | null> {
  const { languages, defaultLanguage } = pkg;
  const versions: StoryVersion[] = [];
  const folder = `stories/${id}`;
  let defaultFileExists = false;
  for (const entry of await listDir(pkg, folder)) {
    const file = `${folder}/${entry.name}`;
    if (entry.isDir || !entry.name.endsWith('.md')) {
      pkg.report(
        'warning',
        { file },
        undefined,
        'unexpected-file',
        `only <language>.md files are read in a story folder (like ${defaultLanguage ?? 'en'}.md); this is ignored`,
      );
      continue;
    }
    const lang = entry.name.slice(0, -3);
    if (languages && !languages.includes(lang)) {
      const suggestion = languageSuggestion(lang, languages);
      pkg.report(
        'error',
        { file },
        undefined,
        'unknown-language',
        `"${lang}" is not one of the exhibit's languages (${languageList(pkg)})${suggestion ? ` — did you mean ${suggestion}.md?` : ''}; this file is not shown`,
      );
      continue;
    }
    if (lang === defaultLanguage) defaultFileExists = true;
    const version = await guarded(pkg, file, () => readVersion(pkg, file, lang));
    if (version) versions.push(version);
  }
  const main =
    versions.find((v) => v.lang === defaultLanguage) ?? (defaultLanguage ? undefined : versions[0]);
  if (!main) {
    if (!defaultFileExists && defaultLanguage)
      pkg.report(
        'error',
        { file: `${folder}/` },
        undefined,
        'missing-default-language',
        `the story has no ${defaultLanguage}.md (the default language); the story is left out`,
      );
    else if (defaultLanguage)
      pkg.problems.push({
        severity: 'warning',
        file: `${folder}/${defaultLanguage}.md`,
        message: 'the story is left out because this default-language file has errors',
        code: 'left-out',
      });
    return null;
  }
  if (!main.front.sources || main.front.sources.length === 0) {
    pkg.report(
      'error',
      main.ctx,
      ['sources'],
      'missing-field',
      "the default-language file must list the story's sources (sources:); the story is left out",
    );
    return null;
  }
  const story: Story = {
    id,
    order: main.front.order ?? Number.POSITIVE_INFINITY,
    related: { stories: [], people: [], diary: [], photos: [], timeline: [] },
    sources: [...main.front.sources],
    text: {},
  };
  if (main.front.cover) {
    const cover = main.front.cover;
    story.cover = cover;
    refer(pkg, 'photos', cover, main.ctx, ['cover'], () => {
      delete story.cover;
    });
  }
  relatedSites(pkg, main.front.related, story.related, main.ctx, ['related']);
  for (const v of versions) {
    if (v !== main) {
      for (const key of ['cover', 'related', 'sources', 'order'] as const) {
        if (v.front[key] !== undefined && JSON.stringify(v.front[key]) !== JSON.stringify(main.front[key]))
          pkg.report(
            'warning',
            v.ctx,
            [key],
            'differs-from-default',
            `${key} differs from ${main.lang}.md; the default-language file's ${key} is the one used`,
            'key',
          );
      }
    }
    // Photo embeds: a missing photo drops the embed, not the story.
    for (const site of v.photoSites) {
      const embedCtx: FileContext = {
        file: v.ctx.file,
        locate: () => site.position,
        locateKey: () => site.position,
      };
      refer(pkg, 'photos', site.photoId, embedCtx, [`photo:${site.photoId}`], () => {
        v.text.blocks = removePhotoBlocks(v.text.blocks, site.photoId);
      });
    }
    story.text[v.lang] = v.text;
    pkg.languagesWithText.add(v.lang);
  }
  if (languages) {
    const missing = languages.filter(
      (l) => !story.text[l] && l !== defaultLanguage && !versions.some((v) => v.lang === l),
    );
    const missingFiles = missing.filter((l) => !pkg.filesSeen.has(`${folder}/${l}.md`));
    if (missingFiles.length > 0) pkg.storiesMissing.push({ folder, languages: missingFiles });
  }
  return story;
}

/** Every usable story of the given folders. */
export async function loadStories(pkg: LoadContext, ids: readonly string[]): Promise<Story[]> {
  const stories = await mapLimit(ids, pkg.concurrency, (id) =>
    guarded(pkg, `stories/${id}/`, () => loadStory(pkg, id)),
  );
  return stories.filter((s): s is Story => s !== null);
}

function removePhotoBlocks(blocks: StoryBlock[], photoId: string): StoryBlock[] {
  const out: StoryBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'photo' && block.photoId === photoId) continue;
    if (block.type === 'quote') out.push({ ...block, children: removePhotoBlocks(block.children, photoId) });
    else if (block.type === 'list')
      out.push({ ...block, items: block.items.map((item) => removePhotoBlocks(item, photoId)) });
    else out.push(block);
  }
  return out;
}
