/**
 * The exhibit editor's save-plus-recheck (issue 14): on a temporary copy of media/, the editor service as
 * `npm run editor` builds it (the checker as it runs after a save), then N saves of one photograph's caption,
 * each timed from the request to the answer (written atomically with its history, rechecked, the item's
 * problems placed at their fields). Prints `name  value` lines for scripts/bench.ts; the kiosk preview's
 * own reload after a save is not in these figures (it runs beside the answer).
 *
 * Then the upload of a photograph: a 60-megapixel TIFF (9,000 × 6,667, 8-bit RGB, uncompressed as scanners
 * write them: 180 MB) made here with sharp, received into the package's upload folder and taken to the end
 * (format and size checked, stored as a JPEG, screen image, thumbnail and Deep Zoom tiles built, YAML
 * written): the time to derivatives done, and the process's resident memory, sampled every 20 ms, at its
 * peak during the upload (and before it).
 *
 * `node --import tsx scripts/bench-editor.ts [--saves 40] [--media media] [--no-upload]`
 */
import { copyFile, cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../main/editor/checker';
import { createEditorService } from '../main/editor/editor';
import { makeScanTiff } from '../tests/support/scanTiff';

const { values } = parseArgs({
  options: {
    saves: { type: 'string', default: '40' },
    media: { type: 'string', default: 'media' },
    'no-upload': { type: 'boolean', default: false },
  },
});
const SAVES = Number(values.saves);
const root = await mkdtemp(path.join(tmpdir(), 'kiosk-bench-editor-'));
const media = path.join(root, 'media');
await cp(values.media, media, { recursive: true });
const quantile = (list: number[], q: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
try {
  const service = createEditorService({
    contentDir: media,
    configDir: path.join(root, 'kiosk-config'),
    check: createChecker(media, path.resolve('.media-cache')),
    thumbnails: () => new Map(),
    derivedDir: path.join(root, 'media-cache'),
  });
  await cp('.media-cache', path.join(root, 'media-cache'), { recursive: true });
  let started = performance.now();
  const overview = await service.overview();
  console.log(`open: the list with badges (first full check)  ${Math.round(performance.now() - started)} ms`);
  const photo = overview.items.find((i) => i.kind === 'photo');
  if (!photo) throw new Error('the package has no photograph');
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const item = await service.item('photo', photo.id);
    const data = item.data as { caption: Record<string, string> };
    const en = data.caption.en ?? '';
    const next = { ...data, caption: { ...data.caption, en: en.endsWith(' ') ? en.trimEnd() : `${en} ` } };
    started = performance.now();
    const result = await service.save(
      { role: 'curator', languages: [] },
      'photo',
      photo.id,
      item.revision,
      next,
    );
    times.push(performance.now() - started);
    if (result.status !== 'saved') throw new Error(`save ${i + 1}: ${result.status}`);
  }
  console.log(
    `save-plus-recheck of one item (${SAVES} saves)  p50 ${Math.round(quantile(times, 0.5))} ms, p95 ${Math.round(quantile(times, 0.95))} ms, max ${Math.round(Math.max(...times))} ms (load ${loadavg()[0]?.toFixed(2)})`,
  );
  if (!values['no-upload'] && service.uploads) {
    const uploads = service.uploads;
    const tiff = path.join(root, 'scan.tif');
    await makeScanTiff(tiff, 'none');
    const bytes = (await stat(tiff)).size;
    const photo = overview.items.find((i) => i.kind === 'photo')?.id ?? '';
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    started = performance.now();
    const temp = await uploads.tempFile();
    await copyFile(tiff, temp);
    const received = performance.now() - started;
    const job = uploads.start({ photo, clearPlaceholder: true, temp, role: 'curator' });
    const done = await uploads.finished(job.job);
    const total = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (done.state !== 'done') throw new Error(`upload: ${done.message}`);
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    console.log(
      `upload of a 60 MP TIFF (${mb(bytes)}, 9000×6667) to derivatives done  ${(total / 1000).toFixed(1)} s (received ${(received / 1000).toFixed(1)} s), peak RSS ${mb(peak)} (before ${mb(rssBefore)}; process max ${mb(process.resourceUsage().maxRSS * 1024)}) (load ${loadavg()[0]?.toFixed(2)})`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
