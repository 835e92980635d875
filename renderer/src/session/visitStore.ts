/**
 * Everything one visitor changes, in one store, with one `reset()` that restores the initial state exactly.
 * The next visitor must find the kiosk as the first one did: attract loop, default language, default text
 * size and contrast, no overlay open, no content note acknowledged, nothing playing.
 *
 * zustand's guidance: a small store, actions beside state, selectors at the call site.
 */
import { create } from 'zustand';
import type { Lang } from '../../../main/common/exhibit';
import type { SessionPhase } from './lifecycle';

/** A place in the exhibit. The visitor's path is a stack of these; "back" pops, "home" clears. */
export type Place =
  | { screen: 'languageChoice' }
  | { screen: 'home' }
  | { screen: 'stories' }
  | { screen: 'story'; id: string }
  | { screen: 'photos' }
  | { screen: 'people' }
  | { screen: 'person'; id: string }
  | { screen: 'timeline'; focus?: string }
  | { screen: 'diary' }
  | { screen: 'diaryEntry'; id: string };

/** 'magnified' is twice the standard size, for visitors with low vision: every screen reflows (issue 17). */
export type TextSize = 'standard' | 'large' | 'largest' | 'magnified';

/** The photo viewer, open over any screen, with the list it swipes through. */
export interface PhotoViewerState {
  photoIds: string[];
  index: number;
}

export type Overlay = 'none' | 'language' | 'display' | 'staff';

export interface VisitState {
  phase: SessionPhase;
  /** null until the visitor chooses: the exhibit's default (or the configured start language) applies. */
  language: Lang | null;
  path: Place[];
  overlay: Overlay;
  viewer: PhotoViewerState | null;
  textSize: TextSize;
  highContrast: boolean;
  reducedMotion: boolean;
  /** Controls in the lower part of the screen, for visitors who sit. */
  seated: boolean;
  captionsOn: boolean;
  showOriginal: boolean;
  /** Ids (story:…, photo:…, diary:…) whose content note this visitor has read and chose to continue past. */
  acknowledgedNotes: string[];
  /** Photos marked graphic that this visitor chose to see. */
  revealedPhotos: string[];
  /** The audio guide (issue 17): everything that receives focus is spoken. Started by the audio key. */
  audioMode: boolean;
  /** The audio guide's volume this visit (0–1); null = the kiosk's setting. */
  speechVolume: number | null;
  /**
   * Explore by touch (issue 17, point 5): the audio guide by touch for a blind visitor without a keypad. A
   * touch says what is under the finger and a double tap chooses it. Always with audioMode.
   */
  touchExplore: boolean;
}

export interface VisitActions {
  startVisit(): void;
  setPhase(phase: SessionPhase): void;
  chooseLanguage(language: Lang): void;
  go(place: Place): void;
  back(): void;
  home(): void;
  openOverlay(overlay: Overlay): void;
  closeOverlay(): void;
  openViewer(photoIds: string[], index: number): void;
  showPhoto(index: number): void;
  closeViewer(): void;
  setTextSize(size: TextSize): void;
  setHighContrast(on: boolean): void;
  setReducedMotion(on: boolean): void;
  setSeated(on: boolean): void;
  setCaptionsOn(on: boolean): void;
  setShowOriginal(on: boolean): void;
  acknowledgeNote(key: string): void;
  revealPhoto(id: string): void;
  /** Start the audio guide: the language choice comes first, to be spoken. */
  startAudioMode(): void;
  stopAudioMode(): void;
  /** Start explore by touch: the audio guide too (the language choice first, unless it is already on). */
  startTouchExplore(): void;
  setSpeechVolume(volume: number): void;
  /** Back to the attract loop, exactly as a fresh kiosk. */
  reset(): void;
}

export type VisitStore = VisitState & VisitActions;

export function initialVisitState(): VisitState {
  return {
    phase: 'attract',
    language: null,
    path: [],
    overlay: 'none',
    viewer: null,
    textSize: 'standard',
    highContrast: false,
    reducedMotion: false,
    seated: false,
    captionsOn: true,
    showOriginal: false,
    acknowledgedNotes: [],
    revealedPhotos: [],
    audioMode: false,
    speechVolume: null,
    touchExplore: false,
  };
}

