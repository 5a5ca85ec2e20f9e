// The simulation kernel: one virtual clock, one event heap of plain-data envelopes, seeded
// PRNG streams and the trace recorder. Actors keep every mutable field in `s`, so a snapshot
// is a structured clone of kernel state + each actor's `s` (DESIGN.md principles 1 and 3).
import { assert } from './assert';
import { cloneGraph } from './clone';
import { heapPeek, heapPop, heapPush } from './heap';
import { Rng } from './rng';
import { TraceLog } from './trace-log';
import type { ComponentId, Envelope, Msg, TraceEvent, TraceSpec } from './types';

export interface Actor<S = unknown> {
  readonly id: ComponentId;
  /** All mutable state of the actor: plain, structured-cloneable data. */
  s: S;
  receive(msg: Msg, from: ComponentId): void;
}

export interface KernelState {
  rootSeed: number;
  nowMs: number;
  seq: number;
  queue: Envelope[];
  /** pending envelopes that are not periodic */
  nonPeriodic: number;
  rng: Record<string, number>;
  /** trace events emitted so far (the next event's seq) */
  traceSeq: number;
  /** envelopes delivered so far: with nowMs, the exact position a user input came at */
  delivered: number;
}

/** Kernel state and every actor's `s`; the trace is not copied (it is the run's timeline, kept once). */
export interface KernelSnapshot {
  kernel: KernelState;
  actors: Record<string, unknown>;
}

/** Inputs scheduled at recorded positions (replay): asked before every delivery. */
export interface InputGate {
  /** the virtual ms of an input due at the current delivery count, if one is */
  dueAtMs(): number | undefined;
  /** issue every input due now (they only send messages; the kernel delivers them later) */
  fire(): void;
}

/** What `trace` returns for an ambient event that was only counted (nobody reads the return value of those). */
const UNOBSERVED: TraceEvent = Object.freeze({ seq: -1, t: 0, type: 'unobserved', from: 'kernel', to: 'kernel', key: 'unobserved', params: {}, ambient: true }) as unknown as TraceEvent;

export class Kernel {
  st: KernelState;
  /** The timeline of this run: every event emitted so far on this branch. After a restore to an
   * earlier position it may run ahead of `st.traceSeq`; replay then rewrites the same events. */
  readonly traceLog = new TraceLog();
  readonly actors = new Map<ComponentId, Actor>();
  private listeners: Array<(e: TraceEvent) => void> = [];
  /** listeners that asked for ambient events too (the default) */
  private ambientListeners = 0;
  /** Ambient events nobody observes (not recorded, no listener wants them): counted by type here
   * instead of being built. Their seq numbers are still taken, so every later event is the same. */
  readonly ambientSummary: Record<string, number> = {};
  /** the kernel's own step() watches here, so it works while listeners are muted */
  private probe: ((e: TraceEvent) => void) | undefined;
  private current: Envelope | undefined;
  /** When false, trace events are counted but not stored (benchmarks). */
  recordTrace = true;
  /** When true, listeners are not told (a seek replays events the host has already seen). */
  muted = false;
  inputGate: InputGate | undefined;
  /** called after every delivery that emitted at least one trace event (checkpoints) */
  afterStoryDelivery: (() => void) | undefined;

  constructor(seed: number) {
    this.st = { rootSeed: seed >>> 0, nowMs: 0, seq: 0, queue: [], nonPeriodic: 0, rng: {}, traceSeq: 0, delivered: 0 };
  }

  now(): number {
    return this.st.nowMs;
  }

  register(actor: Actor): void {
    assert(!this.actors.has(actor.id), `kernel: duplicate actor ${actor.id}`);
    this.actors.set(actor.id, actor);
  }

  rng(stream: string): Rng {
    return new Rng(this.st.rng, this.st.rootSeed, stream);
  }

  send(from: ComponentId, to: ComponentId, msg: Msg, delayMs = 0, periodic = false): void {
    // the message is built only on failure: send is the hottest call of a large run
    if (!(Number.isInteger(delayMs) && delayMs >= 0)) assert(false, `kernel: delay must be a non-negative integer, got ${delayMs}`);
    const env: Envelope = { dueAtMs: this.st.nowMs + delayMs, seq: this.st.seq++, from, to, msg };
    if (periodic) env.periodic = true;
    else this.st.nonPeriodic++;
    heapPush(this.st.queue, env);
  }

  /** Does anyone see ambient events (the recorded trace, a listener, a step in progress)? When not,
   * hot paths may skip building one's params and call `countAmbient` instead. */
  observesAmbient(): boolean {
    return this.recordTrace || (this.ambientListeners > 0 && !this.muted) || this.probe !== undefined;
  }

  /** An ambient event nobody observes: its seq is taken and its type counted (see ambientSummary). */
  countAmbient(type: string): void {
    this.st.traceSeq++;
    this.ambientSummary[type] = (this.ambientSummary[type] ?? 0) + 1;
  }

