/**
 * Renders the kiosk (or any element) in happy-dom in each of its usual states and reports what went wrong in
 * each: an error thrown while rendering (React's "Maximum update depth exceeded", #185, among them), a
 * selector that returns a new object or array for the same state (React's "The result of getSnapshot should
 * be cached"), anything else React prints as an error, a failure an error boundary logged, and a screen that
 * is not there after all.
 *
 * The backend is a small fake behind `fetch` that answers the kiosk's routes for the state under test
 * (the exhibit itself is the real sample package, loaded from media/ by the real loader); media files are
 * read from disk. Call from a test file that runs in happy-dom (`// @vitest-environment happy-dom`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { api, MEDIA_PREFIX } from '../../main/common/api';
import { attractResponse } from '../../main/common/attract';
import type { Exhibit, ExhibitResponse } from '../../main/common/exhibit';
import { loadExhibitPackage } from '../../main/content/load';
import { useExhibit } from '../../renderer/src/data/exhibitStore';
import type { KioskStatus } from '../../main/common/api';
import { DEFAULT_VISITOR_SETTINGS } from '../../main/common/visitorDefaults';
import {
  initialVisitState,
  useVisit,
  type Place,
  type VisitState,
} from '../../renderer/src/session/visitStore';

/** One state of the kiosk: what the backend answers, what the visitor has done, what must be on screen. */
export interface KioskCase {
  name: string;
  /** The cases are run in groups (one test each): 'kiosk', or the visitor's language. */
  group: string;
  /** The exhibit as served, 'unavailable' (no usable package), or 'pending' (still loading). */
  exhibit: Exhibit | 'unavailable' | 'pending';
  status: KioskStatus;
  visit: Partial<VisitState>;
  /** CSS selectors that must all match once the state has settled. */
  expect: string[];
}

export async function loadSampleExhibit(): Promise<Exhibit> {
  const { exhibit } = await loadExhibitPackage(path.resolve('media'), { decodeImages: false });
  if (!exhibit) throw new Error('the sample exhibit in media/ did not load');
  return exhibit;
}

const testId = (id: string) => `[data-testid="${id}"]`;

const open: KioskStatus = {
  open: true,
  outsideHours: 'closedScreen',
  nextChange: '2038-01-18T17:00:00.000Z',
};
const withWarnings: KioskStatus = {
  ...open,
  staffWarnings: ['kiosk-config has 2 problems; safe defaults are in use for those settings.'],
};
const closed: KioskStatus = {
  open: false,
  outsideHours: 'closedScreen',
  nextChange: '2038-01-19T09:00:00.000Z',
};
const closedBlank: KioskStatus = { open: false, outsideHours: 'blank' };

/** Every place in the exhibit a visitor can reach, with what shows there. */
function everyPlace(exhibit: Exhibit): { place: Place; shows: string }[] {
  return [
    { place: { screen: 'languageChoice' }, shows: testId('language-choice') },
    { place: { screen: 'home' }, shows: testId('home') },
    { place: { screen: 'stories' }, shows: testId('screen-stories') },
    ...exhibit.stories.map((s) => ({
      place: { screen: 'story', id: s.id } as Place,
      shows: testId('screen-story'),
    })),
    { place: { screen: 'photos' }, shows: testId('screen-photos') },
    { place: { screen: 'people' }, shows: testId('screen-people') },
    ...exhibit.people.map((p) => ({
      place: { screen: 'person', id: p.id } as Place,
      shows: testId('screen-person'),
    })),
    { place: { screen: 'timeline' }, shows: testId('screen-timeline') },
    ...exhibit.timeline.map((e) => ({
      place: { screen: 'timeline', focus: e.id } as Place,
      shows: testId('screen-timeline'),
    })),
    { place: { screen: 'diary' }, shows: testId('screen-diary') },
    ...exhibit.diary.map((d) => ({
      place: { screen: 'diaryEntry', id: d.id } as Place,
      shows: testId('screen-diary-entry'),
    })),
  ];
}

function placeName(place: Place): string {
  if ('id' in place) return `${place.screen} ${place.id}`;
  if ('focus' in place && place.focus) return `${place.screen} at ${place.focus}`;
  return place.screen;
}

/**
 * The states the kiosk is usually in: loading, closed (calm notice or blank), unavailable, the attract loop,
 * every place in every language with content notes passed and not yet passed, every photograph in the viewer,
 * each overlay, the idle warning; and the staff panel over all of them, with and without staff warnings.
 */
