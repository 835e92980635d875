import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseChromium, chromiumArgs } from '../chromium';
import { CHART_HEIGHT, CHART_WIDTH, chartSpecs, hourOfWeek, writeCharts } from './charts';
import { syntheticResult } from './syntheticResult';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('chart specs', () => {
  it('places faults at their simulated hour and breaks the lines at night', () => {
    expect(hourOfWeek(3, '2026-03-04T14:30:00+08:00')).toBe(62.5);
    // As the driver writes it: the local time without offset.
    expect(hourOfWeek(5, '2027-03-28 09:15')).toBe(105.25);
    const specs = chartSpecs(syntheticResult({ days: 2 }));
    expect(specs.map((s) => s.file)).toEqual([
      'memory-page-heap.png',
      'memory-dom-listeners.png',
      'memory-backend.png',
      'sizes-log-analytics.png',
    ]);
    const heap = specs[0]!.series[0]!.points;
    expect(heap).toHaveLength(9 + 1 + 9);
    expect(heap[9]).toEqual([32.5, null]);
    expect(specs[0]!.faults[0]).toEqual({ x: 10, label: 'renderer crash' });
    expect([specs[0]!.xMin, specs[0]!.xMax, specs[0]!.hourTicks]).toEqual([0, 48, false]);
    const oneDay = chartSpecs(syntheticResult({ days: 1 }))[0]!;
    expect([oneDay.xMin, oneDay.xMax, oneDay.hourTicks]).toEqual([8, 18, true]);
  });
});

describe('writeCharts', () => {
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chooseChromium().executablePath, args: chromiumArgs });
    outDir = mkdtempSync(path.join(tmpdir(), 'soak-charts-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('renders four PNG charts of the week, 1200 × 500', { timeout: 60_000 }, async () => {
    const files = await writeCharts(syntheticResult(), outDir, browser);
    expect(files).toEqual([
      'memory-page-heap.png',
      'memory-dom-listeners.png',
      'memory-backend.png',
      'sizes-log-analytics.png',
    ]);
    for (const file of files) {
      const png = readFileSync(path.join(outDir, file));
      expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
      // A drawn chart (title, axes, lines, labels) compresses to tens of KB; a blank canvas to about 2 KB.
      expect(png.length).toBeGreaterThan(15_000);
      expect(png.length).toBeLessThan(1_000_000);
    }
  });
});
