// Table tests for the deletion path of store.go / rest.BeforeDelete (store-delete.ts).
import { describe, expect, it } from 'vitest';
import { deletionFinalizersForGarbageCollection, planDelete, planNamespaceDelete, shouldDeleteDuringUpdate, validateNoNewFinalizers } from './store-delete';
import { rfc3339 } from '../api/time';

const obj = (meta: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', ...meta }, ...extra });
const pod = (meta: Record<string, unknown> = {}, nodeName = 'node-1') => ({ kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...meta }, spec: { nodeName, terminationGracePeriodSeconds: 30 }, status: { phase: 'Running' } });

describe('deletionFinalizersForGarbageCollection', () => {
  it.each([
    ['Deployment', [], undefined, false, []],
    ['Deployment', [], 'Foreground', true, ['foregroundDeletion']],
    ['Deployment', [], 'Orphan', true, ['orphan']],
    ['Deployment', ['orphan'], 'Background', true, []],
    ['Deployment', ['a/b', 'orphan'], 'Foreground', true, ['a/b', 'foregroundDeletion']],
    ['Deployment', ['orphan'], undefined, false, ['orphan']],
    // batch/v1 Jobs orphan their pods unless told otherwise
    ['Job', [], undefined, true, ['orphan']],
    ['Job', [], 'Background', false, []],
  ] as const)('%s %j with %s', (kind, fins, policy, changed, out) => {
    expect(deletionFinalizersForGarbageCollection(kind, [...fins], policy)).toEqual({ changed, finalizers: [...out] });
  });
});

describe('planDelete', () => {
  it('deletes an object without finalizers at once, and keeps one with finalizers, marked', () => {
    expect(planDelete('ConfigMap', obj(), {}, 5000)).toEqual({ action: 'delete' });
    const p = planDelete('ConfigMap', obj({ finalizers: ['example.com/block'] }), {}, 5000);
    expect(p).toEqual({ action: 'update', next: obj({ finalizers: ['example.com/block'], deletionTimestamp: rfc3339(5000), deletionGracePeriodSeconds: 0 }) });
  });

  it('a second DELETE of a marked object is a no-op, unless it changes the policy finalizers', () => {
    const marked = obj({ finalizers: ['example.com/block'], deletionTimestamp: rfc3339(1000), deletionGracePeriodSeconds: 0 });
    expect(planDelete('ConfigMap', marked, {}, 9000)).toEqual({ action: 'noop' });
    const p = planDelete('ConfigMap', marked, { propagationPolicy: 'Orphan' }, 9000);
    expect(p.action === 'update' && p.next.metadata).toMatchObject({ finalizers: ['example.com/block', 'orphan'], deletionTimestamp: rfc3339(1000) });
  });

  it('pods: graceful, then only shorter, and grace 0 deletes unless finalizers hold it', () => {
    const g = planDelete('Pod', pod(), {}, 0);
    expect(g.action === 'update' && g.next.metadata).toMatchObject({ deletionTimestamp: rfc3339(30_000), deletionGracePeriodSeconds: 30 });
    const terminating = pod({ deletionTimestamp: rfc3339(30_000), deletionGracePeriodSeconds: 30 });
    expect(planDelete('Pod', terminating, { gracePeriodSeconds: 60 }, 1000)).toEqual({ action: 'noop' });
    expect(planDelete('Pod', terminating, { gracePeriodSeconds: 0 }, 1000)).toEqual({ action: 'delete' });
    const held = planDelete('Pod', pod({ finalizers: ['example.com/block'], deletionTimestamp: rfc3339(30_000), deletionGracePeriodSeconds: 30 }), { gracePeriodSeconds: 0 }, 1000);
    expect(held.action === 'update' && held.next.metadata).toMatchObject({ deletionTimestamp: rfc3339(1000), deletionGracePeriodSeconds: 0 });
    expect(planDelete('Pod', pod({}, ''), {}, 0)).toEqual({ action: 'delete' }); // never scheduled
  });
});

describe('namespaces', () => {
  const ns = (meta: Record<string, unknown> = {}, finalizers = ['kubernetes']) => ({ kind: 'Namespace', metadata: { name: 'shop', ...meta }, spec: { finalizers }, status: { phase: 'Active' } });
  it('the first DELETE marks it Terminating; later ones wait for spec.finalizers', () => {
    const p = planNamespaceDelete(ns(), {}, 2000);
    expect(p).toEqual({ action: 'update', next: { ...ns({ deletionTimestamp: rfc3339(2000) }), status: { phase: 'Terminating' } } });
    expect(planNamespaceDelete(ns({ deletionTimestamp: rfc3339(2000) }), {}, 3000)).toEqual({ action: 'noop' });
    expect(planNamespaceDelete(ns({ deletionTimestamp: rfc3339(2000) }, []), {}, 3000)).toEqual({ action: 'delete' });
  });
  it('an update that empties spec.finalizers of a terminating namespace deletes it', () => {
    const old = ns({ deletionTimestamp: rfc3339(2000) });
    expect(shouldDeleteDuringUpdate('Namespace', ns({}, []), old)).toBe(true);
    expect(shouldDeleteDuringUpdate('Namespace', ns(), old)).toBe(false);
    expect(shouldDeleteDuringUpdate('Namespace', ns({}, []), ns())).toBe(false);
  });
});

describe('validateNoNewFinalizers', () => {
  it('forbids new finalizers on a deleting object only', () => {
    const old = obj({ finalizers: ['a/x'], deletionTimestamp: rfc3339(0) });
    expect(validateNoNewFinalizers(obj({ finalizers: ['a/x', 'b/y', 'a/z'] }), old)).toEqual([
      { type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: 'no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/z", "b/y"}' },
    ]);
    expect(validateNoNewFinalizers(obj({ finalizers: [] }), old)).toEqual([]);
    expect(validateNoNewFinalizers(obj({ finalizers: ['b/y'] }), obj({ finalizers: ['a/x'] }))).toEqual([]);
  });
});
