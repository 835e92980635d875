/**
 * What visitors do, for staff (issue 16): the figures of `GET api.staffAnalytics` for a period, as charts
 * (Chart.js, large type for the kiosk screen) and as plain tables with the exact numbers. In the staff
 * member's language (zh-Hans, en, ja, id; i18n/dashboardText.ts): it opens in the kiosk's language and
 * staff may choose another; words, numbers, days, durations, language names and story titles follow it.
 * Loaded on first use (visitChunks.ts), never in a visitor's bundle.
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
import { api, STAFF_TOKEN_HEADER, type StickExportResult } from '../../../main/common/api';
import { DayField } from './DayField';
import { photoLabel } from './photoLabel';
import { useExhibit } from '../data/exhibitStore';
import {
  DASHBOARD_LANGUAGES,
  dashboardFormat,
  dashboardLang,
  fillIn,
  isDraftDashboard,
  stickMessage,
  type DashboardFormat,
  type DashboardLang,
} from '../i18n/dashboardText';
import { languageNames, uiText } from '../i18n/uiText';
import { useLang } from '../i18n/useLang';
import './dashboard.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.size = 18;
Chart.defaults.color = '#e8e4dc';
Chart.defaults.borderColor = 'rgba(232, 228, 220, 0.18)';

const PERIODS = [
  { days: 1, label: 'today' },
  { days: 7, label: 'last7' },
  { days: 30, label: 'last30' },
  { days: 365, label: 'last365' },
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

/** A story's title in the dashboard's language (else the exhibit's default), or the id as stored. */
function useItemTitle(lang: DashboardLang): (item: string) => string {
  const index = useExhibit((x) => x.index);
  const fallback = useExhibit((x) => x.exhibit?.defaultLanguage ?? 'en');
  return (item) => {
    const photo = index?.photos.get(item.startsWith('photo:') ? item.slice('photo:'.length) : item);
    if (photo && !item.startsWith('story:')) {
      const caption = photo.caption[lang] ?? photo.caption[fallback];
      return caption ? photoLabel(caption) : item;
    }
    const id = item.startsWith('story:') ? item.slice('story:'.length) : item;
    const story = index?.stories.get(id);
    if (!story || (item.includes(':') && !item.startsWith('story:'))) return item;
    return story.text[lang]?.title ?? story.text[fallback]?.title ?? item;
  };
}

