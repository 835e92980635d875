/**
 * What visitors do, for staff (issue 16): the figures of `GET api.staffAnalytics` for a period, as charts
 * (Chart.js, large type for the kiosk screen) and as plain tables with the exact numbers. Staff-facing, so
 * in English like the rest of the staff panel. Loaded on first use (visitChunks.ts), never in a visitor's
 * bundle.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AnalyticsSummary } from '../../../main/common/analytics';
import { api, STAFF_TOKEN_HEADER } from '../../../main/common/api';
import './dashboard.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.size = 18;
Chart.defaults.color = '#e8e4dc';
Chart.defaults.borderColor = 'rgba(232, 228, 220, 0.18)';

const PERIODS = [
  { days: 1, label: 'Today' },
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 365, label: 'Last 365 days' },
] as const;

/** A local calendar day, YYYY-MM-DD. */
export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The period ending today that is `days` long. */
export function periodOf(days: number, today: Date): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: localDay(start), to: localDay(today) };
}

/** Seconds as "3 min 05 s". */
export function minutesAndSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

const SCREEN_NAMES: Record<string, string> = {
  languageChoice: 'Language choice',
  home: 'Home',
  stories: 'Stories',
  story: 'A story',
  photos: 'Photographs',
  people: 'People',
  person: 'A person',
  timeline: 'Timeline',
  diary: 'Diaries',
  diaryEntry: 'A diary excerpt',
};
const ENDINGS: Record<string, string> = {
  idleReset: 'Walked away (idle reset)',
  explicitEnd: 'Ended (staff or recovery)',
  closingTime: 'Closing time',
};

