// Tests in the shape of sample-controller's controller_test.go: preload the listers, call
// syncHandler once and check the API actions it asks for (replica_set_test.go facts).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import type { ControllerHost, ControllersState, EventSpec } from '../controller';
import { ReplicaSetController } from './replica-set';

type Obj = Record<string, any>;

class Fixture implements ControllerHost {
  stores: Record<string, Record<string, KObject>> = { pods: {}, replicasets: {}, deployments: {} };
  st: ControllersState = { rsExpectations: {} };
  queued: string[] = [];
  nowMs = 100_000;
  events: EventSpec[] = [];
  now = () => this.nowMs;
  lister = (r: 'pods' | 'replicasets' | 'deployments') => this.stores[r];
  enqueue = (_c: string, key: string) => void this.queued.push(key);
  enqueueAfter = (_c: string, key: string) => void this.queued.push(`after:${key}`);
  state = () => this.st;
  recordEvent = (ev: EventSpec) => void this.events.push(ev);
  put(o: KObject): this {
    this.stores[o.kind === 'Pod' ? 'pods' : 'replicasets'][`default/${o.metadata.name}`] = o;
    return this;
  }
}

function newRS(replicas: number, extra: Obj = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'foo', namespace: 'default', uid: 'rs-uid', generation: 1, resourceVersion: '10' },
    spec: { replicas, selector: { matchLabels: { app: 'foo' } }, template: { metadata: { labels: { app: 'foo' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...extra },
    status: { replicas: 0 },
  } as KObject;
}

function newPod(name: string, owner: KObject | null, o: Obj = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'foo' }, creationTimestamp: rfc3339(0), ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] : undefined, ...o.meta },
    spec: { nodeName: o.node ?? 'n1' },
    status: { phase: o.phase ?? 'Running', conditions: o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(0) }] : [] },
  } as KObject;
}

describe('ReplicaSetController.syncHandler', () => {
  it('creates the missing pods in slow-start batches and expects them', () => {
    const f = new Fixture().put(newRS(5));
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    expect(plan.batches.map((b) => b.length)).toEqual([1, 2, 2]);
    const create = plan.batches[0][0];
    expect(create.req).toMatchObject({ verb: 'create', resource: 'pods', namespace: 'default' });
    expect(create.req.body!.metadata).toMatchObject({ generateName: 'foo-', labels: { app: 'foo' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'foo', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }] });
    expect(create.onSuccess).toMatchObject({ reason: 'SuccessfulCreate', message: 'Created pod: {name}', source: 'replicaset-controller' });
    expect(plan).toMatchObject({ desired: 5, actual: 0, action: 'create 5 pod(s)' });
    expect(f.st.rsExpectations['default/foo']).toMatchObject({ add: 5, del: 0 });
  });

  it('does nothing while expectations are unfulfilled', () => {
    const f = new Fixture().put(newRS(2));
    const c = new ReplicaSetController(f);
    c.syncHandler('default/foo');
    const again = c.syncHandler('default/foo');
    expect(again.batches.flat().filter((op) => op.tag === 'createPod')).toEqual([]);
  });

  it('caps one sync at burstReplicas (500)', () => {
    const f = new Fixture().put(newRS(700));
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    expect(plan.batches.flat().length).toBe(500);
  });

  it('deletes the surplus, choosing the pods to go by rank', () => {
    const rs = newRS(1);
    const f = new Fixture().put(rs).put(newPod('ready', rs, { ready: true })).put(newPod('pending', rs, { phase: 'Pending' }));
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    const [del] = plan.batches.flat();
    expect(del.req).toMatchObject({ verb: 'delete', resource: 'pods', name: 'pending' });
    expect(del.onSuccess).toMatchObject({ reason: 'SuccessfulDelete', message: 'Deleted pod: pending' });
    expect(f.st.rsExpectations['default/foo']).toMatchObject({ add: 0, del: 1, deleting: { 'default/pending': true } });
  });

  it('adopts a matching orphan and releases an owned pod that stopped matching', () => {
    const rs = newRS(2);
    const stray = newPod('stray', rs);
    (stray.metadata.labels as Obj).app = 'other';
    const f = new Fixture().put(rs).put(newPod('orphan', null)).put(stray);
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    const [claims] = plan.batches;
    expect(claims.map((op) => [op.tag, op.req.name])).toEqual([['adopt', 'orphan'], ['release', 'stray']]);
    expect((claims[0].req.body as Obj).metadata.ownerReferences[0]).toMatchObject({ uid: 'rs-uid', controller: true });
    expect(plan.batches.flat().filter((op) => op.tag === 'createPod')).toHaveLength(1);
  });

  it('ignores terminating and finished pods and writes the status with observedGeneration', () => {
    const rs = newRS(1);
    const f = new Fixture().put(rs).put(newPod('a', rs, { ready: true })).put(newPod('gone', rs, { meta: { deletionTimestamp: rfc3339(0) } })).put(newPod('done', rs, { phase: 'Succeeded' }));
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    expect(plan).toMatchObject({ desired: 1, actual: 1, action: 'update status' });
    const [[status]] = plan.batches;
    expect(status.req).toMatchObject({ verb: 'update', resource: 'replicasets', subresource: 'status' });
    expect((status.req.body as Obj).status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('counts a ready pod as available only after minReadySeconds, and looks again then', () => {
    const rs = newRS(1, { minReadySeconds: 30 });
    const f = new Fixture().put(rs).put(newPod('a', rs, { ready: true }));
    f.nowMs = 10_000;
    const plan = new ReplicaSetController(f).syncHandler('default/foo');
    expect((plan.batches[0][0].req.body as Obj).status).toMatchObject({ readyReplicas: 1 });
    expect((plan.batches[0][0].req.body as Obj).status.availableReplicas).toBeUndefined();
    expect(plan.requeueAfterMs).toBe(30_000);
  });

  it('enqueues the owner when a pod appears and observes the creation', () => {
    const rs = newRS(1);
    const f = new Fixture().put(rs);
    const c = new ReplicaSetController(f);
    c.syncHandler('default/foo');
    c.onWatch('pods', 'ADDED', newPod('a', rs), undefined);
    expect(f.queued).toEqual(['default/foo']);
    expect(f.st.rsExpectations['default/foo'].add).toBe(0);
  });
});