export function StaffDashboard({ token, onClose }: { token: string; onClose(): void }): ReactNode {
  const kioskLang = useLang().lang;
  const [lang, setLang] = useState<DashboardLang>(() => dashboardLang(kioskLang));
  const f = dashboardFormat(lang);
  const { t } = f;
  const itemTitle = useItemTitle(lang);
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
        if (current) setProblem(String(error));
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

  /** Both CSV files onto a USB stick: the kiosk refuses downloads, so this is how figures leave it. */
  const [stick, setStick] = useState<{ busy: boolean; said: string }>({ busy: false, said: '' });
  const saveToStick = async () => {
    setStick({ busy: true, said: t.savingToStick });
    try {
      const response = await fetch(api.staffAnalyticsExport, {
        method: 'POST',
        headers: { [STAFF_TOKEN_HEADER]: token },
        body: JSON.stringify(period),
      });
      const result = (await response.json()) as StickExportResult;
      setStick({ busy: false, said: stickMessage(result, f) });
    } catch (error) {
      setStick({ busy: false, said: fillIn(t.stickFailed, { detail: String(error) }) });
    }
  };

  const s = summary;
  return (
    <div className="overlay-backdrop dashboard-backdrop" data-testid="staff-dashboard" lang={lang}>
      <div className="dashboard" role="dialog" aria-modal="true" aria-label={t.title}>
        <header className="overlay-header">
          <h2>{t.title}</h2>
          <button type="button" className="secondary-button" onClick={onClose} data-testid="dashboard-close">
            {t.close}
          </button>
        </header>
        <div className="dashboard-language" role="group" aria-label={t.language}>
          {DASHBOARD_LANGUAGES.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className={code === lang ? 'primary-button' : 'secondary-button'}
              aria-pressed={code === lang}
              data-testid={`dashboard-lang-${code}`}
              onClick={() => setLang(code)}
            >
              {languageNames[code] ?? code}
            </button>
          ))}
          {isDraftDashboard(lang) ? (
            <span className="dashboard-draft">{uiText(lang).draftTranslation}</span>
          ) : null}
        </div>
        <div className="dashboard-period" role="group" aria-label={t.period}>
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
                {t[p.label]}
              </button>
            );
          })}
          <DayField
            label={t.from}
            value={period.from}
            max={period.to}
            lang={lang}
            words={{ year: t.year, month: t.month, day: t.day }}
            testId="dashboard-from"
            onChange={(from) => setPeriod({ ...period, from })}
          />
          <DayField
            label={t.to}
            value={period.to}
            min={period.from}
            lang={lang}
            words={{ year: t.year, month: t.month, day: t.day }}
            testId="dashboard-to"
            onChange={(to) => setPeriod({ ...period, to })}
          />
          <button type="button" className="secondary-button" onClick={() => void download('csv')}>
            {t.eventsCsv}
          </button>
          <button type="button" className="secondary-button" onClick={() => void download('summary.csv')}>
            {t.dailyCsv}
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={stick.busy}
            onClick={() => void saveToStick()}
            data-testid="dashboard-save-stick"
          >
            {t.saveToStick}
          </button>
        </div>
        {stick.said ? (
          <p role="status" className="dashboard-stick" data-testid="dashboard-stick-message">
            {stick.said}
          </p>
        ) : null}
        {problem ? <p className="staff-warning">{fillIn(t.loadFailed, { reason: problem })}</p> : null}
        {s && !s.enabled ? <p className="staff-warning">{t.off}</p> : null}
        {s && s.dropped > 0 ? (
          <p className="staff-warning">{fillIn(t.dropped, { n: f.number(s.dropped) })}</p>
        ) : null}
        {s ? <Figures s={s} f={f} itemTitle={itemTitle} /> : <p aria-busy="true">{t.loading}</p>}
      </div>
    </div>
  );
}

