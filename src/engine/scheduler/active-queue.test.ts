// The heap queue against the linear scan it replaced (scheduler.ts popNext before the speed work):
// the same pops, in the same order, for random pushes, back-offs, removals and clock moves.
import { describe, expect, it } from 'vitest';
import { type QueuedPod, newActiveQueue, queueHas, queueHasReady, queuePop, queuePush, queueRemove } from './active-queue';

/** The old activeQ: one array, popNext scans it (priority desc, timestamp asc, first in array). */
class LinearQueue {
  q: QueuedPod[] = [];
  push(p: QueuedPod): void {
    this.q.push(p);
  }
  has(key: string): boolean {
    return this.q.some((x) => x.key === key);
  }
  remove(key: string): void {
    this.q = this.q.filter((x) => x.key !== key);
  }
  hasReady(now: number): boolean {
    return this.q.some((x) => x.backoffUntilMs <= now);
  }
  pop(now: number): QueuedPod | undefined {
    let best = -1;
    this.q.forEach((x, i) => {
      if (x.backoffUntilMs > now) return;
      const b = this.q[best];
      if (best < 0 || x.priority > b.priority || (x.priority === b.priority && x.timestampMs < b.timestampMs)) best = i;
    });
    return best < 0 ? undefined : this.q.splice(best, 1)[0];
  }
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('scheduler active queue (heap) pops as the linear scan did', () => {
  for (const seed of [1, 2, 3, 42, 1234]) {
    it(`seed ${seed}: 5,000 random operations`, () => {
      const rnd = lcg(seed);
      const heap = newActiveQueue();
      const lin = new LinearQueue();
      let now = 0;
      let pops = 0;
      for (let step = 0; step < 5000; step++) {
        const op = rnd(10);
        if (op < 4) {
          // many pods share a priority and a timestamp: the queue order decides
          const key = `ns/p-${rnd(300)}`;
          const backoff = rnd(3) === 0 ? now + 1 + rnd(50) : now - rnd(5);
          const p: QueuedPod = { key, priority: [0, 0, 0, 100, -5][rnd(5)], timestampMs: now - rnd(3), attempts: rnd(4), sinceMs: now, backoffUntilMs: backoff };
          queuePush(heap, p, now);
          lin.push(p);
        } else if (op < 5) {
          const key = `ns/p-${rnd(300)}`;
          expect(queueHas(heap, key)).toBe(lin.has(key));
          queueRemove(heap, key);
          lin.remove(key);
        } else if (op < 8) {
          expect(queueHasReady(heap, now)).toBe(lin.hasReady(now));
          const a = queuePop(heap, now);
          const b = lin.pop(now);
          expect(a).toBe(b);
          if (a) pops++;
        } else {
          now += rnd(4) === 0 ? 20 : rnd(2);
        }
        if (step % 97 === 0) for (let k = 0; k < 300; k += 7) expect(queueHas(heap, `ns/p-${k}`)).toBe(lin.has(`ns/p-${k}`));
      }
      // drain: everything left comes out in the same order
      now += 1000;
      for (;;) {
        const a = queuePop(heap, now);
        expect(a).toBe(lin.pop(now));
        if (!a) break;
        pops++;
      }
      expect(pops).toBeGreaterThan(1000);
      expect(JSON.parse(JSON.stringify(heap))).toEqual(heap); // plain data: snapshots clone it
    });
  }
  it('mass deletions (a namespace going away) compact the heaps without changing the order', () => {
    const rnd = lcg(9);
    const heap = newActiveQueue();
    const lin = new LinearQueue();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 400; i++) {
        const p: QueuedPod = { key: `ns${round}/p-${i}`, priority: rnd(3), timestampMs: round * 10 + rnd(2), attempts: 0, sinceMs: 0, backoffUntilMs: round * 10 + rnd(30) };
        queuePush(heap, p, round * 10);
        lin.push(p);
      }
      for (let i = 0; i < 400; i++) if (rnd(4) !== 0) {
        queueRemove(heap, `ns${round}/p-${i}`);
        lin.remove(`ns${round}/p-${i}`);
      }
      expect(heap.dead).toBeLessThanOrEqual(Math.max(64, heap.live));
      for (let i = 0; i < 40; i++) expect(queuePop(heap, round * 10 + 15)).toBe(lin.pop(round * 10 + 15));
    }
    for (;;) {
      const a = queuePop(heap, 1000);
      expect(a).toBe(lin.pop(1000));
      if (!a) break;
    }
  });
});
