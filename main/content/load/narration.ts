/**
 * A diary excerpt's narration (audio, per spoken language, with optional captions) and its captions in
 * other languages that go with one of those narrations. A broken file costs only its narration or its
 * captions, never the excerpt.
 */
import path from 'node:path';
import type { DiaryEntry, Lang, Narration } from '../../common/exhibit';
import { checkAudio, checkCaptions } from '../mediaFiles';
import type { DiaryFile } from '../schema';
import type { FileContext, LoadContext } from './context';
import { languageList } from './languages';

const absolute = (pkg: LoadContext, relative: string): string =>
  path.join(pkg.mediaDir, ...relative.split('/'));

export async function loadNarration(
  pkg: LoadContext,
  value: DiaryFile,
  ctx: FileContext,
): Promise<{ narration: Partial<Record<Lang, Narration>>; captions: DiaryEntry['captions'] }> {
  const { languages } = pkg;
  // Narration, per spoken language.
  const narration: Partial<Record<Lang, Narration>> = {};
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
      const audio = await checkAudio(absolute(pkg, n.audio), n.audio);
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
      const entry: Narration = { audio: pkg.urlFor('media', n.audio), placeholder: n.placeholder };
      if (n.captions) {
        pkg.filesSeen.add(n.captions);
        const vtt = await checkCaptions(absolute(pkg, n.captions), n.captions);
        if (vtt.ok) entry.captions = pkg.urlFor('media', n.captions);
        else
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
      if (!value.narration[c.narration]) {
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
      const vtt = await checkCaptions(absolute(pkg, c.file), c.file);
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
      if (narration[c.narration])
        captions[lang] = { narration: c.narration, url: pkg.urlFor('media', c.file) };
    }),
  );
  return { narration, captions };
}
