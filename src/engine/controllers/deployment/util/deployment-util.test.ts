// Conformance tables from pkg/controller/deployment/util/deployment_util_test.go (facts and
// numbers): TestResolveFenceposts, TestNewRSNewReplicas, TestDeploymentComplete,
// TestDeploymentProgressing, TestDeploymentTimedOut, TestMaxUnavailable, TestMinAvailable,
// TestGetReplicaSetFraction.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../api/types';
import { rfc3339, parseRfc3339 } from '../../../api/time';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, getReplicaSetFraction, maxUnavailable, minAvailable, newRSNewReplicas, resolveFenceposts } from './deployment-util';

const rolling = (replicas: number, maxSurge: number | string, maxUnavail: number | string, status: object = {}) =>
  ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx' }, spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: maxUnavail } } }, status }) as KObject;
const rs = (replicas: number, annotations?: Record<string, string>) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', annotations }, spec: { replicas } }) as KObject;

describe('resolveFenceposts (TestResolveFenceposts)', () => {
  it.each([
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
    [undefined, '39%', 10, 0, 3, false],
    ['39%', undefined, 10, 4, 0, false],
    [undefined, undefined, 10, 0, 1, false],
  ])('surge %s unavailable %s of %i ⇒ %i:%i', (s, u, desired, surge, unavailable, err) => {
    const r = resolveFenceposts(s, u, desired);
    expect([r.surge, r.unavailable, !!r.error]).toEqual([surge, unavailable, err]);
  });
  it('uses absolute numbers as they are', () => {
    expect(resolveFenceposts(2, 1, 10)).toEqual({ surge: 2, unavailable: 1 });
  });
});

describe('newRSNewReplicas (TestNewRSNewReplicas)', () => {
  // all RSs: one other RS of 5 replicas; maxUnavailable 1
  it.each([
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ])('%s', (_n, type, depReplicas, newRSReplicas, maxSurge, expected) => {
    const d = rolling(depReplicas, maxSurge, 1);
    (d.spec as any).strategy.type = type;
    expect(newRSNewReplicas(d, [rs(5)], rs(newRSReplicas))).toBe(expected);
  });
});

describe('deploymentComplete (TestDeploymentComplete)', () => {
  it.each([
    ['not complete: min but not all pods become available', [5, 5, 5, 4, 1, 0], false],
    ['not complete: min availability is not honored', [5, 5, 5, 3, 1, 0], false],
    ['complete', [5, 5, 5, 5, 0, 0], true],
    ['not complete: all pods are available but not updated', [5, 5, 4, 5, 0, 0], false],
    ['not complete: still running old pods', [1, 2, 1, 1, 0, 1], false],
    ['not complete: one replica deployment never comes up', [1, 1, 1, 0, 1, 1], false],
  ] as const)('%s', (_n, [desired, current, updated, available, mu, ms], expected) => {
    const d = rolling(desired, ms, mu, { replicas: current, updatedReplicas: updated, availableReplicas: available });
    expect(deploymentComplete(d, d.status as object)).toBe(expected);
  });
});

describe('deploymentProgressing (TestDeploymentProgressing)', () => {
  const st = (replicas: number, updatedReplicas: number, readyReplicas: number, availableReplicas: number) => ({ replicas, updatedReplicas, readyReplicas, availableReplicas });
  it.each([
    ['progressing: updated pods', st(10, 4, 4, 4), st(10, 6, 4, 4), true],
    ['not progressing', st(10, 4, 4, 4), st(10, 4, 4, 4), false],
    ['progressing: old pods removed', st(10, 4, 6, 6), st(8, 4, 6, 6), true],
    ['not progressing: less new pods', st(10, 7, 3, 3), st(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', st(10, 4, 7, 7), st(8, 8, 5, 5), true],
    ['progressing: more ready pods', st(10, 10, 9, 8), st(10, 10, 10, 8), true],
    ['progressing: more available pods', st(10, 10, 10, 9), st(10, 10, 10, 10), true],
  ])('%s', (_n, old, next, expected) => {
    expect(deploymentProgressing({ status: old }, next)).toBe(expected);
  });
});

describe('deploymentTimedOut (TestDeploymentTimedOut)', () => {
  const at = (min: number, sec: number) => parseRfc3339(`2016-01-01T00:${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}Z`);
  const d = (reason: string, pds: number | undefined, fromMs: number | undefined) => ({
    spec: { progressDeadlineSeconds: pds },
    status: { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: fromMs === undefined ? undefined : rfc3339(fromMs) }] },
  });
  it.each([
    ['nil progressDeadlineSeconds specified - no timeout', d('', undefined, at(1, 9)), at(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', d('', 2147483647, at(1, 9)), at(1, 20), false],
    ['progressDeadlineSeconds: 10s, 00:01:20 - 00:01:09 => 11s', d('', 10, at(1, 9)), at(1, 20), true],
    ['progressDeadlineSeconds: 10s, 00:01:20 - 00:01:11 => 9s', d('', 10, at(1, 11)), at(1, 20), false],
    ['previous status was a complete deployment', d('NewReplicaSetAvailable', undefined, undefined), 0, false],
  ])('%s', (_n, dep, now, expected) => {
    expect(deploymentTimedOut(dep, dep.status, now)).toBe(expected);
  });
});

describe('maxUnavailable / minAvailable (TestMaxUnavailable, TestMinAvailable)', () => {
  it.each([
    [10, 5, 5, 5],
    [10, 10, 10, 0],
    [5, 10, 5, 0],
    [0, 10, 0, 0],
    [10, '50%', 5, 5],
    [10, '100%', 10, 0],
    [5, '100%', 5, 0],
    [10, '60%', 6, 4],
  ])('replicas %i, maxUnavailable %s ⇒ max %i, min %i', (replicas, mu, max, min) => {
    const d = rolling(replicas, 1, mu);
    expect(maxUnavailable(d)).toBe(max);
    expect(minAvailable(d)).toBe(min);
  });
  it('is 0 for Recreate', () => {
    const d = { spec: { replicas: 10, strategy: { type: 'Recreate' } } };
    expect(maxUnavailable(d)).toBe(0);
    expect(minAvailable(d)).toBe(0);
  });
});

describe('getReplicaSetFraction (TestGetReplicaSetFraction)', () => {
  const M = 'deployment.kubernetes.io/max-replicas';
  it.each([
    ['empty deployment always scales to 0', 0, 0, 0, 10, undefined, -10],
    ['unsynced deployment does not scale when max-replicas is missing', 10, 0, 0, 5, undefined, 0],
    ['unsynced deployment does not scale when max-replicas is 0', 10, 0, 0, 5, { [M]: '0' }, 0],
    ['scale up by 1/5 when max-replicas is missing', 120, 100, 0, 50, undefined, 10],
    ['scale up by 1/5 when max-replicas is 0', 120, 100, 0, 50, { [M]: '0' }, 10],
    ['scale up by 1/5', 120, 0, 0, 50, { [M]: '100' }, 10],
    ['scale up with maxSurge by about 1/5', 120, 0, 10, 50, { [M]: '110' }, 9],
    ['scale down by 1/6', 10, 0, 0, 6, { [M]: '12' }, -1],
    ['scale down with maxSurge by about 1/6', 100, 0, 10, 50, { [M]: '130' }, -8],
  ])('%s', (_n, replicas, statusReplicas, surge, rsReplicas, annotations, expected) => {
    const d = rolling(replicas, surge, 1, { replicas: statusReplicas });
    expect(getReplicaSetFraction(rs(rsReplicas, annotations), d)).toBe(expected);
  });
});
