/**
 * The recorder against the real visit store and session clock, with the clock held still and moved by
 * hand: a visit's events, its random id, and the walk-away time left out when the idle reset ends it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsEvent } from '../../../main/common/analytics';
import { configureSession, continueVisit, forceReset, sessionEvent, touched } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';
import { flush, recordEvent, recorderAsked, startRecorder } from './recorder';

const T0 = Date.parse('2026-12-01T02:00:00Z');
const sent: AnalyticsEvent[] = [];
let stop: () => void;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  sent.length = 0;
  configureSession({ idleMs: 60_000, warningMs: 10_000 });
  stop = startRecorder({ send: (events) => sent.push(...events), ask: async () => true });
  await recorderAsked();
});

afterEach(() => {
  forceReset();
  stop();
  vi.useRealTimers();
});

const at = (seconds: number) => Math.floor(T0 / 1000) + seconds;
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
const strip = (events: AnalyticsEvent[]) => events.map(({ visit: _v, ...rest }) => rest);

describe('analytics recorder', () => {
  it('records a visit ended by the idle reset at the last touch, leaving the walk-away time out', () => {
    touched(); // the first touch starts the visit
    advance(4);
    useVisit.getState().chooseLanguage('en');
    advance(10);
    useVisit.getState().go({ screen: 'story', id: 'safety-zone' });
    advance(30);
    touched(); // last touch, 44 s into the visit
    vi.advanceTimersByTime(60_000 + 10_000 + 50); // idle wait, warning, reset
    flush();
    expect(strip(sent)).toEqual([
      { name: 'visitStart', at: at(0) },
      { name: 'languageChosen', lang: 'en', at: at(4) },
      { name: 'screen', screen: 'languageChoice', dwell: 4, at: at(4) },
      { name: 'screen', screen: 'home', dwell: 10, at: at(14) },
      { name: 'idleWarning', outcome: 'timedOut', at: at(114) },
      { name: 'screen', screen: 'story', item: 'safety-zone', dwell: 30, at: at(44) },
      { name: 'visitEnd', how: 'idleReset', screen: 'story', at: at(44) },
    ]);
    expect(new Set(sent.map((e) => e.visit)).size).toBe(1);
    expect(sent[0]?.visit).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives every visit a new random id, and records nothing between visits', () => {
    touched();
    forceReset();
    recordEvent({ name: 'captions', on: false });
    touched();
    forceReset();
    flush();
    const starts = sent.filter((e) => e.name === 'visitStart');
    expect(starts).toHaveLength(2);
    expect(starts[0]?.visit).not.toBe(starts[1]?.visit);
    expect(sent.filter((e) => e.name === 'captions')).toEqual([]);
    expect(sent.filter((e) => e.name === 'visitEnd').map((e) => 'how' in e && e.how)).toEqual([
      'explicitEnd',
      'explicitEnd',
    ]);
  });

  it('records an answered idle warning, language changes, photos, captions and accessibility choices', () => {
    touched();
    const s = useVisit.getState;
    s().chooseLanguage('ja');
    s().chooseLanguage('en');
    s().openViewer(['armband', 'flag'], 0);
    s().showPhoto(1);
    s().setCaptionsOn(false);
    s().setTextSize('large');
    s().setTextSize('magnified');
    s().setHighContrast(true);
    vi.advanceTimersByTime(60_050);
    expect(s().phase).toBe('idleWarning');
    continueVisit();
    sessionEvent({ type: 'forceReset', at: Date.now() });
    flush();
    expect(
      strip(sent)
        .filter((e) => e.name !== 'screen')
        .map(({ at: _a, ...e }) => e),
    ).toEqual([
      { name: 'visitStart' },
      { name: 'languageChosen', lang: 'ja' },
      { name: 'languageChanged', lang: 'en' },
      { name: 'photoOpened', item: 'armband' },
      { name: 'photoOpened', item: 'flag' },
      { name: 'captions', on: false },
      { name: 'accessibility', choice: 'textSize', value: 'large' },
      { name: 'accessibility', choice: 'textSize', value: 'magnified' },
      { name: 'accessibility', choice: 'highContrast', value: 'on' },
      { name: 'idleWarning', outcome: 'answered' },
      { name: 'visitEnd', how: 'explicitEnd', screen: 'home' },
    ]);
  });
});

describe('analytics off in kiosk.yaml', () => {
  /** A visit with a few choices, ended by staff, then a flush. */
  const aVisit = () => {
    touched();
    useVisit.getState().chooseLanguage('en');
    useVisit.getState().setCaptionsOn(false);
    recordEvent({ name: 'storyOpened', item: 'safety-zone' });
    forceReset();
    flush();
  };

  it('sends nothing at all, not even the visit start, once the backend says it records nothing', async () => {
    stop();
    stop = startRecorder({ send: (events) => sent.push(...events), ask: async () => false });
    await recorderAsked();
    aVisit();
    aVisit();
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([]);
  });

  it('holds the events of a visit until the backend answers: sent on yes, dropped on no', async () => {
    for (const answer of [true, false]) {
      stop();
      sent.length = 0;
      let tell: (yes: boolean) => void = () => undefined;
      stop = startRecorder({
        send: (events) => sent.push(...events),
        ask: () => new Promise<boolean>((resolve) => (tell = resolve)),
      });
      aVisit();
      expect(sent).toEqual([]); // nothing leaves before the answer
      tell(answer);
      await recorderAsked();
      aVisit();
      flush();
      expect(sent.filter((e) => e.name === 'visitStart')).toHaveLength(answer ? 2 : 0);
      expect(sent.filter((e) => e.name === 'storyOpened')).toHaveLength(answer ? 2 : 0);
    }
  });

  it('sends as before when the backend cannot be asked (it still throws away what it does not keep)', async () => {
    stop();
    stop = startRecorder({
      send: (events) => sent.push(...events),
      ask: () => Promise.reject(new Error('down')),
    });
    await recorderAsked();
    aVisit();
    expect(sent.map((e) => e.name)).toContain('visitStart');
  });
});
