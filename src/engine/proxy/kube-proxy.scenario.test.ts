// Seed 003: kube-proxy, a per-node load balancer. Each node's kube-proxy watches Services and
// EndpointSlices and rewrites its iptables rules when they change.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';
import type { ProxyRules } from './iptables/proxier';
import { routeRequest } from './route';

const web = (replicas: number) => `apiVersion: apps/v1
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
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.100.100
  selector: {app: web}
  ports:
  - {port: 80, targetPort: 80}
`;

/** The rules a node's kube-proxy last wrote (from its latest kube-proxy.sync). */
const rulesOn = (t: TestCluster, node: string) => t.traceOf('kube-proxy.sync').filter((e) => e.to === `kube-proxy:${node}`).at(-1)!.detail as ProxyRules;

describe('kube-proxy', () => {
  it('programs every node with the Service → pod rules once the pods are ready', () => {
    const t = TestCluster.create().apply(web(3)).runUntilIdle();
    const ips = t.c.list('Pod', 'default', 'app=web').map((p) => `${(p.status as Record<string, string>).podIP}:80`).sort();
    for (const node of t.c.nodeNames()) {
      const r = rulesOn(t, node);
      expect(r.services).toHaveLength(1);
      expect(r.services[0]).toMatchObject({ name: 'default/web', clusterIP: '10.96.100.100', port: 80, reject: false });
      expect(r.services[0].endpoints.map((e) => [e.endpoint, e.probability])).toEqual([
        [ips[0], '0.3333333333'],
        [ips[1], '0.5000000000'],
        [ips[2], null],
      ]);
    }
    let i = 0;
    const res = routeRequest(rulesOn(t, 'node-1'), '10.96.100.100', 80, () => [0.9, 0.1][i++]);
    expect(res).toMatchObject({ verdict: 'DNAT', endpoint: ips[1] });
    // kube-proxy's own requests are authorised by system:node-proxier
    expect(t.traceOf('apiserver.authorize').filter((e) => e.params.user === 'system:kube-proxy' && !e.params.allowed)).toEqual([]);
  });

  it('rejects traffic to a Service whose pods are all gone, and traces the change as a story step', () => {
    const t = TestCluster.create().apply(web(2)).runUntilIdle();
    t.apply(web(0)).runUntilIdle();
    const r = rulesOn(t, 'node-2');
    expect(r.services[0]).toMatchObject({ reject: true, endpoints: [] });
    expect(routeRequest(r, '10.96.100.100', 80, () => 0.5).verdict).toBe('REJECT');
    const last = t.traceOf('kube-proxy.sync').filter((e) => e.to === 'kube-proxy:node-2' && e.params.changed).at(-1)!;
    expect(last.ambient).toBeUndefined();
    expect(last.params).toMatchObject({ node: 'node-2', services: 1, endpoints: 0, changed: true });
  });

  it('syncs at most once per second and traces unchanged periodic syncs as ambient', () => {
    const t = TestCluster.create().apply(web(3)).runUntilIdle().runFor(65_000);
    const syncs = t.traceOf('kube-proxy.sync').filter((e) => e.to === 'kube-proxy:node-3');
    for (let i = 1; i < syncs.length; i++) expect(syncs[i].t - syncs[i - 1].t).toBeGreaterThanOrEqual(1000);
    const quiet = syncs.filter((e) => e.ambient);
    expect(quiet.length).toBeGreaterThanOrEqual(2);
    expect(quiet.every((e) => e.params.changed === false)).toBe(true);
  });

  it('is deterministic: same seed, same rules and same trace', () => {
    const run = () => TestCluster.create({ seed: 9 }).apply(web(3)).runUntilIdle().traceOf('kube-proxy.sync').map((e) => [e.t, e.to, e.ambient, JSON.stringify(e.detail)]);
    expect(run()).toEqual(run());
  });
});
