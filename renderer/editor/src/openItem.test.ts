import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorItem } from '../../../main/common/editorApi';
import { hasUnsavedChanges, openItem } from './openItem';
import { useEditor } from './store';

const loaded: EditorItem = {
  kind: 'person',
  id: 'john-rabe',
  data: { name: { en: 'John Rabe' } },
  revision: 'a'.repeat(32),
  problems: [],
  files: ['people/john-rabe.yaml'],
};
const changed = { name: { en: 'John H. D. Rabe' } };
const initial = useEditor.getState();

describe('hasUnsavedChanges', () => {
  it.each([
    ['no item in the form', null, null, false],
    ['the item as loaded', loaded, loaded.data, false],
    ['the same values in a new object', loaded, { name: { en: 'John Rabe' } }, false],
    ['a field changed', loaded, changed, true],
  ])('%s → %s', (_, item, draft, expected) => {
    expect(hasUnsavedChanges({ item, draft })).toBe(expected);
  });
});

describe('openItem: the item list, the Publish panel and the recovery offer open items this way', () => {
  let asked: string[];
  let answer: boolean;
  beforeEach(() => {
    asked = [];
    answer = true;
    // The browser's own confirm dialog, answered as staff would. No token: nothing is sent to a server.
    vi.stubGlobal('window', {
      confirm: (message: string) => {
        asked.push(message);
        return answer;
      },
    });
    useEditor.setState(initial, true);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens another item at once when nothing is unsaved, and closes the Publish panel', () => {
    useEditor
      .getState()
      .set({ item: loaded, draft: loaded.data, publishOpen: true, notice: { tone: 'good', text: 'Saved.' } });
    expect(openItem('photo', 'rabe-armband')).toBe(true);
    const s = useEditor.getState();
    expect(asked).toEqual([]);
    expect(s.selected).toEqual({ kind: 'photo', id: 'rabe-armband' });
    expect([s.item, s.draft, s.notice, s.publishOpen]).toEqual([null, null, null, false]);
  });

  it('asks before unsaved changes are left; staff who stay keep their changes in the form', () => {
    useEditor.getState().set({ selected: { kind: 'person', id: 'john-rabe' }, item: loaded, draft: changed });
    answer = false;
    expect(openItem('photo', 'rabe-armband')).toBe(false);
    const s = useEditor.getState();
    expect(asked).toEqual(['You have unsaved changes. Discard them?']);
    expect(s.selected).toEqual({ kind: 'person', id: 'john-rabe' });
    expect(s.draft).toEqual(changed);
  });

  it('staff who discard their changes get the other item, with what the caller sets at the same moment', () => {
    useEditor.getState().set({ item: loaded, draft: changed, recoveryOpen: true });
    expect(openItem('story', 'rabe-garden', { recoveryOpen: false })).toBe(true);
    const s = useEditor.getState();
    expect(asked).toHaveLength(1);
    expect(s.selected).toEqual({ kind: 'story', id: 'rabe-garden' });
    expect([s.item, s.draft, s.recoveryOpen]).toEqual([null, null, false]);
  });

  it('shows the question in the staff language', () => {
    useEditor.getState().set({ ui: 'zh-Hans', item: loaded, draft: changed });
    answer = false;
    openItem('photo', 'rabe-armband');
    expect(asked).toEqual(['有未保存的改动。要放弃吗？']);
  });
});
