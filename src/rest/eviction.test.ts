// The disruption controller's PDB status and the eviction subresource, through the REST layer on a real cluster.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine';
import { traceHash } from '../engine/vopr/fnv';
import { type RestRequest, type RestResponse, handle } from './handler';

function req(cluster: Cluster, method: string, url: string, body?: unknown): RestResponse {
  const r: RestRequest = { method, url, headers: { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' } };
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

  it('answers 404 for a missing pod', () => {
    expect(parsed(evict(c, 'nope'))).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
  });

  it('replays the budget, its controller and the evictions to the same trace', () => {
    c.runUntilIdle();
    const replay = createCluster({ seed: 7, nodes: 2, inputs: c.inputs() });
    while (replay.trace().length < c.trace().length && replay.nextDueMs() !== undefined) replay.step();
    expect(traceHash(replay.trace().slice(0, c.trace().length))).toBe(traceHash(c.trace()));
    expect(c.trace().some((e) => e.type === 'controller.sync' && (e.params as Record<string, unknown>).controller === 'disruption')).toBe(true);
  });
});

const pod = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...extra } });
const pdb = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec });
const statusOf = (c: Cluster, name: string) => c.get('PodDisruptionBudget', 'default', name)!.status as Record<string, any>;

describe('the disruption controller over other shapes of budget, and what eviction skips', () => {
  let c: Cluster;
  const post = (url: string, body: unknown) => expect(req(c, 'POST', url, body).code).toBe(201);
  beforeAll(() => {
    c = createCluster({ seed: 5, nodes: 2 });
    c.runUntilIdle();
    post('/apis/apps/v1/namespaces/default/deployments', { ...DEPLOY, metadata: { name: 'api' }, spec: { ...DEPLOY.spec, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: DEPLOY.spec.template.spec } } });
    post('/apis/apps/v1/namespaces/default/daemonsets', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36', command: ['sleep', '3600'] }] } } } });
    post('/api/v1/namespaces/default/pods', pod('solo', { app: 'solo' }));
    post('/api/v1/namespaces/default/pods', pod('stuck', { app: 'stuck' }, { nodeSelector: { disk: 'none' } }));
    c.runUntilIdle();
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('api-pdb', { maxUnavailable: '34%', selector: { matchLabels: { app: 'api' } } }));
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('agent-pdb', { minAvailable: '50%', selector: { matchLabels: { app: 'agent' } } }));
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('solo-pdb', { minAvailable: 1, selector: { matchLabels: { app: 'solo' } } }));
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('stuck-pdb', { minAvailable: 1, selector: { matchLabels: { app: 'stuck' } } }));
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('nobody', { minAvailable: 1, selector: { matchLabels: { app: 'nobody' } } }));
    c.runUntilIdle();
  });

  it('scales a percentage from the Deployment (maxUnavailable rounds up)', () => {
    expect(statusOf(c, 'api-pdb')).toMatchObject({ expectedPods: 3, currentHealthy: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
  });

  it('fails safe when a pod is owned by a kind without a scale subresource (a DaemonSet with a percentage)', () => {
    const st = statusOf(c, 'agent-pdb');
    expect(st.disruptionsAllowed).toBe(0);
    expect(st.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' }));
    const events = c.list('Event', 'default').filter((e) => (e as any).involvedObject?.name === 'agent-pdb');
    expect(events.map((e) => `${(e as any).reason}: ${(e as any).message}`)).toContain('CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource');
  });

  it('counts an unmanaged pod with an integer minAvailable, and refuses its eviction', () => {
    expect(statusOf(c, 'solo-pdb')).toMatchObject({ expectedPods: 1, currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(statusOf(c, 'solo-pdb').conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(evict(c, 'solo').code).toBe(429);
  });

  it('records NoPods for a budget that selects nothing', () => {
    const events = c.list('Event', 'default').filter((e) => (e as any).involvedObject?.name === 'nobody');
    expect(events.map((e) => `${(e as any).type} ${(e as any).reason}: ${(e as any).message}`)).toContain('Normal NoPods: No matching pods found');
  });

  it('evicts a Pending pod without asking its budget (canIgnorePDB)', () => {
    expect(statusOf(c, 'stuck-pdb').disruptionsAllowed).toBe(0);
    expect(evict(c, 'stuck').code).toBe(201);
    c.runUntilIdle();
    expect(c.get('Pod', 'default', 'stuck')).toBeUndefined();
  });

  it('answers 500 when two budgets cover the pod, and accepts a policy/v1beta1 Eviction', () => {
    post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('api-pdb-2', { minAvailable: 1, selector: { matchLabels: { app: 'api' } } }));
    c.runUntilIdle();
    const name = c.list('Pod', 'default', 'app=api')[0].metadata.name;
    const r = evict(c, name);
    expect(r.code).toBe(500);
    expect(parsed(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 });
    expect(req(c, 'DELETE', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/api-pdb-2').code).toBe(200);
    c.runUntilIdle();
    const beta = req(c, 'POST', `/api/v1/namespaces/default/pods/${name}/eviction`, { apiVersion: 'policy/v1beta1', kind: 'Eviction', metadata: { name }, deleteOptions: { gracePeriodSeconds: 0 } });
    expect(beta.code).toBe(201);
    expect(statusOf(c, 'api-pdb').disruptedPods).toHaveProperty(name);
  });

  it('answers 429 while the controller has not observed a new generation of the budget', () => {
    expect(req(c, 'PATCH', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/solo-pdb', { spec: { minAvailable: 0 } }).code).toBe(200);
    const r = parsed(evict(c, 'solo'));
    expect(r).toMatchObject({ code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget.", details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget solo-pdb is still being processed by the server.' }], retryAfterSeconds: 10 } });
    c.runUntilIdle();
    expect(statusOf(c, 'solo-pdb')).toMatchObject({ observedGeneration: 2, disruptionsAllowed: 1 });
    expect(evict(c, 'solo').code).toBe(201);
  });
});
