// The folds' persistent map against a Map: same answers and order after random writes, and every
// earlier version unchanged (a checkpoint holds one by reference).
import { describe, expect, it } from 'vitest';
import { PMap } from './pmap';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('PMap', () => {
  it('answers as a Map does, in insertion order, over random writes in batches', () => {
    const r = rng(7);
    const model = new Map<string, number>();
    let p = PMap.empty<number>();
    const versions: Array<{ p: PMap<number>; m: Array<[string, number]> }> = [];
    for (let batch = 0; batch < 200; batch++) {
      const d = p.edit();
      for (let i = 0; i < 1 + Math.floor(r() * 40); i++) {
        const k = `Pod/default/web-${Math.floor(r() * 600)}`;
        if (r() < 0.3) expect(d.delete(k)).toBe(model.delete(k));
        else {
          const v = Math.floor(r() * 5);
          d.set(k, v);
          model.set(k, v);
        }
        expect(d.get(k)).toBe(model.get(k));
      }
      p = d.done();
      versions.push({ p, m: [...model] });
      expect(p.size).toBe(model.size);
    }
    expect([...p]).toEqual([...model]);
    expect([...p.keys()]).toEqual([...model.keys()]);
    for (const k of ['Pod/default/web-1', 'Pod/default/web-599', 'nope']) {
      expect(p.get(k)).toBe(model.get(k));
      expect(p.has(k)).toBe(model.has(k));
    }
    // persistence: every version still holds what it held when it was made
    for (const v of versions) expect([...v.p]).toEqual(v.m);
  });

  it('gives the same map back when a draft changed nothing', () => {
    const p = PMap.from([['a', 1]]);
    const d = p.edit();
    expect(d.delete('b')).toBe(false);
    expect(d.done()).toBe(p);
  });

  it('moves a deleted then re-added key to the end, as a Map does', () => {
    const p = PMap.from([['a', 1], ['b', 2], ['c', 3]]);
    const d = p.edit();
    d.delete('a');
    d.set('a', 4);
    d.set('b', 5);
    expect([...d.done()]).toEqual([['b', 5], ['c', 3], ['a', 4]]);
    expect([...p]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });
});
