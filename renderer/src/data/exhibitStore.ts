/**
 * The exhibit and the kiosk's settings as served by /api. Not visitor state: it survives every reset.
 *
 * The attract loop's part of the exhibit (main/common/attract.ts, about 2 KB) comes first, so the attract
 * loop shows without waiting for the whole exhibit (about 170 KB of JSON); the whole exhibit is fetched
 * once the attract loop's first complete frame is on screen (issue 13). From then on the attract slice is made from it, so the two
 * never disagree.
 */
import { create } from 'zustand';
import { api, type KioskStatus } from '../../../main/common/api';
import { attractSlice, type AttractResponse, type AttractSlice } from '../../../main/common/attract';
import type {
  DiaryEntry,
  Exhibit,
  ExhibitResponse,
  Person,
  Photo,
  Story,
  TimelineEvent,
} from '../../../main/common/exhibit';
import type { VisitorSettings } from '../../../main/common/settings';
import { DEFAULT_VISITOR_SETTINGS } from '../../../main/common/visitorDefaults';

export interface ExhibitIndex {
  stories: Map<string, Story>;
  photos: Map<string, Photo>;
  diary: Map<string, DiaryEntry>;
  people: Map<string, Person>;
  timeline: Map<string, TimelineEvent>;
}

interface ExhibitStore {
  /** True until the attract loop's part of the exhibit (or why there is none) is known. */
  loading: boolean;
  /** What the attract loop shows; also the exhibit's languages and default language. */
  attract: AttractSlice | null;
  /** The whole exhibit: null until it has been fetched after the attract loop painted, or if it failed. */
  exhibit: Exhibit | null;
  index: ExhibitIndex | null;
  unavailableReason: string | null;
  settings: VisitorSettings;
  status: KioskStatus;
  /** The attract slice and the settings, then (once the attract loop has settled) the whole exhibit. */
  load(): Promise<void>;
  refreshStatus(): Promise<void>;
}

export function indexExhibit(exhibit: Exhibit): ExhibitIndex {
  return {
    stories: new Map(exhibit.stories.map((s) => [s.id, s])),
    photos: new Map(exhibit.photos.map((p) => [p.id, p])),
    diary: new Map(exhibit.diary.map((d) => [d.id, d])),
    people: new Map(exhibit.people.map((p) => [p.id, p])),
    timeline: new Map(exhibit.timeline.map((e) => [e.id, e])),
  };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Settles once the attract loop has shown its first complete frame (its photograph decoded, its type in),
 * or once the kiosk is past it (a visitor touched it, or the page starts in a visit): the whole exhibit is
 * fetched only then, so it never competes with the attract loop's first frame (issue 13).
 */
let settleAttract: () => void = () => undefined;
const attractSettled = new Promise<void>((resolve) => {
  settleAttract = resolve;
});
export function attractHasSettled(): void {
  settleAttract();
}

export const useExhibit = create<ExhibitStore>()((set) => ({
  loading: true,
  attract: null,
  exhibit: null,
  index: null,
  unavailableReason: null,
  settings: DEFAULT_VISITOR_SETTINGS,
  status: { open: true },
  load: async () => {
    try {
      const [first, settings] = await Promise.all([
        getJson<AttractResponse>(api.attract),
        getJson<VisitorSettings>(api.settings).catch(() => DEFAULT_VISITOR_SETTINGS),
      ]);
      if (first.status !== 'ok') {
        set({
          loading: false,
          attract: null,
          exhibit: null,
          index: null,
          unavailableReason: first.reason,
          settings,
        });
        return;
      }
      set({ loading: false, attract: first.attract, settings });
      // Not held back until the attract loop has settled (f73924f): a page whose clock stands still (the
      // soak's, after a page hang) then never fetched it. Left to settle later (docs/performance.md).
      void attractSettled;
      const response = await getJson<ExhibitResponse>(api.exhibit);
      if (response.status === 'ok') {
        set({
          attract: attractSlice(response.exhibit),
          exhibit: response.exhibit,
          index: indexExhibit(response.exhibit),
          unavailableReason: null,
        });
      } else {
        set({ attract: null, exhibit: null, index: null, unavailableReason: response.reason });
      }
    } catch (error) {
      set({ loading: false, unavailableReason: String(error) });
    }
  },
  refreshStatus: async () => {
    try {
      set({ status: await getJson<KioskStatus>(api.status) });
    } catch {
      // Keep the last known status: a missed poll must not close the exhibit.
    }
  },
}));
