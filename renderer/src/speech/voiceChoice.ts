/**
 * Which installed voice speaks a language. Pure. A voice the system reports as remote (localService false)
 * is never chosen: the kiosk's speech never uses the network.
 */

/** What the kiosk needs to know of a voice (SpeechSynthesisVoice has these fields). */
export interface VoiceInfo {
  name: string;
  /** BCP 47 tag as the system reports it ("ja-JP", "zh-CN", sometimes "en_US"). */
  lang: string;
  localService: boolean;
  default?: boolean;
}

/** Regions whose written Chinese is Simplified (zh-Hans) or Traditional (zh-Hant). */
const SIMPLIFIED = ['cn', 'sg', 'my'];
const TRADITIONAL = ['tw', 'hk', 'mo'];

function parts(tag: string): { language: string; script: string; region: string } {
  const subtags = tag.replace(/_/g, '-').toLowerCase().split('-');
  const language = subtags[0] ?? '';
  let script = '';
  let region = '';
  for (const sub of subtags.slice(1)) {
    if (sub.length === 4) script = sub;
    else if (sub.length === 2 || /^\d{3}$/.test(sub)) region = sub;
  }
  if (language === 'zh' && !script) {
    if (SIMPLIFIED.includes(region)) script = 'hans';
    else if (TRADITIONAL.includes(region)) script = 'hant';
  }
  return { language, script, region };
}

/** How well a voice fits the wanted tag: 0 = not at all; higher is better. */
function fit(voice: VoiceInfo, wanted: string): number {
  const v = parts(voice.lang);
  const w = parts(wanted);
  if (!v.language || v.language !== w.language) return 0;
  // A Chinese voice must read the visitor's script: a Traditional voice for zh-Hans only as a last resort.
  if (w.script && v.script && w.script !== v.script) return 1;
  let score = 2;
  if (w.script && v.script === w.script) score += 2;
  if (w.region && v.region === w.region) score += 2;
  if (voice.default) score += 1;
  return score;
}

/** The best local voice for `lang`, or null when the machine has none. */
export function chooseVoice(voices: readonly VoiceInfo[], lang: string): VoiceInfo | null {
  let best: VoiceInfo | null = null;
  let bestScore = 0;
  for (const voice of voices) {
    if (voice.localService !== true) continue;
    const score = fit(voice, lang);
    if (score > bestScore) {
      best = voice;
      bestScore = score;
    }
  }
  return best;
}

/** The languages (from `wanted`) the machine has a local voice for, in the order given. */
export function speakableLanguages(voices: readonly VoiceInfo[], wanted: readonly string[]): string[] {
  return wanted.filter((lang) => chooseVoice(voices, lang) !== null);
}
