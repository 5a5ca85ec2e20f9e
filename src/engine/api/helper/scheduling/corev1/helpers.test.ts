// Toleration matching as in k8s.io/api/core/v1/toleration_test.go (TestTolerationToleratesTaint) and
// component-helpers/scheduling/corev1/helpers_test.go (TestFindMatchingUntoleratedTaint).
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint, toleratesTaint } from './helpers';

const taint: Taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each<[string, Toleration, boolean]>([
    ['empty toleration only matches an empty taint', {}, false],
    ['empty key with Exists matches everything', { operator: 'Exists' }, true],
    ['same key, Exists, no effect', { key: 'foo', operator: 'Exists' }, true],
    ['same key and value, operator unset means Equal', { key: 'foo', value: 'bar' }, true],
    ['same key, different value', { key: 'foo', operator: 'Equal', value: 'baz' }, false],
    ['different key', { key: 'other', operator: 'Exists' }, false],
    ['matching effect', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, true],
    ['different effect', { key: 'foo', operator: 'Exists', effect: 'NoExecute' }, false],
    ['unknown operator', { key: 'foo', operator: 'Gt', value: 'bar' }, false],
  ])('%s', (_name, toleration, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('findMatchingUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'a', value: '1', effect: 'PreferNoSchedule' },
    { key: 'b', value: '2', effect: 'NoSchedule' },
    { key: 'c', value: '3', effect: 'NoExecute' },
  ];
  it('returns the first untolerated taint that passes the filter', () => {
    expect(findMatchingUntoleratedTaint(taints, [], doNotScheduleTaintsFilter)).toEqual(taints[1]);
    expect(findMatchingUntoleratedTaint(taints, [{ key: 'b', operator: 'Exists' }], doNotScheduleTaintsFilter)).toEqual(taints[2]);
    expect(findMatchingUntoleratedTaint(taints, [{ operator: 'Exists' }], doNotScheduleTaintsFilter)).toBeUndefined();
    expect(findMatchingUntoleratedTaint(taints, [])).toEqual(taints[0]);
  });
});
