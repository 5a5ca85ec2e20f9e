// The disruption controller's PDB status and the eviction subresource, through the REST layer on a real cluster.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine';
import { type RestRequest, type RestResponse, handle } from './handler';

function req(cluster: Cluster, method: string, url: string, body?: unknown): RestResponse {
  const r: RestRequest = { method, url, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) r.body = JSON.stringify(body);
  return handle({ cluster, serverAddress: '127.0.0.1:6443' }, r);
}
const parsed = (r: RestResponse) => JSON.parse(r.body);

const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};
const PDB = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } };
const evict = (c: Cluster, name: string) => req(c, 'POST', `/api/v1/namespaces/default/pods/${name}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } });
const pdbStatus = (c: Cluster) => c.get('PodDisruptionBudget', 'default', 'web-pdb')!.status as Record<string, any>;
const webPods = (c: Cluster) => c.list('Pod', 'default', 'app=web').filter((p) => !p.metadata.deletionTimestamp);

describe('disruption controller and pods/eviction', () => {
  let c: Cluster;
  beforeAll(() => {
    c = createCluster({ seed: 7, nodes: 2 });
    c.runUntilIdle();
    expect(req(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', DEPLOY).code).toBe(201);
    c.runUntilIdle();
    expect(req(c, 'POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', PDB).code).toBe(201);
    c.runUntilIdle();
  });

  it('keeps the PDB status from the pods its selector matches', () => {
    const st = pdbStatus(c);
    expect(st).toMatchObject({ observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(st.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: expect.any(String) }]);
  });

  it('evicts while the budget allows (201 Status Success), then answers 429 with the upstream message', () => {
    const [a, b] = webPods(c);
    const ok = evict(c, a.metadata.name);
    expect(ok.code).toBe(201);
    expect(parsed(ok)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
    const gone = c.get('Pod', 'default', a.metadata.name)!;
    expect(gone.metadata.deletionTimestamp).toBeDefined();
    expect((gone.status as any).conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }));
    const st = pdbStatus(c);
    expect(st.disruptionsAllowed).toBe(0);
    expect(Object.keys(st.disruptedPods)).toEqual([a.metadata.name]);
    const no = evict(c, b.metadata.name);
    expect(no.code).toBe(429);
    expect(parsed(no)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 3 currently' }] },
      code: 429,
    });
  });

  it('allows again once the replacement is ready, and drops the evicted pod from disruptedPods', () => {
    c.runUntilIdle();
    const st = pdbStatus(c);
    expect(st).toMatchObject({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(st.disruptedPods).toBeUndefined();
  });

  it('answers 404 for a missing pod and deletes a pod no budget covers', () => {
    expect(parsed(evict(c, 'nope'))).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
  });
});
