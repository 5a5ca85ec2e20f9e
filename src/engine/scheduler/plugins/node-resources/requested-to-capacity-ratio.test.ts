// RequestedToCapacityRatio (requested_to_capacity_ratio.go, helper/shape_score.go). Expected values are
// computed by hand from the upstream formula: utilization = req×100/cap (int), piecewise-linear shape scaled ×10,
// weighted mean rounded with math.Round; resources scoring 0 are left out of the mean.
import { describe, expect, it } from 'vitest';
import { runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { buildBrokenLinearFunction } from '../helper/shape-score';

const leastShape = [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }];
const mostShape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
const args = (shape: typeof leastShape, resources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]) => ({
  scoringStrategy: { type: 'RequestedToCapacityRatio', resources, requestedToCapacityRatio: { shape } },
});

describe('RequestedToCapacityRatio', () => {
  const nodes = [makeNode('node1').capacity({ cpu: '4000', memory: '10000' }).obj(), makeNode('node2').capacity({ cpu: '6000', memory: '10000' }).obj()];
  const pod = makePod('p').req({ cpu: '1000', memory: '2000' }).req({ cpu: '2000', memory: '3000' }).obj();

  it('least-requested shape: nothing requested scores 100', () => {
    expect(runScorePlugin('NodeResourcesFit', makePod('p').obj(), nodes, [], args(leastShape))).toEqual({ node1: 100, node2: 100 });
  });

  it('least-requested shape: (25 + 50) / 2 rounds to 38', () => {
    expect(runScorePlugin('NodeResourcesFit', pod, nodes, [], args(leastShape))).toEqual({ node1: 38, node2: 50 });
  });

  it('bin-packing shape favors the fuller node', () => {
    expect(runScorePlugin('NodeResourcesFit', pod, nodes, [], args(mostShape))).toEqual({ node1: 63, node2: 50 });
  });

  it('extended resource with bin packing: 2 of 4 → 50, 2 of 8 → 25', () => {
    const ext = [makeNode('node1').capacity({ cpu: '4000', memory: '10000', 'intel.com/foo': '4' }).obj(), makeNode('node2').capacity({ cpu: '4000', memory: '10000', 'intel.com/foo': '8' }).obj()];
    const p = makePod('p').req({ 'intel.com/foo': '2' }).obj();
    expect(runScorePlugin('NodeResourcesFit', p, ext, [], args(mostShape, [{ name: 'intel.com/foo', weight: 1 }]))).toEqual({ node1: 50, node2: 25 });
  });

  it('requires a shape', () => {
    expect(() => runScorePlugin('NodeResourcesFit', pod, nodes, [], { scoringStrategy: { type: 'RequestedToCapacityRatio' } })).toThrow(/shape/);
  });

  it('BuildBrokenLinearFunction interpolates with integer arithmetic and clamps at both ends', () => {
    const f = buildBrokenLinearFunction([{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }]);
    expect([f(0), f(10), f(15), f(50), f(90), f(100)]).toEqual([1, 1, 1, 5, 9, 9]);
  });
});
