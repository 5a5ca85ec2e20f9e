// Twin of pkg/kubelet/eviction/eviction_manager.go (synchronize every evictionMonitoringPeriod,
// the pressure transition period, evictPod) and helpers.go (the memory.available observation,
// rankMemoryPressure, evictionMessage), for the default hard threshold memory.available<100Mi.
// Stats come from the runtime's ListContainerStats (the summary API's working sets);
// memory.available = node capacity − (system daemons + every container's working set).
// Simplifications: only the memory signal; no soft thresholds, no admission rejection while
// under pressure (the NoSchedule taint keeps new pods away).
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { formatBytes, resourceValue } from '../../api/quantity';
import { rfc3339 } from '../../api/time';
import type { ContainerStats } from '../runtime/cri';
import { type KubeletHost, type PodWorker } from '../pod-workers';
import { podRequests } from '../util/pod';
import { syncStatus } from '../status/status-manager';
import { beginTermination } from '../kuberuntime/kuberuntime-manager';

/** evictionMonitoringPeriod (kubelet.go) */
export const EVICTION_MONITORING_PERIOD_MS = 10_000;
/** --eviction-pressure-transition-period default */
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000;
/** the default hard threshold memory.available<100Mi */
export const MEMORY_AVAILABLE_THRESHOLD = '100Mi';
const THRESHOLD_BYTES = 100 * 2 ** 20;

export const Reason = 'Evicted';

export interface EvictionState {
  /** when memory.available was last observed below the threshold */
  lastObservedMs?: number;
  /** the MemoryPressure condition the kubelet reports */
  memoryPressure: boolean;
}

interface PodUsage {
  pw: PodWorker;
  usage: number;
  request: number;
  containers: Array<{ name: string; usage: number }>;
}

/** orderedBy(exceedMemoryRequests, priority, memory): over-request pods first, then lower priority, then most over request. */
export function rankMemoryPressure(pods: PodUsage[]): PodUsage[] {
  const exceeds = (p: PodUsage) => (p.usage > p.request ? 1 : 0);
  const prio = (p: PodUsage) => p.pw.pod.spec?.priority ?? 0;
  return [...pods].sort((a, b) => exceeds(b) - exceeds(a) || prio(a) - prio(b) || b.usage - b.request - (a.usage - a.request));
}

/** evictionMessage: the node-low sentence, the threshold, and every container using more than it requested. */
export function evictionMessage(p: PodUsage, availableBytes: number): string {
  let msg = `The node was low on resource: memory. Threshold quantity: ${MEMORY_AVAILABLE_THRESHOLD}, available: ${formatQuantity(availableBytes)}. `;
  for (const c of p.pw.pod.spec?.containers ?? []) {
    const used = p.containers.find((x) => x.name === c.name);
    if (!used) continue;
    const req = c.resources?.requests?.memory as string | undefined;
    if (used.usage > resourceValue('memory', req)) msg += `Container ${c.name} was using ${formatQuantity(used.usage)}, request is ${req ?? '0'}, has larger consumption of memory. `;
  }
  return msg;
}

/** resource.NewQuantity(n, BinarySI).String() */
function formatQuantity(n: number): string {
  return n < 0 ? `-${formatBytes(-n)}` : formatBytes(n);
}

/**
 * synchronize: observe, update the pressure condition, and evict at most one pod per period.
 * Returns whether the MemoryPressure condition changed.
 */
export function synchronize(kl: KubeletHost, st: EvictionState, pods: Record<string, PodWorker>, stats: ContainerStats): boolean {
  const now = kl.now();
  const used = stats.systemBytes + stats.stats.reduce((s, c) => s + c.workingSetBytes, 0);
  const available = kl.allocatable.memoryBytes - used;
  const met = available < THRESHOLD_BYTES;
  if (met) st.lastObservedMs = now;
  const pressure = st.lastObservedMs !== undefined && now - st.lastObservedMs < PRESSURE_TRANSITION_PERIOD_MS;
  const changed = pressure !== st.memoryPressure;
  st.memoryPressure = pressure;
  if (!met) return changed;
  // a pod is already being evicted: wait for it to be cleaned up (waitForPodsCleanup)
  if (Object.values(pods).some((p) => p.evicted && p.phase === 'terminating')) return changed;
  const active: PodUsage[] = Object.values(pods)
    .filter((p) => p.phase === 'syncing' && !p.evicted)
    .map((pw) => {
      const containers = stats.stats.filter((s) => s.podUid === pw.uid).map((s) => ({ name: s.container, usage: s.workingSetBytes }));
      return { pw, containers, usage: containers.reduce((s, c) => s + c.usage, 0), request: podRequests(pw.pod as Pod, 'memory') };
    })
    .filter((p) => p.containers.length > 0);
  const victim = rankMemoryPressure(active)[0];
  if (victim) evictPod(kl, victim.pw, evictionMessage(victim, available), available);
  return changed;
}

/** evictPod: a hard threshold kills with grace period 0 (at least 2 s per container) and marks the pod Failed/Evicted. */
function evictPod(kl: KubeletHost, pw: PodWorker, message: string, availableBytes: number): void {
  pw.evicted = { reason: Reason, message };
  const cond: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message, lastTransitionTime: rfc3339(kl.now()) };
  pw.extraConditions = [...(pw.extraConditions ?? []).filter((c) => c.type !== cond.type), cond];
  kl.trace(pw, 'kubelet.evict', { signal: 'memory.available', threshold: MEMORY_AVAILABLE_THRESHOLD, available: formatQuantity(availableBytes), message });
  kl.event(pw, 'Warning', Reason, message);
  syncStatus(kl, pw, true);
  beginTermination(kl, pw, false);
  if (pw.term) pw.term.graceSeconds = 0;
}

/** setters.go MemoryPressureCondition: the condition the kubelet posts for the current state. */
export function memoryPressureCondition(pressure: boolean) {
  return pressure
    ? { status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', event: 'NodeHasInsufficientMemory' }
    : { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' };
}
