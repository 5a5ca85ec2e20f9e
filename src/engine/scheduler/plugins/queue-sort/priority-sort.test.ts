// Cases from pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go (TestLess).
import { describe, expect, it } from 'vitest';
import { makePod } from '../../framework/testing/wrappers';
import { compare, less } from './priority-sort';

const low = makePod('low').priority(0).obj();
const high = makePod('high').priority(1000).obj();

describe('PrioritySort.Less', () => {
  it.each([
    ['p1.priority greater than p2.priority', { pod: high, timestamp: 2 }, { pod: low, timestamp: 1 }, true],
    ['p1.priority less than p2.priority', { pod: low, timestamp: 1 }, { pod: high, timestamp: 2 }, false],
    ['equal priority, p1 added earlier', { pod: high, timestamp: 1 }, { pod: high, timestamp: 2 }, true],
    ['equal priority, p2 added earlier', { pod: high, timestamp: 2 }, { pod: high, timestamp: 1 }, false],
    ['unset priority counts as 0', { pod: makePod('x').obj(), timestamp: 1 }, { pod: low, timestamp: 2 }, true],
  ])('%s', (_n, a, b, want) => {
    expect(less(a, b)).toBe(want);
  });

  it('sorts a queue', () => {
    const q = [{ pod: low, timestamp: 1 }, { pod: high, timestamp: 3 }, { pod: high, timestamp: 2 }];
    expect(q.sort(compare).map((x) => `${x.pod.metadata!.name}@${x.timestamp}`)).toEqual(['high@2', 'high@3', 'low@1']);
  });
});
