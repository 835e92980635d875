/**
 * npm exec tsx scripts/bench-content.ts [--images shared|distinct|skip] [--keep]
 *
 * Generates a large exhibit (1,000 stories in two languages, 5,000 photos, 200 people, 500 diary
 * excerpts, 300 timeline events) into a temporary folder and times the content checker on it.
 *
 *   --images shared    (default) every photo file names ONE shared tiny JPEG: it is decoded once
 *   --images distinct  every photo has its own tiny JPEG: 5,000 images decoded
 *   --images skip      images are only checked to exist, not decoded
 *
 * Not a test: it prints the figure. Target: under 3 s.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadExhibitPackage } from '../main/content/load';
import { countBySeverity } from '../main/content/problems';

const STORIES = 1000;
const PHOTOS = 5000;
const PEOPLE = 200;
const DIARY = 500;
const EVENTS = 300;

type ImageMode = 'shared' | 'distinct' | 'skip';

const pid = (i: number) => `photo-${i}`;
const person = (i: number) => `person-${i}`;

export async function generateExhibit(root: string, mode: ImageMode): Promise<string> {
  const media = path.join(root, 'media');
  for (const dir of ['photos', 'people', 'diary', 'stories', 'audio'])
    await mkdir(path.join(media, dir), { recursive: true });
  const write = (rel: string, text: string | Buffer) => writeFile(path.join(media, rel), text);
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#808080' } })
    .jpeg({ quality: 40 })
    .toBuffer();
  await write('photos/shared.jpg', jpeg);
  await write(
    'exhibit.yaml',
    `id: bench\nversion: 1.0.0\ndefaultLanguage: en\nlanguages: [en, ja]\ntitle: { en: Bench, ja: ベンチ }\nsubtitle: { en: Large, ja: 大 }\nattract:\n  photos: [${pid(0)}, ${pid(1)}]\n  tagline: { en: Touch, ja: タッチ }\nsections: [stories, diary, photos, people, timeline]\n`,
  );
  const jobs: Promise<void>[] = [];
  const flush = async () => {
    await Promise.all(jobs.splice(0));
  };
  for (let i = 0; i < PHOTOS; i++) {
    const file = mode === 'distinct' ? `${pid(i)}.jpg` : 'shared.jpg';
    if (mode === 'distinct') jobs.push(write(`photos/${file}`, jpeg));
    jobs.push(
      write(
        `photos/${pid(i)}.yaml`,
        `file: ${file}\ncaption:\n  en: Caption of photograph number ${i}, a sentence of ordinary length for a caption.\n  ja: 写真${i}の説明文。\nalt: { en: A grey rectangle, ja: 灰色の四角 }\ncredit: { en: Archive, ja: 資料館 }\nrights: { en: Test, ja: テスト }\nsource: "Bench archive, item ${i}"\ndate: "19${String(i % 100).padStart(2, '0')}-0${(i % 9) + 1}"\npeople: [${person(i % PEOPLE)}]\ndrafts: [ja]\n`,
      ),
    );
    if (jobs.length > 500) await flush();
  }
  for (let i = 0; i < PEOPLE; i++)
    jobs.push(
      write(
        `people/${person(i)}.yaml`,
        `name: { en: Person ${i}, ja: 人物${i} }\nrole: { en: Witness, ja: 証人 }\nnationality: { en: Unknown, ja: 不明 }\nbiography:\n  en: |-\n    A biography of a few sentences.\n\n    A second paragraph.\n  ja: 略歴。\nportrait: ${pid(i)}\nsources: ["Bench"]\n`,
      ),
    );
  // A real Ogg Opus file: the checker reads its pages and length (a stub header is an error).
  await write(
    'audio/voice.ogg',
    await readFile(new URL('../tests/fixtures/audio-formats/tone-1.5s.opus.ogg', import.meta.url)),
  );
  await write('audio/voice.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n');
  for (let i = 0; i < DIARY; i++)
    jobs.push(
      write(
        `diary/entry-${i}.yaml`,
        `author: ${person(i % PEOPLE)}\ndate: "1937-12-${String((i % 28) + 1).padStart(2, '0')}"\nsource: "Bench diary"\noriginalLanguage: de\ntext:\n  en: "An excerpt of a diary, a few sentences long, exactly as the source gives it."\n  ja: 日記の抜粋。\nnarration:\n  en: { audio: audio/voice.ogg, captions: audio/voice.vtt }\nfacsimile: ${pid(i)}\n`,
      ),
    );
  await flush();
  const events: string[] = [];
  for (let i = 0; i < EVENTS; i++)
    events.push(
      `  - id: event-${i}\n    date: "19${String(i % 100).padStart(2, '0')}"\n    title: { en: Event ${i}, ja: 出来事${i} }\n    text: { en: What happened., ja: 何が起きたか。 }\n    related: { people: [${person(i % PEOPLE)}], photos: [${pid(i)}] }\n    sources: ["Bench"]\n`,
    );
  await write('timeline.yaml', `events:\n${events.join('')}`);
  const body = (i: number) =>
    `Opening paragraph with *emphasis* and **strong** words about story ${i}.\n\n## A chapter\n\nMore text in a second paragraph, long enough to look like a real story paragraph of several lines.\n\n> A block quote.\n> — Someone\n\n![](photo:${pid(i)})\n\n- one\n- two\n`;
  for (let i = 0; i < STORIES; i++) {
    await mkdir(path.join(media, 'stories', `story-${i}`), { recursive: true });
    jobs.push(
      write(
        `stories/story-${i}/en.md`,
        `---\ntitle: Story ${i}\nsummary: One sentence.\ncover: ${pid(i)}\norder: ${i}\nrelated:\n  people: [${person(i % PEOPLE)}]\n  timeline: [event-${i % EVENTS}]\nsources: ["Bench"]\n---\n\n${body(i)}`,
      ),
      write(
        `stories/story-${i}/ja.md`,
        `---\ntitle: 物語${i}\nsummary: 一文。\ndraft: true\n---\n\n${body(i)}`,
      ),
    );
    if (jobs.length > 500) await flush();
  }
  await flush();
  return media;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const modeArg = args[args.indexOf('--images') + 1];
  const mode: ImageMode =
    args.includes('--images') && (modeArg === 'distinct' || modeArg === 'skip') ? modeArg : 'shared';
  const root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-bench-content-'));
  try {
    process.stdout.write(
      `Generating ${STORIES} stories (×2 languages), ${PHOTOS} photos, ${PEOPLE} people, ${DIARY} diary excerpts, ${EVENTS} events in ${root} …\n`,
    );
    const media = await generateExhibit(root, mode);
    const runs: number[] = [];
    let summary = '';
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const result = await loadExhibitPackage(media, { decodeImages: mode !== 'skip' });
      runs.push((performance.now() - started) / 1000);
      const { errors, warnings } = countBySeverity(result.problems);
      summary = `${result.files} files, ${errors} errors, ${warnings} warnings, ${result.exhibit?.stories.length ?? 0} stories and ${result.exhibit?.photos.length ?? 0} photos loaded`;
    }
    const images =
      mode === 'shared'
        ? 'all photos share ONE tiny JPEG, decoded once'
        : mode === 'distinct'
          ? `every photo has its own tiny JPEG: ${PHOTOS} images decoded (headers only, as the checker does)`
          : 'images NOT decoded (existence only)';
    process.stdout.write(`${summary}\nImages: ${images}\n`);
    process.stdout.write(
      `Checker time: first run ${runs[0]?.toFixed(2)} s, then ${runs
        .slice(1)
        .map((r) => r.toFixed(2))
        .join(' s, ')} s (target < 3 s)\n`,
    );
  } finally {
    if (!args.includes('--keep')) await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-content.ts'))
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
