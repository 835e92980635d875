import type { ReactNode } from 'react';
import type { DiaryEntry } from '../../../main/common/exhibit';

/** Narration with captions: see issue "Voices". Placeholder until the narration controller lands. */
export function NarrationPlayer({ entry }: { entry: DiaryEntry }): ReactNode {
  void entry;
  return null;
}
