// Pod conditions as pkg/kubelet/status/generate.go (and generate_test.go) produce them.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition, generatePodReadyToStartContainersCondition } from './generate';

const st = (name: string, ready: boolean, o: Partial<ContainerStatus> = {}): ContainerStatus => ({ name, image: '', imageID: '', ready, restartCount: 0, ...o });
const pod: Pod = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };

describe('generate.go conditions', () => {
  it('ContainersReady lists unknown and unready containers Go-style', () => {
    expect(generateContainersReadyCondition(pod, undefined, 'Pending')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'UnknownContainerStatuses' });
    expect(generateContainersReadyCondition(pod, [], 'Pending')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unknown status: [a b]' });
    expect(generateContainersReadyCondition(pod, [st('a', true)], 'Pending').message).toBe('containers with unknown status: [b]');
    expect(generateContainersReadyCondition(pod, [st('a', false), st('b', false)], 'Running').message).toBe('containers with unready status: [a b]');
    expect(generateContainersReadyCondition(pod, [st('a', true), st('b', true)], 'Running')).toEqual({ type: 'ContainersReady', status: 'True' });
    expect(generateContainersReadyCondition(pod, [st('a', false), st('b', false)], 'Succeeded')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(generateContainersReadyCondition(pod, [st('a', true), st('b', true)], 'Failed')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('Ready follows ContainersReady, then the readiness gates', () => {
    expect(generatePodReadyCondition(pod, [], [st('a', false), st('b', true)], 'Running')).toMatchObject({ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a]' });
    const gated: Pod = { spec: { ...pod.spec!, readinessGates: [{ conditionType: 'example.com/lb' }] } };
    const all = [st('a', true), st('b', true)];
    expect(generatePodReadyCondition(gated, [], all, 'Running')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    expect(generatePodReadyCondition(gated, [{ type: 'example.com/lb', status: 'False' }], all, 'Running').message).toBe('the status of pod readiness gate "example.com/lb" is not "True", but False');
    expect(generatePodReadyCondition(gated, [{ type: 'example.com/lb', status: 'True' }], all, 'Running')).toEqual({ type: 'Ready', status: 'True' });
  });

  it('Initialized waits for init containers (ready) and sidecars (started)', () => {
    const p: Pod = { spec: { initContainers: [{ name: 'init' }, { name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'a' }] } };
    expect(generatePodInitializedCondition(p, undefined, 'Pending')).toMatchObject({ status: 'False', reason: 'UnknownContainerStatuses' });
    expect(generatePodInitializedCondition(p, [st('init', false)], 'Pending')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with unknown status: [side], containers with incomplete status: [init]' });
    expect(generatePodInitializedCondition(p, [st('init', true), st('side', false, { started: true })], 'Pending')).toEqual({ type: 'Initialized', status: 'True' });
    expect(generatePodInitializedCondition(p, [st('init', true), st('side', false), st('a', true, { state: { running: {} } })], 'Running')).toEqual({ type: 'Initialized', status: 'True' });
    expect(generatePodInitializedCondition(p, [st('init', true), st('side', false)], 'Succeeded')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    expect(generatePodInitializedCondition(pod, [], 'Pending')).toEqual({ type: 'Initialized', status: 'True' });
  });

  it('PodReadyToStartContainers is True once the sandbox has its network', () => {
    expect(generatePodReadyToStartContainersCondition(false)).toEqual({ type: 'PodReadyToStartContainers', status: 'False' });
    expect(generatePodReadyToStartContainersCondition(true).status).toBe('True');
  });
});
