/**
 * PNG charts of the simulated week (issue 18): memory and sizes over the simulated hours, drawn by Chart.js
 * in a page of the Chromium the soak already runs, with no network, and screenshot canvas by canvas.
 *
 * The page-side code is plain JavaScript in a string: functions handed to page.evaluate from TypeScript would
 * be rewritten by the transpiler (tsx keeps names with a `__name` helper the page does not have).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { SampleMetric } from './trend';
import type { FaultKind, HourSample, SoakResult } from './types';

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 500;

/** Chart.js's UMD build (it defines `window.Chart`), found beside the package's own entry. */
export function chartJsPath(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return path.join(path.dirname(entry), 'chart.umd.min.js');
}

interface AxisSpec {
  id: string;
  title: string;
  position: 'left' | 'right';
}

interface SeriesSpec {
  label: string;
  color: string;
  axis: string;
  dash?: number[];
  /** [simulated hour, value]; null breaks the line (the night between two days). */
  points: [number, number | null][];
}

interface ChartSpec {
  file: string;
  title: string;
  days: number;
  axes: AxisSpec[];
  series: SeriesSpec[];
  faults: { x: number; label: string }[];
  /** Rows of fault labels the band above the plot makes room for. */
  faultRows: number;
  /** The x range in simulated hours; a one-day soak is drawn hour by hour, a week day by day. */
  xMin: number;
  xMax: number;
  hourTicks: boolean;
}

/** Quiet colours: slate, ochre, sage; faults in a muted red. */
const COLOURS = { slate: '#34506b', ochre: '#a27a2c', sage: '#5f7f5f', rust: '#7a4a3a', faults: '#9a4040' };

const FAULT_LABELS: Record<FaultKind, string> = {
  rendererCrash: 'renderer crash',
  pageHang: 'page hang',
  backendRestart: 'backend restart',
  photoFilesGone: 'photo files gone',
  brokenPackage: 'broken package',
  goodPackage: 'new package',
  brokenSettings: 'broken settings',
  diskFull: 'disk full',
  clockJump: 'clock jump',
  daylightSaving: 'daylight saving',
};

/** Simulated hours since the week began for a day and an ISO local time ("…T14:30…" → 14.5 on that day). */
export function hourOfWeek(day: number, at: string): number {
  const match = /[T ](\d\d):(\d\d)/.exec(at);
  const hours = match ? Number(match[1]) + Number(match[2]) / 60 : 12;
  return (day - 1) * 24 + hours;
}

function series(samples: readonly HourSample[], metric: SampleMetric, scale = 1): [number, number | null][] {
  const points: [number, number | null][] = [];
  let previousDay: number | undefined;
  for (const s of samples) {
    if (previousDay !== undefined && s.day !== previousDay) points.push([s.hour - 0.5, null]);
    points.push([s.hour, s[metric] * scale]);
    previousDay = s.day;
  }
  return points;
}

