// The map legend's counts: every pod in the bucket of its STATUS word, and a changed row recounted.
import { describe, expect, it } from 'vitest';
import type { PodCell } from '../../folds/cluster-map';
import { POD_BUCKETS } from './palette';
import { bucketCounts } from './tally';

const cell = (name: string, status: string): PodCell => ({ key: `Pod/default/${name}`, name, namespace: 'default', status, ready: '0/1', restarts: 0, ip: '', createdMs: 0, story: -1 });
const at = (counts: number[], b: (typeof POD_BUCKETS)[number]) => counts[POD_BUCKETS.indexOf(b)];

describe('bucketCounts', () => {
  it('counts each pod once, in the bucket its colour on the map shows', () => {
    const rows = new Map([
      ['', { pods: [cell('a', 'Pending'), cell('b', 'SchedulingGated')] }],
      ['node-1', { pods: [cell('c', 'Running'), cell('d', 'ContainerCreating'), cell('e', 'CrashLoopBackOff')] }],
      ['node-2', { pods: [cell('f', 'Running'), cell('g', 'Terminating'), cell('h', 'Completed'), cell('i', 'Init:0/1')] }],
    ]);
    const c = bucketCounts(rows);
    expect(at(c, 'pending')).toBe(2);
    expect(at(c, 'running')).toBe(2);
    expect(at(c, 'creating')).toBe(2);
    expect(at(c, 'error')).toBe(1);
    expect(at(c, 'terminating')).toBe(1);
    expect(at(c, 'completed')).toBe(1);
    expect(c.reduce((a, b) => a + b, 0)).toBe(9);
  });
  it('follows a row replaced by a batch, and a node removed', () => {
    const rows = new Map([['node-1', { pods: [cell('c', 'ContainerCreating')] }], ['node-2', { pods: [cell('d', 'Running')] }]]);
    expect(at(bucketCounts(rows), 'running')).toBe(1);
    const next = new Map(rows);
    next.set('node-1', { pods: [cell('c', 'Running')] });
    expect(at(bucketCounts(next), 'running')).toBe(2);
    expect(at(bucketCounts(next), 'creating')).toBe(0);
    next.delete('node-2');
    expect(at(bucketCounts(next), 'running')).toBe(1);
    // the earlier map still counts as it did
    expect(at(bucketCounts(rows), 'creating')).toBe(1);
  });
});
