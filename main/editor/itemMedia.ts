/**
 * The package files an item owns besides its own YAML, which go with it when it is deleted (and come back
 * with it): a photo's image, a diary excerpt's narration audio and captions. A file another item still
 * names stays (issue 14). Pure: the package's texts in, paths out.
 */
import type { ItemKind } from '../common/editorApi';
import { isPlainObject, yamlData } from './yamlEdit';

/** Package paths (`audio/x.en.ogg`, `photos/x.jpg`) that an item's data names as its own files. */
export function ownedFiles(kind: ItemKind, data: unknown): string[] {
  if (!isPlainObject(data)) return [];
  if (kind === 'photo') return typeof data.file === 'string' ? [`photos/${data.file}`] : [];
  if (kind !== 'diary') return [];
  const files: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '' && !files.includes(value)) files.push(value);
  };
  if (isPlainObject(data.narration))
    for (const narration of Object.values(data.narration))
      if (isPlainObject(narration)) {
        add(narration.audio);
        add(narration.captions);
      }
  if (isPlainObject(data.captions))
    for (const captions of Object.values(data.captions)) if (isPlainObject(captions)) add(captions.file);
  return files;
}

/**
 * Which of `files` no item but the one in `ownFile` names: those may go with it. A file that cannot be
 * read as YAML is taken to name everything (nothing is deleted on a guess).
 */
export function filesOwnedAlone(
  texts: ReadonlyMap<string, string>,
  ownFile: string,
  files: readonly string[],
): string[] {
  const namedElsewhere = new Set<string>();
  for (const [file, text] of texts) {
    if (file === ownFile || !file.endsWith('.yaml')) continue;
    const otherKind: ItemKind | null = file.startsWith('photos/')
      ? 'photo'
      : file.startsWith('diary/')
        ? 'diary'
        : null;
    if (!otherKind) continue;
    let data: unknown;
    try {
      data = yamlData(text);
    } catch {
      return [];
    }
    for (const named of ownedFiles(otherKind, data)) namedElsewhere.add(named);
  }
  return files.filter((f) => !namedElsewhere.has(f));
}
