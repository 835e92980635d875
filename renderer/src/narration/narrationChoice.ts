/**
 * Which narration a visitor is offered for an excerpt, and which captions go with it. Pure.
 *
 * - A narration spoken in the visitor's language is the only one offered, with its own captions.
 * - Otherwise every narration that exists is offered ("Narration in English"), the one with captions in the
 *   visitor's language first (`entry.captions[lang]`), the others with captions in the spoken language.
 */
import type { DiaryEntry, Lang } from '../../../main/common/exhibit';

export interface NarrationChoice {
  /** The language the narration is spoken in. */
  spoken: Lang;
  audio: string;
  placeholder: boolean;
  /** The WebVTT file to show with it, and the language of its text; absent when there are no captions. */
  captions?: { url: string; lang: Lang };
  /** The captions are in the visitor's language although the narration is not. */
  captionsTranslated: boolean;
}

export interface NarrationOffer {
  /** There is a narration in the visitor's language (then `choices` holds just that one). */
  inVisitorLanguage: boolean;
  choices: NarrationChoice[];
}

export function narrationOffer(
  entry: Pick<DiaryEntry, 'narration' | 'captions'>,
  lang: Lang,
): NarrationOffer {
  const own = entry.narration[lang];
  if (own) {
    return {
      inVisitorLanguage: true,
      choices: [
        {
          spoken: lang,
          audio: own.audio,
          placeholder: own.placeholder,
          ...(own.captions ? { captions: { url: own.captions, lang } } : {}),
          captionsTranslated: false,
        },
      ],
    };
  }
  const translated = entry.captions[lang];
  const choices: NarrationChoice[] = [];
  for (const [spoken, narration] of Object.entries(entry.narration)) {
    if (!narration) continue;
    if (translated && translated.narration === spoken) {
      choices.unshift({
        spoken,
        audio: narration.audio,
        placeholder: narration.placeholder,
        captions: { url: translated.url, lang },
        captionsTranslated: true,
      });
    } else {
      choices.push({
        spoken,
        audio: narration.audio,
        placeholder: narration.placeholder,
        ...(narration.captions ? { captions: { url: narration.captions, lang: spoken } } : {}),
        captionsTranslated: false,
      });
    }
  }
  return { inVisitorLanguage: false, choices };
}

/** A time on the narration's clock: `0:07`, `12:41`, `1:02:03`. */
export function formatClock(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