function Figures({
  s,
  f,
  itemTitle,
}: {
  s: AnalyticsSummary;
  f: DashboardFormat;
  itemTitle(item: string): string;
}): ReactNode {
  const { t } = f;
  const n = f.number;
  const declined = s.contentNotes.reduce((sum, c) => sum + c.declined, 0);
  const continued = s.contentNotes.reduce((sum, c) => sum + c.continued, 0);
  return (
    <div className="dashboard-grid" data-testid="dashboard-figures">
      <section className="dashboard-headline">
        <Figure label={t.visits} value={n(s.visits)} id="visits" />
        <Figure label={t.medianVisit} value={f.duration(s.medianVisitSeconds)} id="median" />
        <Figure label={t.notesDeclined} value={f.ofTotal(declined, declined + continued)} id="declined" />
        <Figure
          label={t.idleTimedOut}
          value={f.ofTotal(s.idleWarnings.timedOut, s.idleWarnings.timedOut + s.idleWarnings.answered)}
          id="timedout"
        />
      </section>
      <ChartCard
        title={t.visitsPerDay}
        labels={s.visitsPerDay.map((d) => f.day(d.day))}
        values={s.visitsPerDay.map((d) => d.visits)}
        lang={f.lang}
      />
      <ChartCard
        title={t.visitsByHour}
        labels={s.visitsPerHour.map((_, h) => String(h).padStart(2, '0'))}
        values={s.visitsPerHour}
        lang={f.lang}
      />
      <ChartCard
        title={t.visitLength}
        labels={s.visitLength.map((b, i) => f.bucket(i, b.bucket))}
        values={s.visitLength.map((b) => b.visits)}
        lang={f.lang}
      />
      <ChartCard
        title={t.languages}
        labels={s.languages.map((l) => f.languageName(l.lang))}
        values={s.languages.map((l) => l.visits)}
        horizontal
        lang={f.lang}
        testId="languages"
      />
      <ChartCard
        title={t.whereVisitsEnd}
        labels={s.lastScreens.map((e) => f.screen(e.screen))}
        values={s.lastScreens.map((e) => e.visits)}
        horizontal
        lang={f.lang}
      />
      <Table
        title={t.funnel}
        none={t.none}
        wide
        testId="funnel"
        head={[t.story, t.opened, t.chaptersReached, t.readToEnd]}
        rows={s.storyFunnel.map((x) => [
          itemTitle(x.item),
          n(x.opened),
          x.chapters.map(n).join(' → ') || '—',
          n(x.ended),
        ])}
      />
      <Table
        title={t.mostOpened}
        none={t.none}
        testId="opened"
        head={[t.item, t.kind, t.visitsColumn]}
        rows={s.mostOpened.map((m) => [
          itemTitle(m.kind === 'story' ? m.item : `photo:${m.item}`),
          m.kind === 'story' ? t.kindStory : t.kindPhoto,
          n(m.opened),
        ])}
      />
      <Table
        title={t.mostCompleted}
        none={t.none}
        testId="completed"
        head={[t.story, t.visitsColumn]}
        rows={s.mostCompleted.map((m) => [itemTitle(m.item), n(m.completed)])}
      />
      <Table
        title={t.howVisitsEnd}
        none={t.none}
        testId="endings"
        head={[t.ending, t.visitsColumn]}
        rows={s.visitEnds.map((e) => [f.ending(e.how), n(e.visits)])}
      />
      <Table
        title={t.contentNotes}
        none={t.none}
        testId="notes"
        head={[t.noteBefore, t.continued, t.declined]}
        rows={s.contentNotes.map((c) => [itemTitle(c.item), n(c.continued), n(c.declined)])}
      />
      <Table
        title={t.choicesTitle}
        none={t.none}
        testId="choices"
        head={[t.choice, t.times]}
        rows={[
          [t.narrationPlayed, n(s.narration.play)],
          [t.narrationPaused, n(s.narration.pause)],
          [t.narrationFinished, n(s.narration.finish)],
          [t.visitsWithNarration, n(s.narration.visitsWithNarration)],
          [t.captionsOn, n(s.captions.on)],
          [t.captionsOff, n(s.captions.off)],
          ...s.accessibility.map((a) => [f.accessibility(a.choice, a.value), n(a.times)]),
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
  none,
  wide = false,
}: {
  title: string;
  head: string[];
  rows: string[][];
  testId: string;
  none: string;
  /** A whole row of the grid. */
  wide?: boolean;
}): ReactNode {
  return (
    <section className={wide ? 'dashboard-card dashboard-card-wide' : 'dashboard-card'}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="dashboard-empty">{none}</p>
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
  lang,
}: {
  title: string;
  labels: string[];
  values: number[];
  horizontal?: boolean;
  testId?: string;
  /** The language the numbers on the axes are written in. */
  lang: string;
}): ReactNode {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([labels, values]);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels, datasets: [{ label: title, data: values, backgroundColor: '#c9a45c' }] },
      options: {
        locale: lang,
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
  }, [key, horizontal, title, lang]);
  return (
    <section className="dashboard-card dashboard-chart" data-testid={testId ? `chart-${testId}` : undefined}>
      <h3>{title}</h3>
      <div className="dashboard-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${title}: ${labels.map((l, i) => `${l} ${new Intl.NumberFormat(lang).format(values[i] ?? 0)}`).join(', ')}`}
        />
      </div>
    </section>
  );
}
