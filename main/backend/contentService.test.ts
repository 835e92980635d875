/**
 * The content service loads each package in a worker thread with a time and a memory budget, keeps the last
 * good package in service while a new one loads or when it cannot be used, and tells staff (report, staff
 * warnings) and the log what went wrong, derivative failures included.
 */
import { copyFile, cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentWorkerFromSource, tsxWorker } from '../content/load/workerLocation';
import { BUILDS_ENTRY, buildsFileSchema, DERIVED_FOLDER, packageDerivatives } from '../packages/derivatives';
import { createContentService, type ContentLog } from './contentService';

const valid = path.resolve(__dirname, '../../tests/fixtures/valid');
const testWorker = tsxWorker(path.resolve(__dirname, '../../tests/support/contentWorkerForTests.ts'));
let root: string;
let media: string;
let lines: string[];
const log: ContentLog = {
  info: (m) => void lines.push(`info ${m}`),
  warn: (m) => void lines.push(`warn ${m}`),
  error: (m) => void lines.push(`error ${m}`),
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiosk-content-service-'));
  media = path.join(root, 'media');
  await cp(valid, media, { recursive: true });
  lines = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const service = (options: Partial<Parameters<typeof createContentService>[0]> = {}) =>
  createContentService({
    mediaDir: media,
    derivedDir: path.join(root, 'cache'),
    log,
    worker: contentWorkerFromSource(),
    ...options,
  });

const version = (s: ReturnType<typeof service>) => {
  const current = s.current();
  return current.status === 'ok' ? current.exhibit.version : null;
};

describe('the content service', () => {
  it('loads the package with the real worker and serves it', async () => {
    const content = service();
    const report = await content.reload();
    expect(report).toMatchObject({ ok: true, errors: 0, version: '1.0.0' });
    expect(version(content)).toBe('1.0.0');
    expect(content.staffWarnings()).toEqual([]);
  });

  it('stops a load that runs past its time budget and keeps the last good package in service', async () => {
    // The first load has all the time it needs; the stalled one never ends, so any budget stops it.
    let budget = {};
    const content = service({ worker: testWorker, budget: () => budget });
    expect((await content.reload()).ok).toBe(true);
    budget = { timeMs: 1500 };
    await writeFile(path.join(media, 'STALL'), '');
    const report = await content.reload();
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/longer than 1\.5 s.*stopped.*previous version stays in service/);
    expect(version(content)).toBe('1.0.0');
    expect(lines).toContainEqual(expect.stringMatching(/^error .*longer than 1\.5 s/));
    expect(content.staffWarnings()).toContainEqual(expect.stringMatching(/longer than 1\.5 s/));
  });

  // Three loads in fresh workers under tsx: with both cores busy that passed 20 s.
  it(
    'stops a load that needs more memory than its budget; the kiosk keeps running on the last good one',
    { timeout: 120_000 },
    async () => {
      let budget = {};
      const content = service({ worker: testWorker, budget: () => budget });
      expect((await content.reload()).ok).toBe(true);
      budget = { memoryMb: 64, timeMs: 600_000 };
      await writeFile(path.join(media, 'HOG'), '');
      const report = await content.reload();
      expect(report.ok).toBe(false);
      expect(report.message).toMatch(/more than 64 MB of memory/);
      expect(version(content)).toBe('1.0.0');
      // A later load of a good package works again.
      budget = {};
      await rm(path.join(media, 'HOG'));
      expect((await content.reload()).ok).toBe(true);
      expect(content.staffWarnings()).toEqual([]);
    },
  );

  it('reports every image whose derivatives could not be built, on the staff screen and in the log', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    await writeFile(path.join(media, 'photos', 'harbour-view.jpg'), jpeg.subarray(0, 200));
    const content = service();
    const report = await content.reload();
    expect(report.derivativeFailures).toEqual([
      { file: 'photos/harbour-view.jpg', message: expect.any(String) },
    ]);
    expect(report.message).toContain('photos/harbour-view.jpg');
    expect(content.staffWarnings()).toContainEqual(expect.stringContaining('photos/harbour-view.jpg'));
    expect(lines).toContainEqual(expect.stringMatching(/^warn .*photos\/harbour-view\.jpg/));
  });

  it('takes in the derivatives a package brought before building any: the kiosk shows the very files', async () => {
    // The package's layout (derivatives.ts), as a publish with --derived writes it and an install unpacks it.
    const packaged = await packageDerivatives(media, path.join(root, 'publisher-cache'));
    if (!packaged.ok) throw new Error(packaged.message);
    for (const f of packaged.files) {
      await mkdir(path.dirname(path.join(media, f.path)), { recursive: true });
      await copyFile(f.absolute, path.join(media, f.path));
    }
    await writeFile(path.join(media, BUILDS_ENTRY), packaged.builds);
    const report = await service().reload();
    expect(report).toMatchObject({ ok: true, errors: 0 });
    expect(lines).toContain(
      'info content: the derivatives of 2 images came with the package and were taken in; they are not built here.',
    );
    const builds = buildsFileSchema.parse(JSON.parse(packaged.builds.toString())).builds;
    for (const [hash, build] of Object.entries(builds)) {
      const served = await stat(path.join(root, 'cache', hash, build.display));
      const brought = await stat(path.join(media, DERIVED_FOLDER, hash, build.display));
      expect(served.ino).toBe(brought.ino); // the same file, linked: not built again
    }
  });
});
