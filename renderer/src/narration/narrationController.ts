/**
 * The narration controller: one diary excerpt read aloud at a time, framework-free, around howler.
 *
 * - It owns AT MOST ONE Howl. A new `load()`, `unload()`, a visit reset and a load or play failure unload
 *   the Howl it had (howler keeps every Howl in `Howler._howls` with its audio element until `unload()`).
 *   `stop()` lets the sound fade out first and then unloads it; anything that happens during that fade
 *   (a new load, an unload, a reset) unloads it at once, so there is never a second Howl.
 * - Playback holds off the idle warning: `holdStart` when playback starts, `holdEnd` when it pauses, ends,
 *   stops, fails or is unloaded. Balanced exactly: a flag makes a second `holdStart` without a `holdEnd`
 *   (or the reverse) impossible.
 * - Nothing hangs: a load that has not finished after `timeoutMs`, and a play that has not started after
 *   `timeoutMs`, end in status `error` like howler's `loaderror` and `playerror` do.
 * - State is an immutable snapshot with `subscribe`, for React's `useSyncExternalStore`. While playing, the
 *   position is read from howler every `tickMs` (an interval from the injected scheduler, so tests drive it
 *   with fake timers and the page clock drives it in the browser).
 *
 * Howler itself is injected as a factory: the app passes `(options) => new Howl(options)`; unit tests pass
 * a small fake (there is no audio device in vitest). The real howler is exercised by tests/e2e/narration.
 */

export type NarrationStatus = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'ended' | 'error';

export interface NarrationSnapshot {
  status: NarrationStatus;
  /** The audio loaded (or being loaded, or that failed); null when idle. */
  url: string | null;
  /** Seconds from the beginning. */
  position: number;
  /** Seconds; 0 until loaded. */
  duration: number;
  /** Why it failed (for the log; visitors see a quiet, translated sentence instead). */
  error?: string;
}

/**
 * The part of howler's `Howl` the controller uses. Sound ids are passed wherever howler takes them:
 * `howl.seek(5)` alone would be read as "the position of sound 5" if a sound had that id.
 */
export interface NarrationHowl {
  play(id?: number): number;
  pause(id?: number): unknown;
  stop(id?: number): unknown;
  /** The position of sound `id`, in seconds. */
  seek(id?: number): number;
  /** Move sound `id` to `seconds`. */
  seek(seconds: number, id?: number): unknown;
  volume(volume: number, id: number): unknown;
  fade(from: number, to: number, ms: number, id?: number): unknown;
  duration(): number;
  unload(): unknown;
}

/** The options the controller creates a Howl with (a subset of howler's `HowlOptions`). */
export interface NarrationHowlOptions {
  src: string;
  /** Streams through an audio element: the server's Range support makes seeking in long files work. */
  html5: true;
  preload: true;
  volume: number;
  onload: () => void;
  onloaderror: (soundId: number, error: unknown) => void;
  onplayerror: (soundId: number, error: unknown) => void;
  onplay: (soundId: number) => void;
  onend: (soundId: number) => void;
}

export type HowlFactory = (options: NarrationHowlOptions) => NarrationHowl;

export type TimerHandle = unknown;

