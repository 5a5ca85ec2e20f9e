// The store's map rows as deltas arrive: the pod count follows every row replaced or removed, and a
// pod is found under the node that lists it.
import { describe, expect, it } from 'vitest';
import type { NodeRow, PodCell } from '../../folds/cluster-map';
import { clusterMapSlice, mapNodeOf, nextClusterMap, type ClusterMapSlice } from './cluster-map';

const cell = (name: string): PodCell => ({ key: `Pod/default/${name}`, name, namespace: 'default', status: 'Running', ready: '1/1', restarts: 0, ip: '', createdMs: 0, story: -1 });
const row = (name: string, pods: string[]): NodeRow => ({ name, ready: 'True', unschedulable: false, allocCpuMilli: 4000, allocMemBytes: 8 << 30, allocPods: 110, reqCpuMilli: 0, reqMemBytes: 0, pods: pods.map(cell), story: -1 });

describe('nextClusterMap', () => {
  it('counts the pods of the rows as they are replaced, removed and reset', () => {
    let s: ClusterMapSlice = clusterMapSlice();
    const step = (d: Parameters<typeof nextClusterMap>[1], reset = false) => (s = { ...s, ...nextClusterMap(s, d, reset) });
    step({ full: true, rows: [row('', ['a', 'b', 'c']), row('node-1', []), row('node-2', ['d'])], removed: [] }, true);
    expect(s.mapPodCount).toBe(4);
    // a and b bound to node-1: both rows change
    step({ rows: [row('', ['c']), row('node-1', ['a', 'b'])], removed: [] });
    expect(s.mapPodCount).toBe(4);
    expect(mapNodeOf(s.mapRows, 'Pod/default/a')).toBe('node-1');
    expect(mapNodeOf(s.mapRows, 'Pod/default/c')).toBe('');
    // node-2 goes, with its pod
    step({ rows: [], removed: ['node-2'] });
    expect(s.mapPodCount).toBe(3);
    expect(mapNodeOf(s.mapRows, 'Pod/default/d')).toBeUndefined();
    // every count equals the rows' pods
    expect(s.mapPodCount).toBe([...s.mapRows.values()].reduce((n, r) => n + r.pods.length, 0));
    // a reset without a map: the cluster is small again
    step(undefined, true);
    expect(s.mapPodCount).toBe(0);
    expect(s.mapRows.size).toBe(0);
  });
});
