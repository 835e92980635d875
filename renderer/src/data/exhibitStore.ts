/**
 * The exhibit and the kiosk's settings as served by /api. Not visitor state: it survives every reset.
 */
import { create } from 'zustand';
import { api, type KioskStatus } from '../../../main/common/api';
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
  loading: boolean;
  exhibit: Exhibit | null;
  index: ExhibitIndex | null;
  unavailableReason: string | null;
  settings: VisitorSettings;
  status: KioskStatus;
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

export const useExhibit = create<ExhibitStore>()((set) => ({
  loading: true,
  exhibit: null,
  index: null,
  unavailableReason: null,
  settings: DEFAULT_VISITOR_SETTINGS,
  status: { open: true },
  load: async () => {
    try {
      const [response, settings] = await Promise.all([
        getJson<ExhibitResponse>(api.exhibit),
        getJson<VisitorSettings>(api.settings).catch(() => DEFAULT_VISITOR_SETTINGS),
      ]);
      if (response.status === 'ok') {
        set({
          loading: false,
          exhibit: response.exhibit,
          index: indexExhibit(response.exhibit),
          unavailableReason: null,
          settings,
        });
      } else {
        set({ loading: false, unavailableReason: response.reason, settings });
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
