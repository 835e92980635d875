/**
 * The audio guide (issue 17): while the visit store's audioMode is on, whatever receives focus is spoken in
 * the language it is written in, with the machine's local voices (voiceChoice.ts) through the one speaker
 * (speaker.ts). It starts with a spoken welcome and the language choice; a language the machine cannot
 * speak is said so, in a language it can, and the choice is offered again. Reset stops it.
 */
import { useExhibit } from '../data/exhibitStore';
import { pick } from '../i18n/localize';
import { fill, languageNameIn, uiText } from '../i18n/uiText';
import {
  onSessionChange,
  onVisitReset,
  warningSecondsNow,
  warningSecondsTotal,
} from '../session/sessionClock';
import { useVisit, type VisitState } from '../session/visitStore';
import { focusInfo } from './describeFocus';
import { isReadByRecording } from './recordedReading';
import { getSpeaker } from './speaker';
import { spokenForFocus, spokenVolume, type Said } from './spoken';
import { idleSecondsToSay, spokenIdleWarning } from './idleSpeech';
import { describeViewerPhoto, spokenViewerPhoto, type ViewerShown } from './viewerSpeech';
import { chooseVoice, speakableLanguages } from './voiceChoice';

/** The next focus is said after what is being said (the welcome, a notice) rather than over it. */
let afterCurrent = false;

/** The visitor's language, as useLang() finds it. */
function visitorLang(): string {
  const { attract: exhibit, settings } = useExhibit.getState();
  const chosen = useVisit.getState().language;
  const fallback = exhibit?.defaultLanguage ?? 'en';
  const start = settings.startLanguage;
  return chosen ?? (start && exhibit?.languages.includes(start) ? start : fallback);
}

function volume(): number {
  return useVisit.getState().speechVolume ?? useExhibit.getState().settings.accessibility.speechVolume;
}

/** Say these, each in its own language's voice (else the visitor's); `queue` keeps what is being said. */
export function say(parts: Said[], queue = false): void {
  const speaker = getSpeaker();
  const voices = speaker.voices();
  const rate = useExhibit.getState().settings.accessibility.speechRate;
  const utterances = parts.flatMap((part) => {
    const voice = chooseVoice(voices, part.lang) ?? chooseVoice(voices, visitorLang());
    return voice ? [{ text: part.text, lang: part.lang, voice: voice.name, rate, volume: volume() }] : [];
  });
  if (utterances.length > 0) speaker.speak(utterances, queue);
}

function exhibitLanguages(): string[] {
  return useExhibit.getState().attract?.languages ?? ['en'];
}

/** The welcome, in every exhibit language the machine can speak, then which ones it cannot. */
function welcome(): void {
  const languages = exhibitLanguages();
  const speakable = speakableLanguages(getSpeaker().voices(), languages);
  const missing = languages.filter((l) => !speakable.includes(l));
  const touch = useVisit.getState().touchExplore;
  const parts: Said[] = speakable.map((lang) => ({
    text: touch ? uiText(lang).exploreWelcome : uiText(lang).audioWelcome,
    lang,
  }));
  const first = speakable[0];
  if (first && missing.length > 0) {
    const names = missing.map((l) => languageNameIn(l, first)).join(', ');
    parts.push({ text: fill(uiText(first).audioNoVoices, { languages: names }), lang: first });
  }
  say(parts);
  afterCurrent = true;
}

/** A language chosen that the machine cannot speak: said so in one it can, and the choice again. */
function checkVoiceFor(lang: string): void {
  const speakable = speakableLanguages(getSpeaker().voices(), exhibitLanguages());
  if (speakable.includes(lang)) return;
  const first = speakable.includes(useExhibit.getState().attract?.defaultLanguage ?? '')
    ? (useExhibit.getState().attract?.defaultLanguage ?? '')
    : speakable[0];
  if (!first) return;
  const text = fill(uiText(first).audioNoVoiceFor, {
    language: languageNameIn(lang, first),
    languages: speakable.map((l) => languageNameIn(l, first)).join(', '),
  });
  say([{ text, lang: first }]);
  afterCurrent = true;
  useVisit.getState().go({ screen: 'languageChoice' });
}

export function sayFocus(element: HTMLElement): void {
  if (isReadByRecording(element)) {
    // Its recorded narration reads it (the player starts it): nothing synthetic over the reader's voice.
    getSpeaker().stop();
    afterCurrent = false;
    return;
  }
  const info = focusInfo(element, visitorLang());
  if (!info) return;
  say(spokenForFocus(info), afterCurrent);
  afterCurrent = false;
}

