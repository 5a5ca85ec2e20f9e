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

// The exact FailedScheduling texts of v1.33 (pkg/scheduler/framework/types.go FitError.Error, with
// preemption.go's inner FitError as DefaultPreemption's "preemption: " message): one period after each part
// built here, none added after the PostFilter message (the ".." of clusters before v1.30 is gone).
describe('FitError.Error: exact v1.33 texts', () => {
  const cpu3 = three('Insufficient cpu', 'Insufficient cpu', 'Insufficient cpu');

  it('histogram only', () => {
    expect(fitErrorMessage(3, cpu3)).toBe('0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('PreFilter rejection: the PreFilter message instead of the histogram', () => {
    const pvc = 'persistentvolumeclaim "data" not found';
    expect(fitErrorMessage(3, three(pvc, pvc, pvc), pvc)).toBe('0/3 nodes are available: persistentvolumeclaim "data" not found.');
  });

  it('mixed reasons: sorted as strings, joined with ", "', () => {
    const m = three('Insufficient cpu', "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", 'Insufficient cpu');
    expect(fitErrorMessage(3, m)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.",
    );
  });

  it("with preemption's message: a single period at the end", () => {
    const inner = fitErrorMessage(3, three('No preemption victims found for incoming pod', 'No preemption victims found for incoming pod', 'No preemption victims found for incoming pod'));
    expect(inner).toBe('0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const msg = fitErrorMessage(3, cpu3, '', `preemption: ${inner}`);
    expect(msg).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    expect(msg.endsWith('..')).toBe(false);
  });

  it('PreFilter rejection with preemption not helpful on any node', () => {
    const pvc = 'persistentvolumeclaim "data" not found';
    const inner = fitErrorMessage(3, {}, '', '', ['Preemption is not helpful for scheduling']);
    expect(fitErrorMessage(3, three(pvc, pvc, pvc), pvc, `preemption: ${inner}`)).toBe(
      '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('mixed preemption outcomes, and a preemption message that ends with its own period', () => {
    const inner = fitErrorMessage(3, { node1: ['Preemption is not helpful for scheduling'], node2: ['No preemption victims found for incoming pod'], node3: ['No preemption victims found for incoming pod'] });
    const m = three("node(s) didn't match Pod's node affinity/selector", 'Insufficient cpu', 'Insufficient cpu');
    expect(fitErrorMessage(3, m, '', `preemption: ${inner}`)).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    // PodEligibleToPreemptOthers' message carries its period; FitError adds none after it.
    expect(fitErrorMessage(1, { node1: ['Insufficient cpu'] }, '', 'preemption: not eligible due to preemptionPolicy=Never.')).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });
});
