import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHowl } from '../../../tests/support/fakeHowl';
import {
  createNarrationController,
  pageScheduler,
  type NarrationController,
  type NarrationSession,
  type NarrationSnapshot,
} from './narrationController';

/** The session as the controller sees it, keeping count of holds and refusing unbalanced ones. */
class FakeSession implements NarrationSession {
  holds = 0;
  log: string[] = [];
  private hooks = new Set<() => void>();
  holdStart(): void {
    this.holds += 1;
    this.log.push('holdStart');
    if (this.holds > 1) throw new Error('two holdStarts without a holdEnd');
  }
  holdEnd(): void {
    this.holds -= 1;
    this.log.push('holdEnd');
    if (this.holds < 0) throw new Error('holdEnd without a holdStart');
  }
  onVisitReset(hook: () => void): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }
  reset(): void {
    for (const hook of this.hooks) hook();
  }
  get resetHooks(): number {
    return this.hooks.size;
  }
}

const url = '/media/audio/rabe-garden-gate.en.ogg';
const otherUrl = '/media/audio/rabe-garden-gate.id.ogg';
const settings = { volume: 0.8, fadeSeconds: 0.4 };

let session: FakeSession;
let narration: NarrationController;
let seen: NarrationSnapshot[];

function make(overrides: Partial<typeof settings> = {}): NarrationController {
  const controller = createNarrationController({
    createHowl: (options) => new FakeHowl(options),
    session,
    settings: () => ({ ...settings, ...overrides }),
    scheduler: pageScheduler,
    timeoutMs: 8000,
    tickMs: 250,
  });
  controller.subscribe(() => seen.push(controller.getSnapshot()));
  return controller;
}

/** A controller whose settings are read anew each time (the volume keys change them). */
function withVolumeKeys(read: () => { volume: number; fadeSeconds: number }): void {
  narration.dispose();
  narration = createNarrationController({
    createHowl: (options) => new FakeHowl(options),
    session,
    settings: read,
    scheduler: pageScheduler,
  });
}

function lastHowl(): FakeHowl {
  const howl = FakeHowl.made[FakeHowl.made.length - 1];
  if (!howl) throw new Error('no Howl was made');
  return howl;
}

/** Load `url` and let the fake file finish loading. */
function loadReady(seconds = 20.6, at = url): FakeHowl {
  narration.load(at);
  const howl = lastHowl();
  howl.finishLoading(seconds);
  return howl;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeHowl.forget();
  session = new FakeSession();
  seen = [];
  narration = make();
});

afterEach(() => {
  narration.dispose();
  vi.useRealTimers();
});

