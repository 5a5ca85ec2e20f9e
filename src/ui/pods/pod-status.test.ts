import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../protocol/messages';
import { podRow, statusTone } from './pod-row';
import { podColumns } from './pod-status';

function pod(spec: object, status: object, meta: object = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default', creationTimestamp: '2025-01-01T00:00:10Z', ...meta },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...spec },
    status,
  };
}
const running = { state: { running: { startedAt: '2025-01-01T00:00:15Z' } }, ready: true, restartCount: 0 };

describe('podColumns (kubectl printPod)', () => {
  it.each<[string, KubeObject, string, string]>([
    ['just created', pod({}, {}), 'Pending', '0/1'],
    ['scheduled, phase Pending', pod({ nodeName: 'node-1' }, { phase: 'Pending' }), 'Pending', '0/1'],
    ['creating', pod({}, { phase: 'Pending', containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } } }] }), 'ContainerCreating', '0/1'],
    ['running', pod({}, { phase: 'Running', containerStatuses: [{ name: 'nginx', ...running }] }), 'Running', '1/1'],
    ['image pull error', pod({}, { phase: 'Pending', containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'ErrImagePull' } } }] }), 'ErrImagePull', '0/1'],
    ['back-off', pod({}, { phase: 'Pending', containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'ImagePullBackOff' } } }] }), 'ImagePullBackOff', '0/1'],
    ['crash loop', pod({}, { phase: 'Running', containerStatuses: [{ name: 'nginx', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:01:00Z' } } }] }), 'CrashLoopBackOff', '0/1'],
    ['completed', pod({}, { phase: 'Succeeded', containerStatuses: [{ name: 'nginx', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), 'Completed', '0/1'],
    ['error', pod({}, { phase: 'Failed', containerStatuses: [{ name: 'nginx', state: { terminated: { exitCode: 2, reason: 'Error' } } }] }), 'Error', '0/1'],
    ['killed by signal, no reason', pod({}, { phase: 'Failed', containerStatuses: [{ name: 'nginx', state: { terminated: { exitCode: 137, signal: 9 } } }] }), 'Signal:9', '0/1'],
    ['terminating', pod({}, { phase: 'Running', containerStatuses: [{ name: 'nginx', ...running }] }, { deletionTimestamp: '2025-01-01T00:02:00Z' }), 'Terminating', '1/1'],
    ['deleted but terminal', pod({}, { phase: 'Succeeded' }, { deletionTimestamp: '2025-01-01T00:02:00Z' }), 'Succeeded', '0/1'],
    ['init running', pod({ initContainers: [{ name: 'a' }, { name: 'b' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] }), 'Init:1/2', '0/1'],
    ['init failed', pod({ initContainers: [{ name: 'a' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }), 'Init:Error', '0/1'],
    ['scheduling gated', pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', '0/1'],
  ])('%s', (_, p, status, ready) => {
    const cols = podColumns(p);
    expect(cols.status).toBe(status);
    expect(cols.ready).toBe(ready);
  });

  it('counts a started sidecar in READY', () => {
    const p = pod({ initContainers: [{ name: 'log', restartPolicy: 'Always' }] }, {
      phase: 'Running',
      initContainerStatuses: [{ name: 'log', started: true, ready: true, state: { running: {} } }],
      containerStatuses: [{ name: 'nginx', ...running }],
    });
    expect(podColumns(p)).toMatchObject({ status: 'Running', ready: '2/2' });
  });
});

describe('podRow', () => {
  it('prints like kubectl get pods -o wide', () => {
    const p = pod({ nodeName: 'node-2' }, { phase: 'Running', podIP: '10.244.2.7', containerStatuses: [{ name: 'nginx', ...running }] });
    expect(podRow(p, 75_000)).toEqual({ name: 'nginx', namespace: 'default', ready: '1/1', status: 'Running', restarts: '0', age: '65s', node: 'node-2', ip: '10.244.2.7' });
  });

  it('shows how long ago the last restart was', () => {
    const p = pod({}, { phase: 'Running', containerStatuses: [{ name: 'nginx', ...running, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T00:01:00Z' } } }] });
    expect(podRow(p, 90_000).restarts).toBe('2 (30s ago)');
  });

  it('prints <none> before scheduling', () => {
    expect(podRow(pod({}, {}), 10_000)).toMatchObject({ node: '<none>', ip: '<none>', age: '0s' });
  });

  it('colours statuses', () => {
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('CrashLoopBackOff')).toBe('error');
    expect(statusTone('ContainerCreating')).toBe('progress');
    expect(statusTone('Terminating')).toBe('warn');
  });
});
