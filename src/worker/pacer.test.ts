import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { Pacer, type PacedEngine } from './pacer';

/** A scripted engine: work items due at virtual times, each emitting trace events when run. */
class FakeEngine implements PacedEngine {
  nowMs = 0;
  private seq = 0;
  listener: (e: TraceEvent) => void = () => {};
  constructor(private work: Array<{ t: number; types: string[]; periodic?: boolean }>) {}

  private runNext(): TraceEvent | undefined {
    const w = this.work.shift();
    if (!w) return undefined;
    this.nowMs = w.t;
    let first: TraceEvent | undefined;
    for (const type of w.types) {
      const ambient = type.startsWith('~');
      // the pacer reads only seq, t and ambient: a scripted type stands for any event
      const fake: AnyTraceEvent = { seq: this.seq++, t: w.t, type, from: 'a', to: 'b', key: type, params: {} };
      if (ambient) fake.ambient = true;
      const e = fake as TraceEvent;
      first ??= e;
      this.listener(e);
    }
    return first;
  }
  step() {
    return this.runNext();
  }
  advance(ms: number) {
    const until = this.nowMs + ms;
    while (this.work.length && this.work[0].t <= until) this.runNext();
    this.nowMs = until;
  }
  now() {
    return this.nowMs;
  }
  hasStoryWork() {
    return this.work.some((w) => !w.periodic);
  }
}

function setup(work: ConstructorParameters<typeof FakeEngine>[0], initial = {}) {
  const engine = new FakeEngine(work);
  const pacer = new Pacer(engine, {}, initial);
  engine.listener = (e) => pacer.push(e);
  return { engine, pacer };
}

const types = (es: TraceEvent[]) => es.map((e) => e.type);

describe('Pacer, story pacing', () => {
  it('releases one story event per 600 ms of wall time at 1×', () => {
    const { pacer } = setup([{ t: 5, types: ['a', 'b', 'c'] }]);
    expect(types(pacer.tick(0).released)).toEqual(['a']);
    expect(types(pacer.tick(300).released)).toEqual([]);
    expect(types(pacer.tick(600).released)).toEqual(['b']);
    expect(types(pacer.tick(1200).released)).toEqual(['c']);
  });

  it('gives a story event the reading time of its narration, divided by the speed', () => {
    const { pacer } = setup([{ t: 5, types: ['long', 'b', 'short', 'c'] }]);
    pacer.setReading({ long: 2000, short: 100 });
    expect(types(pacer.tick(0).released)).toEqual(['long']);
    expect(types(pacer.tick(600).released)).toEqual([]);
    expect(types(pacer.tick(2000).released)).toEqual(['b']);
    expect(types(pacer.tick(2600).released)).toEqual(['short']); // never shorter than storyStepMs
    expect(types(pacer.tick(3000).released)).toEqual([]);
    expect(types(pacer.tick(3200).released)).toEqual(['c']);
    pacer.setSpeed(4);
    const { pacer: fast } = setup([{ t: 5, types: ['long', 'b'] }], { speed: 4 });
    fast.setReading({ long: 2000 });
    expect(types(fast.tick(0).released)).toEqual(['long']);
    expect(types(fast.tick(400).released)).toEqual([]);
    expect(types(fast.tick(500).released)).toEqual(['b']);
  });

  it('catches up when a slot is shorter than a tick (high speed)', () => {
    const { pacer } = setup([{ t: 5, types: ['a', 'b', 'c', 'd', 'e'] }], { speed: 50 });
    expect(types(pacer.tick(0).released)).toEqual(['a']);
    // 12 ms slots, a 30 ms tick: two more are due
    expect(types(pacer.tick(30).released)).toEqual(['b', 'c']);
    expect(types(pacer.tick(40).released)).toEqual(['d']);
  });

  it('divides the wall time by the speed', () => {
    const { pacer } = setup([{ t: 5, types: ['a', 'b'] }], { speed: 10 });
    expect(types(pacer.tick(0).released)).toEqual(['a']);
    expect(types(pacer.tick(59).released)).toEqual([]);
    expect(types(pacer.tick(60).released)).toEqual(['b']);
  });

  it('releases ambient events at once, without using story time', () => {
    const { pacer } = setup([{ t: 5, types: ['~hb', '~hb', 'a', '~hb', 'b'] }]);
    expect(types(pacer.tick(0).released)).toEqual(['~hb', '~hb', 'a']);
    // ambient events after a story event wait for the next tick, not for its story slot
    expect(types(pacer.tick(16).released)).toEqual(['~hb']);
    expect(types(pacer.tick(600).released)).toEqual(['b']);
  });

  it('fast-forwards to far-away story work and says so', () => {
    const { pacer } = setup([
      { t: 10, types: ['pull'] },
      { t: 10_000, types: ['~hb'], periodic: true },
      { t: 30_000, types: ['pulled'] },
    ]);
    pacer.tick(0);
    const r = pacer.tick(600);
    expect(types(r.released)).toEqual(['~hb', 'pulled']);
    expect(r.clock.nowMs).toBe(30_000);
    expect(r.clock.fastForward).toBe(true);
    expect(pacer.tick(616).clock.fastForward).toBe(false);
  });

  it('lets time flow at real speed when only background work is queued', () => {
    const { pacer, engine } = setup([{ t: 10_000, types: ['~hb'], periodic: true }], { speed: 2 });
    pacer.tick(0);
    const r = pacer.tick(100);
    expect(r.released).toEqual([]);
    expect(engine.now()).toBe(200);
    expect(r.clock.nowMs).toBe(200);
    expect(r.clock.fastForward).toBe(false);
  });

  it('holds everything while paused', () => {
    const { pacer, engine } = setup([{ t: 5, types: ['a'] }], { playing: false });
    expect(pacer.tick(0).released).toEqual([]);
    expect(pacer.tick(5000).released).toEqual([]);
    expect(engine.now()).toBe(0);
  });

  it('reports the story events still buffered', () => {
    const { pacer } = setup([{ t: 5, types: ['a', 'b', 'c'] }]);
    expect(pacer.tick(0).clock.buffered).toBe(2);
  });
});