/** The audio guide starts: the language choice first (to be spoken), nothing open over it. */
function audioStart(s: VisitState): Partial<VisitState> {
  return {
    audioMode: true,
    overlay: 'none',
    viewer: null,
    path:
      currentPlace(s)?.screen === 'languageChoice'
        ? s.path
        : [...s.path, { screen: 'languageChoice' } as const],
  };
}

/** A new store; the app uses one (`useVisit`), tests make their own. */
export function createVisitStore() {
  return create<VisitStore>()((set, get) => ({
    ...initialVisitState(),
    startVisit: () => set({ phase: 'active', path: [{ screen: 'languageChoice' }] }),
    setPhase: (phase) => set({ phase }),
    chooseLanguage: (language) => {
      const { path } = get();
      const onChooser = path.length === 0 || path[path.length - 1]?.screen === 'languageChoice';
      // From the first chooser, go home; from the language control, stay where the visitor is.
      set({ language, overlay: 'none', path: onChooser ? [{ screen: 'home' }] : path });
    },
    go: (place) => set((s) => ({ path: [...s.path, place], overlay: 'none' })),
    back: () =>
      set((s) => (s.path.length > 1 ? { path: s.path.slice(0, -1), overlay: 'none' } : { overlay: 'none' })),
    home: () => set({ path: [{ screen: 'home' }], overlay: 'none', viewer: null }),
    openOverlay: (overlay) => set({ overlay }),
    closeOverlay: () => set({ overlay: 'none' }),
    openViewer: (photoIds, index) =>
      set({
        viewer: { photoIds, index: Math.max(0, Math.min(index, photoIds.length - 1)) },
        overlay: 'none',
      }),
    showPhoto: (index) =>
      set((s) =>
        s.viewer
          ? { viewer: { ...s.viewer, index: (index + s.viewer.photoIds.length) % s.viewer.photoIds.length } }
          : {},
      ),
    closeViewer: () => set({ viewer: null }),
    setTextSize: (textSize) => set({ textSize }),
    setHighContrast: (highContrast) => set({ highContrast }),
    setReducedMotion: (reducedMotion) => set({ reducedMotion }),
    setSeated: (seated) => set({ seated }),
    setCaptionsOn: (captionsOn) => set({ captionsOn }),
    setShowOriginal: (showOriginal) => set({ showOriginal }),
    acknowledgeNote: (key) =>
      set((s) =>
        s.acknowledgedNotes.includes(key) ? {} : { acknowledgedNotes: [...s.acknowledgedNotes, key] },
      ),
    revealPhoto: (id) =>
      set((s) => (s.revealedPhotos.includes(id) ? {} : { revealedPhotos: [...s.revealedPhotos, id] })),
    startAudioMode: () => set(audioStart),
    // Explore by touch is the audio guide by touch: ending the guide ends both.
    stopAudioMode: () => set({ audioMode: false, touchExplore: false }),
    // One change, so that the guide's welcome already knows it was started by touch.
    startTouchExplore: () =>
      set((s) => (s.audioMode ? { touchExplore: true } : { ...audioStart(s), touchExplore: true })),
    setSpeechVolume: (volume) => set({ speechVolume: Math.max(0, Math.min(1, volume)) }),
    reset: () => set(initialVisitState()),
  }));
}

export const useVisit = createVisitStore();

/** The state part of a store (no actions), e.g. to compare with a fresh store. */
export function visitStateOf(store: VisitStore): VisitState {
  const fresh = initialVisitState();
  const state = {} as Record<string, unknown>;
  for (const key of Object.keys(fresh)) state[key] = store[key as keyof VisitState];
  return state as unknown as VisitState;
}

/** Where the visitor is now. */
export function currentPlace(state: Pick<VisitState, 'path'>): Place | undefined {
  return state.path[state.path.length - 1];
}
