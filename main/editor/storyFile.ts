/**
 * A story file (`stories/<id>/<lang>.md`) cut into its exact parts, so that a save rewrites the front
 * matter through the YAML editor and keeps the Markdown body byte for byte when it was not edited. Pure.
 */
import { editYamlText, newYamlText, yamlData } from './yamlEdit';

export interface StoryFileParts {
  /** The opening `---` line with its line ending (and a byte order mark, if any). */
  head: string;
  /** The front matter's YAML, each line with its line ending. */
  front: string;
  /** The closing `---` line with its line ending. */
  close: string;
  /** Everything after the closing line, as it is. */
  body: string;
}

/** The parts of a story file, or null when it has no front matter block. */
export function splitStoryFile(text: string): StoryFileParts | null {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (lines.length === 0 || lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return null;
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] ?? '').trimEnd() === '---') {
      return {
        head: lines[0] ?? '',
        front: lines.slice(1, i).join(''),
        close: lines[i] ?? '',
        body: lines.slice(i + 1).join(''),
      };
    }
  }
  return null;
}

export function joinStoryFile(parts: StoryFileParts): string {
  return parts.head + parts.front + parts.close + parts.body;
}

/** A story language as the editor shows it: the front matter's fields and the Markdown body. */
export type StoryVersionData = Record<string, unknown> & { body: string };

/** The editor's data of one story file; throws when the file has no front matter or bad YAML. */
export function storyFileData(text: string): StoryVersionData {
  const parts = splitStoryFile(text);
  if (!parts) throw new Error('the file does not start with a front matter block (---)');
  const front = yamlData(parts.front);
  return { ...(typeof front === 'object' && front !== null ? front : {}), body: parts.body };
}

/**
 * The file's new text for the editor's data: the front matter edited in place (comments and order kept),
 * the body as given. A new file when `text` is null.
 */
export function editStoryFile(text: string | null, data: StoryVersionData): string {
  const { body, ...front } = data;
  if (text === null) return `---\n${newYamlText(front)}---\n${body}`;
  const parts = splitStoryFile(text);
  if (!parts) throw new Error('the file does not start with a front matter block (---)');
  return joinStoryFile({ ...parts, front: editYamlText(parts.front, front), body });
}