describe('Pacer, step', () => {
  it('releases exactly the next story event plus the ambient ones before it, and pauses', () => {
    const { pacer } = setup([
      { t: 5, types: ['~hb'], periodic: true },
      { t: 7, types: ['a', 'b'] },
    ]);
    const r = pacer.step();
    expect(types(r.released)).toEqual(['~hb', 'a']);
    expect(r.clock.playing).toBe(false);
    expect(r.clock.nowMs).toBe(7);
    expect(types(pacer.step().released)).toEqual(['b']);
    expect(types(pacer.tick(10_000).released)).toEqual([]);
  });

  it('does nothing when no story work is left', () => {
    const { pacer, engine } = setup([{ t: 10_000, types: ['~hb'], periodic: true }]);
    expect(pacer.step().released).toEqual([]);
    expect(engine.now()).toBe(0);
  });
});

describe('Pacer, real time', () => {
  it('advances the engine by wall time × speed and releases everything', () => {
    const { pacer, engine } = setup(
      [
        { t: 100, types: ['a', 'b'] },
        { t: 900, types: ['c'] },
      ],
      { pacing: 'realtime', speed: 4 },
    );
    pacer.tick(0);
    expect(types(pacer.tick(100).released)).toEqual(['a', 'b']);
    expect(engine.now()).toBe(400);
    expect(types(pacer.tick(250).released)).toEqual(['c']);
    expect(pacer.clock().nowMs).toBe(1000);
  });

  it('caps a long wall gap (throttled tab)', () => {
    const { pacer, engine } = setup([], { pacing: 'realtime' });
    pacer.tick(0);
    pacer.tick(60_000);
    expect(engine.now()).toBe(250);
  });

  it('clamps the speed to 0.25×…50×', () => {
    const { pacer } = setup([]);
    pacer.setSpeed(500);
    expect(pacer.clock().speed).toBe(50);
    pacer.setSpeed(0);
    expect(pacer.clock().speed).toBe(0.25);
  });
});