export function StaffDashboard({ token, onClose }: { token: string; onClose(): void }): ReactNode {
  const [period, setPeriod] = useState(() => periodOf(7, new Date()));
  const [summary, setSummary] = useState<AnalyticsSummary | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let current = true;
    setProblem('');
    const query = `?from=${period.from}&to=${period.to}`;
    fetch(`${api.staffAnalytics}${query}`, { headers: { [STAFF_TOKEN_HEADER]: token } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the kiosk answered ${response.status}`);
        const figures = (await response.json()) as AnalyticsSummary;
        if (current) setSummary(figures);
      })
      .catch((error: unknown) => {
        if (current) setProblem(`The figures could not be loaded (${String(error)}).`);
      });
    return () => {
      current = false;
    };
  }, [period, token]);

  const download = async (format: 'csv' | 'summary.csv') => {
    const response = await fetch(
      `${api.staffAnalytics}?from=${period.from}&to=${period.to}&format=${format}`,
      {
        headers: { [STAFF_TOKEN_HEADER]: token },
      },
    );
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `kiosk-analytics-${format === 'csv' ? 'events' : 'summary'}-${period.from}-${period.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const s = summary;
  return (
    <div className="overlay-backdrop dashboard-backdrop" data-testid="staff-dashboard" lang="en">
      <div className="dashboard" role="dialog" aria-modal="true" aria-label="Visitor figures">
        <header className="overlay-header">
          <h2>Visitor figures</h2>
          <button type="button" className="secondary-button" onClick={onClose} data-testid="dashboard-close">
            Close
          </button>
        </header>
        <div className="dashboard-period" role="group" aria-label="Period">
          {PERIODS.map((p) => {
            const range = periodOf(p.days, new Date());
            const chosen = range.from === period.from && range.to === period.to;
            return (
              <button
                key={p.days}
                type="button"
                className={chosen ? 'primary-button' : 'secondary-button'}
                aria-pressed={chosen}
                onClick={() => setPeriod(range)}
              >
                {p.label}
              </button>
            );
          })}
          <label>
            From{' '}
            <input
              type="date"
              value={period.from}
              max={period.to}
              data-testid="dashboard-from"
              onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
            />
          </label>
          <label>
            to{' '}
            <input
              type="date"
              value={period.to}
              min={period.from}
              data-testid="dashboard-to"
              onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
            />
          </label>
          <button type="button" className="secondary-button" onClick={() => void download('csv')}>
            Events CSV
          </button>
          <button type="button" className="secondary-button" onClick={() => void download('summary.csv')}>
            Daily CSV
          </button>
        </div>
        {problem ? <p className="staff-warning">{problem}</p> : null}
        {s && !s.enabled ? (
          <p className="staff-warning">Analytics is off in kiosk.yaml: nothing is being recorded.</p>
        ) : null}
        {s && s.dropped > 0 ? (
          <p className="staff-warning">{s.dropped} events were not recorded because the disk is full.</p>
        ) : null}
        {s ? <Figures s={s} /> : <p aria-busy="true">Loading…</p>}
      </div>
    </div>
  );
}

function Figures({ s }: { s: AnalyticsSummary }): ReactNode {
  const declined = s.contentNotes.reduce((n, c) => n + c.declined, 0);
  const continued = s.contentNotes.reduce((n, c) => n + c.continued, 0);
  return (
    <div className="dashboard-grid" data-testid="dashboard-figures">
      <section className="dashboard-headline">
        <Figure label="Visits" value={s.visits} id="visits" />
        <Figure label="Median visit" value={minutesAndSeconds(s.medianVisitSeconds)} id="median" />
        <Figure
          label="Content notes declined"
          value={`${declined} of ${declined + continued}`}
          id="declined"
        />
        <Figure
          label="Idle warnings timed out"
          value={`${s.idleWarnings.timedOut} of ${s.idleWarnings.timedOut + s.idleWarnings.answered}`}
          id="timedout"
        />
      </section>
      <ChartCard
        title="Visits per day"
        labels={s.visitsPerDay.map((d) => d.day.slice(5))}
        values={s.visitsPerDay.map((d) => d.visits)}
      />
      <ChartCard
        title="Visits by hour of day"
        labels={s.visitsPerHour.map((_, h) => String(h).padStart(2, '0'))}
        values={s.visitsPerHour}
      />
      <ChartCard
        title="Length of visits"
        labels={s.visitLength.map((b) => b.bucket)}
        values={s.visitLength.map((b) => b.visits)}
      />
      <ChartCard
        title="Languages (visits)"
        labels={s.languages.map((l) => l.lang)}
        values={s.languages.map((l) => l.visits)}
        horizontal
        testId="languages"
      />
      <ChartCard
        title="Where visits end"
        labels={s.lastScreens.map((e) => SCREEN_NAMES[e.screen] ?? e.screen)}
        values={s.lastScreens.map((e) => e.visits)}
        horizontal
      />
      <Table
        title="Story funnel (visits)"
        testId="funnel"
        head={['Story', 'Opened', 'Chapters reached', 'Read to the end']}
        rows={s.storyFunnel.map((f) => [f.item, f.opened, f.chapters.join(' → ') || '—', f.ended])}
      />
      <Table
        title="Most opened"
        testId="opened"
        head={['Item', 'Kind', 'Visits']}
        rows={s.mostOpened.map((m) => [m.item, m.kind, m.opened])}
      />
      <Table
        title="Most read to the end"
        testId="completed"
        head={['Story', 'Visits']}
        rows={s.mostCompleted.map((m) => [m.item, m.completed])}
      />
      <Table
        title="How visits end"
        testId="endings"
        head={['Ending', 'Visits']}
        rows={s.visitEnds.map((e) => [ENDINGS[e.how] ?? e.how, e.visits])}
      />
      <Table
        title="Content notes"
        testId="notes"
        head={['Note before', 'Continued', 'Declined']}
        rows={s.contentNotes.map((c) => [c.item, c.continued, c.declined])}
      />
      <Table
        title="Narration, captions and accessibility"
        testId="choices"
        head={['Choice', 'Times']}
        rows={[
          ['Narration played', s.narration.play],
          ['Narration paused', s.narration.pause],
          ['Narration heard to the end', s.narration.finish],
          ['Visits with narration', s.narration.visitsWithNarration],
          ['Captions turned on', s.captions.on],
          ['Captions turned off', s.captions.off],
          ...s.accessibility.map((a) => [`${a.choice}: ${a.value}`, a.times] as [string, number]),
        ]}
      />
    </div>
  );
}

function Figure({ label, value, id }: { label: string; value: ReactNode; id: string }): ReactNode {
  return (
    <div className="dashboard-figure">
      <span className="dashboard-figure-value" data-testid={`figure-${id}`}>
        {value}
      </span>
      <span className="dashboard-figure-label">{label}</span>
    </div>
  );
}

function Table({
  title,
  head,
  rows,
  testId,
}: {
  title: string;
  head: string[];
  rows: (string | number)[][];
  testId: string;
}): ReactNode {
  return (
    <section className="dashboard-card">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="dashboard-empty">None in this period.</p>
      ) : (
        <table className="dashboard-table" data-testid={`table-${testId}`}>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ChartCard({
  title,
  labels,
  values,
  horizontal = false,
  testId,
}: {
  title: string;
  labels: string[];
  values: number[];
  horizontal?: boolean;
  testId?: string;
}): ReactNode {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([labels, values]);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels, datasets: [{ label: title, data: values, backgroundColor: '#c9a45c' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
    // The chart is rebuilt when its figures change (key), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, horizontal, title]);
  return (
    <section className="dashboard-card dashboard-chart" data-testid={testId ? `chart-${testId}` : undefined}>
      <h3>{title}</h3>
      <div className="dashboard-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${title}: ${labels.map((l, i) => `${l} ${values[i]}`).join(', ')}`}
        />
      </div>
    </section>
  );
}
