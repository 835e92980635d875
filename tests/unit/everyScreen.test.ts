// @vitest-environment happy-dom
/**
 * The kiosk renders every screen, overlay and staff panel in every usual state without an error, without a
 * store selector that returns a fresh object or array (the class of issue 10's five-taps blank screen), and
 * without an error boundary having to step in.
 */
import { createElement, type ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Exhibit } from '../../main/common/exhibit';
import { KioskRoot } from '../../renderer/src/App';
import { useExhibit } from '../../renderer/src/data/exhibitStore';
import { loadSampleExhibit, problemsInEveryState, problemsInState, usualStates } from './renderEveryScreen';

vi.mock('openseadragon', async () => (await import('./fakeOpenSeadragon')).openSeadragonModule);

let exhibit: Exhibit;
beforeAll(async () => {
  exhibit = await loadSampleExhibit();
});

describe('every screen in every usual state renders without an error, a boundary stepping in, or an uncached selector', () => {
  // One test per group (the kiosk's own states, then each visitor language). Dozens of renders each: a
  // generous time limit, so a busy machine is no failure.
  it.each(['kiosk', 'zh-Hans', 'en', 'ja', 'id'])(
    '%s',
    async (group) => {
      const cases = usualStates(exhibit).filter((c) => c.group === group);
      expect(cases.length).toBeGreaterThanOrEqual(20);
      expect(await problemsInEveryState(createElement(KioskRoot), cases)).toEqual([]);
    },
    120_000,
  );

  it('covers every group', () => {
    expect(new Set(usualStates(exhibit).map((c) => c.group))).toEqual(
      new Set(['kiosk', ...exhibit.languages]),
    );
  });
});

describe('the check itself', () => {
  // The selector issue 10 found in the staff panel: a new empty array on every render when there are no
  // staff warnings. The check must name it.
  function FreshArraySelector(): ReactNode {
    const warnings = useExhibit((s) => s.status.staffWarnings ?? []);
    return createElement('p', null, warnings.join(' '));
  }

  it('reports a selector that returns a new array for the same state', async () => {
    const [first] = usualStates(exhibit);
    if (!first) throw new Error('no states');
    const problems = await problemsInState(createElement(FreshArraySelector), { ...first, expect: [] });
    expect(problems.join('\n')).toMatch(/getSnapshot should be cached|Maximum update depth exceeded/);
  });
});