describe('narration controller', () => {
  it('loads with html5 streaming, silent until played, and is ready with the duration', () => {
    narration.load(url);
    expect(narration.getSnapshot()).toEqual({ status: 'loading', url, position: 0, duration: 0 });
    const howl = lastHowl();
    expect(howl.options).toMatchObject({ src: url, html5: true, preload: true, volume: 0 });
    howl.finishLoading(20.6);
    expect(narration.getSnapshot()).toEqual({ status: 'ready', url, position: 0, duration: 20.6 });
    expect(session.log).toEqual([]);
  });

  it('plays with a fade in from 0 to the set volume, holds the session, and follows the position', () => {
    const howl = loadReady();
    narration.play();
    // Turned up only once the audio element has started: howler drops a fade asked for before that.
    expect(howl.calls).toEqual(['play']);
    expect(narration.getSnapshot().status).toBe('playing');
    expect(session.log).toEqual(['holdStart']);
    howl.started();
    expect(howl.calls).toEqual(['play', 'fade 0→0.8 400ms']);
    expect(howl.currentVolume).toBe(0.8);

    howl.advance(1.1);
    vi.advanceTimersByTime(250);
    expect(narration.getSnapshot().position).toBeCloseTo(1.1);
    howl.advance(3.5);
    vi.advanceTimersByTime(250);
    expect(narration.getSnapshot().position).toBeCloseTo(4.6);
  });

  it('without a fade time, sets the volume directly', () => {
    narration.dispose();
    narration = make({ fadeSeconds: 0 });
    const howl = loadReady();
    narration.play();
    howl.started();
    expect(howl.calls).toEqual(['play', `volume 0.8`]);
    expect(howl.currentVolume).toBe(0.8);
  });

  it('a new volume (the volume keys) reaches a playing narration at once, a paused one at its next play', () => {
    let volume = 0.8;
    withVolumeKeys(() => ({ volume, fadeSeconds: 0.4 }));
    const howl = loadReady();
    narration.play();
    howl.started();
    volume = 0.5;
    narration.applyVolume();
    expect(howl.calls.slice(-1)).toEqual(['volume 0.5']);
    expect(howl.currentVolume).toBe(0.5);

    narration.pause();
    expect(howl.calls.slice(-1)).toEqual(['fade 0.5→0 400ms']);
    volume = 0.3;
    narration.applyVolume();
    expect(howl.calls.slice(-1)).toEqual(['fade 0.5→0 400ms']);
    vi.advanceTimersByTime(400);
    narration.play();
    howl.started();
    expect(howl.calls.slice(-1)).toEqual(['fade 0→0.3 400ms']);
  });

  it('a new volume before anything plays changes nothing', () => {
    const howl = loadReady();
    narration.applyVolume();
    expect(howl.calls).not.toContain('volume 0.8');
  });

  it('pauses after fading out, releases the hold, and resumes where it paused', () => {
    const howl = loadReady();
    narration.play();
    howl.started();
    howl.advance(5);
    narration.pause();
    expect(narration.getSnapshot()).toMatchObject({ status: 'paused', position: 5 });
    expect(session.log).toEqual(['holdStart', 'holdEnd']);
    expect(howl.calls.slice(-1)).toEqual(['fade 0.8→0 400ms']);
    expect(howl.playing).toBe(true);
    vi.advanceTimersByTime(400);
    expect(howl.playing).toBe(false);
    expect(howl.calls.slice(-1)).toEqual(['pause']);

    narration.play();
    howl.started();
    expect(howl.calls.slice(-3)).toEqual(['volume 0', 'play', 'fade 0→0.8 400ms']);
    expect(narration.getSnapshot()).toMatchObject({ status: 'playing', position: 5 });
    expect(session.log).toEqual(['holdStart', 'holdEnd', 'holdStart']);
  });

  it('a pause before the audio element has started pauses it when it starts, never left playing silent', () => {
    const howl = loadReady();
    narration.play();
    narration.pause();
    expect(narration.getSnapshot().status).toBe('paused');
    expect(session.holds).toBe(0);
    howl.started();
    expect(howl.calls).toEqual(['play', 'pause']);
    expect(howl.playing).toBe(false);
  });

  it('the volume keys before the start: the start turns it up to the new volume', () => {
    let volume = 0.8;
    withVolumeKeys(() => ({ volume, fadeSeconds: 0 }));
    const howl = loadReady();
    narration.play();
    volume = 0.4;
    narration.applyVolume();
    howl.started();
    expect(howl.calls).toEqual(['play', 'volume 0.4']);
  });

  it('play during the fade-out turns the sound back up without starting a second sound', () => {
    const howl = loadReady();
    narration.play();
    howl.started();
    narration.pause();
    narration.play();
    vi.advanceTimersByTime(1000);
    expect(howl.calls.filter((c) => c === 'play')).toHaveLength(1);
    expect(howl.calls).not.toContain('pause');
    expect(howl.playing).toBe(true);
    expect(narration.getSnapshot().status).toBe('playing');
    expect(session.holds).toBe(1);
  });

  it('seeks while playing and while paused, clamped to the narration', () => {
    const howl = loadReady(20.6);
    narration.seek(12);
    expect(howl.calls).toEqual(['seek 12']);
    expect(narration.getSnapshot()).toMatchObject({ status: 'ready', position: 12 });
    narration.play();
    howl.started();
    narration.seek(3);
    expect(narration.getSnapshot()).toMatchObject({ status: 'playing', position: 3 });
    expect(howl.calls).toContain(`seek 3`);
    howl.advance(1);
    vi.advanceTimersByTime(250);
    expect(narration.getSnapshot().position).toBeCloseTo(4);
    narration.seek(99);
    expect(narration.getSnapshot().position).toBe(20.6);
    narration.seek(-4);
    expect(narration.getSnapshot().position).toBe(0);
    narration.seek(Number.NaN);
    expect(narration.getSnapshot().position).toBe(0);
  });

  it('ignores a seek before the narration has loaded', () => {
    narration.load(url);
    narration.seek(5);
    expect(lastHowl().calls).toEqual([]);
    expect(narration.getSnapshot().position).toBe(0);
  });

  it('ends: status ended at the full duration, hold released, keeps the Howl to play again from the start', () => {
    const howl = loadReady(6.3);
    narration.play();
    howl.started();
    howl.advance(6.3);
    expect(narration.getSnapshot()).toMatchObject({ status: 'ended', position: 6.3 });
    expect(session.log).toEqual(['holdStart', 'holdEnd']);
    expect(narration.ownedHowls()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(narration.getSnapshot().status).toBe('ended');

    narration.play();
    howl.started();
    expect(howl.calls.slice(-4)).toEqual([`seek 0`, 'volume 0', 'play', 'fade 0→0.8 400ms']);
    expect(narration.getSnapshot()).toMatchObject({ status: 'playing', position: 0 });
    expect(session.holds).toBe(1);
  });

  it('a seek back after the end leaves it paused there', () => {
    const howl = loadReady(6.3);
    narration.play();
    howl.started();
    howl.advance(6.3);
    narration.seek(2);
    expect(narration.getSnapshot()).toMatchObject({ status: 'paused', position: 2 });
  });

  it('language change: loading another url unloads the previous Howl first and ends its hold', () => {
    const english = loadReady();
    narration.play();
    english.started();
    narration.load(otherUrl);
    expect(english.state).toBe('unloaded');
    expect(english.calls.slice(-2)).toEqual(['stop', 'unload']);
    expect(FakeHowl.alive()).toHaveLength(1);
    expect(narration.ownedHowls()).toBe(1);
    expect(narration.getSnapshot()).toEqual({ status: 'loading', url: otherUrl, position: 0, duration: 0 });
    expect(session.log).toEqual(['holdStart', 'holdEnd']);

    // A late event from the old Howl changes nothing.
    english.options.onend(english.soundId);
    english.options.onloaderror(english.soundId, 4);
    expect(narration.getSnapshot().status).toBe('loading');
  });

  it('loading the same url again keeps the Howl', () => {
    const howl = loadReady();
    narration.load(url);
    expect(FakeHowl.made).toHaveLength(1);
    expect(howl.state).toBe('loaded');
  });

  it('stop fades out, then stops and unloads; the page sees idle at once', () => {
    const howl = loadReady();
    narration.play();
    howl.started();
    narration.stop();
    expect(narration.getSnapshot()).toEqual({ status: 'idle', url: null, position: 0, duration: 0 });
    expect(session.log).toEqual(['holdStart', 'holdEnd']);
    expect(howl.calls.slice(-1)).toEqual(['fade 0.8→0 400ms']);
    expect(narration.ownedHowls()).toBe(1);
    vi.advanceTimersByTime(400);
    expect(howl.calls.slice(-2)).toEqual(['stop', 'unload']);
    expect(FakeHowl.alive()).toHaveLength(0);
    expect(narration.ownedHowls()).toBe(0);
  });

  it('a new load during the stop fade unloads the fading Howl at once: never two Howls', () => {
    const first = loadReady();
    narration.play();
    first.started();
    narration.stop();
    narration.load(otherUrl);
    expect(first.state).toBe('unloaded');
    expect(FakeHowl.alive()).toHaveLength(1);
    expect(narration.ownedHowls()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(narration.getSnapshot().status).toBe('loading');
  });

  it('stop when not playing unloads at once', () => {
    const howl = loadReady();
    narration.stop();
    expect(howl.state).toBe('unloaded');
    expect(narration.ownedHowls()).toBe(0);
  });

  it('unload stops and unloads at once, and is safe to repeat', () => {
    const howl = loadReady();
    narration.play();
    howl.started();
    narration.unload();
    narration.unload();
    expect(howl.calls.slice(-2)).toEqual(['stop', 'unload']);
    expect(FakeHowl.alive()).toHaveLength(0);
    expect(narration.getSnapshot().status).toBe('idle');
    expect(session.log).toEqual(['holdStart', 'holdEnd']);
    vi.advanceTimersByTime(10_000);
    expect(seen.at(-1)?.status).toBe('idle');
  });

  it('a visit reset stops and unloads, playing or fading', () => {
    expect(session.resetHooks).toBe(1);
    const howl = loadReady();
    narration.play();
    howl.started();
    session.reset();
    expect(howl.state).toBe('unloaded');
    expect(narration.getSnapshot().status).toBe('idle');
    expect(session.holds).toBe(0);

    const second = loadReady(4.7, otherUrl);
    narration.play();
    second.started();
    narration.stop();
    session.reset();
    expect(second.state).toBe('unloaded');
    expect(FakeHowl.alive()).toHaveLength(0);
    expect(narration.ownedHowls()).toBe(0);
  });

  it('dispose unregisters from resets', () => {
    narration.dispose();
    expect(session.resetHooks).toBe(0);
  });

  it('holds stay balanced through any sequence of actions', () => {
    const actions: ((howl: FakeHowl) => void)[] = [
      () => narration.play(),
      () => narration.pause(),
      () => narration.seek(3),
      (howl) => howl.started(),
      (howl) => howl.advance(2.5),
      () => vi.advanceTimersByTime(300),
      () => narration.stop(),
      () => narration.load(url),
      () => narration.load(otherUrl),
      (howl) => howl.state === 'loading' && howl.finishLoading(4),
      () => narration.unload(),
      () => session.reset(),
    ];
    // A fixed pseudo-random walk (the FakeSession throws on any unbalanced hold).
    let seed = 7;
    const statuses = new Set<string>();
    for (let step = 0; step < 2000; step += 1) {
      // xorshift32
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const action = actions[(seed >>> 0) % actions.length];
      const howl = FakeHowl.made[FakeHowl.made.length - 1];
      if (action && howl) action(howl);
      else narration.load(url);
      expect(session.holds).toBe(narration.getSnapshot().status === 'playing' ? 1 : 0);
      expect(FakeHowl.alive().length).toBeLessThanOrEqual(1);
      expect(narration.ownedHowls()).toBe(FakeHowl.alive().length);
      statuses.add(narration.getSnapshot().status);
    }
    // The walk went through every state but error (which has its own tests).
    expect([...statuses].sort()).toEqual(['ended', 'idle', 'loading', 'paused', 'playing', 'ready']);
    narration.unload();
    expect(session.holds).toBe(0);
    expect(FakeHowl.alive()).toHaveLength(0);
  });

  describe('errors', () => {
    it('a load error is status error with a reason, the Howl unloaded', () => {
      narration.load(url);
      const howl = lastHowl();
      howl.failLoading(4);
      expect(narration.getSnapshot()).toMatchObject({
        status: 'error',
        url,
        error: expect.stringContaining('media error 4'),
      });
      expect(howl.state).toBe('unloaded');
      expect(narration.ownedHowls()).toBe(0);
    });

    it('a load that never finishes fails after the timeout instead of hanging', () => {
      narration.load(url);
      narration.play();
      vi.advanceTimersByTime(7999);
      expect(narration.getSnapshot().status).toBe('loading');
      vi.advanceTimersByTime(1);
      expect(narration.getSnapshot()).toMatchObject({
        status: 'error',
        error: expect.stringContaining('8 s'),
      });
      expect(FakeHowl.alive()).toHaveLength(0);
      expect(session.log).toEqual([]);
    });

    it('a play error (autoplay blocked) releases the hold and unloads', () => {
      const howl = loadReady();
      narration.play();
      howl.failPlaying();
      expect(narration.getSnapshot()).toMatchObject({
        status: 'error',
        error: expect.stringContaining('could not play'),
      });
      expect(session.log).toEqual(['holdStart', 'holdEnd']);
      expect(howl.state).toBe('unloaded');
    });

    it('a play that never starts fails after the timeout', () => {
      loadReady();
      narration.play();
      vi.advanceTimersByTime(8000);
      expect(narration.getSnapshot()).toMatchObject({
        status: 'error',
        error: expect.stringContaining('did not start'),
      });
      expect(session.holds).toBe(0);
      expect(FakeHowl.alive()).toHaveLength(0);
    });

    it('a play that starts in time is not failed later', () => {
      const howl = loadReady();
      narration.play();
      howl.started();
      vi.advanceTimersByTime(20_000);
      expect(narration.getSnapshot().status).toBe('playing');
    });

    it('a factory that throws is an error, not an exception', () => {
      narration.dispose();
      const failing = createNarrationController({
        createHowl: () => {
          throw new Error('No audio support.');
        },
        session,
        settings: () => settings,
      });
      failing.load(url);
      expect(failing.getSnapshot()).toMatchObject({
        status: 'error',
        error: expect.stringContaining('No audio support'),
      });
      failing.dispose();
    });

    it('play after an error tries again with a fresh Howl and plays once it has loaded', () => {
      narration.load(url);
      lastHowl().failLoading();
      narration.play();
      expect(FakeHowl.made).toHaveLength(2);
      expect(narration.getSnapshot().status).toBe('loading');
      const retry = lastHowl();
      retry.finishLoading(20.6);
      retry.started();
      expect(retry.calls).toEqual(['play', 'fade 0→0.8 400ms']);
      expect(narration.getSnapshot().status).toBe('playing');
      expect(session.holds).toBe(1);
    });

    it('pressing pause while loading cancels the pending play', () => {
      narration.load(url);
      narration.play();
      narration.pause();
      lastHowl().finishLoading(5);
      expect(narration.getSnapshot().status).toBe('ready');
      expect(lastHowl().calls).toEqual([]);
    });
  });
});
