// Facts from pkg/controller/controller_utils_test.go (TestSortingActivePodsWithRanks,
// slowStartBatch, expectations) and replica_set_test.go (getPodsToDelete).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { rfc3339 } from '../api/time';
import { activePodsWithRanksLess, creationObserved, deletionObserved, expectCreations, expectDeletions, satisfiedExpectations, slowStartBatchSizes, EXPECTATIONS_TIMEOUT_MS } from './controller-utils';
import { getPodsToDelete } from './replicaset/replica-set-utils';

const NOW = 10 * 3600 * 1000;
interface PodOpts { node?: string; phase?: string; ready?: boolean; readyAt?: number; restarts?: number; created?: number; cost?: string; uid?: string }
function pod(name: string, o: PodOpts = {}): KObject {
  const conditions = o.ready ? [{ type: 'Ready', status: 'True', ...(o.readyAt !== undefined ? { lastTransitionTime: rfc3339(o.readyAt) } : {}) }] : [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: o.uid ?? name, namespace: 'default', creationTimestamp: o.created !== undefined ? rfc3339(o.created) : undefined, annotations: o.cost ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : undefined },
    spec: { nodeName: o.node },
    status: { phase: o.phase ?? 'Running', conditions, containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }] },
  } as KObject;
}
const less = (a: KObject, b: KObject, ra = 0, rb = 0) => activePodsWithRanksLess(a, b, ra, rb, NOW);
const running = (o: PodOpts = {}) => ({ node: 'n1', phase: 'Running', ready: true, readyAt: NOW - 60_000, created: NOW - 120_000, ...o });

describe('ActivePodsWithRanks.Less (TestSortingActivePodsWithRanks)', () => {
  it.each([
    ['unassigned before assigned', pod('a', { phase: 'Pending' }), pod('b', { node: 'n1', phase: 'Pending' })],
    ['Pending before Unknown', pod('a', { node: 'n1', phase: 'Pending' }), pod('b', { node: 'n1', phase: 'Unknown' })],
    ['Unknown before Running', pod('a', { node: 'n1', phase: 'Unknown' }), pod('b', { node: 'n1', phase: 'Running' })],
    ['not ready before ready', pod('a', { node: 'n1' }), pod('b', running())],
    ['lower deletion cost first', pod('a', running({ cost: '-10', readyAt: NOW - 3600_000 })), pod('b', running({ cost: '10' }))],
    ['ready without a transition time before ready with one', pod('a', running({ readyAt: undefined })), pod('b', running())],
    ['ready for less time first (other log2 bucket)', pod('a', running({ readyAt: NOW - 1_000 })), pod('b', running({ readyAt: NOW - 3600_000 }))],
    ['same bucket: lower UID first', pod('a', running({ readyAt: NOW - 10_000, uid: 'a' })), pod('b', running({ readyAt: NOW - 10_500, uid: 'b' }))],
    ['more restarts first', pod('a', running({ restarts: 5 })), pod('b', running({ restarts: 1 }))],
    ['newer first', pod('a', running({ created: NOW - 1_000 })), pod('b', running({ created: NOW - 3600_000 }))],
    ['empty creation time first', pod('a', running({ created: undefined })), pod('b', running())],
  ])('%s', (_n, a, b) => {
    expect(less(a, b)).toBe(true);
    expect(less(b, a)).toBe(false);
  });

  it('doubled-up pods (higher rank) go first when all else is equal', () => {
    expect(less(pod('a', running()), pod('b', running()), 2, 1)).toBe(true);
    expect(less(pod('a', running()), pod('b', running()), 1, 2)).toBe(false);
  });

  it('equal pods are not less than each other', () => {
    expect(less(pod('a', running({ uid: 'x' })), pod('a', running({ uid: 'x' })))).toBe(false);
  });
});

describe('getPodsToDelete', () => {
  it('prefers pods doubled up on a node with related pods', () => {
    const a = pod('a', running({ node: 'n1' }));
    const b = pod('b', running({ node: 'n2' }));
    const c = pod('c', running({ node: 'n2' }));
    const related = [a, b, c, pod('x', running({ node: 'n1' })), pod('y', running({ node: 'n2' }))];
    expect(getPodsToDelete([a, b, c], related, 1, NOW).map((p) => p.metadata.name)).toEqual(['b']);
  });
  it('takes pending pods before running ones, and everything when diff covers all', () => {
    const r = pod('r', running());
    const p = pod('p', { node: 'n1', phase: 'Pending' });
    expect(getPodsToDelete([r, p], [], 1, NOW).map((x) => x.metadata.name)).toEqual(['p']);
    expect(getPodsToDelete([r, p], [], 2, NOW)).toHaveLength(2);
  });
});

describe('slowStartBatchSizes', () => {
  it.each([
    [0, 1, []],
    [1, 1, [1]],
    [3, 1, [1, 2]],
    [10, 1, [1, 2, 4, 3]],
    [500, 1, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
    [7, 2, [2, 4, 1]],
  ])('%i pods from %i ⇒ %j', (count, initial, sizes) => {
    expect(slowStartBatchSizes(count, initial)).toEqual(sizes);
    expect(slowStartBatchSizes(count, initial).reduce((a, b) => a + b, 0)).toBe(count);
  });
});

describe('expectations (ControllerExpectations, UIDTrackingControllerExpectations)', () => {
  it('holds the controller back until every create is observed, or 5 minutes pass', () => {
    const e = {};
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(true);
    expectCreations(e, 'default/rs', 2, 0);
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(false);
    creationObserved(e, 'default/rs');
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(false);
    expect(satisfiedExpectations(e, 'default/rs', EXPECTATIONS_TIMEOUT_MS + 1)).toBe(true);
    creationObserved(e, 'default/rs');
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(true);
  });
  it('counts only the deletions it asked for', () => {
    const e = {};
    expectDeletions(e, 'default/rs', ['default/a', 'default/b'], 0);
    deletionObserved(e, 'default/rs', 'default/zzz');
    deletionObserved(e, 'default/rs', 'default/a');
    deletionObserved(e, 'default/rs', 'default/a');
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(false);
    deletionObserved(e, 'default/rs', 'default/b');
    expect(satisfiedExpectations(e, 'default/rs', 0)).toBe(true);
  });
});
