import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import type { Msg } from '../kernel/types';
import { Etcd } from '../etcd/etcd';
import { ApiServer } from './apiserver';
import type { ApiRequest, ApiResponse, WatchEvent } from '../api/wire';

const ADMIN = { user: 'kubernetes-admin', groups: ['system:masters'] };

/** A fake client that records what the apiserver answers (sample-controller's fake clientset, inverted). */
function setup() {
  const k = new Kernel(1);
  k.register(new Etcd('etcd-0', k));
  k.register(new ApiServer(k, 'etcd-0'));
  const got: Msg[] = [];
  k.register({ id: 'client', s: {}, receive: (m) => got.push(m) });
  k.send('test', 'kube-apiserver', { type: 'START' });
  while (k.hasStoryWork() && k.runOne()); // the apiserver's bookmark and compaction timers are periodic
  let reqId = 1;
  const call = (r: Partial<ApiRequest>): ApiResponse => {
    const id = reqId++;
    k.send('client', 'kube-apiserver', { type: 'API_REQUEST', reqId: id, credential: ADMIN, ...r } as ApiRequest, 1);
    while (k.hasStoryWork() && k.runOne()); // the apiserver's bookmark and compaction timers are periodic
    return got.find((m) => m.type === 'API_RESPONSE' && (m as ApiResponse).reqId === id) as ApiResponse;
  };
  // what kube-controller-manager's ServiceAccount controller would create: ServiceAccount admission needs it
  call({ verb: 'create', resource: 'serviceaccounts', namespace: 'default', body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } } as never });
  return { k, got, call };
}

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  ...extra,
});

describe('kube-apiserver', () => {
  it('creates a Pod: 201, uid, creationTimestamp, resourceVersion = etcd revision, status Pending, defaults', () => {
    const { call } = setup();
    const r = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never });
    expect(r.code).toBe(201);
    const o = r.object as Record<string, any>;
    expect(o.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.metadata.creationTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Number(o.metadata.resourceVersion)).toBeGreaterThan(1);
    expect(o.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(o.spec).toMatchObject({ restartPolicy: 'Always', schedulerName: 'default-scheduler', priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(o.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('answers AlreadyExists (409) for a second create and NotFound (404) for a missing object', () => {
    const { call } = setup();
    call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never });
    const again = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never });
    expect(again.code).toBe(409);
    expect(again.status).toMatchObject({ reason: 'AlreadyExists', message: 'pods "nginx" already exists' });
    const missing = call({ verb: 'get', resource: 'pods', namespace: 'default', name: 'nope' });
    expect(missing.status).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
  });

  it('rejects an invalid Pod with 422 Invalid and field causes', () => {
    const { call } = setup();
    const r = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('x', { spec: { containers: [{ name: 'web' }] } }) as never });
    expect(r.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'Pod "x" is invalid: spec.containers[0].image: Required value' });
    expect(r.status?.details?.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }]);
  });

  it('rejects a stale resourceVersion with 409 Conflict', () => {
    const { call } = setup();
    const created = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never }).object as Record<string, any>;
    const upd = { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } } as never;
    expect(call({ verb: 'update', resource: 'pods', namespace: 'default', name: 'nginx', body: upd }).code).toBe(200);
    const stale = call({ verb: 'update', resource: 'pods', namespace: 'default', name: 'nginx', body: upd });
    expect(stale.status).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "nginx": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('takes a resourceVersion inside a patch as a precondition: stale ⇒ 409 Conflict (found by the VOPR)', () => {
    const { call } = setup();
    const created = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never }).object as Record<string, any>;
    const rv = created.metadata.resourceVersion;
    const patch = (body: Record<string, unknown>) => call({ verb: 'patch', resource: 'pods', namespace: 'default', name: 'nginx', body: body as never });
    expect(patch({ metadata: { labels: { a: 'b' }, resourceVersion: rv } }).code).toBe(200);
    const stale = patch({ metadata: { labels: { a: 'c' }, resourceVersion: rv } });
    expect(stale.status).toMatchObject({ code: 409, reason: 'Conflict', message: 'Operation cannot be fulfilled on pods "nginx": the object has been modified; please apply your changes to the latest version and try again' });
    // without one, a patch applies to whatever is current
    expect(patch({ metadata: { labels: { a: 'd' } } }).code).toBe(200);
  });

  it('forbids an unknown user with the RBAC message', () => {
    const { call } = setup();
    const r = call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never, credential: { user: 'alice', groups: [] } });
    expect(r.status).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"' });
  });

  it('deletes a scheduled pod gracefully (deletionTimestamp = now + 30 s) and an unscheduled one at once', () => {
    const { call, k } = setup();
    call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('a', { spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx' }] } }) as never });
    call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('b') as never });
    const t = k.now();
    const a = call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'a' }).object as Record<string, any>;
    expect(a.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(a.metadata.deletionTimestamp).toBeDefined();
    expect(call({ verb: 'get', resource: 'pods', namespace: 'default', name: 'a' }).code).toBe(200);
    call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'b' });
    expect(call({ verb: 'get', resource: 'pods', namespace: 'default', name: 'b' }).code).toBe(404);
    // the kubelet's final delete with grace 0 removes it
    call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'a', options: { gracePeriodSeconds: 0 } });
    expect(call({ verb: 'get', resource: 'pods', namespace: 'default', name: 'a' }).code).toBe(404);
    expect(k.now()).toBeGreaterThan(t);
  });

  it('streams watch events filtered by field selector: a pod moving into the selector is ADDED', () => {
    const { call, got } = setup();
    call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('nginx') as never });
    const w = call({ verb: 'watch', resource: 'pods', options: { fieldSelector: 'spec.nodeName=node-2', resourceVersion: '0' } });
    expect(w.code).toBe(200);
    const bind = call({ verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'default', name: 'nginx', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'nginx' }, target: { kind: 'Node', name: 'node-2' } } as never });
    expect(bind.code).toBe(201);
    const evs = got.filter((m) => m.type === 'WATCH_EVENT') as WatchEvent[];
    expect(evs.map((e) => [e.eventType, e.object.metadata.name])).toEqual([['ADDED', 'nginx']]);
    expect((evs[0].object as Record<string, any>).status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }]);
    const second = call({ verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'default', name: 'nginx', body: { target: { kind: 'Node', name: 'node-1' } } as never });
    expect(second.status?.message).toBe('Operation cannot be fulfilled on pods/binding "nginx": pod nginx is already assigned to node "node-2"');
  });
});
