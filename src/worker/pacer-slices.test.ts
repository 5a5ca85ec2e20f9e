// Real-time pacing in wall-time slices (issue 12): a tick computes at most `sliceMs` of engine work,
// so a large Apply never blocks the worker, and cutting the run into slices changes nothing in it.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { Pacer, type PacedEngine } from './pacer';

/** Every delivery costs 1 ms of (fake) wall time; one delivery per virtual ms, each one event. */
class CostlyEngine implements PacedEngine {
  nowMs = 0;
  wallMs = 0;
  private seq = 0;
  listener: (e: TraceEvent) => void = () => {};
  constructor(private due: number[]) {}
  private deliver(): void {
    const t = this.due.shift()!;
    this.nowMs = t;
    this.wallMs += 1;
    const e: AnyTraceEvent = { seq: this.seq++, t, type: 'x', from: 'a', to: 'b', key: 'x', params: {} };
    this.listener(e as TraceEvent);
  }
  step() {
    return undefined;
  }
  advance(ms: number, stop?: () => boolean): boolean {
    const until = this.nowMs + ms;
    while (this.due.length && this.due[0] <= until) {
      this.deliver();
      if (stop?.()) return false;
    }
    this.nowMs = until;
    return true;
  }
  now() {
    return this.nowMs;
  }
  hasStoryWork() {
    return this.due.length > 0;
  }
}

describe('Pacer, real time in wall-time slices', () => {
  it('computes at most a slice per tick, shows the engine time it reached, and catches up in order', () => {
    // 2,000 deliveries in the first 2 virtual seconds: 2 s of wall work, asked for in 40 ms at 50×
    const engine = new CostlyEngine(Array.from({ length: 2000 }, (_, i) => i + 1));
    const pacer = new Pacer(engine, { wallNow: () => engine.wallMs, sliceMs: 10 }, { pacing: 'realtime', speed: 50 });
    engine.listener = (e) => pacer.push(e);
    pacer.tick(engine.wallMs);
    const seqs: number[] = [];
    const perTick: number[] = [];
    for (let i = 0; i < 400 && seqs.length < 2000; i++) {
      engine.wallMs += 16; // the host's next tick
      const before = engine.wallMs;
      const r = pacer.tick(engine.wallMs);
      perTick.push(engine.wallMs - before);
      seqs.push(...r.released.map((e) => e.seq));
      // the clock shows how far the engine got, not the virtual time it owes
      expect(r.clock.nowMs).toBe(engine.nowMs);
    }
    expect(Math.max(...perTick)).toBeLessThanOrEqual(10);
    expect(seqs).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    // the first tick after the work came already released events (the first pods show at once)
    expect(perTick[0]).toBe(10);
  });
});

describe('Cluster.advance with a stop', () => {
  it('gives the same trace cut into many slices as in one go', () => {
    const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 6\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "nginx:1.27"}]}\n';
    const whole = createCluster({ seed: 3, nodes: 3 });
    whole.runUntilIdle();
    whole.apply(yaml);
    whole.advance(20_000);
    const sliced = createCluster({ seed: 3, nodes: 3 });
    sliced.runUntilIdle();
    sliced.apply(yaml);
    const target = sliced.now() + 20_000;
    let n = 0;
    let cuts = 0;
    // stop after every 7th delivery, then ask again for what is left
    while (!sliced.advance(target - sliced.now(), () => ++n % 7 === 0)) cuts++;
    expect(cuts).toBeGreaterThan(50);
    expect(sliced.now()).toBe(whole.now());
    expect(JSON.stringify(sliced.trace())).toBe(JSON.stringify(whole.trace()));
  });
});
