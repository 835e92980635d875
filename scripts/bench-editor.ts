/**
 * The exhibit editor's save-plus-recheck (issue 14): on a temporary copy of media/, the editor service as
 * `npm run editor` builds it (the checker as it runs after a save), then N saves of one photograph's caption,
 * each timed from the request to the answer (written atomically with its history, rechecked, the item's
 * problems placed at their fields). Prints `name  value` lines for scripts/bench.ts; the kiosk preview's
 * own reload after a save is not in these figures (it runs beside the answer).
 *
 * `node --import tsx scripts/bench-editor.ts [--saves 40] [--media media]`
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../main/editor/checker';
import { createEditorService } from '../main/editor/editor';

const { values } = parseArgs({
  options: { saves: { type: 'string', default: '40' }, media: { type: 'string', default: 'media' } },
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
  });
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
} finally {
  await rm(root, { recursive: true, force: true });
}
