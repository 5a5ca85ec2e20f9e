import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { Rng, childSeed } from './rng';

describe('kernel', () => {
  it('delivers in (dueAtMs, seq) order and never moves time backwards', () => {
    const k = new Kernel(1);
    const got: string[] = [];
    k.register({ id: 'a', s: {}, receive: (m) => got.push(`${k.now()}:${m.type}`) });
    k.send('x', 'a', { type: 'LATE' }, 10);
    k.send('x', 'a', { type: 'FIRST' }, 0);
    k.send('x', 'a', { type: 'SECOND' }, 0);
    k.send('x', 'a', { type: 'MID' }, 5);
    while (k.runOne());
    expect(got).toEqual(['0:FIRST', '0:SECOND', '5:MID', '10:LATE']);
  });

  it('forks independent PRNG streams: extra draws in one never change another', () => {
    const a1 = new Rng({}, 7, 'scheduler');
    const b1 = new Rng({}, 7, 'kubelet/node-1');
    const st: Record<string, number> = {};
    const a2 = new Rng(st, 7, 'scheduler');
    const b2 = new Rng(st, 7, 'kubelet/node-1');
    a2.next();
    a2.next();
    const seqB1 = [b1.next(), b1.next()];
    expect([b2.next(), b2.next()]).toEqual(seqB1);
    void a1;
    expect(childSeed(7, 'x')).not.toBe(childSeed(8, 'x'));
  });

  it('step() runs until one more trace event, and periodic work does not count as story work', () => {
    const k = new Kernel(1);
    k.register({
      id: 'a',
      s: {},
      receive: (m) => {
        if (m.type === 'TRACE') k.trace({ type: 'apiserver.ready', key: 'apiserver.ready', params: { objects: 0 } });
      },
    });
    k.send('x', 'a', { type: 'QUIET' }, 1);
    k.send('x', 'a', { type: 'TRACE' }, 2);
    k.send('x', 'a', { type: 'HEARTBEAT' }, 100, true);
    expect(k.hasStoryWork()).toBe(true);
    const e = k.step();
    expect(e?.t).toBe(2);
    expect(k.hasStoryWork()).toBe(false);
  });
});
