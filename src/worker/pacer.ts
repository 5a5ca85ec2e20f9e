// Paces the engine's trace for people (DESIGN.md "Time and pacing"). Pure: no timers and no
// postMessage; the host feeds it wall-clock ticks and the engine's trace, and posts what it releases.
import type { ClockState, Pacing, TraceEvent } from '../protocol/messages';

/** The part of the engine's Cluster the pacer drives. */
export interface PacedEngine {
  step(): TraceEvent | undefined;
  /** `stop`, asked between deliveries, ends it early (returns false): the host's wall-time slice */
  advance(ms: number, stop?: () => boolean): boolean | void;
  now(): number;
  hasStoryWork(): boolean;
}

export interface PacerOptions {
  /** wall time each story event gets at 1× (at least; a longer narration gets its reading time) */
  storyStepMs: number;
  /** a virtual jump larger than this between played events is reported as fast-forward */
  fastForwardMs: number;
  /** bound on engine steps per tick, so a tick never blocks the worker for long */
  maxEngineSteps: number;
  /** wall gaps longer than this (a throttled tab) are not replayed as virtual time */
  maxWallDeltaMs: number;
  /** the wall clock during a tick: with it, the engine computes at most `sliceMs` per tick, so the
   * worker answers commands and posts a batch between slices however large the cluster */
  wallNow?: () => number;
  sliceMs: number;
}

export const DEFAULT_PACER_OPTIONS: PacerOptions = {
  storyStepMs: 600,
  fastForwardMs: 1000,
  maxEngineSteps: 2000,
  maxWallDeltaMs: 250,
  sliceMs: 10,
};

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 50;

export interface TickResult {
  released: TraceEvent[];
  clock: ClockState;
  /** true when anything the UI shows changed (events or clock) */
  changed: boolean;
}

export class Pacer {
  private buffer: TraceEvent[] = [];
  private head = 0;
  private playing = true;
  private speed = 1;
  private pacing: Pacing = 'story';
  private nowMs: number;
  private fastForward = false;
  private lastWallMs: number | undefined;
  private nextStoryAtWallMs = 0;
  /** narration key → wall ms a person needs to read it at 1× (the UI measures its catalogue) */
  private readingMs: Readonly<Record<string, number>> = {};
  private readonly opts: PacerOptions;
  /** real time: virtual ms owed because the engine could not compute them within its slices */
  private lagMs = 0;
  /** wall ms at which this tick's slice ends */
  private sliceEndMs = Infinity;
  private readonly overSlice = (): boolean => this.opts.wallNow !== undefined && this.opts.wallNow() >= this.sliceEndMs;

  constructor(
    private readonly engine: PacedEngine,
    opts: Partial<PacerOptions> = {},
    initial: Partial<Pick<ClockState, 'playing' | 'speed' | 'pacing'>> = {},
  ) {
    this.opts = { ...DEFAULT_PACER_OPTIONS, ...opts };
    this.nowMs = engine.now();
    if (initial.playing !== undefined) this.playing = initial.playing;
    if (initial.speed !== undefined) this.setSpeed(initial.speed);
    if (initial.pacing !== undefined) this.pacing = initial.pacing;
  }

  /** Feed every event the engine emits (subscribe with cluster.onTrace). */
  push(e: TraceEvent): void {
    this.buffer.push(e);
  }

  clock(): ClockState {
    return {
      nowMs: this.nowMs,
      playing: this.playing,
      speed: this.speed,
      pacing: this.pacing,
      fastForward: this.fastForward,
      buffered: this.pendingStory(),
    };
  }

  play(): void {
    this.playing = true;
    this.lastWallMs = undefined;
  }

