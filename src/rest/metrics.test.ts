// metrics.k8s.io as metrics-server serves it, from the model's working sets and a simulated CPU.
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine';
import { type RestResponse, handle } from './handler';

const get = (c: Cluster, url: string): RestResponse => handle({ cluster: c, serverAddress: 'orrery.local' }, { method: 'GET', url, headers: { accept: 'application/json' } });
const body = (r: RestResponse) => JSON.parse(r.body);
const run = (c: Cluster, name: string, extra: Record<string, unknown> = {}) =>
  handle({ cluster: c, serverAddress: 'orrery.local' }, {
    method: 'POST', url: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name, image: 'polinux/stress', ...extra }] } }),
  });

function cluster(): Cluster {
  const c = createCluster({ seed: 9, nodes: 2 });
  c.runUntilIdle(60_000);
  expect(run(c, 'idle', { image: 'nginx:1.27' }).code).toBe(201);
  expect(run(c, 'hog', { command: ['stress'], args: ['--cpu', '2', '--vm', '1', '--vm-bytes', '64M'], resources: { limits: { cpu: '1500m' } } }).code).toBe(201);
  return c;
}

describe('metrics.k8s.io/v1beta1', () => {
  it('is discovered with its two read-only resources', () => {
    const c = createCluster({ seed: 9, nodes: 1 });
    expect(body(get(c, '/apis')).groups.map((g: { name: string }) => g.name)).toContain('metrics.k8s.io');
    expect(body(get(c, '/apis/metrics.k8s.io/v1beta1')).resources).toEqual([
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ]);
    expect(get(c, '/apis/metrics.k8s.io/v1beta1/nodes').code).toBe(200);
    expect(handle({ cluster: c, serverAddress: 'x' }, { method: 'DELETE', url: '/apis/metrics.k8s.io/v1beta1/nodes/node-1', headers: {} }).code).toBe(405);
  });

  it('reports a pod once it has run for a scrape interval, its memory the runtime\'s working set, its CPU within its limit', () => {
    const c = cluster();
    c.advance(5_000);
    const early = body(get(c, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods'));
    expect(early.kind).toBe('PodMetricsList');
    c.advance(30_000);
    const pods = body(get(c, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods'));
    expect(pods.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['hog', 'idle']);
    expect(early.items.length).toBeLessThan(pods.items.length);
    const hog = body(get(c, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/hog'));
    expect(hog).toMatchObject({ kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'hog', namespace: 'default', labels: { app: 'hog' } }, window: '15s' });
    const cpu = Number(hog.containers[0].usage.cpu.replace(/n$/, ''));
    expect(cpu).toBeGreaterThan(1.4e9);
    expect(cpu).toBeLessThanOrEqual(1.5e9);
    // 64M touched by stress's vm worker, plus the idle process
    const ki = Number(hog.containers[0].usage.memory.replace(/Ki$/, ''));
    expect(ki * 1024).toBeGreaterThan(64_000_000);
    const stats = c.containerStats().flatMap((n) => n.containers).find((x) => x.pod === 'hog')!;
    expect(ki).toBe(Math.floor(stats.workingSetBytes / 1024));
    expect(body(get(c, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Didle')).items).toHaveLength(1);
    expect(get(c, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope').code).toBe(404);
    // a node: its system working set and its containers'
    const nodes = body(get(c, '/apis/metrics.k8s.io/v1beta1/nodes')).items;
    expect(nodes.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-1', 'node-2']);
    for (const n of c.containerStats()) {
      const m = nodes.find((x: { metadata: { name: string } }) => x.metadata.name === n.node);
      expect(m.usage.memory).toBe(`${Math.floor((n.systemBytes + n.containers.reduce((t, x) => t + x.workingSetBytes, 0)) / 1024)}Ki`);
    }
  });

  it('is the same for every run of a seed', () => {
    const a = cluster();
    const b = cluster();
    a.advance(40_000);
    b.advance(40_000);
    expect(get(a, '/apis/metrics.k8s.io/v1beta1/pods').body).toBe(get(b, '/apis/metrics.k8s.io/v1beta1/pods').body);
    expect(get(a, '/apis/metrics.k8s.io/v1beta1/nodes').body).toBe(get(b, '/apis/metrics.k8s.io/v1beta1/nodes').body);
  });
});
