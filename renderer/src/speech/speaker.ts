/**
 * The one small interface behind which the kiosk speaks (issue 17). The kiosk uses the Web Speech API with
 * the machine's own voices (Electron and Chromium use the operating system's local voices, which work
 * offline); a test installs a recording speaker (tests/support/recordingSpeaker.ts) as
 * `window.__kioskSpeaker` before the page loads, and reads what would have been spoken.
 */
import type { VoiceInfo } from './voiceChoice';

export interface Utterance {
  text: string;
  /** The language of the text (BCP 47). */
  lang: string;
  /** The chosen voice's name (voiceChoice.ts): always a local voice. */
  voice: string;
  rate: number;
  volume: number;
}

export interface Speaker {
  /** The voices installed on this machine. */
  voices(): VoiceInfo[];
  /** Say these, one after another; `queue` false stops whatever is being said first. */
  speak(utterances: Utterance[], queue: boolean): void;
  /** Stop speaking at once. */
  stop(): void;
}

declare global {
  interface Window {
    /** A speaker installed by a test before the kiosk loads. */
    __kioskSpeaker?: Speaker;
  }
}

/** Speaks nothing: a machine without speech synthesis. */
const silent: Speaker = { voices: () => [], speak: () => undefined, stop: () => undefined };

function webSpeechSpeaker(synth: SpeechSynthesis): Speaker {
  // Chromium loads the voice list after the page; it is read again whenever it changes.
  let voices = synth.getVoices();
  synth.addEventListener('voiceschanged', () => {
    voices = synth.getVoices();
  });
  return {
    voices: () =>
      voices.map((v) => ({ name: v.name, lang: v.lang, localService: v.localService, default: v.default })),
    speak: (utterances, queue) => {
      if (!queue) synth.cancel();
      for (const u of utterances) {
        const voice = voices.find((v) => v.name === u.voice && v.localService);
        // Never a remote voice: without the chosen local voice nothing is said.
        if (!voice) continue;
        const utterance = new SpeechSynthesisUtterance(u.text);
        utterance.voice = voice;
        utterance.lang = u.lang;
        utterance.rate = u.rate;
        utterance.volume = u.volume;
        synth.speak(utterance);
      }
    },
    stop: () => synth.cancel(),
  };
}

let speaker: Speaker | null = null;

/** The kiosk's speaker: a test's, else the Web Speech API's, else silence. */
export function getSpeaker(): Speaker {
  if (typeof window !== 'undefined' && window.__kioskSpeaker) return window.__kioskSpeaker;
  if (!speaker) {
    speaker =
      typeof window !== 'undefined' && 'speechSynthesis' in window
        ? webSpeechSpeaker(window.speechSynthesis)
        : silent;
  }
  return speaker;
}
