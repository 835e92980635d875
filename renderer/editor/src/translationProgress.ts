/**
 * A translator's queue (issue 14): of the exhibit's items, how many are reviewed in a language, how many
 * are still a draft there and how many have no text in it at all. The list filtered by "Needs review in
 * <language>" is the queue; this is its progress. Pure, over the overview the editor already has.
 */
import type { ItemSummary } from '../../../main/common/editorApi';

export interface TranslationProgress {
  total: number;
  reviewed: number;
  drafts: number;
  missing: number;
}

export function translationProgress(
  items: readonly Pick<ItemSummary, 'drafts' | 'missing'>[],
  lang: string,
): TranslationProgress {
  let drafts = 0;
  let missing = 0;
  for (const item of items) {
    if (item.missing.includes(lang)) missing += 1;
    else if (item.drafts.includes(lang)) drafts += 1;
  }
  return { total: items.length, reviewed: items.length - drafts - missing, drafts, missing };
}
