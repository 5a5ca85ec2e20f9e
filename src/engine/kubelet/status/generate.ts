// Twin of pkg/kubelet/status/generate.go: the kubelet-owned pod conditions (without observedGeneration).
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { getContainerStatus, hasAnyRegularContainerStarted, isRestartableInitContainer } from '../util/pod';
import type { PodPhase } from '../kubelet-pods';

export const UnknownContainerStatuses = 'UnknownContainerStatuses';
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

/** Go's fmt %s of a []string: `[a b]`. */
const goList = (xs: string[]) => `[${xs.join(' ')}]`;

function cond(type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** GenerateContainersReadyCondition: true when every regular container and sidecar is ready. */
export function generateContainersReadyCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  if (statuses === undefined) return cond('ContainersReady', 'False', UnknownContainerStatuses);
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = getContainerStatus(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInitContainer(c)) check(c.name);
  for (const c of pod.spec?.containers ?? []) check(c.name);
  if (phase === 'Succeeded' && unknown.length === 0) return cond('ContainersReady', 'False', PodCompleted);
  if (phase === 'Failed') return cond('ContainersReady', 'False', PodFailed);
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
  if (msgs.length) return cond('ContainersReady', 'False', ContainersNotReady, msgs.join(', '));
  return cond('ContainersReady', 'True');
}

/** GeneratePodReadyCondition: ContainersReady and every readiness gate True. */
export function generatePodReadyCondition(
  pod: Pod,
  conditions: PodCondition[],
  statuses: ContainerStatus[] | undefined,
  phase: PodPhase,
): PodCondition {
  const cr = generateContainersReadyCondition(pod, statuses, phase);
  if (cr.status !== 'True') return cond('Ready', cr.status as 'False', cr.reason, cr.message);
  const msgs: string[] = [];
  for (const rg of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === rg.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${rg.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${rg.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length) return cond('Ready', 'False', ReadinessGatesNotReady, msgs.join(', '));
  return cond('Ready', 'True');
}

function isInitContainerInitialized(sidecar: boolean, s: ContainerStatus): boolean {
  return sidecar ? s.started === true : s.ready;
}

/** GeneratePodInitializedCondition: every regular init container succeeded and every sidecar started. */
export function generatePodInitializedCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  const inits = pod.spec?.initContainers ?? [];
  if (statuses === undefined && inits.length > 0) return cond('Initialized', 'False', UnknownContainerStatuses);
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = getContainerStatus(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!isInitContainerInitialized(isRestartableInitContainer(c), s)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', 'True', PodCompleted);
  if (pod.spec && hasAnyRegularContainerStarted(pod.spec, statuses)) return cond('Initialized', 'True');
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length) return cond('Initialized', 'False', ContainersNotInitialized, msgs.join(', '));
  return cond('Initialized', 'True');
}

/** GeneratePodReadyToStartContainersCondition: True once the sandbox exists with networking. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return cond('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}