export function usualStates(exhibit: Exhibit): KioskCase[] {
  const cases: KioskCase[] = [];
  const staff = (c: KioskCase): KioskCase => ({
    ...c,
    name: `${c.name}, staff panel open`,
    visit: { ...c.visit, overlay: 'staff' },
    expect: [...c.expect, testId('staff-panel')],
  });
  const both = (c: Omit<KioskCase, 'group'>) =>
    cases.push({ ...c, group: 'kiosk' }, staff({ ...c, group: 'kiosk' }));

  for (const [statusName, status] of [
    ['open', open],
    ['open with staff warnings', withWarnings],
  ] as const) {
    both({ name: `loading, ${statusName}`, exhibit: 'pending', status, visit: {}, expect: ['.loading'] });
    both({
      name: `no usable exhibit, ${statusName}`,
      exhibit: 'unavailable',
      status,
      visit: {},
      expect: [testId('unavailable')],
    });
    both({ name: `attract loop, ${statusName}`, exhibit, status, visit: {}, expect: [testId('attract')] });
  }
  for (const [statusName, status, shows] of [
    ['closed', closed, testId('closed')],
    ['closed, blank screen', closedBlank, testId('closed-blank')],
  ] as const) {
    both({ name: statusName, exhibit, status, visit: {}, expect: [shows] });
    both({
      name: `${statusName}, no usable exhibit`,
      exhibit: 'unavailable',
      status,
      visit: {},
      expect: [shows],
    });
  }

  const allNotes = [
    ...exhibit.stories.map((s) => `story:${s.id}`),
    ...exhibit.photos.map((p) => `photo:${p.id}`),
    ...exhibit.diary.map((d) => `diary:${d.id}`),
  ];
  const visiting = (
    language: string,
    path: Place[],
    more: Partial<VisitState> = {},
  ): Partial<VisitState> => ({
    phase: 'active',
    language,
    path,
    acknowledgedNotes: allNotes,
    revealedPhotos: exhibit.photos.map((p) => p.id),
    ...more,
  });
  for (const language of exhibit.languages) {
    const add = (c: Omit<KioskCase, 'group'>) => cases.push({ ...c, group: language });
    for (const { place, shows } of everyPlace(exhibit)) {
      add({
        name: `${placeName(place)} in ${language}`,
        exhibit,
        status: open,
        visit: visiting(language, [{ screen: 'home' }, place]),
        expect: [shows],
      });
      if (place.screen === 'story' || place.screen === 'diaryEntry') {
        add({
          name: `${placeName(place)} in ${language}, content note not yet passed`,
          exhibit,
          status: withWarnings,
          visit: visiting(language, [{ screen: 'home' }, place], { acknowledgedNotes: [] }),
          expect: ['.visit-main > *'],
        });
      }
    }
    const photoIds = exhibit.photos.map((p) => p.id);
    photoIds.forEach((id, index) => {
      for (const revealed of [true, false]) {
        add({
          name: `photo ${id} in the viewer in ${language}${revealed ? '' : ', nothing passed or revealed'}`,
          exhibit,
          status: open,
          visit: visiting(language, [{ screen: 'home' }, { screen: 'photos' }], {
            viewer: { photoIds, index },
            ...(revealed ? {} : { acknowledgedNotes: [], revealedPhotos: [] }),
          }),
          expect: [testId('screen-photos'), testId('photo-viewer')],
        });
      }
    });
    const home = [{ screen: 'home' } as Place];
    add(
      staff({
        name: `home in ${language}`,
        group: language,
        exhibit,
        status: withWarnings,
        visit: visiting(language, home),
        expect: [testId('home')],
      }),
    );
    add({
      name: `language overlay in ${language}`,
      exhibit,
      status: open,
      visit: visiting(language, home, { overlay: 'language' }),
      expect: [testId('home'), '[role="dialog"]'],
    });
    add({
      name: `display overlay in ${language}`,
      exhibit,
      status: open,
      visit: visiting(language, home, { overlay: 'display' }),
      expect: [testId('home'), '[role="dialog"]'],
    });
    const idle = {
      name: `idle warning in ${language}`,
      group: language,
      exhibit,
      status: withWarnings,
      visit: visiting(language, home, {
        phase: 'idleWarning',
        textSize: 'largest',
        highContrast: true,
        reducedMotion: true,
        seated: true,
      }),
      expect: [testId('home'), testId('idle-warning')],
    };
    add(idle);
    add(staff(idle));
  }
  return cases;
}