export function chartSpecs(result: SoakResult): ChartSpec[] {
  const samples = [...result.samples].sort((a, b) => a.hour - b.hour);
  const days = Math.max(result.options.days, ...samples.map((s) => s.day), 1);
  const faults = result.faults.map((f) => ({ x: hourOfWeek(f.day, f.at), label: FAULT_LABELS[f.kind] }));
  const faultRows = faults.length === 0 ? 0 : Math.min(3, faults.length);
  const hours = [...samples.map((s) => s.hour), ...faults.map((f) => f.x)];
  const oneDay = days === 1 && hours.length > 0;
  const xMin = oneDay ? Math.max(0, Math.floor(Math.min(...hours)) - 1) : 0;
  const xMax = oneDay ? Math.min(24, Math.ceil(Math.max(...hours)) + 1) : days * 24;
  const base = { days, faults, faultRows, xMin, xMax, hourTicks: oneDay };
  return [
    {
      ...base,
      file: 'memory-page-heap.png',
      title: 'Page memory after forced GC (MB): heap used = JS objects kept + compiled code',
      axes: [{ id: 'y', title: 'MB', position: 'left' }],
      series: [
        { label: 'JS heap used', color: COLOURS.slate, axis: 'y', points: series(samples, 'heapMB') },
        { label: 'JS objects kept', color: COLOURS.ochre, axis: 'y', points: series(samples, 'objectsMB') },
        {
          label: 'compiled code',
          color: COLOURS.sage,
          axis: 'y',
          dash: [6, 4],
          points: series(samples, 'codeMB'),
        },
      ],
    },
    {
      ...base,
      file: 'memory-dom-listeners.png',
      title: 'DOM nodes, event listeners and detached nodes (count)',
      axes: [
        { id: 'y', title: 'DOM nodes', position: 'left' },
        { id: 'y2', title: 'listeners, detached nodes', position: 'right' },
      ],
      series: [
        { label: 'DOM nodes (left)', color: COLOURS.slate, axis: 'y', points: series(samples, 'domNodes') },
        {
          label: 'event listeners (right)',
          color: COLOURS.ochre,
          axis: 'y2',
          points: series(samples, 'listeners'),
        },
        {
          label: 'detached nodes (right)',
          color: COLOURS.sage,
          axis: 'y2',
          dash: [6, 4],
          points: series(samples, 'detachedNodes'),
        },
      ],
    },
    {
      ...base,
      file: 'memory-backend.png',
      title: 'Backend memory (MB): resident, JS heap after GC, JS objects kept; open file handles',
      axes: [
        { id: 'y', title: 'MB', position: 'left' },
        { id: 'y2', title: 'file handles', position: 'right' },
      ],
      series: [
        {
          label: 'resident memory (MB, left)',
          color: COLOURS.slate,
          axis: 'y',
          points: series(samples, 'backendRssMB'),
        },
        {
          label: 'JS heap after GC (MB, left)',
          color: COLOURS.sage,
          axis: 'y',
          dash: [6, 4],
          points: series(samples, 'backendHeapMB'),
        },
        {
          label: 'JS objects kept (MB, left)',
          color: COLOURS.rust,
          axis: 'y',
          points: series(samples, 'backendObjectsMB'),
        },
        {
          label: 'open file handles (right)',
          color: COLOURS.ochre,
          axis: 'y2',
          points: series(samples, 'backendHandles'),
        },
      ],
    },
    {
      ...base,
      file: 'sizes-log-analytics.png',
      title: 'Log and analytics sizes (KB)',
      axes: [{ id: 'y', title: 'KB', position: 'left' }],
      series: [
        { label: 'log (KB)', color: COLOURS.slate, axis: 'y', points: series(samples, 'logKB') },
        { label: 'analytics (KB)', color: COLOURS.ochre, axis: 'y', points: series(samples, 'analyticsKB') },
      ],
    },
  ];
}

