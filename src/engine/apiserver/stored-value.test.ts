// The watch cache's remembered etcd values stand in for serializing and structured-cloning the old
// object on every update: for real objects of a run, they must give the same bytes and the same
// object (key order included), and an object without one (a restored state's) the old answer.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import type { KObject } from '../api/types';
import { decode } from './apiserver';
import { stripForStorage } from './registry/strategy';
import { cloneStored, storedValue } from './stored-value';

const deepKeys = (v: unknown): unknown => (v && typeof v === 'object' ? (Array.isArray(v) ? v.map(deepKeys) : Object.entries(v).map(([k, x]) => [k, deepKeys(x)])) : v);

describe('stored values of the watch cache', () => {
  it('give what stringify(strip(obj)) and structuredClone(obj) gave, for every object of a run', () => {
    const c = createCluster({ seed: 2, nodes: 2 });
    c.runUntilIdle();
    c.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`);
    c.runUntilIdle();
    const objs = ['Pod', 'Node', 'Deployment', 'ReplicaSet', 'Event', 'Lease', 'Namespace', 'ConfigMap', 'Service'].flatMap((k) => c.list(k));
    expect(objs.length).toBeGreaterThan(20);
    let n = 0;
    for (const o of objs) {
      const value = JSON.stringify(stripForStorage(o));
      const cached = decode(value, Number(o.metadata.resourceVersion ?? 7));
      expect(storedValue(cached)).toBe(JSON.stringify(stripForStorage(cached)));
      const clone = cloneStored(cached);
      expect(clone).not.toBe(cached);
      expect(deepKeys(clone)).toEqual(deepKeys(structuredClone(cached)));
      // a copy is independent of the cached object
      (clone.metadata as { name: string }).name = 'changed';
      expect(cached.metadata.name).toBe(o.metadata.name);
      n++;
    }
    expect(n).toBe(objs.length);
  });

  it('an object decoded elsewhere (a restored snapshot) falls back to serializing it', () => {
    const o = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', resourceVersion: '5' }, data: { x: '1' } } as KObject;
    expect(storedValue(o)).toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"x":"1"}}');
    expect(deepKeys(cloneStored(o))).toEqual(deepKeys(o));
  });
});
