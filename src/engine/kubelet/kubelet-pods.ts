// Twin of pkg/kubelet/kubelet_pods.go getPhase (v1.33: with the podHasInitialized argument of
// kubernetes#128516; when omitted it falls back to HasAnyRegularContainerStarted as before).
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { getContainerStatus, hasAnyRegularContainerStarted, isRestartableInitContainer } from './util/pod';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** getPhase returns the phase of a pod given its container info (init + regular statuses). */
export function getPhase(pod: Pod, info: ContainerStatus[], podIsTerminal: boolean, podHasInitialized?: boolean): PodPhase {
  const spec = pod.spec ?? { containers: [] };
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  // regular init containers
  for (const c of spec.initContainers ?? []) {
    if (isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(info, c.name);
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    const st = s.state ?? {};
    if (st.running) pendingRegularInit++;
    else if (st.terminated) {
      if (st.terminated.exitCode !== 0) failedInitialization++;
    } else if (st.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  // restartable init containers (sidecars)
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    const st = s.state ?? {};
    if (st.running) {
      if (!s.started) pendingRestartableInit++;
      running++;
    } else if (st.terminated) {
      // terminated sidecars do not count towards the phase
    } else if (st.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInit++;
        waiting++;
      }
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }
  for (const c of spec.containers ?? []) {
    const s = getContainerStatus(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    const st = s.state ?? {};
    if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if (st.terminated.exitCode === 0) succeeded++;
    } else if (st.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';
  const initialized = podHasInitialized ?? hasAnyRegularContainerStarted(spec, info);
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !initialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    // a terminal pod's containers are not restarted whatever the restart policy
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    const policy = spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running'; // OnFailure, restarting
  }
  return 'Pending';
}
