// The large-cluster map's fold over a real run: rows per node with kubectl's words, deltas by row,
// a seek's fold equal to a replay from scratch, and the threshold.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { TraceEvent } from '../protocol/messages';
import { ViewCheckpoints } from '../worker/view-checkpoints';
import { changedRows, initClusterMap, isLarge, LARGE_NODES, nextClusterMap, nodeStatusWord, quantity, type ClusterMap } from './cluster-map';
import { initViews, stepViews } from './registry';

const deployment = (replicas: number, cpu = '100m', memory = '64Mi') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: ${cpu}, memory: ${memory}}
`;

function run(nodes: number, replicas: number) {
  const c = createCluster({ seed: 3, nodes });
  c.runUntilIdle();
  c.apply(deployment(replicas));
  c.advance(60_000);
  return c;
}

const fold = (trace: readonly TraceEvent[]) => nextClusterMap(initClusterMap(), trace);
const plain = (m: ClusterMap) => JSON.stringify([...m.rows.values()]);

describe('the cluster map fold', () => {
  const c = run(14, 30);
  const trace = c.trace();
  const map = fold(trace);

  it('lists every node with kubectl get nodes STATUS, allocatable and its pods as kubectl get pods shows them', () => {
    expect([...map.rows.keys()].filter((n) => n)).toHaveLength(14);
    const rows = [...map.rows.values()].filter((r) => r.name);
    for (const r of rows) {
      expect(nodeStatusWord(r)).toBe('Ready');
      expect(r).toMatchObject({ allocCpuMilli: 4000, allocMemBytes: 8 * 1024 ** 3, allocPods: 110 });
      // the pods' requests are the node's requested share
      expect(r.reqCpuMilli).toBe(r.pods.length * 100);
      expect(r.reqMemBytes).toBe(r.pods.length * 64 * 1024 ** 2);
    }
    const cells = rows.flatMap((r) => r.pods);
    expect(cells).toHaveLength(30);
    expect(new Set(cells.map((p) => p.status))).toEqual(new Set(['Running']));
    expect(cells.every((p) => p.ready === '1/1' && p.ip !== '' && p.name.startsWith('web-'))).toBe(true);
    // the cells agree with the engine's own objects
    for (const p of c.list('Pod', 'default') as unknown as Array<{ metadata: { name: string }; spec: { nodeName: string } }>) {
      expect(map.rows.get(p.spec.nodeName)?.pods.some((x) => x.name === p.metadata.name)).toBe(true);
    }
  });

  it('marks the pods a story event was about, with that event', () => {
    const cell = [...map.rows.values()].flatMap((r) => r.pods)[0];
    const last = trace.filter((e) => !e.ambient && e.object?.kind === 'Pod' && e.object.name === cell.name).pop();
    expect(cell.story).toBe(last?.seq);
  });

  it('seeking folds to the same map as replaying from the start, at any moment', () => {
    const cps = new ViewCheckpoints();
    cps.foldFrom(initViews(['etcd-0', 'etcd-1', 'etcd-2']), trace);
    for (const at of [10, Math.floor(trace.length / 3), Math.floor(trace.length / 2), trace.length - 1]) {
      const seek = cps.viewsAt(at, trace, initViews(['etcd-0', 'etcd-1', 'etcd-2'])).clusterMap;
      const replay = stepViews(initViews(['etcd-0', 'etcd-1', 'etcd-2']), trace.slice(0, at + 1)).clusterMap;
      expect(plain(seek)).toBe(plain(replay));
    }
    // frame by frame (as the worker plays) equals one fold of everything
    let m = initClusterMap();
    for (let i = 0; i < trace.length; i += 7) m = nextClusterMap(m, trace.slice(i, i + 7));
    expect(plain(m)).toBe(plain(map));
  });

  it("keeps each row's pods sorted as kubectl sorts names, folded a few events at a time", () => {
    // 2 nodes and 40 pods: cells join, move from the unscheduled row and leave, in small batches
    const small = run(2, 40);
    const t = small.trace();
    const collator = new Intl.Collator('en', { numeric: true });
    let m = initClusterMap();
    for (let i = 0; i < t.length; i += 5) {
      m = nextClusterMap(m, t.slice(i, i + 5));
      for (const r of m.rows.values()) {
        const names = r.pods.map((p) => p.name);
        expect(names).toEqual([...names].sort(collator.compare));
      }
    }
    expect([...m.rows.values()].flatMap((r) => r.pods)).toHaveLength(40);
    expect(plain(m)).toBe(plain(fold(t)));
  });

  it('a frame sends only the rows that changed; heartbeats change none', () => {
    const before = c.trace().length;
    c.advance(30_000); // only background traffic: leases, heartbeats, probes
    const after = nextClusterMap(map, c.trace().slice(before));
    expect(c.trace().length).toBeGreaterThan(before);
    expect(changedRows(map, after)).toEqual({ rows: [], removed: [] });
    // scale to 31: one new pod, one node's row changes (and the unscheduled row it passed through)
    const from = c.trace().length;
    c.apply(deployment(31));
    c.advance(30_000);
    const grown = nextClusterMap(after, c.trace().slice(from));
    const d = changedRows(after, grown);
    const withPods = d.rows.filter((r) => r.name !== '');
    expect(withPods).toHaveLength(1);
    expect(withPods[0].pods).toHaveLength((after.rows.get(withPods[0].name)?.pods.length ?? 0) + 1);
    // rows that did not change keep their identity
    for (const [n, r] of grown.rows) if (!d.rows.includes(r)) expect(after.rows.get(n)).toBe(r);
  });

  it('is large above the diagram pool threshold (more than 12 nodes)', () => {
    expect(LARGE_NODES).toBe(12);
    const booted = (nodes: number) => {
      const k = createCluster({ seed: 1, nodes });
      k.runUntilIdle();
      return fold(k.trace());
    };
    expect(isLarge(booted(12))).toBe(false);
    expect(isLarge(booted(13))).toBe(true);
  });

  it('reads quantities as the API writes them', () => {
    expect([quantity('100m'), quantity('2'), quantity('1.5'), quantity('64Mi'), quantity('1G'), quantity('x')]).toEqual([0.1, 2, 1.5, 64 * 1024 ** 2, 1e9, 0]);
    expect(nodeStatusWord({ ready: 'Unknown', unschedulable: true })).toBe('NotReady,SchedulingDisabled');
  });
});
