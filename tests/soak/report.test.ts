import { describe, expect, it } from 'vitest';
import { judge } from './criteria';
import { formatDuration, headline, LIST_CAP, soakReport } from './report';
import { syntheticFaults, syntheticResult } from './syntheticResult';

const charts = [
  'memory-page-heap.png',
  'memory-dom-listeners.png',
  'memory-backend.png',
  'sizes-log-analytics.png',
];

describe('soakReport', () => {
  it('shows every criterion, every fault and every day', () => {
    const result = syntheticResult();
    const criteria = judge(result);
    const report = soakReport(result, criteria, charts);
    expect(report).toMatch(/^# A simulated week in the hall — soak report\n/);
    expect(report).toContain('**Verdict: every criterion holds** (11 of 11).');
    for (const c of criteria) expect(report).toContain(`| ✓ | ${c.name} | `);
    for (const f of result.faults) {
      const time = f.at.slice(11, 16);
      expect(report).toMatch(new RegExp(`\\| ${f.day} \\| ${time} \\| ${f.kind} \\| `));
    }
    expect(report).toContain('| 1 | 2026-03-02 | 1,000 | 120 | 09:00 | 18:00 | shown | yes | 760 |');
    expect(report).toContain('| 7 | 2026-03-08 |');
    expect(report).toContain(
      '| rendererCrash | injected rendererCrash; the kiosk came back to its attract loop | 1.5 | 10.0 | ✓ |',
    );
    expect(report).toContain('| clockJump |');
    // A fault the kiosk never stopped for has no recovery time.
    expect(report).toMatch(/\| clockJump \|[^\n]*\| – \|/);
    for (const file of charts) expect(report).toContain(`](${file})`);
    expect(report).toMatch(/\| Page JS heap \| 3[78]\.\d MB \| 3[78]\.\d MB \|/);
    expect(report).toContain('| Analytics size |');
    expect(report).toContain('63 samples, one every simulated hour');
    expect(report).toContain('### Visits that did not start fresh (0)\n\nNone.');
  });

  it('names the criteria that fail and caps long lists', () => {
    const notFresh = Array.from({ length: 45 }, (_, i) => `visit ${i + 1}: the map was still zoomed`);
    const faults = syntheticFaults(7).map((f) =>
      f.kind === 'pageHang' ? { ...f, recoveredMs: 31_000, detail: 'hung | then came back' } : f,
    );
    const result = syntheticResult({}, { notFresh, faults });
    const report = soakReport(result, judge(result), []);
    expect(report).toContain(
      '**Verdict: 2 of 11 criteria fail** — Every visit started fresh; Every fault recovered within its budget.',
    );
    expect(report).toContain('| ✗ | Every visit started fresh | 45 of 7,000 visits did not:');
    expect(report).toContain('| hung \\| then came back | 31.0 | 25.0 | ✗ |');
    expect(report).toContain('### Visits that did not start fresh (45)');
    expect(report).toContain(`- visit ${LIST_CAP}: the map was still zoomed`);
    expect(report).not.toContain(`- visit ${LIST_CAP + 1}: the map`);
    expect(report).toContain(`- … and ${45 - LIST_CAP} more`);
    expect(report).not.toContain('## Charts');
  });

  it('says a week was resumed, and is otherwise the report an uninterrupted week gets', () => {
    const uninterrupted = syntheticResult();
    const resumed = {
      ...uninterrupted,
      resumed: [{ afterDay: 3, at: '2026-12-03T07:10:42.123Z' }],
    };
    const plain = soakReport(uninterrupted, judge(uninterrupted), charts);
    const report = soakReport(resumed, judge(resumed), charts);
    expect(plain).not.toContain('Resumed');
    expect(report).toContain(
      'Resumed: the run was stopped and resumed after day 3 (2026-12-03 07:10 UTC), from the checkpoint',
    );
    // The same report line for line, with the one line added.
    const added = report.split('\n').filter((line) => !plain.split('\n').includes(line));
    expect(added).toHaveLength(1);
    expect(headline(resumed, judge(resumed))).toContain('stopped and resumed after day 3');
  });

  it('still reads when the week stopped before its first sample', () => {
    const result = syntheticResult({}, { samples: [], faults: [], days: [] });
    const report = soakReport(result, judge(result), []);
    expect(report).not.toMatch(/Infinity|NaN/);
    expect(report).toContain('| Page JS heap | – MB | – MB | not fitted | not fitted |');
    expect(report).toContain('No fault was injected.');
  });
});

describe('headline', () => {
  it('is a short block with the verdict and the figures', () => {
    const result = syntheticResult();
    const text = headline(result, judge(result), 'soak/report.md');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(text).toContain('**All 11 criteria hold.**');
    expect(text).toContain('7 simulated days × 1,000 visits (seed 18): 7,000 driven, 7,000 counted');
    expect(text).toContain('10 injected (10 kinds), 10 recovered within budget');
    expect(text).toContain('rendererCrash 1.5 s (budget 10 s)');
    expect(text).toMatch(/- Page JS objects: [+−]\d+\.\d\d ± \d+\.\d\d %\/day \(48 samples, days 2–7\)/);
    expect(text).toContain('[soak/report.md](soak/report.md)');
  });

  it('names what fails', () => {
    const result = syntheticResult({}, { logLinesLost: ['x'] });
    expect(headline(result, judge(result))).toContain(
      '**1 of 11 criteria fail:** No log line lost across restarts.',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [48, '48 s'],
    [725, '12 min 5 s'],
    [5520, '1 h 32 min'],
  ])('%d s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});
