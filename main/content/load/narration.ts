/**
 * A diary excerpt's narration (audio, per spoken language, with optional captions) and its captions in
 * other languages that go with one of those narrations. A broken file costs only its narration or its
 * captions, never the excerpt; a broken cue costs only that cue (the kiosk shows the others), and is
 * named by its file and line.
 */
import type { DiaryEntry, Lang, Narration } from '../../common/exhibit';
import type { AudioInfo } from '../audioFormat';
import { checkAudio, checkCaptions, type CaptionsInfo } from '../mediaFiles';
import type { DiaryFile } from '../schema';
import type { FileContext, LoadContext } from './context';
import { languageList } from './languages';

function once<T>(checks: Map<string, Promise<T>>, relative: string, check: () => Promise<T>): Promise<T> {
  let result = checks.get(relative);
  if (!result) checks.set(relative, (result = check()));
  return result;
}

const audioOf = (pkg: LoadContext, relative: string) =>
  once(pkg.checks.audio, relative, () => checkAudio(pkg.mediaDir, relative));

/** A captions file: its broken cues reported once, on the file and line of each. */
const captionsOf = (pkg: LoadContext, relative: string) =>
  once(pkg.checks.captions, relative, async () => {
    const check = await checkCaptions(pkg.mediaDir, relative);
    if (check.ok)
      for (const p of check.problems)
        pkg.problems.push({
          severity: 'error',
          file: relative,
          line: p.line,
          column: 1,
          message: `${p.message}; this cue is left out (the others are shown)`,
          code: 'caption-cue',
        });
    return check;
  });

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

/** A cue that starts after the narration has ended is never shown: say so once per captions file. */
function checkTiming(
  pkg: LoadContext,
  captionsFile: string,
  captions: CaptionsInfo,
  audioFile: string,
  audio: AudioInfo,
): void {
  const key = `${captionsFile}\n${audioFile}`;
  if (pkg.checks.timing.has(key)) return;
  pkg.checks.timing.add(key);
  const late = captions.cues.find((cue) => cue.start >= audio.seconds);
  if (late)
    pkg.problems.push({
      severity: 'warning',
      file: captionsFile,
      line: late.line,
      column: 1,
      message: `this cue starts at ${clock(late.start)}, after the narration "${audioFile}" has ended (${clock(audio.seconds)}), so it and the cues after it are never shown`,
      code: 'caption-after-audio',
    });
}

export async function loadNarration(
  pkg: LoadContext,
  value: DiaryFile,
  ctx: FileContext,
): Promise<{ narration: Partial<Record<Lang, Narration>>; captions: DiaryEntry['captions'] }> {
  const { languages } = pkg;
  // Every file the excerpt names belongs to the package, even when it is not used for a mistake here.
  for (const n of Object.values(value.narration)) {
    pkg.filesSeen.add(n.audio);
    if (n.captions) pkg.filesSeen.add(n.captions);
  }
  for (const c of Object.values(value.captions)) pkg.filesSeen.add(c.file);
  // Narration, per spoken language.
  const narration: Partial<Record<Lang, Narration>> = {};
  const audioInfo: Partial<Record<Lang, AudioInfo>> = {};
  await Promise.all(
    Object.entries(value.narration).map(async ([lang, n]) => {
      if (languages && !languages.includes(lang)) {
        pkg.report(
          'error',
          ctx,
          ['narration', lang],
          'unknown-language',
          `"${lang}" is not one of the exhibit's languages (${languageList(pkg)}); this narration is not played`,
          'key',
        );
        return;
      }
      pkg.filesSeen.add(n.audio);
      const audio = await audioOf(pkg, n.audio);
      if (!audio.ok) {
        pkg.report(
          'error',
          ctx,
          ['narration', lang, 'audio'],
          audio.code,
          `${audio.message}; this narration is not played`,
        );
        return;
      }
      audioInfo[lang] = audio;
      const entry: Narration = { audio: pkg.urlFor('media', n.audio), placeholder: n.placeholder };
      if (n.captions) {
        pkg.filesSeen.add(n.captions);
        const vtt = await captionsOf(pkg, n.captions);
        if (vtt.ok) {
          entry.captions = pkg.urlFor('media', n.captions);
          checkTiming(pkg, n.captions, vtt, n.audio, audio);
        } else
          pkg.report(
            'error',
            ctx,
            ['narration', lang, 'captions'],
            vtt.code,
            `${vtt.message}; the narration plays without captions`,
          );
      }
      narration[lang] = entry;
    }),
  );
  const captions: DiaryEntry['captions'] = {};
  await Promise.all(
    Object.entries(value.captions).map(async ([lang, c]) => {
      if (languages && !languages.includes(lang)) {
        pkg.report(
          'error',
          ctx,
          ['captions', lang],
          'unknown-language',
          `"${lang}" is not one of the exhibit's languages (${languageList(pkg)}); these captions are not shown`,
          'key',
        );
        return;
      }
      const spoken = value.narration[c.narration];
      if (!spoken) {
        pkg.report(
          'error',
          ctx,
          ['captions', lang, 'narration'],
          'unknown-narration',
          `there is no narration in "${c.narration}" for these captions to go with (narration is given for: ${Object.keys(value.narration).join(', ') || 'none'})`,
        );
        return;
      }
      pkg.filesSeen.add(c.file);
      const vtt = await captionsOf(pkg, c.file);
      if (!vtt.ok) {
        pkg.report(
          'error',
          ctx,
          ['captions', lang, 'file'],
          vtt.code,
          `${vtt.message}; these captions are not shown`,
        );
        return;
      }
      const audio = audioInfo[c.narration];
      if (audio) checkTiming(pkg, c.file, vtt, spoken.audio, audio);
      if (narration[c.narration])
        captions[lang] = { narration: c.narration, url: pkg.urlFor('media', c.file) };
    }),
  );
  return { narration, captions };
}