export interface Scheduler {
  setTimeout(run: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(run: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

/** The page's own timers, looked up at each call (so fake timers installed later are used). */
export const pageScheduler: Scheduler = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
  setInterval: (run, ms) => globalThis.setInterval(run, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as Parameters<typeof clearInterval>[0]),
};

/** The visitor session, as the narration sees it (renderer/src/session/sessionClock.ts in the app). */
export interface NarrationSession {
  holdStart(): void;
  holdEnd(): void;
  /** Registers something to run on every visit reset; returns a function that unregisters it. */
  onVisitReset?(hook: () => void): () => void;
}

export interface NarrationSettings {
  /** 0–1. */
  volume: number;
  /** Fade in on play, out on pause and stop. 0 for none. */
  fadeSeconds: number;
}

export interface NarrationControllerOptions {
  createHowl: HowlFactory;
  session: NarrationSession;
  /** Read at each play, so a changed device setting applies to the next narration. */
  settings: () => NarrationSettings;
  scheduler?: Scheduler;
  /** How long a load, or the start of playback, may take before it counts as failed. */
  timeoutMs?: number;
  /** How often the position is read while playing. */
  tickMs?: number;
}

export interface NarrationController {
  /** Load the audio at `url`, unloading whatever was loaded. Loading the same url again does nothing. */
  load(url: string): void;
  /** Play from the current position (from the beginning after the end), fading in. */
  play(): void;
  /** Fade out, then pause. */
  pause(): void;
  /** Move to `seconds` (clamped to the narration), playing or not. */
  seek(seconds: number): void;
  /** Fade out, then stop and unload. */
  stop(): void;
  /** Stop and unload at once. */
  unload(): void;
  /** The volume changed (the visitor's volume keys): a playing narration follows at once. */
  applyVolume(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): NarrationSnapshot;
  /** How many Howls the controller holds right now: 0 or 1. */
  ownedHowls(): number;
  /** Unload, and stop listening for visit resets. */
  dispose(): void;
}

const idleSnapshot: NarrationSnapshot = { status: 'idle', url: null, position: 0, duration: 0 };

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'number') return `media error ${error}`;
  return 'unknown error';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function createNarrationController(options: NarrationControllerOptions): NarrationController {
  const { createHowl, session, settings } = options;
  const scheduler = options.scheduler ?? pageScheduler;
  const timeoutMs = options.timeoutMs ?? 8000;
  const tickMs = options.tickMs ?? 250;

  let snapshot: NarrationSnapshot = idleSnapshot;
  const listeners = new Set<() => void>();

  /** The Howl of the current narration. */
  let howl: NarrationHowl | null = null;
  /** The one sound of that Howl, once played. */
  let soundId: number | undefined;
  /** Bumped whenever the current Howl changes, so late events from an old Howl are ignored. */
  let generation = 0;
  /** A stopped Howl fading out before it is unloaded. */
  let retiring: { howl: NarrationHowl; timer: TimerHandle } | null = null;
  /** Whether this controller holds the session (between its holdStart and its holdEnd). */
  let held = false;
  /** Play was pressed while loading. */
  let playWhenLoaded = false;

  let loadTimer: TimerHandle | null = null;
  let playTimer: TimerHandle | null = null;
  let pauseTimer: TimerHandle | null = null;
  /**
   * A play() has been asked of howler and the audio element has not started yet. howler 2.2.4 puts a volume
   * or fade asked for in that moment (its html5 "play lock") into a queue that the start does not run, so
   * the narration would play at the volume 0 it was loaded with: the fade-in waits for the start (`onplay`).
   */
  let startingUp = false;
  let positionTimer: TimerHandle | null = null;

  function publish(next: Partial<NarrationSnapshot>): void {
    const merged: NarrationSnapshot = { ...snapshot, ...next };
    if (merged.status !== 'error') delete merged.error;
    if (
      merged.status === snapshot.status &&
      merged.url === snapshot.url &&
      merged.position === snapshot.position &&
      merged.duration === snapshot.duration &&
      merged.error === snapshot.error
    ) {
      return;
    }
    snapshot = merged;
    for (const listener of [...listeners]) listener();
  }

  function takeHold(): void {
    if (held) return;
    held = true;
    session.holdStart();
  }

  function releaseHold(): void {
    if (!held) return;
    held = false;
    session.holdEnd();
  }

  function clearTimer(handle: TimerHandle | null, kind: 'timeout' | 'interval' = 'timeout'): null {
    if (handle !== null) {
      if (kind === 'interval') scheduler.clearInterval(handle);
      else scheduler.clearTimeout(handle);
    }
    return null;
  }

  function fadeMs(): number {
    return Math.max(0, settings().fadeSeconds * 1000);
  }

  function targetVolume(): number {
    return clamp(settings().volume, 0, 1);
  }

  function readPosition(): number | null {
    if (!howl) return null;
    const position = soundId === undefined ? howl.seek() : howl.seek(soundId);
    return typeof position === 'number' && Number.isFinite(position)
      ? clamp(position, 0, snapshot.duration)
      : null;
  }

  function startTicking(): void {
    positionTimer = clearTimer(positionTimer, 'interval');
    positionTimer = scheduler.setInterval(() => {
      const position = readPosition();
      if (position !== null) publish({ position });
    }, tickMs);
  }

  function stopTicking(): void {
    positionTimer = clearTimer(positionTimer, 'interval');
  }

  function finishRetiring(): void {
    if (!retiring) return;
    const { howl: old, timer } = retiring;
    retiring = null;
    clearTimer(timer);
    try {
      old.stop();
      old.unload();
    } catch {
      // An already-unloaded Howl: nothing left to release.
    }
  }

  /** Let go of the current Howl at once (and of a fading one): timers, hold, Howl. */
  function discard(): void {
    generation += 1;
    loadTimer = clearTimer(loadTimer);
    playTimer = clearTimer(playTimer);
    pauseTimer = clearTimer(pauseTimer);
    stopTicking();
    playWhenLoaded = false;
    startingUp = false;
    finishRetiring();
    if (howl) {
      const old = howl;
      howl = null;
      try {
        old.stop();
        old.unload();
      } catch {
        // As above.
      }
    }
    soundId = undefined;
    releaseHold();
  }

  function fail(reason: string): void {
    const url = snapshot.url;
    discard();
    publish({ status: 'error', url, position: 0, duration: 0, error: reason });
  }

  function load(url: string): void {
    if (howl && snapshot.url === url && snapshot.status !== 'error') return;
    discard();
    const mine = generation;
    const current = () => mine === generation;
    publish({ status: 'loading', url, position: 0, duration: 0 });
    loadTimer = scheduler.setTimeout(() => {
      loadTimer = null;
      if (current()) fail(`loading took longer than ${timeoutMs / 1000} s`);
    }, timeoutMs);
    let created: NarrationHowl;
    try {
      created = createHowl({
        src: url,
        html5: true,
        preload: true,
        volume: 0,
        onload: () => {
          if (current()) loaded();
        },
        onloaderror: (_id, error) => {
          if (current()) fail(`could not load ${url}: ${describeError(error)}`);
        },
        onplayerror: (_id, error) => {
          if (current()) fail(`could not play ${url}: ${describeError(error)}`);
        },
        onplay: () => {
          if (!current()) return;
          playTimer = clearTimer(playTimer);
          if (startingUp) started();
        },
        onend: () => {
          if (current()) ended();
        },
      });
    } catch (error) {
      fail(`could not load ${url}: ${describeError(error)}`);
      return;
    }
    if (!current() || snapshot.status === 'error') {
      // It failed while being created: it is not kept.
      try {
        created.unload();
      } catch {
        // Nothing to release.
      }
      return;
    }
    howl = created;
  }

  function loaded(): void {
    if (!howl) return;
    loadTimer = clearTimer(loadTimer);
    const duration = howl.duration();
    publish({ status: 'ready', position: 0, duration: Number.isFinite(duration) ? duration : 0 });
    if (playWhenLoaded) {
      playWhenLoaded = false;
      play();
    }
  }

  function ended(): void {
    stopTicking();
    playTimer = clearTimer(playTimer);
    pauseTimer = clearTimer(pauseTimer);
    publish({ status: 'ended', position: snapshot.duration });
    releaseHold();
  }

  function play(): void {
    const { status, url } = snapshot;
    if (status === 'error' && url) {
      // Try again from the start: a fresh Howl.
      discard();
      load(url);
      playWhenLoaded = true;
      return;
    }
    if (status === 'loading') {
      playWhenLoaded = true;
      return;
    }
    if (!howl || status === 'idle' || status === 'playing') return;
    const volume = targetVolume();
    const fade = fadeMs();
    if (status === 'paused' && pauseTimer !== null) {
      // Still fading out towards a pause: turn back up instead.
      pauseTimer = clearTimer(pauseTimer);
      if (soundId !== undefined) {
        if (fade > 0) howl.fade(0, volume, fade, soundId);
        else howl.volume(volume, soundId);
      }
      publish({ status: 'playing' });
      takeHold();
      startTicking();
      return;
    }
    if (status === 'ended') {
      if (soundId !== undefined) howl.seek(0, soundId);
      else howl.seek(0);
    }
    if (soundId !== undefined) howl.volume(0, soundId);
    const id = howl.play(soundId);
    soundId = id;
    startingUp = true; // turned up once it has started (see startingUp)
    publish({ status: 'playing', position: status === 'ended' ? 0 : snapshot.position });
    takeHold();
    startTicking();
    playTimer = clearTimer(playTimer);
    const mine = generation;
    playTimer = scheduler.setTimeout(() => {
      playTimer = null;
      if (mine === generation) fail(`playback did not start within ${timeoutMs / 1000} s`);
    }, timeoutMs);
  }

  function pause(): void {
    if (snapshot.status === 'loading') {
      playWhenLoaded = false;
      return;
    }
    if (!howl || snapshot.status !== 'playing') return;
    playTimer = clearTimer(playTimer);
    stopTicking();
    const position = readPosition() ?? snapshot.position;
    publish({ status: 'paused', position });
    releaseHold();
    // Not started yet: nothing to fade; the start pauses it (see started()).
    if (startingUp) return;
    const fade = fadeMs();
    const target = howl;
    const id = soundId;
    if (fade > 0 && id !== undefined) {
      target.fade(targetVolume(), 0, fade, id);
      pauseTimer = scheduler.setTimeout(() => {
        pauseTimer = null;
        target.pause(id);
        const settled = readPosition();
        if (settled !== null) publish({ position: settled });
      }, fade);
    } else {
      target.pause(id);
    }
  }

  function seek(seconds: number): void {
    const { status, duration } = snapshot;
    if (!howl || (status !== 'ready' && status !== 'playing' && status !== 'paused' && status !== 'ended'))
      return;
    if (!Number.isFinite(seconds)) return;
    const position = clamp(seconds, 0, duration);
    if (soundId !== undefined) howl.seek(position, soundId);
    else howl.seek(position);
    if (status === 'playing' && soundId !== undefined && pauseTimer === null) {
      // Seeking restarts the sound inside howler; make sure it is not left part-way through the fade-in.
      howl.volume(targetVolume(), soundId);
    }
    publish({ position, status: status === 'ended' && position < duration ? 'paused' : status });
  }

  function stop(): void {
    const fade = fadeMs();
    if (howl && snapshot.status === 'playing' && fade > 0 && soundId !== undefined) {
      const old = howl;
      const id = soundId;
      howl = null;
      discard();
      old.fade(targetVolume(), 0, fade, id);
      retiring = { howl: old, timer: scheduler.setTimeout(finishRetiring, fade) };
    } else {
      discard();
    }
    publish(idleSnapshot);
  }

  function unload(): void {
    discard();
    publish(idleSnapshot);
  }

  /** The audio element has started: turn it up to the volume, or pause it if the visitor paused meanwhile. */
  function started(): void {
    startingUp = false;
    if (!howl || soundId === undefined) return;
    if (snapshot.status === 'playing') {
      const fade = fadeMs();
      if (fade > 0) howl.fade(0, targetVolume(), fade, soundId);
      else howl.volume(targetVolume(), soundId);
    } else if (snapshot.status === 'paused') {
      pauseTimer = clearTimer(pauseTimer);
      howl.pause(soundId);
    }
  }

  function applyVolume(): void {
    // Not while fading out to a pause (that fade ends at 0 on purpose), nor before the start turns it up.
    if (howl && snapshot.status === 'playing' && soundId !== undefined && pauseTimer === null && !startingUp)
      howl.volume(targetVolume(), soundId);
  }

  const stopListeningForResets = session.onVisitReset?.(unload);

  return {
    load,
    play,
    pause,
    seek,
    stop,
    unload,
    applyVolume,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    ownedHowls: () => (howl ? 1 : 0) + (retiring ? 1 : 0),
    dispose() {
      stopListeningForResets?.();
      unload();
    },
  };
}
