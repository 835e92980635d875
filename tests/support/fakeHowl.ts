/**
 * A stand-in for howler's Howl in unit tests — the one place a fake is justified: vitest runs in Node, with
 * no audio element and no audio device, so the real howler cannot load or play anything there. It
 * implements only what the narration controller uses, and records it. The real howler, with real Ogg Opus
 * files over HTTP, is exercised in Chromium by tests/e2e/narration.spec.ts.
 */
import type { NarrationHowl, NarrationHowlOptions } from '../../renderer/src/narration/narrationController';

export class FakeHowl implements NarrationHowl {
  /** Every FakeHowl made since the last `FakeHowl.forget()`. */
  static made: FakeHowl[] = [];
  static nextId = 1000;

  static forget(): void {
    FakeHowl.made = [];
  }

  /** Those not yet unloaded (what `Howler._howls` would hold). */
  static alive(): FakeHowl[] {
    return FakeHowl.made.filter((h) => h.state !== 'unloaded');
  }

  state: 'loading' | 'loaded' | 'unloaded' = 'loading';
  playing = false;
  /**
   * Between `play()` and the audio element starting (howler's `_playLock` for html5 audio): howler 2.2.4
   * puts a volume or fade asked for then into its queue, and the start does not run that queue, so it never
   * happens. Recorded here as `queued volume 0.8` / `queued fade 0→0.8 400ms`, with no effect.
   */
  starting = false;
  position = 0;
  currentVolume: number;
  totalSeconds = 0;
  readonly soundId = FakeHowl.nextId++;
  /** Calls in order, e.g. `play`, `fade 0→0.8 400ms`, `pause`, `seek 12`, `stop`, `unload`. */
  readonly calls: string[] = [];

  constructor(readonly options: NarrationHowlOptions) {
    this.currentVolume = options.volume;
    FakeHowl.made.push(this);
  }

  private use(call: string): void {
    if (this.state === 'unloaded') throw new Error(`${call} on an unloaded Howl`);
    this.calls.push(call);
  }

  private checkId(id: number | undefined): void {
    if (id !== undefined && id !== this.soundId) throw new Error(`unknown sound id ${id}`);
  }

  play(id?: number): number {
    this.use('play');
    this.checkId(id);
    this.playing = true;
    this.starting = true;
    return this.soundId;
  }

  pause(id?: number): this {
    this.use('pause');
    this.checkId(id);
    this.playing = false;
    return this;
  }

  stop(id?: number): this {
    this.use('stop');
    this.checkId(id);
    this.playing = false;
    this.position = 0;
    return this;
  }

  seek(id?: number): number;
  seek(seconds: number, id?: number): this;
  seek(first?: number, second?: number): number | this {
    if (second === undefined && (first === undefined || first === this.soundId)) {
      if (this.state === 'unloaded') throw new Error('seek on an unloaded Howl');
      return this.position;
    }
    this.use(`seek ${first}`);
    this.checkId(second);
    this.position = first ?? 0;
    return this;
  }

  volume(volume: number, id: number): this {
    this.checkId(id);
    if (this.starting) {
      this.use(`queued volume ${volume}`);
      return this;
    }
    this.use(`volume ${volume}`);
    this.currentVolume = volume;
    return this;
  }

  fade(from: number, to: number, ms: number, id?: number): this {
    this.checkId(id);
    if (this.starting) {
      this.use(`queued fade ${from}→${to} ${ms}ms`);
      return this;
    }
    this.use(`fade ${from}→${to} ${ms}ms`);
    this.currentVolume = to;
    return this;
  }

  duration(): number {
    return this.totalSeconds;
  }

  unload(): null {
    this.calls.push('unload');
    this.state = 'unloaded';
    this.playing = false;
    return null;
  }

  // ---- What the browser would do ----

  /** The file has loaded (howler's `load` event). */
  finishLoading(seconds: number): void {
    this.state = 'loaded';
    this.totalSeconds = seconds;
    this.options.onload();
  }

  failLoading(code = 4): void {
    this.options.onloaderror(this.soundId, code);
  }

  /** The audio element started (howler's `play` event). */
  started(): void {
    this.starting = false;
    this.options.onplay(this.soundId);
  }

  failPlaying(): void {
    this.playing = false;
    this.starting = false;
    this.options.onplayerror(this.soundId, 'Playback was unable to start.');
  }

  /** Time passes in the audio element while playing; at the end howler emits `end`. */
  advance(seconds: number): void {
    if (!this.playing) return;
    this.position = Math.min(this.totalSeconds, this.position + seconds);
    if (this.position >= this.totalSeconds) {
      this.playing = false;
      this.options.onend(this.soundId);
    }
  }
}
