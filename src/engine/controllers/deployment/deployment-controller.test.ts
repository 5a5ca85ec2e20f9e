// syncDeployment on preloaded listers (sample-controller controller_test.go style): the writes
// it asks for, for proportional scaling (sync_test.go TestScale facts), pause, the progress
// deadline (progress_test.go) and the first rollout.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import type { ControllerHost, ControllersState, EventSpec } from '../controller';
import { DeploymentController } from './deployment-controller';
import { computeHash, safeEncodeString } from '../hash';

type Obj = Record<string, any>;

class Fixture implements ControllerHost {
  stores: Record<string, Record<string, KObject>> = { pods: {}, replicasets: {}, deployments: {} };
  st: ControllersState = { rsExpectations: {} };
  nowMs = 1_000_000;
  now = () => this.nowMs;
  lister = (r: 'pods' | 'replicasets' | 'deployments') => this.stores[r];
  enqueue = () => {};
  enqueueAfter = () => {};
  state = () => this.st;
  recordEvent = (_ev: EventSpec) => {};
  put(o: KObject): this {
    this.stores[o.kind === 'Deployment' ? 'deployments' : 'replicasets'][`default/${o.metadata.name}`] = o;
    return this;
  }
}

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });
function deploy(replicas: number, o: Obj = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 2, resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template(o.image ?? 'nginx:2'), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? 3, maxUnavailable: 2 } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, paused: o.paused },
    status: o.status ?? {},
  } as KObject;
}
function rs(name: string, image: string, replicas: number, rev: string, created: number, o: Obj = {}): KObject {
  const t = template(image);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: rfc3339(created), labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }], annotations: { 'deployment.kubernetes.io/revision': rev, 'deployment.kubernetes.io/desired-replicas': String(o.desired ?? 10), 'deployment.kubernetes.io/max-replicas': String(o.max ?? 13) } },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: t },
    status: { replicas, availableReplicas: o.available ?? 0, observedGeneration: 1 },
  } as KObject;
}

describe('DeploymentController.syncHandler', () => {
  it('creates the first ReplicaSet <deploy>-<hash> with the revision annotations', () => {
    const d = deploy(3);
    d.metadata.annotations = {};
    const f = new Fixture().put(d);
    const plan = new DeploymentController(f).syncHandler('default/web');
    const create = plan.batches.flat().find((op) => op.tag === 'createRS')!;
    const body = create.req.body as Obj;
    const hash = computeHash((d.spec as Obj).template);
    expect(body.metadata.name).toBe(`web-${hash}`);
    expect(body.spec.replicas).toBe(3);
    expect(body.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(body.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '6' });
    expect(create.onSuccess?.message).toBe(`Scaled up replica set web-${hash} from 0 to 3`);
    const status = plan.batches.flat().find((op) => op.tag === 'status')!;
    expect((status.req.body as Obj).status.conditions[0]).toMatchObject({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "web-${hash}"` });
  });

  it('scales proportionally when resized mid-rollout (leftovers to the largest)', () => {
    const f = new Fixture().put(deploy(20)).put(rs('old', 'nginx:1', 8, '1', 0)).put(rs('new', 'nginx:2', 5, '2', 1000));
    const plan = new DeploymentController(f).syncHandler('default/web');
    const scaled = plan.batches.flat().filter((op) => op.tag === 'updateRS');
    expect(scaled.map((op) => [op.req.name, (op.req.body!.spec as Obj).replicas, op.onSuccess?.message])).toEqual([
      ['old', 14, 'Scaled up replica set old from 8 to 14'],
      ['new', 9, 'Scaled up replica set new from 5 to 9'],
    ]);
    expect((scaled[0].req.body as Obj).metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '20', 'deployment.kubernetes.io/max-replicas': '23' });
  });

  it('does not roll out while paused, and says so in Progressing', () => {
    const f = new Fixture().put(deploy(10, { paused: true, image: 'nginx:3' })).put(rs('cur', 'nginx:2', 10, '2', 0, { available: 10 }));
    const plan = new DeploymentController(f).syncHandler('default/web');
    expect(plan.batches.flat().some((op) => op.tag === 'createRS')).toBe(false);
    const status = plan.batches.flat().find((op) => op.tag === 'status')!;
    expect((status.req.body as Obj).status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }));
  });

  it('reports ProgressDeadlineExceeded once lastUpdateTime + deadline has passed', () => {
    const cond = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: rfc3339(0), lastTransitionTime: rfc3339(0) };
    const d = deploy(1, { maxSurge: 1, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1, conditions: [cond] } });
    const f = new Fixture().put(d).put(rs('cur', 'nginx:2', 1, '2', 0, { desired: 1, max: 2 }));
    f.nowMs = 601_000;
    const plan = new DeploymentController(f).syncHandler('default/web');
    const status = plan.batches.flat().find((op) => op.tag === 'status')!;
    expect((status.req.body as Obj).status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "cur" has timed out progressing.' }));
  });

  it('re-checks a stuck rollout when its deadline would pass (+1 s)', () => {
    const cond = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "cur" is progressing.', lastUpdateTime: rfc3339(1_000_000), lastTransitionTime: rfc3339(0) };
    const avail = { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: rfc3339(0), lastTransitionTime: rfc3339(0) };
    const d = deploy(1, { maxSurge: 1, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1, conditions: [avail, cond] } });
    (d.spec as Obj).strategy.rollingUpdate.maxUnavailable = 0;
    const f = new Fixture().put(d).put(rs('cur', 'nginx:2', 1, '2', 0, { desired: 1, max: 2 }));
    f.nowMs = 1_003_000;
    const plan = new DeploymentController(f).syncHandler('default/web');
    expect(plan.batches).toEqual([]);
    expect(plan.requeueAfterMs).toBe(600_000 - 3_000 + 1_000);
  });
});

describe('ComputeHash', () => {
  it('renders the FNV-32a value with SafeEncodeString and changes with collisionCount', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    const t = template('nginx:1.27');
    expect(computeHash(t)).toBe(computeHash(structuredClone(t)));
    expect(computeHash(t)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(template('nginx:1.28'))).not.toBe(computeHash(t));
  });
});