/** The photograph the viewer shows, and whether its note or graphic notice still holds it back. */
function viewerShown(visit: VisitState): ViewerShown | null {
  const viewer = visit.viewer;
  const photoId = viewer?.photoIds[viewer.index];
  const photo = photoId ? useExhibit.getState().index?.photos.get(photoId) : undefined;
  if (!viewer || !photo) return null;
  const noted = Boolean(photo.contentNote) && !visit.acknowledgedNotes.includes(`photo:${photo.id}`);
  const hidden = photo.graphic && !visit.revealedPhotos.includes(photo.id);
  return { photoId: photo.id, index: viewer.index, withheld: noted || hidden };
}

/** The viewer's photograph: "Photograph, 2 of 5", its alt text and caption, in the visitor's language. */
function sayViewerPhoto(visit: VisitState, focusMoves: boolean): void {
  const viewer = visit.viewer;
  const photo = viewer ? useExhibit.getState().index?.photos.get(viewer.photoIds[viewer.index] ?? '') : null;
  if (!viewer || !photo) return;
  const lang = visitorLang();
  const fallback = useExhibit.getState().attract?.defaultLanguage ?? 'en';
  const caption = pick(photo.caption, lang, fallback);
  const total = viewer.photoIds.length;
  say(
    spokenViewerPhoto({
      lang,
      alt: pick(photo.alt, lang, fallback),
      caption: caption.text ? caption : null,
      position: total > 1 ? { n: viewer.index + 1, total } : null,
    }),
  );
  // Opening (or passing a note) moves focus in the viewer: what it lands on is said after the photograph.
  if (focusMoves) afterCurrent = true;
}

/** The seconds of the idle warning last said; null outside the warning. */
let idleSaid: number | null = null;

/** In audio mode the idle warning is spoken with its countdown, at a calm interval (idleSpeech.ts). */
function sayIdleCountdown(): void {
  const visit = useVisit.getState();
  if (visit.phase !== 'idleWarning' || !visit.audioMode) {
    if (idleSaid !== null && visit.phase === 'active' && visit.audioMode) {
      // Answered: the warning's words stop; the focus that follows is said at once.
      getSpeaker().stop();
      afterCurrent = false;
    }
    idleSaid = null;
    return;
  }
  const seconds = idleSecondsToSay(warningSecondsNow(), warningSecondsTotal(), idleSaid);
  if (seconds === null) return;
  const lang = visitorLang();
  say([spokenIdleWarning(seconds, idleSaid === null, lang, visit.touchExplore)]);
  idleSaid = seconds;
}

/** The help key: the keys, in the visitor's language. */
export function sayHelp(): void {
  if (!useVisit.getState().audioMode) return;
  const lang = visitorLang();
  say([{ text: uiText(lang).audioHelp, lang }]);
}

/** The volume keys: a step of a tenth, said as its level. */
export function changeVolume(step: number): void {
  const next = Math.round(Math.max(0, Math.min(1, volume() + step)) * 10) / 10;
  useVisit.getState().setSpeechVolume(next);
  if (useVisit.getState().audioMode) say([spokenVolume(next, visitorLang())]);
}

/** The audio key during a visit: said, then off. */
export function endAudioMode(): void {
  const lang = visitorLang();
  say([{ text: uiText(lang).audioOff, lang }]);
  useVisit.getState().stopAudioMode();
}

/** Explore by touch's gesture again: said, then the guide ends (explore by touch is the guide by touch). */
export function endTouchExplore(): void {
  const lang = visitorLang();
  say([{ text: uiText(lang).exploreOff, lang }]);
  useVisit.getState().stopAudioMode();
}

/** Listen for focus and for the visit's changes. Returns a function that stops listening. */
export function installAudioGuide(): () => void {
  const onFocus = (event: FocusEvent) => {
    if (!useVisit.getState().audioMode) return;
    // The idle warning says itself, with its countdown.
    if (event.target instanceof HTMLElement && event.target.closest('[data-testid="idle-warning"]')) return;
    if (event.target instanceof HTMLElement) sayFocus(event.target);
  };
  const stopCountdown = onSessionChange(sayIdleCountdown);
  document.addEventListener('focusin', onFocus);
  const unsubscribe = useVisit.subscribe((state, previous) => {
    if (state.audioMode && !previous.audioMode) welcome();
    else if (state.touchExplore && !previous.touchExplore) {
      // On top of the keypad's guide: the two gestures, in the visitor's language.
      const lang = visitorLang();
      say([{ text: uiText(lang).exploreOn, lang }]);
    } else if (state.audioMode && state.language && state.language !== previous.language) {
      checkVoiceFor(state.language);
    } else if (state.audioMode && describeViewerPhoto(viewerShown(previous), viewerShown(state))) {
      sayViewerPhoto(state, previous.viewer === null || viewerShown(previous)?.withheld === true);
    }
  });
  const unhook = onVisitReset(() => {
    afterCurrent = false;
    idleSaid = null;
    getSpeaker().stop();
  });
  return () => {
    stopCountdown();
    document.removeEventListener('focusin', onFocus);
    unsubscribe();
    unhook();
  };
}
