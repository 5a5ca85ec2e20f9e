// Twin of pkg/api/v1/pod/util.go (+ kubecontainer helpers): small pod/container predicates.
import type { Container, ContainerStatus, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { resourceValue } from '../../api/quantity';

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always is a sidecar. */
export function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** podutil.GetContainerStatus: the status with that name, if any. */
export function getContainerStatus(statuses: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  return (statuses ?? []).find((s) => s.name === name);
}

/**
 * kubecontainer.HasAnyRegularContainerStarted: any regular container running or terminated
 * (a waiting container that has terminated before counts too).
 */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: ContainerStatus[] | undefined): boolean {
  for (const c of spec.containers ?? []) {
    const s = getContainerStatus(statuses, c.name);
    if (!s?.state) continue;
    if (s.state.running || s.state.terminated) return true;
    if (s.state.waiting && s.lastState?.terminated) return true;
  }
  return false;
}

/** Effective pod requests (component-helpers resource.PodRequests without overhead or pod-level resources). */
export function podRequests(pod: Pod, resource: 'cpu' | 'memory'): number {
  const req = (c: Container) => resourceValue(resource, c.resources?.requests?.[resource] as string | undefined);
  let regular = 0;
  for (const c of pod.spec?.containers ?? []) regular += req(c);
  let sidecars = 0;
  let initMax = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    if (isRestartableInitContainer(c)) {
      sidecars += req(c);
      initMax = Math.max(initMax, sidecars);
    } else {
      initMax = Math.max(initMax, sidecars + req(c));
    }
  }
  return Math.max(regular + sidecars, initMax);
}

/** format.Pod: `name_namespace(uid)`, used in kubelet messages. */
export function formatPod(pod: Pod): string {
  const m = pod.metadata ?? {};
  return `${m.name}_${m.namespace}(${m.uid})`;
}
