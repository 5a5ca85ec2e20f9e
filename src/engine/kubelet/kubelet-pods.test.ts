// Tables from pkg/kubelet/kubelet_pods_test.go TestPodPhaseWith* (v1.33).
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { getPhase } from './kubelet-pods';

const running = (name: string): ContainerStatus => ({ name, image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} } });
const started = (name: string): ContainerStatus => ({ ...running(name), started: true });
const stopped = (name: string): ContainerStatus => ({ name, image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } });
const succeeded = stopped;
const failed = (name: string): ContainerStatus => ({ ...stopped(name), state: { terminated: { exitCode: -1 } } });
const waiting = (name: string): ContainerStatus => ({ name, image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: '' } } });
const waitingLastTerm = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: 0 } } });
const waitingNonZero = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: -1 } } });

const AB = [{ name: 'containerA' }, { name: 'containerB' }];
const spec = (restartPolicy: string, init?: PodSpec['initContainers']): PodSpec => ({ nodeName: 'machine', containers: AB, restartPolicy, initContainers: init });
const X = [{ name: 'containerX' }];
const XR = [{ name: 'containerX', restartPolicy: 'Always' }];
type Case = [string, PodSpec, ContainerStatus[], string, boolean?];
const run = (cases: Case[]) =>
  it.each(cases)('%s', (_n, s, info, want, terminal) => expect(getPhase({ spec: s } as Pod, info, terminal ?? false)).toBe(want));