  pause(): void {
    this.playing = false;
    this.lagMs = 0;
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed)) return;
    this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
  }

  /** Reading times per narration key: a story event's slot is the longer of storyStepMs and its own. */
  setReading(msByKey: Readonly<Record<string, number>>): void {
    this.readingMs = msByKey;
  }

  readingTable(): Readonly<Record<string, number>> {
    return this.readingMs;
  }

  setPacing(pacing: Pacing): void {
    this.pacing = pacing;
    this.lastWallMs = undefined;
    this.lagMs = 0;
  }

  /** One wall-clock tick (the host calls it about every 16 ms). */
  tick(wallMs: number): TickResult {
    const before = this.nowMs;
    const dtMs = this.wallDelta(wallMs);
    const released: TraceEvent[] = [];
    this.sliceEndMs = this.opts.wallNow ? this.opts.wallNow() + this.opts.sliceMs : Infinity;
    if (this.playing) {
      if (this.pacing === 'realtime') this.tickRealtime(dtMs, released);
      else this.tickStory(wallMs, dtMs, released);
    }
    const jump = this.nowMs - before;
    this.fastForward = this.pacing === 'story' && jump > Math.max(this.opts.fastForwardMs, dtMs * this.speed * 2);
    return { released, clock: this.clock(), changed: released.length > 0 || jump !== 0 };
  }

  /** Release exactly the next story event (and the ambient ones before it), then stay paused. */
  /** One story event. `beyondIdle`: run the periodic work too when no story work is queued (a
   * walkthrough's PLAY_TO towards an event its computed run holds further on, after a timer). */
  step(beyondIdle = false): TickResult {
    this.playing = false;
    const before = this.nowMs;
    const released: TraceEvent[] = [];
    let budget = this.opts.maxEngineSteps;
    for (;;) {
      this.releaseAmbient(released);
      if (this.head < this.buffer.length) {
        this.release(this.buffer[this.head++], released);
        break;
      }
      if (budget-- <= 0 || (!beyondIdle && !this.engine.hasStoryWork()) || !this.engine.step()) break;
    }
    this.compact();
    this.fastForward = this.nowMs - before > this.opts.fastForwardMs;
    return { released, clock: this.clock(), changed: true };
  }

  private wallDelta(wallMs: number): number {
    const prev = this.lastWallMs ?? wallMs;
    this.lastWallMs = wallMs;
    return Math.min(this.opts.maxWallDeltaMs, Math.max(0, wallMs - prev));
  }

  private tickRealtime(dtMs: number, out: TraceEvent[]): void {
    this.releaseAll(out);
    this.advance(Math.round(dtMs * this.speed));
    this.releaseAll(out);
    this.nowMs = Math.max(this.nowMs, this.engine.now());
  }

  /** Run virtual time forward by `virtualMs` plus what earlier slices owe, within this tick's slice.
   * Behind, the clock runs slower than real time × speed (it shows the engine's own time); the debt
   * is bounded like a throttled tab's gap, so a slow stretch is not replayed in one burst afterwards. */
  private advance(virtualMs: number): void {
    const wantMs = Math.min(this.lagMs + virtualMs, Math.round(this.opts.maxWallDeltaMs * this.speed));
    if (wantMs <= 0) return;
    const from = this.engine.now();
    const reached = this.engine.advance(wantMs, this.opts.wallNow ? this.overSlice : undefined);
    this.lagMs = reached === false ? Math.max(0, wantMs - (this.engine.now() - from)) : 0;
  }

  private tickStory(wallMs: number, dtMs: number, out: TraceEvent[]): void {
    let budget = this.opts.maxEngineSteps;
    for (;;) {
      this.releaseAmbient(out);
      if (this.head < this.buffer.length) {
        // A story event is next: it waits for its slot of wall time. At high speed a slot is
        // shorter than a tick, so one tick may release several (bounded catch-up).
        if (wallMs < this.nextStoryAtWallMs) break;
        const e = this.buffer[this.head++];
        this.release(e, out);
        const slotMs = Math.max(this.opts.storyStepMs, this.readingMs[e.key] ?? 0) / this.speed;
        const behind = wallMs - this.nextStoryAtWallMs;
        this.nextStoryAtWallMs = behind > 0 && behind < this.opts.maxWallDeltaMs ? this.nextStoryAtWallMs + slotMs : wallMs + slotMs;
        if (wallMs < this.nextStoryAtWallMs) break;
        continue;
      }
      if (!this.engine.hasStoryWork()) {
        // Idle: only background work is queued, so time simply flows (× speed).
        this.advance(Math.round(dtMs * this.speed));
        this.releaseAll(out);
        this.nowMs = Math.max(this.nowMs, this.engine.now());
        break;
      }
      if (budget-- <= 0 || this.overSlice() || !this.engine.step()) break;
    }
    this.compact();
  }

  private release(e: TraceEvent, out: TraceEvent[]): void {
    out.push(e);
    if (e.t > this.nowMs) this.nowMs = e.t;
  }

  private releaseAmbient(out: TraceEvent[]): void {
    while (this.head < this.buffer.length && this.buffer[this.head].ambient) {
      this.release(this.buffer[this.head++], out);
    }
  }

  private releaseAll(out: TraceEvent[]): void {
    while (this.head < this.buffer.length) this.release(this.buffer[this.head++], out);
    this.compact();
  }

  private pendingStory(): number {
    let n = 0;
    for (let i = this.head; i < this.buffer.length; i++) if (!this.buffer[i].ambient) n++;
    return n;
  }

  private compact(): void {
    if (this.head === 0) return;
    this.buffer = this.buffer.slice(this.head);
    this.head = 0;
  }
}
