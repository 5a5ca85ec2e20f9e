import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent } from '../engine';
import { narrationParams } from './params';
import { podStatusColumn, resolveFenceposts } from './params-workloads';

const ev = (type: string, params: Record<string, unknown>, detail?: unknown) =>
  ({ seq: 1, t: 0, type, from: 'a', to: 'b', key: type, params, detail, object: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u', resourceVersion: '1' } }) as unknown as AnyTraceEvent;

describe('workload narration params', () => {
  it('resolves maxSurge up and maxUnavailable down, as ResolveFenceposts', () => {
    expect(resolveFenceposts('25%', '25%', 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('0%', '0%', 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(2, 0, 10)).toEqual({ surge: 2, unavailable: 0 });
  });

  it('prints the STATUS column from the container state, else the phase', () => {
    expect(podStatusColumn({ status: { phase: 'Running', containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] } })).toBe('CrashLoopBackOff');
    expect(podStatusColumn({ status: { phase: 'Running', containerStatuses: [{ state: { terminated: { reason: 'Error', exitCode: 1 } } }] } })).toBe('Error');
    expect(podStatusColumn({ status: { phase: 'Pending' } })).toBe('Pending');
    expect(podStatusColumn({ metadata: { deletionTimestamp: 'x' }, status: { phase: 'Running' } })).toBe('Terminating');
  });

  it('lists the pods a ReplicaSet deletes in its order, and the nodes the scheduler filtered out', () => {
    const d = narrationParams(ev('controller.sync', {}, { writes: ['delete pods a', 'delete pods b', 'update replicasets/status x'] }), 'deleting');
    expect(d).toMatchObject({ deleting: 'a and b', deletingCount: 2, firstDeleted: 'a' });
    const r = narrationParams(ev('scheduler.decision', {}, { filter: { 'node-1': ['Insufficient cpu'], 'node-2': [] }, rejectedBy: { 'node-1': 'NodeResourcesFit' } }), 'rejections');
    expect(r).toMatchObject({ rejected: 'node-1: Insufficient cpu', rejectedCount: 1, rejectedBy: 'NodeResourcesFit' });
    const g = narrationParams(ev('scheduler.filter', {}, { filter: { 'node-1': ['Insufficient cpu'], 'node-2': ['Insufficient cpu'], 'node-3': ['node(s) had untolerated taint {a: b}'] } }), 'rejections');
    expect(g.rejected).toBe('node-1 and node-2: Insufficient cpu; node-3: node(s) had untolerated taint {a: b}');
  });

  it('reads the pod and the ReplicaSet as stored', () => {
    const p = narrationParams(ev('etcd.put', { revision: 9 }), 'pod', {
      spec: { nodeName: 'node-2' },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] },
    } as never);
    expect(p).toMatchObject({ revision: 9, node: 'node-2', scheduled: true, restarts: 3, waiting: 'CrashLoopBackOff', lastExitCode: 1, statusColumn: 'CrashLoopBackOff' });
    const rs = narrationParams(ev('etcd.put', { revision: 12 }), 'rollout', {
      metadata: { annotations: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' } },
      spec: { replicas: 4, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } },
    } as never);
    // the etcd revision is the event's; the ReplicaSet's own revision is rev
    expect(rs).toMatchObject({ revision: 12, rev: '3', revHistory: '1', image: 'nginx:1.27', surge: 1, unavailable: 1, maxTotal: 5, minAvailable: 3 });
  });
});
