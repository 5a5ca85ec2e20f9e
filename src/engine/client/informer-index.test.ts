// The informer indexes against the scans they replace: after any sequence of adds, updates (a pod
// bound to a node, moved, relabelled), deletes and re-adds, byIndex answers what filtering the store
// answers, in the same order for the namespace index and as the same set for the node index.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { byIndex, updateIndexes } from './informer-index';

function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const pod = (ns: string, name: string, node: string, v: number): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name, resourceVersion: String(v) }, spec: node ? { nodeName: node } : {} });

describe('informer indexes answer as a scan of the store', () => {
  for (const seed of [1, 5, 77]) {
    it(`seed ${seed}: 4,000 watch events`, () => {
      const rnd = lcg(seed);
      const store: Record<string, KObject> = {};
      const nss = ['default', 'kube-system', 'a', 'b'];
      const nodes = ['', 'node-1', 'node-2', 'node-3'];
      // one index built before any event, the other in the middle of the stream
      expect(byIndex(store, 'namespace', 'default')).toEqual([]);
      for (let v = 1; v <= 4000; v++) {
        const ns = nss[rnd(nss.length)];
        const key = `${ns}/p-${rnd(60)}`;
        const old = store[key];
        if (old && rnd(4) === 0) {
          delete store[key];
          updateIndexes(store, key, old, undefined);
        } else {
          const next = pod(ns, key.split('/')[1], nodes[rnd(nodes.length)], v);
          store[key] = next;
          updateIndexes(store, key, old, next);
        }
        if (v === 1500) byIndex(store, 'spec.nodeName', 'node-1');
        if (v % 50 === 0) {
          for (const n of nss) expect(byIndex(store, 'namespace', n)).toEqual(Object.values(store).filter((p) => p.metadata.namespace === n));
          if (v > 1500) {
            for (const n of nodes.slice(1)) {
              const want = Object.entries(store).filter(([, p]) => (p.spec as { nodeName?: string }).nodeName === n).map(([k]) => k).sort();
              expect(byIndex(store, 'spec.nodeName', n).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(want);
            }
          }
        }
      }
    });
  }

  it('a new store object (relist, restore) gets its own index', () => {
    const a: Record<string, KObject> = { 'x/p': pod('x', 'p', 'n1', 1) };
    expect(byIndex(a, 'namespace', 'x')).toHaveLength(1);
    const b: Record<string, KObject> = { 'x/p': pod('x', 'p', 'n1', 1), 'x/q': pod('x', 'q', '', 2) };
    expect(byIndex(b, 'namespace', 'x')).toHaveLength(2);
    expect(byIndex(b, 'spec.nodeName', 'n1')).toHaveLength(1);
  });
});
