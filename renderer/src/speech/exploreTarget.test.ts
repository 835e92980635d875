import { describe, expect, it } from 'vitest';
import { pickExploreTarget, type ExploreCandidate } from './exploreTarget';

const plain: ExploreCandidate = { control: false, reading: false, blocked: false, dialog: false };
const control: ExploreCandidate = { ...plain, control: true };
const reading: ExploreCandidate = { ...plain, reading: true };
const blocked: ExploreCandidate = { ...plain, blocked: true };
const dialog: ExploreCandidate = { ...plain, dialog: true };

describe('pickExploreTarget', () => {
  const cases: { name: string; chain: ExploreCandidate[]; expected: number | null }[] = [
    { name: 'the button itself', chain: [control, plain, plain], expected: 0 },
    { name: 'a label inside a button: the button', chain: [plain, plain, control, plain], expected: 2 },
    { name: 'a paragraph on a reading screen', chain: [reading, plain, plain], expected: 0 },
    { name: 'emphasis inside a paragraph: the paragraph', chain: [plain, reading, plain], expected: 1 },
    { name: 'a heading inside a button (a story card): the button', chain: [reading, control], expected: 1 },
    { name: 'a paragraph inside a list item: the paragraph', chain: [reading, reading, plain], expected: 0 },
    { name: 'the background: nothing', chain: [plain, plain], expected: null },
    { name: 'nothing under the finger', chain: [], expected: null },
    { name: 'behind an open panel (inert): nothing', chain: [control, plain, blocked], expected: null },
    { name: 'the viewer’s zoom surface: nothing', chain: [plain, blocked, plain], expected: null },
    {
      name: 'text in a dialog: the text, not a control around the dialog',
      chain: [reading, dialog, control],
      expected: 0,
    },
    { name: 'a dialog’s background: nothing beyond it', chain: [plain, dialog, control], expected: null },
  ];
  it.each(cases)('$name', ({ chain, expected }) => {
    expect(pickExploreTarget(chain)).toBe(expected);
  });
});