describe('TestPodPhaseWithRestartAlways', () => {
  const s = spec('Always');
  run([
    ['waiting', s, [], 'Pending'],
    ['all running', s, [running('containerA'), running('containerB')], 'Running'],
    ['all stopped with restart always', s, [stopped('containerA'), stopped('containerB')], 'Running'],
    ['all succeeded with restart always, but the pod is terminal', s, [succeeded('containerA'), succeeded('containerB')], 'Succeeded', true],
    ['all stopped with restart always, but the pod is terminal', s, [succeeded('containerA'), failed('containerB')], 'Failed', true],
    ['mixed state #1 with restart always', s, [running('containerA'), stopped('containerB')], 'Running'],
    ['mixed state #2 with restart always', s, [running('containerA')], 'Pending'],
    ['mixed state #3 with restart always', s, [running('containerA'), waiting('containerB')], 'Pending'],
    ['backoff crashloop container with restart always', s, [running('containerA'), waitingLastTerm('containerB')], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysInitContainers', () => {
  const s = spec('Always', X);
  const ab = [running('containerA'), running('containerB')];
  run([
    ['empty, waiting', s, [], 'Pending'],
    ['init container running', s, [running('containerX')], 'Pending'],
    ['init container terminated non-zero', s, [failed('containerX')], 'Pending'],
    ['init container waiting, terminated zero', s, [waitingLastTerm('containerX')], 'Pending'],
    ['init container waiting, terminated non-zero', s, [waitingNonZero('containerX')], 'Pending'],
    ['init container waiting, not terminated', s, [waiting('containerX')], 'Pending'],
    ['init container succeeded', s, [succeeded('containerX'), ...ab], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysRestartableInitContainers', () => {
  const s = spec('Always', XR);
  const ab = [running('containerA'), running('containerB')];
  run([
    ['empty, waiting', s, [], 'Pending'],
    ['restartable init container running', s, [running('containerX')], 'Pending'],
    ['restartable init container stopped', s, [stopped('containerX')], 'Pending'],
    ['restartable init container waiting, terminated zero', s, [waitingLastTerm('containerX')], 'Pending'],
    ['restartable init container waiting, terminated non-zero', s, [waitingNonZero('containerX')], 'Pending'],
    ['restartable init container waiting, not terminated', s, [waiting('containerX')], 'Pending'],
    ['restartable init container started, 1/2 regular container running', s, [started('containerX'), running('containerA')], 'Pending'],
    ['restartable init container started, all regular containers running', s, [started('containerX'), ...ab], 'Running'],
    ['restartable init container running, all regular containers running', s, [running('containerX'), ...ab], 'Running'],
    ['restartable init container stopped, all regular containers running', s, [stopped('containerX'), ...ab], 'Running'],
    ['backoff crashloop restartable init container, all regular containers running', s, [waitingLastTerm('containerX'), ...ab], 'Running'],
    ['all regular containers succeeded and restartable init container failed, pod terminal', s, [failed('containerX'), succeeded('containerA'), succeeded('containerB')], 'Succeeded', true],
    ['all regular containers succeeded and restartable init container succeeded, pod terminal', s, [succeeded('containerX'), succeeded('containerA'), succeeded('containerB')], 'Succeeded', true],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysAndPodHasRun', () => {
  const s: PodSpec = { containers: [{ name: 'containerA' }], restartPolicy: 'Always', initContainers: [{ name: 'containerX' }, { name: 'containerY', restartPolicy: 'Always' }] };
  run([
    ['regular init, sidecar and regular container all running', s, [running('containerX'), running('containerY'), running('containerA')], 'Pending'],
    ['regular container stopped, sidecar and regular init running', s, [running('containerX'), running('containerY'), stopped('containerA')], 'Pending'],
    ['regular init succeeded, sidecar running, regular container stopped', s, [succeeded('containerX'), running('containerY'), stopped('containerA')], 'Running'],
    ['regular init succeeded, sidecar and regular container running', s, [succeeded('containerX'), running('containerY'), running('containerA')], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartNever', () => {
  const s = spec('Never');
  run([
    ['waiting', s, [], 'Pending'],
    ['all running with restart never', s, [running('containerA'), running('containerB')], 'Running'],
    ['all succeeded with restart never', s, [succeeded('containerA'), succeeded('containerB')], 'Succeeded'],
    ['all failed with restart never', s, [failed('containerA'), failed('containerB')], 'Failed'],
    ['mixed state #1 with restart never', s, [running('containerA'), succeeded('containerB')], 'Running'],
    ['mixed state #2 with restart never', s, [running('containerA')], 'Pending'],
    ['mixed state #3 with restart never', s, [running('containerA'), waiting('containerB')], 'Pending'],
  ]);
});

describe('TestPodPhaseWithRestartNeverInitContainers', () => {
  const s = spec('Never', X);
  run([
    ['empty, waiting', s, [], 'Pending'],
    ['init container running', s, [running('containerX')], 'Pending'],
    ['init container terminated non-zero', s, [failed('containerX')], 'Failed'],
    ['init container waiting, terminated zero', s, [waitingLastTerm('containerX')], 'Pending'],
    ['init container waiting, terminated non-zero', s, [waitingNonZero('containerX')], 'Failed'],
    ['init container waiting, not terminated', s, [waiting('containerX')], 'Pending'],
    ['init container succeeded', s, [succeeded('containerX'), running('containerA'), running('containerB')], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartNeverRestartableInitContainers', () => {
  const s = spec('Never', XR);
  const ok = [succeeded('containerA'), succeeded('containerB')];
  run([
    ['empty, waiting', s, [], 'Pending'],
    ['restartable init container running', s, [running('containerX')], 'Pending'],
    ['restartable init container stopped', s, [stopped('containerX')], 'Pending'],
    ['restartable init container waiting, terminated zero', s, [waitingLastTerm('containerX')], 'Pending'],
    ['restartable init container waiting, terminated non-zero', s, [waitingNonZero('containerX')], 'Pending'],
    ['restartable init container waiting, not terminated', s, [waiting('containerX')], 'Pending'],
    ['restartable init container started, one main container running', s, [started('containerX'), running('containerA')], 'Pending'],
    ['restartable init container started, main containers succeeded', s, [started('containerX'), ...ok], 'Running'],
    ['restartable init container running, main containers succeeded', s, [running('containerX'), ...ok], 'Running'],
    ['all containers succeeded', s, [succeeded('containerX'), ...ok], 'Succeeded'],
    ['restartable init container terminated non-zero, main containers succeeded', s, [failed('containerX'), ...ok], 'Succeeded'],
    ['backoff crashloop restartable init container, main containers succeeded', s, [waitingLastTerm('containerX'), ...ok], 'Succeeded'],
    ['backoff crashloop with non-zero restartable init container, main containers succeeded', s, [waitingNonZero('containerX'), ...ok], 'Succeeded'],
  ]);
});

describe('TestPodPhaseWithRestartOnFailure', () => {
  const s = spec('OnFailure');
  run([
    ['waiting', s, [], 'Pending'],
    ['all running with restart onfailure', s, [running('containerA'), running('containerB')], 'Running'],
    ['all succeeded with restart onfailure', s, [succeeded('containerA'), succeeded('containerB')], 'Succeeded'],
    ['all failed with restart onfailure', s, [failed('containerA'), failed('containerB')], 'Running'],
    ['mixed state #1 with restart onfailure', s, [running('containerA'), succeeded('containerB')], 'Running'],
    ['mixed state #2 with restart onfailure', s, [running('containerA')], 'Pending'],
    ['mixed state #3 with restart onfailure', s, [running('containerA'), waiting('containerB')], 'Pending'],
    ['backoff crashloop container with restart onfailure', s, [running('containerA'), waitingLastTerm('containerB')], 'Running'],
  ]);
});
