// Cases after pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go (TestVolumeBinding): pods
// without PVCs skip; a missing claim and unbound immediate claims fail PreFilter as
// UnschedulableAndUnresolvable; bound claims pass unless the PV's node affinity excludes the node.
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { runFilterPluginOnNodes, scheduleOne } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { ErrReasonNodeConflict, ErrReasonPVNotExist, ErrReasonUnboundImmediate } from './volume-binding';

const nodes = () => [makeNode('node-a').label('zone', 'a').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(), makeNode('node-b').label('zone', 'b').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj()];
const boundPVC = (name: string, pv: string): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
  spec: { volumeName: pv },
  status: { phase: 'Bound' },
});
const unboundPVC = (name: string): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: {}, status: { phase: 'Pending' } });
const pv = (name: string, zone?: string): PersistentVolume => ({
  metadata: { name },
  spec: zone ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }] } } } : {},
});

describe('VolumeBinding', () => {
  it('pod without PVCs: Skip', () => {
    const r = runFilterPluginOnNodes('VolumeBinding', makePod('p').obj(), nodes());
    expect(r['node-a'].code).toBe('Success');
  });

  it('a missing claim: persistentvolumeclaim "x" not found (UnschedulableAndUnresolvable)', () => {
    const r = runFilterPluginOnNodes('VolumeBinding', makePod('p').pvc('data').obj(), nodes());
    expect(r['node-a']).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['persistentvolumeclaim "data" not found'] });
  });

  it('an unbound immediate claim (and a pre-bound one without bind-completed)', () => {
    const pod = makePod('p').pvc('data').obj();
    expect(runFilterPluginOnNodes('VolumeBinding', pod, nodes(), [], undefined, { pvcs: [unboundPVC('data')] })['node-a']).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonUnboundImmediate] });
    const prebound: PersistentVolumeClaim = { metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' } };
    expect(runFilterPluginOnNodes('VolumeBinding', pod, nodes(), [], undefined, { pvcs: [prebound], pvs: [pv('pv-1')] })['node-a'].reasons).toEqual(['pod has unbound immediate PersistentVolumeClaims']);
  });

  it('bound claims pass; a PV node affinity conflict rejects the other nodes', () => {
    const pod = makePod('p').pvc('data').obj();
    const anywhere = runFilterPluginOnNodes('VolumeBinding', pod, nodes(), [], undefined, { pvcs: [boundPVC('data', 'pv-1')], pvs: [pv('pv-1')] });
    expect([anywhere['node-a'].code, anywhere['node-b'].code]).toEqual(['Success', 'Success']);
    const zonal = runFilterPluginOnNodes('VolumeBinding', pod, nodes(), [], undefined, { pvcs: [boundPVC('data', 'pv-1')], pvs: [pv('pv-1', 'b')] });
    expect(zonal['node-a']).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonNodeConflict] });
    expect(zonal['node-b'].code).toBe('Success');
    const gone = runFilterPluginOnNodes('VolumeBinding', pod, nodes(), [], undefined, { pvcs: [boundPVC('data', 'pv-1')] });
    expect(gone['node-a'].reasons).toEqual([ErrReasonPVNotExist]);
  });

  it('scheduleOne: the PreFilter message is reported once', () => {
    const d = scheduleOne(makePod('p').pvc('data').obj(), nodes(), []);
    expect(d.message).toBe('0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    const z = scheduleOne(makePod('p').pvc('data').obj(), nodes(), [], { objects: { pvcs: [boundPVC('data', 'pv-1')], pvs: [pv('pv-1', 'b')] } });
    expect(z.chosen).toBe('node-b');
    expect(z.filter['node-a']).toEqual(['node(s) had volume node affinity conflict']);
  });
});
