// Cases from pkg/scheduler/framework/types_test.go (TestFitError_Error) plus the histogram sort order.
import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from './fit-error';

const three = (r1: string, r2: string, r3: string) => ({ node1: [r1], node2: [r2], node3: [r3] });

describe('FitError.Error', () => {
  it('nodes failed a PreFilter plugin: per-node reasons are not repeated', () => {
    const m = three('Node(s) failed PreFilter plugin FalsePreFilter', 'Node(s) failed PreFilter plugin FalsePreFilter', 'Node(s) failed PreFilter plugin FalsePreFilter');
    expect(fitErrorMessage(3, m, 'Node(s) failed PreFilter plugin FalsePreFilter')).toBe('0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.');
    expect(fitErrorMessage(3, m, 'Node(s) failed PreFilter plugin FalsePreFilter', 'Error running PostFilter plugin FailedPostFilter')).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    );
  });

  it('one Filter plugin, with and without a PostFilter message', () => {
    const m = three('Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-1');
    expect(fitErrorMessage(3, m)).toBe('0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.');
    expect(fitErrorMessage(3, m, '', 'Error running PostFilter plugin FailedPostFilter')).toBe(
      '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    );
  });

  it('two Filter plugins: the histogram is sorted as strings', () => {
    const m = three('Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-2');
    expect(fitErrorMessage(3, m)).toBe('0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.');
  });

  it('failed to Permit / Reserve on the only node', () => {
    expect(fitErrorMessage(1, { node1: ['Node failed Permit plugin Permit-1'] })).toBe('0/1 nodes are available: 1 Node failed Permit plugin Permit-1.');
    expect(fitErrorMessage(1, { node1: ['Node failed Reserve plugin Reserve-1'] })).toBe('0/1 nodes are available: 1 Node failed Reserve plugin Reserve-1.');
  });

  it('"10 …" sorts before "2 …" and a node may contribute several reasons', () => {
    const m: Record<string, string[]> = {};
    for (let i = 0; i < 10; i++) m[`a${i}`] = ['Insufficient memory'];
    m.b0 = ['Insufficient cpu', 'Insufficient memory'];
    m.b1 = ['Insufficient cpu'];
    expect(fitErrorMessage(12, m)).toBe('0/12 nodes are available: 11 Insufficient memory, 2 Insufficient cpu.');
  });

  it('absent nodes count with the absent status reasons', () => {
    expect(fitErrorMessage(3, { node1: ['x'] }, '', '', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"])).toBe(
      "0/3 nodes are available: 1 x, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});
