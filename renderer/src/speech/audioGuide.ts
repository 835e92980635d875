/**
 * The audio guide (issue 17): while the visit store's audioMode is on, whatever receives focus is spoken in
 * the language it is written in, with the machine's local voices (voiceChoice.ts) through the one speaker
 * (speaker.ts). It starts with a spoken welcome and the language choice; a language the machine cannot
 * speak is said so, in a language it can, and the choice is offered again. Reset stops it.
 */
import { useExhibit } from '../data/exhibitStore';
import { fill, languageNameIn, uiText } from '../i18n/uiText';
import { onVisitReset } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';
import { focusInfo } from './describeFocus';
import { getSpeaker } from './speaker';
import { spokenForFocus, spokenVolume, type Said } from './spoken';
import { chooseVoice, speakableLanguages } from './voiceChoice';

/** The next focus is said after what is being said (the welcome, a notice) rather than over it. */
let afterCurrent = false;

/** The visitor's language, as useLang() finds it. */
function visitorLang(): string {
  const { exhibit, settings } = useExhibit.getState();
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
  return useExhibit.getState().exhibit?.languages ?? ['en'];
}

/** The welcome, in every exhibit language the machine can speak, then which ones it cannot. */
function welcome(): void {
  const languages = exhibitLanguages();
  const speakable = speakableLanguages(getSpeaker().voices(), languages);
  const missing = languages.filter((l) => !speakable.includes(l));
  const parts: Said[] = speakable.map((lang) => ({ text: uiText(lang).audioWelcome, lang }));
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
  const first = speakable.includes(useExhibit.getState().exhibit?.defaultLanguage ?? '')
    ? (useExhibit.getState().exhibit?.defaultLanguage ?? '')
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
  const info = focusInfo(element, visitorLang());
  if (!info) return;
  say(spokenForFocus(info), afterCurrent);
  afterCurrent = false;
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

/** Listen for focus and for the visit's changes. Returns a function that stops listening. */
export function installAudioGuide(): () => void {
  const onFocus = (event: FocusEvent) => {
    if (!useVisit.getState().audioMode) return;
    if (event.target instanceof HTMLElement) sayFocus(event.target);
  };
  document.addEventListener('focusin', onFocus);
  const unsubscribe = useVisit.subscribe((state, previous) => {
    if (state.audioMode && !previous.audioMode) welcome();
    else if (state.audioMode && state.language && state.language !== previous.language) {
      checkVoiceFor(state.language);
    }
  });
  const unhook = onVisitReset(() => {
    afterCurrent = false;
    getSpeaker().stop();
  });
  return () => {
    document.removeEventListener('focusin', onFocus);
    unsubscribe();
    unhook();
  };
}
