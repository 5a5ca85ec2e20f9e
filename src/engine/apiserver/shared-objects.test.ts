// Issue 12's shared stored objects: the apiserver keeps the object it encoded for a write (its
// twin) instead of parsing the value etcd hands back, and shares each version's unchanged parts
// with the version before. Whatever path an object took, the cache must hold exactly what a decode
// of etcd's value gives, and a pod's versions must share their unchanged spec.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import { decode } from './apiserver';

type AnyState = { s: Record<string, any> };

describe('apiserver stored objects', () => {
  it('the cache equals a decode of every value etcd stores, after writes, patches, status updates and deletes', () => {
    const c = createCluster({ seed: 5, nodes: 3 });
    c.runUntilIdle();
    c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: a, image: nginx:1.27}]}
`);
    c.runUntilIdle();
    c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: a, image: nginx:1.27-alpine}]}
`);
    c.runUntilIdle();
    const k = (c as unknown as { k: { actors: Map<string, AnyState> } }).k;
    const api = [...k.actors.values()].find((a) => a.s.cache && a.s.windows)!;
    const etcd = k.actors.get('etcd-0')!;
    const kvs = etcd.s.mvcc.kvs as Record<string, { value: string; modRevision: number }>;
    const cache = api.s.cache as Record<string, unknown>;
    expect(Object.keys(cache).length).toBeGreaterThan(50);
    for (const [key, kv] of Object.entries(kvs)) {
      if (!(key in cache)) continue;
      expect(JSON.stringify(cache[key])).toBe(JSON.stringify(decode(kv.value, kv.modRevision)));
    }
    // a pod's versions in the watch cache's window share the spec they did not change
    const events = api.s.windows.Pod.events as Array<{ obj: { metadata: { name: string }; spec: unknown }; prev?: { spec: unknown } }>;
    const updates = events.filter((e) => e.prev);
    expect(updates.length).toBeGreaterThan(5);
    expect(updates.filter((e) => e.obj.spec === e.prev!.spec).length).toBeGreaterThan(0);
  });
});