  /** Emit one trace event; from/to default to the envelope being delivered. */
  trace(spec: TraceSpec): TraceEvent {
    if (spec.ambient && !this.observesAmbient()) {
      this.countAmbient(spec.type);
      return UNOBSERVED;
    }
    // one spec's type, params and detail become one event's: a correlation TypeScript cannot follow
    const e = {
      seq: this.st.traceSeq++,
      t: this.st.nowMs,
      type: spec.type,
      from: spec.from ?? this.current?.from ?? 'kernel',
      to: spec.to ?? this.current?.to ?? 'kernel',
      key: spec.key,
      params: spec.params,
    } as TraceEvent;
    if (spec.object) e.object = spec.object;
    if (spec.detail !== undefined) e.detail = spec.detail;
    if (spec.ambient) e.ambient = true;
    if (this.recordTrace) this.traceLog.record(e);
    this.probe?.(e);
    if (!this.muted) for (const l of this.listeners) l(e);
    return e;
  }

  /** Tell listeners of an event emitted earlier (held back by a seek that stopped inside a delivery). */
  emitToListeners(e: TraceEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** `ambient: false`: this listener does not need ambient events (so they may be only counted). */
  onTrace(cb: (e: TraceEvent) => void, opts: { ambient?: boolean } = {}): () => void {
    const wantsAmbient = opts.ambient !== false;
    const l = wantsAmbient ? cb : (e: TraceEvent) => void (e.ambient || cb(e));
    this.listeners.push(l);
    if (wantsAmbient) this.ambientListeners++;
    return () => {
      const n = this.listeners.length;
      this.listeners = this.listeners.filter((x) => x !== l);
      if (wantsAmbient && this.listeners.length < n) this.ambientListeners--;
    };
  }

  nextDueMs(): number | undefined {
    const input = this.inputGate?.dueAtMs();
    if (input !== undefined) return input;
    return heapPeek(this.st.queue)?.dueAtMs;
  }

  /** Deliver the next envelope (or issue the recorded inputs due first). Returns false when nothing is queued. */
  runOne(): boolean {
    const inputAt = this.inputGate?.dueAtMs();
    if (inputAt !== undefined) {
      assert(inputAt >= this.st.nowMs, 'kernel: an input must not be scheduled in the past');
      this.st.nowMs = inputAt;
      this.inputGate!.fire();
      return true;
    }
    const env = heapPop(this.st.queue);
    if (!env) return false;
    assert(env.dueAtMs >= this.st.nowMs, 'kernel: time must not go backwards');
    if (!env.periodic) this.st.nonPeriodic--;
    this.st.nowMs = env.dueAtMs;
    this.st.delivered++;
    const traced = this.st.traceSeq;
    const actor = this.actors.get(env.to);
    if (actor) {
      this.current = env;
      try {
        actor.receive(env.msg, env.from);
      } finally {
        this.current = undefined;
      }
    }
    if (this.st.traceSeq !== traced) this.afterStoryDelivery?.();
    return true;
  }

  /** Deliver everything due up to `untilMs`, then stand at it. `stop` (a host's wall-time budget)
   * may end it early, between deliveries, leaving the clock at the last one: the run is the same
   * whichever way it is cut, since where a slice ends changes no delivery. Returns whether it got there. */
  runUntil(untilMs: number, stop?: () => boolean): boolean {
    for (;;) {
      const due = this.nextDueMs();
      if (due === undefined || due > untilMs) break;
      this.runOne();
      if (stop?.()) return false;
    }
    if (untilMs > this.st.nowMs) this.st.nowMs = untilMs;
    return true;
  }

  /** Run until at least one trace event is emitted (or nothing is queued). */
  step(includeAmbient = true): TraceEvent | undefined {
    let first: TraceEvent | undefined;
    const outer = this.probe;
    this.probe = (e) => {
      outer?.(e);
      if (!first && (includeAmbient || !e.ambient)) first = e;
    };
    try {
      while (!first && this.runOne()) {
        /* keep going */
      }
    } finally {
      this.probe = outer;
    }
    return first;
  }

  hasStoryWork(): boolean {
    return this.st.nonPeriodic > 0;
  }

  snapshot(): KernelSnapshot {
    const actors: Record<string, unknown> = {};
    for (const [id, a] of this.actors) actors[id] = a.s;
    // cloneGraph: structuredClone's result for this plain state, several times faster (checkpoints)
    return cloneGraph({ kernel: this.st, actors });
  }

  /** Restore state; the timeline (traceLog) is left as it is: the caller decides what of it still holds. */
  restore(snap: KernelSnapshot): void {
    const c = cloneGraph(snap);
    this.st = c.kernel;
    this.st.delivered ??= 0;
    for (const [id, a] of this.actors) {
      assert(id in c.actors, `kernel: snapshot has no state for ${id}`);
      a.s = c.actors[id];
    }
  }
}
