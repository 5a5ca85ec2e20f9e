import { describe, expect, it } from 'vitest';
import { type RaftLog, compactTo, findConflictByTerm, isUpToDate, lastIndex, maybeAppend, termAt } from './log';

const log = (...terms: number[]): RaftLog => ({ offset: 0, offsetTerm: 0, entries: terms.map((term, i) => ({ index: i + 1, term })) });

describe('raft log (etcd-io/raft log.go)', () => {
  it.each([
    // [candidate lastIndex, lastTerm, up to date?] against a log ending at index 3, term 2
    [3, 2, true],
    [4, 2, true],
    [2, 2, false],
    [1, 3, true],
    [5, 1, false],
  ])('isUpToDate(%i, %i) = %s', (idx, term, want) => {
    expect(isUpToDate(log(1, 1, 2), idx, term)).toBe(want);
  });

  it('appends after a matching prev entry and truncates a conflicting suffix', () => {
    const l = log(1, 1, 2, 2);
    expect(maybeAppend(l, 2, 1, [{ index: 3, term: 3 }])).toBe(3);
    expect(l.entries.map((e) => e.term)).toEqual([1, 1, 3]);
    expect(maybeAppend(l, 3, 2, [])).toBe(-1); // prev term mismatch
    expect(maybeAppend(l, 1, 1, [{ index: 2, term: 1 }])).toBe(2); // already there: nothing truncated
    expect(lastIndex(l)).toBe(3);
  });

  it('finds the rejection hint by term and compacts to a snapshot point', () => {
    const l = log(1, 1, 2, 2, 2);
    expect(findConflictByTerm(l, 5, 1)).toBe(2);
    compactTo(l, 3);
    expect(l.offset).toBe(3);
    expect(termAt(l, 3)).toBe(2);
    expect(termAt(l, 2)).toBe(-1);
    expect(lastIndex(l)).toBe(5);
  });
});
