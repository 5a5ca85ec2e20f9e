import { describe, expect, it } from 'vitest';
import { deepClone, jsonClone } from './clone';

const sample = () => ({
  kind: 'Pod',
  metadata: { name: 'a', labels: { app: 'x', '10': 'numeric key first' }, annotations: undefined },
  spec: { containers: [{ name: 'c', args: ['a', undefined, 3], ports: [] }], priority: 0, f: -0, n: NaN, inf: Infinity, fn: () => 1 },
  status: { conditions: [{ type: 'Ready', lastProbeTime: null }], nested: [[1, [2, { z: true }]]] },
});

describe('jsonClone', () => {
  it('equals a JSON round trip, key order included', () => {
    const v = sample();
    expect(JSON.stringify(jsonClone(v))).toBe(JSON.stringify(v));
    expect(jsonClone(v)).toStrictEqual(JSON.parse(JSON.stringify(v)));
    expect(Object.keys(jsonClone(v).metadata)).toEqual(Object.keys(JSON.parse(JSON.stringify(v)).metadata));
  });
  it('shares nothing with its source', () => {
    const v = sample();
    const c = jsonClone(v);
    c.status.conditions[0].type = 'X';
    expect(v.status.conditions[0].type).toBe('Ready');
  });
  it('hands a Date to JSON as a round trip would', () => {
    const d = new Date(0);
    expect(jsonClone({ d })).toStrictEqual(JSON.parse(JSON.stringify({ d })));
  });
});

describe('deepClone', () => {
  it('equals structuredClone for plain data (undefined keys kept)', () => {
    const v = { ...sample(), spec: { ...sample().spec, fn: undefined } };
    expect(deepClone(v)).toStrictEqual(structuredClone(v));
    expect('annotations' in deepClone(v).metadata).toBe(true);
  });
  it('copies Maps and Dates through structuredClone', () => {
    const v = { m: new Map([['a', 1]]), d: new Date(5) };
    const c = deepClone(v);
    expect(c.m).not.toBe(v.m);
    expect(c.m.get('a')).toBe(1);
    expect(c.d.getTime()).toBe(5);
  });
});

describe('cloneGraph', () => {
  it('equals structuredClone: shared objects stay shared, cycles and holes survive', async () => {
    const { cloneGraph } = await import('./clone');
    const shared = { name: 'pod', labels: { a: '1' } };
    // eslint-disable-next-line no-sparse-arrays
    const v: Record<string, unknown> = { cache: { k: shared }, window: [shared, , 3], nul: Object.assign(Object.create(null), { x: 1 }), u: undefined };
    v.self = v;
    const c = cloneGraph(v) as typeof v & { cache: { k: object }; window: unknown[]; self: unknown };
    const s = structuredClone(v) as typeof c;
    expect(c).toStrictEqual(s);
    expect(c.window[0]).toBe(c.cache.k);
    expect(c.window[0]).not.toBe(shared);
    expect(c.self).toBe(c);
    expect(1 in c.window).toBe(false);
    expect(Object.getPrototypeOf(c.nul)).toBe(Object.prototype);
  });
  it('copies a whole cluster state as structuredClone does', async () => {
    const { cloneGraph } = await import('./clone');
    const { createCluster } = await import('../index');
    const cl = createCluster({ seed: 3, nodes: 2 });
    cl.runUntilIdle();
    const snap = cl.snapshot();
    expect(cloneGraph(snap)).toStrictEqual(structuredClone(snap));
  });
  it('keeps an object marked shared instead of copying it; the tests freeze it, so a write throws', async () => {
    const { cloneGraph, markShared } = await import('./clone');
    const stored = markShared({ metadata: { name: 'web-1', labels: { app: 'web' } } });
    const state = { cache: { 'pods/web-1': stored }, queue: [{ key: 'web-1' }] };
    const c = cloneGraph(state);
    expect(c.cache['pods/web-1']).toBe(stored);
    expect(c.queue[0]).not.toBe(state.queue[0]);
    expect(() => {
      (stored.metadata.labels as Record<string, string>).app = 'db';
    }).toThrow(TypeError);
  });
  it("a cluster's checkpoint shares the apiserver's cached versions and etcd's entries with the live state", async () => {
    const { createCluster } = await import('../index');
    const cl = createCluster({ seed: 3, nodes: 2 });
    cl.runUntilIdle();
    const live = (cl as unknown as { k: { actors: Map<string, { s: Record<string, any> }> } }).k.actors;
    const snap = cl.snapshot() as unknown as { kernel: { actors: Record<string, Record<string, any>> } };
    const api = snap.kernel.actors['kube-apiserver'];
    const key = Object.keys(api.cache).find((k) => k.includes('/nodes/'))!;
    expect(api.cache[key]).toBe(live.get('kube-apiserver')!.s.cache[key]);
    expect(snap.kernel.actors['etcd-0'].raft.log.entries.at(-1)).toBe(live.get('etcd-0')!.s.raft.log.entries.at(-1));
    // the containers and lists that change are copies
    expect(api.cache).not.toBe(live.get('kube-apiserver')!.s.cache);
    expect(snap.kernel.actors['etcd-0'].raft.log.entries).not.toBe(live.get('etcd-0')!.s.raft.log.entries);
  });
});

describe('shareUnchanged', () => {
  it('reuses equal subtrees of the previous version and keeps the content', async () => {
    const { shareUnchanged } = await import('./clone');
    const prev = { metadata: { name: 'p', resourceVersion: '5', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Pending' } };
    const next = JSON.parse(JSON.stringify({ ...prev, metadata: { ...prev.metadata, resourceVersion: '6' }, status: { phase: 'Running' } }));
    const text = JSON.stringify(next);
    const out = shareUnchanged(next, prev);
    expect(JSON.stringify(out)).toBe(text);
    expect(out.spec).toBe(prev.spec);
    expect(out.metadata.labels).toBe(prev.metadata.labels);
    expect(out.metadata).not.toBe(prev.metadata);
    expect(out.status).not.toBe(prev.status);
    expect(prev.status.phase).toBe('Pending');
  });
  it('does not share across a different key order or a longer array', async () => {
    const { shareUnchanged } = await import('./clone');
    const prev = { a: { x: 1, y: 2 }, l: [1, 2] };
    const next = { a: { y: 2, x: 1 }, l: [1, 2, 3] };
    const out = shareUnchanged(next, prev);
    expect(out.a).not.toBe(prev.a);
    expect(JSON.stringify(out.a)).toBe('{"y":2,"x":1}');
    expect(out.l).toEqual([1, 2, 3]);
    expect(shareUnchanged({ a: { x: 1, y: 2 }, l: [1, 2] }, prev)).toBe(prev);
  });
});