/** A fake backend for one state; records what the page logs. */
function fakeBackend(c: KioskCase, logged: string[]): typeof fetch {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://127.0.0.1/');
    switch (url.pathname) {
      case api.attract: {
        if (c.exhibit === 'pending') return new Promise<Response>(() => undefined);
        return json(
          attractResponse(
            c.exhibit === 'unavailable'
              ? { status: 'unavailable', reason: 'exhibit.yaml could not be read' }
              : { status: 'ok', exhibit: c.exhibit, loadedAt: new Date(0).toISOString(), problems: 0 },
          ),
        );
      }
      case api.exhibit: {
        if (c.exhibit === 'pending') return new Promise<Response>(() => undefined);
        const body: ExhibitResponse =
          c.exhibit === 'unavailable'
            ? { status: 'unavailable', reason: 'exhibit.yaml could not be read' }
            : { status: 'ok', exhibit: c.exhibit, loadedAt: new Date(0).toISOString(), problems: 0 };
        return json(body);
      }
      case api.settings:
        return json(DEFAULT_VISITOR_SETTINGS);
      case api.status:
        return json(c.status);
      case api.heartbeat:
        return new Response(null, { status: 204 });
      case api.log:
        logged.push(String(init?.body ?? ''));
        return new Response(null, { status: 204 });
    }
    if (url.pathname.startsWith(MEDIA_PREFIX)) {
      const file = path.join(
        path.resolve('media'),
        decodeURIComponent(url.pathname.slice(MEDIA_PREFIX.length)),
      );
      try {
        return new Response(await readFile(file));
      } catch {
        return new Response(null, { status: 404 });
      }
    }
    return new Response(null, { status: 404 });
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}

/**
 * Render `element` in the state `c` and return what went wrong, one line each (empty when all is well).
 * The stores are set back to a fresh kiosk's before and the tree is unmounted after.
 */
export async function problemsInState(element: ReactElement, c: KioskCase): Promise<string[]> {
  const problems: string[] = [];
  const logged: string[] = [];
  useExhibit.setState({
    loading: true,
    attract: null,
    exhibit: null,
    index: null,
    unavailableReason: null,
    settings: DEFAULT_VISITOR_SETTINGS,
    status: { open: true },
  });
  useVisit.setState({ ...initialVisitState(), ...c.visit });
  vi.stubGlobal('fetch', fakeBackend(c, logged));
  // happy-dom plays no audio: the narration's "could not load … No codec support" is the test's, not the
  // kiosk's. Any other warning is a problem.
  const consoleWarn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (!/^narration: could not load .*No codec support/.test(text)) problems.push(`warned: ${text}`);
  });
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    problems.push(`React said: ${args.map((a) => (typeof a === 'string' ? a : describe(a))).join(' ')}`);
  });
  try {
    const { container } = render(element, {
      onCaughtError: (error) => problems.push(`an error boundary caught ${describe(error)}`),
    });
    // Let the page fetch from the fake backend, load its lazy chunks (the visit's screens, the staff panel)
    // and settle: until everything expected is there, or a boundary has stepped in, or a few seconds passed.
    const missing = () => c.expect.filter((selector) => !container.ownerDocument.querySelector(selector));
    await waitFor(
      () => {
        if (missing().length > 0 && problems.length === 0 && logged.length === 0) throw new Error('not yet');
      },
      { timeout: 5_000 },
    ).catch(() => undefined);
    await act(async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    });
    if (c.exhibit !== 'pending') {
      const { loading } = useExhibit.getState();
      if (loading) problems.push('the exhibit never finished loading');
    }
    for (const selector of missing()) problems.push(`nothing matches ${selector}`);
    for (const line of logged) problems.push(`logged: ${line}`);
  } catch (error) {
    problems.push(`rendering threw ${describe(error)}`);
  } finally {
    cleanup();
    consoleError.mockRestore();
    consoleWarn.mockRestore();
    vi.unstubAllGlobals();
  }
  return problems.map((p) => `${c.name}: ${p}`);
}

/** Every usual state, one after the other; the problems of all of them. */
export async function problemsInEveryState(element: ReactElement, cases: KioskCase[]): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cases) problems.push(...(await problemsInState(element, c)));
  return problems;
}
