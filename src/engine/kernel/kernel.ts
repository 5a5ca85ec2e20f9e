// The simulation kernel: one virtual clock, one event heap of plain-data envelopes, seeded
// PRNG streams and the trace recorder. Actors keep every mutable field in `s`, so a snapshot
// is a structured clone of kernel state + each actor's `s` (DESIGN.md principles 1 and 3).
import { assert } from './assert';
import { heapPeek, heapPop, heapPush } from './heap';
import { Rng } from './rng';
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
}

export interface KernelSnapshot {
  kernel: KernelState;
  trace: TraceEvent[];
  actors: Record<string, unknown>;
}

export class Kernel {
  st: KernelState;
  traceLog: TraceEvent[] = [];
  readonly actors = new Map<ComponentId, Actor>();
  private listeners: Array<(e: TraceEvent) => void> = [];
  private current: Envelope | undefined;
  /** When false, trace events are counted but not stored (benchmarks). */
  recordTrace = true;

  constructor(seed: number) {
    this.st = { rootSeed: seed >>> 0, nowMs: 0, seq: 0, queue: [], nonPeriodic: 0, rng: {}, traceSeq: 0 };
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
    assert(Number.isInteger(delayMs) && delayMs >= 0, `kernel: delay must be a non-negative integer, got ${delayMs}`);
    const env: Envelope = { dueAtMs: this.st.nowMs + delayMs, seq: this.st.seq++, from, to, msg };
    if (periodic) env.periodic = true;
    else this.st.nonPeriodic++;
    heapPush(this.st.queue, env);
  }

  /** Emit one trace event; from/to default to the envelope being delivered. */
  trace(spec: TraceSpec): TraceEvent {
    const e: TraceEvent = {
      seq: this.st.traceSeq++,
      t: this.st.nowMs,
      type: spec.type,
      from: spec.from ?? this.current?.from ?? 'kernel',
      to: spec.to ?? this.current?.to ?? 'kernel',
      key: spec.key,
      params: spec.params,
    };
    if (spec.object) e.object = spec.object;
    if (spec.detail !== undefined) e.detail = spec.detail;
    if (spec.ambient) e.ambient = true;
    if (this.recordTrace) this.traceLog.push(e);
    for (const l of this.listeners) l(e);
    return e;
  }

  onTrace(cb: (e: TraceEvent) => void): () => void {
    this.listeners.push(cb);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== cb);
    };
  }

  nextDueMs(): number | undefined {
    return heapPeek(this.st.queue)?.dueAtMs;
  }

  /** Deliver the next envelope. Returns false when nothing is queued. */
  runOne(): boolean {
    const env = heapPop(this.st.queue);
    if (!env) return false;
    assert(env.dueAtMs >= this.st.nowMs, 'kernel: time must not go backwards');
    if (!env.periodic) this.st.nonPeriodic--;
    this.st.nowMs = env.dueAtMs;
    const actor = this.actors.get(env.to);
    if (actor) {
      this.current = env;
      try {
        actor.receive(env.msg, env.from);
      } finally {
        this.current = undefined;
      }
    }
    return true;
  }

  /** Run every envelope due at or before `untilMs`, then set the clock to `untilMs`. */
  runUntil(untilMs: number): void {
    for (;;) {
      const due = this.nextDueMs();
      if (due === undefined || due > untilMs) break;
      this.runOne();
    }
    if (untilMs > this.st.nowMs) this.st.nowMs = untilMs;
  }

  /** Run until at least one trace event is emitted (or nothing is queued). */
  step(includeAmbient = true): TraceEvent | undefined {
    let first: TraceEvent | undefined;
    const off = this.onTrace((e) => {
      if (!first && (includeAmbient || !e.ambient)) first = e;
    });
    try {
      while (!first && this.runOne()) {
        /* keep going */
      }
    } finally {
      off();
    }
    return first;
  }

  hasStoryWork(): boolean {
    return this.st.nonPeriodic > 0;
  }

  snapshot(): KernelSnapshot {
    const actors: Record<string, unknown> = {};
    for (const [id, a] of this.actors) actors[id] = a.s;
    return structuredClone({ kernel: this.st, trace: this.traceLog, actors });
  }

  restore(snap: KernelSnapshot): void {
    const c = structuredClone(snap);
    this.st = c.kernel;
    this.traceLog = c.trace;
    for (const [id, a] of this.actors) {
      assert(id in c.actors, `kernel: snapshot has no state for ${id}`);
      a.s = c.actors[id];
    }
  }
}
