// Tables from pkg/printers/internalversion/printers_test.go TestPrintPod and
// TestPrintPodWithRestartableInitContainer (times relative to a virtual "now").
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../api/time';
import { printPodRow } from './printers';

const NOW = 30 * 86_400_000;
const ago = (ms: number) => rfc3339(NOW - ms);
const S = 1000;
const DAY = 86_400_000;
const cs = (o: Partial<ContainerStatus>): ContainerStatus => ({ name: '', image: '', imageID: '', ready: false, restartCount: 0, ...o });
const run = { running: {} };
const lastAgo = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });
const n = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `c${i}` }));
const pod = (name: string, containers: number, status: Pod['status'], init = 0, deleting = false): Pod => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: ago(10 * S) } : {}) },
  spec: { containers: n(containers), initContainers: init ? n(init).map((c) => ({ name: `i${c.name}` })) : undefined },
  status,
});
const row = (p: Pod) => {
  const r = printPodRow(p, NOW);
  return [r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE];
};

describe('printPodRow (TestPrintPod)', () => {
  const cases: Array<[Pod, string[]]> = [
    [pod('test1', 2, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: run }), cs({ restartCount: 3 })] }), ['test1', '1/2', 'podPhase', '6', '<unknown>']],
    [pod('test2', 2, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: run }), cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } })] }), ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>']],
    [pod('test3', 2, { phase: 'podPhase', containerStatuses: [cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }), cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } })] }), ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>']],
    [pod('test4', 2, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: run }), cs({ ready: true, restartCount: 3 })] }), ['test4', '1/2', 'podPhase', '6', '<unknown>']],
    [pod('test5', 2, { reason: 'podReason', phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: run }), cs({ ready: true, restartCount: 3 })] }), ['test5', '1/2', 'podReason', '6', '<unknown>']],
    [pod('test6', 2, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: run })] }), ['test6', '1/2', 'NotReady', '6', '<unknown>']],
    [pod('test6', 2, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: run })] }), ['test6', '1/2', 'Running', '6', '<unknown>']],
    [pod('test7', 1, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: run, lastState: lastAgo(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, 1), ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>']],
    [pod('test8', 1, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: run, lastState: lastAgo(10 * S) }), cs({ state: { waiting: {} } })], containerStatuses: [cs({ state: { waiting: {} } })] }, 2), ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>']],
    [pod('test9', 1, { phase: 'podPhase', initContainerStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), cs({ restartCount: 3, state: run, lastState: lastAgo(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, 2), ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>']],
    [pod('test10', 1, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastAgo(120 * S) }), cs({ restartCount: 3, state: run, lastState: lastAgo(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, 2), ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>']],
    [pod('test11', 1, { phase: 'Running', initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastAgo(120 * S) })], containerStatuses: [cs({ restartCount: 4, state: run, lastState: lastAgo(20 * S) })] }, 1), ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>']],
    [pod('test12', 1, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: run, lastState: lastAgo(5 * DAY) })] }), ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>']],
    [pod('test13', 2, { phase: 'Running', containerStatuses: [cs({ ready: true, state: run }), cs({ ready: true, restartCount: 3, state: run, lastState: lastAgo(10 * DAY) })] }), ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>']],
    [pod('test14', 2, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 6, state: run, lastState: lastAgo(5 * DAY) }), cs({ ready: true, restartCount: 3, state: run, lastState: lastAgo(20 * DAY) })] }), ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>']],
    [pod('test15', 2, { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), ['test15', '0/2', 'SchedulingGated', '0', '<unknown>']],
    [pod('test16', 1, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }), ['test16', '0/1', 'Completed', '0', '<unknown>']],
    [pod('test17', 1, { phase: 'Failed', containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] }), ['test17', '0/1', 'Error', '0', '<unknown>']],
    [pod('test18', 1, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }, 0, true), ['test18', '0/1', 'Completed', '0', '<unknown>']],
    [pod('test19', 1, { phase: 'Running', containerStatuses: [cs({ state: run })] }, 0, true), ['test19', '0/1', 'Terminating', '0', '<unknown>']],
    [pod('test20', 1, { phase: 'Pending' }, 0, true), ['test20', '0/1', 'Terminating', '0', '<unknown>']],
  ];
  it.each(cases)('%#', (p, want) => expect(row(p)).toEqual(want));

  it('prints AGE from creationTimestamp and Signal/ExitCode for reasonless terminations', () => {
    const base = pod('x', 1, { phase: 'Running', containerStatuses: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })] });
    const p: Pod = { ...base, metadata: { ...base.metadata, creationTimestamp: ago(125 * S) } };
    expect(row(p)).toEqual(['x', '0/1', 'Signal:9', '0', '2m5s']);
    p.status!.containerStatuses![0].state = { terminated: { exitCode: 2 } };
    expect(row(p)[2]).toBe('ExitCode:2');
  });
});

describe('printPodRow (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars = [{ name: 'restartable-init-1', restartPolicy: 'Always' }, { name: 'restartable-init-2', restartPolicy: 'Always' }];
  const p = (status: Pod['status']): Pod => ({ metadata: { name: 'test1' }, spec: { initContainers: sidecars, containers: n(1) }, status });
  const s1 = (o: Partial<ContainerStatus>) => cs({ name: 'restartable-init-1', restartCount: 3, state: run, lastState: lastAgo(10 * S), ...o });
  it('first sidecar running but not started', () => {
    expect(row(p({ phase: 'Pending', initContainerStatuses: [s1({ started: false }), cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false })], containerStatuses: [cs({ state: { waiting: {} } })], conditions: [{ type: 'Initialized', status: 'False' }] }))).toEqual(['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  });
  it('first sidecar started, second running but not started', () => {
    expect(row(p({ phase: 'Pending', initContainerStatuses: [s1({ started: true }), cs({ name: 'restartable-init-2', state: run, started: false })], containerStatuses: [cs({ state: { waiting: {} } })], conditions: [{ type: 'Initialized', status: 'False' }] }))).toEqual(['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>']);
  });
  it('both sidecars started, container running', () => {
    expect(row(p({ phase: 'Running', initContainerStatuses: [s1({ started: true }), cs({ name: 'restartable-init-2', state: run, started: true })], containerStatuses: [cs({ ready: true, restartCount: 4, state: run, lastState: lastAgo(20 * S) })], conditions: [{ type: 'Initialized', status: 'True' }] }))).toEqual(['test1', '1/3', 'Running', '7 (10s ago)', '<unknown>']);
  });
  it('sidecars failed, container completed', () => {
    const err = { terminated: { reason: 'Error', exitCode: 137 } };
    expect(row(p({ phase: 'Succeeded', initContainerStatuses: [s1({ state: err, started: false }), cs({ name: 'restartable-init-2', state: err, started: false })], containerStatuses: [cs({ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: lastAgo(20 * S) })], conditions: [{ type: 'Initialized', status: 'True' }] }))).toEqual(['test1', '0/3', 'Completed', '7 (10s ago)', '<unknown>']);
  });
  it('statuses for containers the spec does not have', () => {
    const q: Pod = { metadata: { name: 'test4' }, spec: { initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }], containers: [{ name: 'container1', image: 'containerimage' }] }, status: { phase: 'Running', initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })], containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })] } };
    expect(row(q)).toEqual(['test4', '0/2', 'Init:0/2', '0', '<unknown>']);
  });
});
