import { describe, expect, it } from 'vitest';
import { createVisitStore, currentPlace, initialVisitState, visitStateOf } from './visitStore';

function visitEverything(store: ReturnType<typeof createVisitStore>) {
  const s = store.getState;
  s().startVisit();
  s().chooseLanguage('ja');
  s().go({ screen: 'stories' });
  s().go({ screen: 'story', id: 'founding-the-zone' });
  s().acknowledgeNote('story:founding-the-zone');
  s().openViewer(['a', 'b', 'c'], 1);
  s().showPhoto(2);
  s().revealPhoto('c');
  s().setTextSize('magnified');
  s().setHighContrast(true);
  s().setReducedMotion(true);
  s().setSeated(true);
  s().setCaptionsOn(false);
  s().setShowOriginal(true);
  s().openOverlay('display');
  s().startAudioMode();
  s().startTouchExplore();
  s().setSpeechVolume(0.3);
  s().setPhase('idleWarning');
}

describe('visit store', () => {
  it('reset() restores exactly the state of a fresh store', () => {
    const store = createVisitStore();
    visitEverything(store);
    expect(visitStateOf(store.getState())).not.toEqual(visitStateOf(createVisitStore().getState()));
    store.getState().reset();
    expect(visitStateOf(store.getState())).toEqual(visitStateOf(createVisitStore().getState()));
    expect(visitStateOf(store.getState())).toEqual(initialVisitState());
  });

  it('reset() leaves no shared arrays behind between visits', () => {
    const store = createVisitStore();
    store.getState().acknowledgeNote('story:first-visitor');
    store.getState().reset();
    expect(store.getState().acknowledgedNotes).toEqual([]);
    // The next visitor's choices are theirs alone: not in a second kiosk store, not after another reset.
    store.getState().acknowledgeNote('story:second-visitor');
    expect(createVisitStore().getState().acknowledgedNotes).toEqual([]);
    store.getState().reset();
    store.getState().acknowledgeNote('story:third-visitor');
    expect(store.getState().acknowledgedNotes).toEqual(['story:third-visitor']);
  });

  it('the audio guide starts at the language choice and ends with the visit', () => {
    const store = createVisitStore();
    store.getState().startVisit();
    store.getState().chooseLanguage('en');
    store.getState().go({ screen: 'stories' });
    store.getState().startAudioMode();
    expect(store.getState().audioMode).toBe(true);
    expect(currentPlace(store.getState())).toEqual({ screen: 'languageChoice' });
    store.getState().chooseLanguage('ja');
    expect(currentPlace(store.getState())).toEqual({ screen: 'home' });
    store.getState().setSpeechVolume(1.4);
    expect(store.getState().speechVolume).toBe(1);
    store.getState().reset();
    expect(store.getState().audioMode).toBe(false);
    expect(store.getState().speechVolume).toBeNull();
  });

  it('explore by touch is the audio guide by touch: started with it or on top of it, ended with it', () => {
    const cases = [
      { name: 'from a visit', audioFirst: false, place: { screen: 'languageChoice' } },
      { name: 'on top of the keypad guide', audioFirst: true, place: { screen: 'home' } },
    ];
    for (const { name, audioFirst, place } of cases) {
      const store = createVisitStore();
      store.getState().startVisit();
      store.getState().chooseLanguage('en');
      if (audioFirst) {
        store.getState().startAudioMode();
        store.getState().chooseLanguage('ja');
      }
      store.getState().startTouchExplore();
      expect({ name, on: store.getState().touchExplore, audio: store.getState().audioMode }).toEqual({
        name,
        on: true,
        audio: true,
      });
      expect(currentPlace(store.getState())).toEqual(place);
      store.getState().stopAudioMode();
      expect(store.getState().touchExplore).toBe(false);
      store.getState().startTouchExplore();
      store.getState().reset();
      expect(visitStateOf(store.getState())).toEqual(initialVisitState());
    }
  });

  it('starting a visit asks for a language, choosing one goes home', () => {
    const store = createVisitStore();
    store.getState().startVisit();
    expect(currentPlace(store.getState())).toEqual({ screen: 'languageChoice' });
    store.getState().chooseLanguage('id');
    expect(currentPlace(store.getState())).toEqual({ screen: 'home' });
    expect(store.getState().language).toBe('id');
  });

  it('switching language later keeps the visitor where they are', () => {
    const store = createVisitStore();
    store.getState().startVisit();
    store.getState().chooseLanguage('en');
    store.getState().go({ screen: 'story', id: 'international-committee' });
    store.getState().openOverlay('language');
    store.getState().chooseLanguage('zh-Hans');
    expect(currentPlace(store.getState())).toEqual({ screen: 'story', id: 'international-committee' });
    expect(store.getState().overlay).toBe('none');
  });

  it('back never leaves the visitor without a screen; home clears the path', () => {
    const store = createVisitStore();
    store.getState().startVisit();
    store.getState().chooseLanguage('en');
    store.getState().back();
    store.getState().back();
    expect(currentPlace(store.getState())).toEqual({ screen: 'home' });
    store.getState().go({ screen: 'people' });
    store.getState().go({ screen: 'person', id: 'john-rabe' });
    store.getState().home();
    expect(store.getState().path).toEqual([{ screen: 'home' }]);
  });

  it('the photo viewer wraps around when swiping past either end', () => {
    const store = createVisitStore();
    store.getState().openViewer(['a', 'b', 'c'], 2);
    store.getState().showPhoto(3);
    expect(store.getState().viewer?.index).toBe(0);
    store.getState().showPhoto(-1);
    expect(store.getState().viewer?.index).toBe(2);
  });
});