/** Runs in the page, after Chart.js: `renderSoakChart(spec)` draws one chart on #chart. */
const PAGE_SCRIPT = `
window.renderSoakChart = function (spec) {
  if (window.soakChart) window.soakChart.destroy();
  Chart.defaults.font.family = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#333333';
  var dayStarts = [];
  for (var d = 1; d < spec.days; d++) dayStarts.push(d * 24);
  var dayPlugin = {
    id: 'soakMarks',
    beforeDatasetsDraw: function (chart) {
      var ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x;
      ctx.save();
      ctx.strokeStyle = '#d9d9d9';
      ctx.lineWidth = 1;
      dayStarts.forEach(function (h) {
        var px = Math.round(x.getPixelForValue(h)) + 0.5;
        ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
      });
      ctx.restore();
    },
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x;
      ctx.save();
      ctx.strokeStyle = '${COLOURS.faults}';
      ctx.fillStyle = '${COLOURS.faults}';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.font = '14px ' + Chart.defaults.font.family;
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'center';
      // Labels sit in the band between the title and the plot, on the first row where they do not
      // overlap a label already placed.
      var rows = [];
      spec.faults.slice().sort(function (a, b) { return a.x - b.x; }).forEach(function (f) {
        var px = Math.round(x.getPixelForValue(f.x)) + 0.5;
        ctx.beginPath(); ctx.moveTo(px, area.top - 4); ctx.lineTo(px, area.bottom); ctx.stroke();
        var half = ctx.measureText(f.label).width / 2 + 6;
        var left = Math.max(area.left, px - half), right = left + 2 * half;
        var row = 0;
        while (rows[row] !== undefined && rows[row] > left) row++;
        rows[row] = right;
        ctx.fillText(f.label, (left + right) / 2, area.top - 6 - row * 18);
      });
      ctx.restore();
    }
  };
  var scales = {
    x: {
      type: 'linear',
      min: spec.xMin,
      max: spec.xMax,
      grid: { display: false },
      title: {
        display: true,
        text: spec.hourTicks
          ? 'simulated day 1, hour by hour (a sample every hour the doors are open)'
          : 'simulated week (a sample every hour the doors are open; nights left blank)'
      },
      afterBuildTicks: function (axis) {
        var ticks = [];
        if (spec.hourTicks) for (var h = Math.ceil(spec.xMin); h <= spec.xMax; h++) ticks.push({ value: h });
        else for (var d = 0; d < spec.days; d++) ticks.push({ value: d * 24 + 12 });
        axis.ticks = ticks;
      },
      ticks: {
        autoSkip: false,
        maxRotation: 0,
        callback: function (v) {
          if (spec.hourTicks) return (v % 24 < 10 ? '0' : '') + (v % 24) + ':00';
          return 'day ' + (Math.floor(v / 24) + 1);
        }
      }
    }
  };
  spec.axes.forEach(function (a) {
    scales[a.id] = {
      type: 'linear',
      position: a.position,
      beginAtZero: true,
      title: { display: true, text: a.title },
      grid: { display: a.position === 'left', color: '#eeeeee' }
    };
  });
  window.soakChart = new Chart(document.getElementById('chart'), {
    type: 'line',
    data: {
      datasets: spec.series.map(function (s) {
        return {
          label: s.label,
          data: s.points.map(function (p) { return { x: p[0], y: p[1] }; }),
          yAxisID: s.axis,
          borderColor: s.color,
          backgroundColor: s.color,
          borderWidth: 2,
          borderDash: s.dash || [],
          pointRadius: 1.5,
          spanGaps: false,
          tension: 0
        };
      })
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      events: [],
      layout: { padding: { top: 4, right: 16, bottom: 4, left: 8 } },
      plugins: {
        title: {
          display: true,
          text: spec.title,
          font: { size: 20, weight: 'normal' },
          color: '#222222',
          padding: { top: 6, bottom: 6 + 18 * spec.faultRows }
        },
        legend: { position: 'bottom', labels: { boxWidth: 28, boxHeight: 2 } },
        tooltip: { enabled: false }
      },
      scales: scales
    },
    plugins: [dayPlugin]
  });
  return true;
};
`;

/** Draws the four charts into outDir; returns their file names (relative to outDir), in report order. */
export async function writeCharts(result: SoakResult, outDir: string, browser: Browser): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const context = await browser.newContext({
    viewport: { width: CHART_WIDTH, height: CHART_HEIGHT },
    deviceScaleFactor: 1,
    offline: true,
  });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"></head>` +
        `<body style="margin:0;background:#ffffff">` +
        `<canvas id="chart" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" ` +
        `style="display:block;width:${CHART_WIDTH}px;height:${CHART_HEIGHT}px;background:#ffffff"></canvas>` +
        `</body></html>`,
    );
    await page.addScriptTag({ path: chartJsPath() });
    await page.addScriptTag({ content: PAGE_SCRIPT });
    const files: string[] = [];
    for (const spec of chartSpecs(result)) {
      await page.evaluate(`renderSoakChart(${JSON.stringify(spec)})`);
      await page.locator('#chart').screenshot({ path: path.join(outDir, spec.file) });
      files.push(spec.file);
    }
    return files;
  } finally {
    await context.close();
  }
}
