/**
 * Which texts describe violence, for the checker's "no content note" warning. Pure.
 *
 * The words come from the package's own `content-notes.yaml` (one list per language, curators extend it):
 * an item whose text, in any language, contains one of them but which carries no `contentNote` is named by
 * `npm run content:check`, so that no visitor meets such a text without being told first.
 */
import type { Inline, Lang, StoryBlock } from '../common/exhibit';

/** One language's list: words that mark violence, and names to leave out before looking for them. */
export interface ViolenceWordList {
  words: readonly string[];
  skip: readonly string[];
}

export type ViolenceWordLists = Partial<Record<Lang, ViolenceWordList>>;

/** The violence words found in one language of an item. */
export interface ViolenceFound {
  lang: Lang;
  words: string[];
}

/** Words in scripts written without spaces between words (Chinese, Japanese) are found anywhere. */
const WRITTEN_WITHOUT_SPACES = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The words of `list` that `text` contains, in the list's order. A word in Chinese or Japanese script is
 * found anywhere; any other word only where a word begins, so "kill" finds "killed" but not "skill", and
 * "bunuh" finds "bunuh diri" but not "pembunuhan" (list that form too). Names in `skip` are removed first.
 */
export function violenceWordsIn(text: string, list: ViolenceWordList): string[] {
  let haystack = text.normalize('NFC');
  for (const name of list.skip) {
    haystack = haystack.replace(new RegExp(escape(name.normalize('NFC')), 'giu'), ' ');
  }
  const found: string[] = [];
  for (const raw of list.words) {
    const word = raw.normalize('NFC').trim();
    if (word === '' || found.includes(raw)) continue;
    const pattern = WRITTEN_WITHOUT_SPACES.test(word)
      ? new RegExp(escape(word), 'iu')
      : new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}`, 'iu');
    if (pattern.test(haystack)) found.push(raw);
  }
  return found;
}

/** Per language of an item's texts, the violence words found (languages without a list are not looked at). */
export function violenceFound(
  texts: Partial<Record<Lang, readonly string[]>>,
  lists: ViolenceWordLists,
): ViolenceFound[] {
  const out: ViolenceFound[] = [];
  for (const [lang, parts] of Object.entries(texts)) {
    const list = lists[lang];
    if (!list || !parts) continue;
    const words: string[] = [];
    for (const part of parts) {
      for (const word of violenceWordsIn(part, list)) if (!words.includes(word)) words.push(word);
    }
    if (words.length > 0) out.push({ lang, words });
  }
  return out;
}

/** The checker's sentence for an item that describes violence but carries no note. */
export function missingNoteMessage(found: readonly ViolenceFound[], noteField = 'contentNote'): string {
  const shown = found
    .map(({ lang, words }) => `${lang}: ${words.map((w) => `"${w}"`).join(', ')}`)
    .join('; ');
  return `the text describes violence (${shown}) but there is no ${noteField}; add one, so that visitors are told before they read it (the words are listed in content-notes.yaml)`;
}

function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.type === 'text' ? i.value : i.type === 'break' ? '\n' : inlineText(i.children)))
    .join('');
}

/** The words of a story's body, one string per block. */
export function storyBlockTexts(blocks: readonly StoryBlock[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'heading' || block.type === 'paragraph') out.push(inlineText(block.children));
    else if (block.type === 'quote') out.push(...storyBlockTexts(block.children));
    else if (block.type === 'list') for (const item of block.items) out.push(...storyBlockTexts(item));
  }
  return out;
}

/** Several localized fields of one item, as one list of texts per language. */
export function byLanguage(
  ...fields: (Partial<Record<Lang, string>> | undefined)[]
): Partial<Record<Lang, string[]>> {
  const out: Partial<Record<Lang, string[]>> = {};
  for (const field of fields) {
    for (const [lang, text] of Object.entries(field ?? {})) {
      if (text === undefined) continue;
      (out[lang] ??= []).push(text);
    }
  }
  return out;
}
