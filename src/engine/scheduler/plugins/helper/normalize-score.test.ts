// Cases from pkg/scheduler/framework/plugins/helper/normalize_score_test.go (TestDefaultNormalizeScore).
import { describe, expect, it } from 'vitest';
import { defaultNormalizeScore } from '../../index';

describe('DefaultNormalizeScore', () => {
  it.each([
    { reverse: false, scores: [1, 2, 3, 4, 5], want: [20, 40, 60, 80, 100] },
    { reverse: true, scores: [1, 2, 3, 4, 5], want: [80, 60, 40, 20, 0] },
    { reverse: false, scores: [1000, 10, 20, 30], want: [100, 1, 2, 3] },
    { reverse: true, scores: [1000, 10, 20, 30], want: [0, 99, 98, 97] },
    { reverse: false, scores: [1, 1, 1, 1], want: [100, 100, 100, 100] },
    { reverse: true, scores: [1, 1, 1, 1], want: [0, 0, 0, 0] },
    { reverse: false, scores: [0, 0, 0, 0], want: [0, 0, 0, 0] },
    { reverse: true, scores: [0, 0, 0, 0], want: [100, 100, 100, 100] },
  ])('$scores reverse=$reverse → $want', ({ scores, reverse, want }) => {
    expect(defaultNormalizeScore(scores, reverse)).toEqual(want);
  });

  it('accepts a node → score map', () => {
    expect(defaultNormalizeScore({ a: 2, b: 1, c: 0 }, true)).toEqual({ a: 0, b: 50, c: 100 });
  });
});
