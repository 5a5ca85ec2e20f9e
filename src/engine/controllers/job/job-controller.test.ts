// Tests in the shape of sample-controller's controller_test.go (and job_controller_test.go
// TestControllerSyncJob): preload the listers, call syncHandler once, check the planned writes.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import type { ControllerHost, ControllersState, EventSpec } from '../controller';
import { JobController } from './job-controller';

type Obj = Record<string, any>;

class Fixture implements ControllerHost {
  stores: Record<string, Record<string, KObject>> = { pods: {}, jobs: {} };
  st: ControllersState = { rsExpectations: {} };
  nowMs = 100_000;
  events: EventSpec[] = [];
  now = () => this.nowMs;
  lister = (r: string) => (this.stores[r] ??= {});
  enqueue = () => {};
  enqueueAfter = () => {};
  state = () => this.st;
  recordEvent = (ev: EventSpec) => void this.events.push(ev);
  put(o: KObject): this {
    this.stores[o.kind === 'Pod' ? 'pods' : 'jobs'][`default/${o.metadata.name}`] = o;
    return this;
  }
}

const LABELS = { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'pi' };

function newJob(spec: Obj = {}, status: Obj = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid', generation: 1, resourceVersion: '7' },
    spec: { completions: 3, parallelism: 2, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } }, template: { metadata: { labels: LABELS }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
    status,
  } as KObject;
}

function newPod(name: string, phase: string, finishedSec?: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: LABELS, creationTimestamp: rfc3339(0), ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true }] },
    spec: { nodeName: 'n1' },
    status: { phase, containerStatuses: finishedSec === undefined ? [] : [{ name: 'c', state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: rfc3339(finishedSec * 1000) } } }] },
  } as KObject;
}

const tags = (batches: { tag?: string }[][]) => batches.map((b) => b.map((op) => op.tag));

describe('JobController.syncHandler', () => {
  it('creates up to parallelism pods in slow-start batches, then writes startTime and active', () => {
    const f = new Fixture().put(newJob());
    const plan = new JobController(f).syncHandler('default/pi');
    expect(tags(plan.batches)).toEqual([['createPod'], ['createPod'], ['status']]);
    const create = plan.batches[0][0];
    expect(create.req.body!.metadata).toMatchObject({ generateName: 'pi-', labels: LABELS, ownerReferences: [{ kind: 'Job', name: 'pi', uid: 'job-uid', controller: true, blockOwnerDeletion: true }] });
    expect(create.onSuccess).toMatchObject({ source: 'job-controller', reason: 'SuccessfulCreate', message: 'Created pod: {name}' });
    expect(plan.batches[2][0].req.body!.status).toEqual({ startTime: rfc3339(100_000), active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
    expect(f.st.job!.expectations['default/pi']).toMatchObject({ add: 2 });
    expect(plan.action).toBe('create 2 pod(s)');
  });

  it('waits out the pod failure back-off before replacing a failed pod', () => {
    const f = new Fixture().put(newJob({ completions: 1, parallelism: 1 }, { startTime: rfc3339(0), active: 1, terminating: 0, ready: 0 })).put(newPod('pi-a', 'Failed', 95));
    const plan = new JobController(f).syncHandler('default/pi');
    expect(tags(plan.batches)).toEqual([['status']]);
    expect(plan.requeueAfterMs).toBe(5_000);
    expect(plan.action).toBe('wait pod failure back-off 5s');
    expect(plan.batches[0][0].req.body!.status).toMatchObject({ failed: 1 });
  });

  it('marks SuccessCriteriaMet then Complete when completions are reached', () => {
    const f = new Fixture().put(newJob({}, { startTime: rfc3339(0), active: 1, succeeded: 2, terminating: 0, ready: 0 }));
    f.put(newPod('pi-a', 'Succeeded', 90));
    const c = new JobController(f);
    f.st.job = { expectations: {}, backoff: {}, counted: { 'default/pi': {} } };
    // two earlier pods were counted already and are gone; this is the third success
    const plan = c.syncHandler('default/pi');
    expect(tags(plan.batches)).toEqual([['status'], ['statusFinished']]);
    const s1 = plan.batches[0][0].req.body!.status as Obj;
    const s2 = plan.batches[1][0].req.body!.status as Obj;
    expect(s1.conditions.map((x: Obj) => x.type)).toEqual(['SuccessCriteriaMet']);
    expect(s2.conditions.map((x: Obj) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(s2).toMatchObject({ succeeded: 3, completionTime: rfc3339(100_000) });
    expect(plan.batches[1][0].onSuccess).toMatchObject({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
  });

  it('fails the job at the backoff limit (FailureTarget, then Failed once nothing terminates)', () => {
    const f = new Fixture().put(newJob({ completions: 1, parallelism: 1, backoffLimit: 0 }, { startTime: rfc3339(0), active: 1, terminating: 0, ready: 0 })).put(newPod('pi-a', 'Failed', 99));
    const plan = new JobController(f).syncHandler('default/pi');
    expect(tags(plan.batches)).toEqual([['status'], ['statusFinished']]);
    expect((plan.batches[1][0].req.body!.status as Obj).conditions.map((x: Obj) => [x.type, x.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    expect(plan.batches[1][0].onSuccess).toMatchObject({ type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  });
});
