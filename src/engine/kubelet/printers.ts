// Twin of pkg/printers/internalversion/printers.go printPod: the `kubectl get pods` row.
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration, parseRfc3339 } from '../api/time';
import { isRestartableInitContainer } from './util/pod';

export interface PodRow {
  NAME: string;
  READY: string;
  STATUS: string;
  RESTARTS: string;
  AGE: string;
}

/** translateTimestampSince: `<unknown>` for a zero time, else HumanDuration(now - t). */
function since(ts: string | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(nowMs - parseRfc3339(ts));
}

const finishedMs = (s: ContainerStatus) => {
  const f = s.lastState?.terminated?.finishedAt;
  return f ? parseRfc3339(f) : undefined;
};

/** Terminated state without a reason prints as Signal:N / ExitCode:N. */
function terminatedReason(prefix: string, t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

export function printPodRow(pod: Pod, nowMs: number): PodRow {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || b > a) ? b : a);
  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInitContainer(c)) totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const sidecar = isRestartableInitContainer(inits.get(cs.name));
    restarts += cs.restartCount ?? 0;
    lastRestart = later(lastRestart, finishedMs(cs));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finishedMs(cs));
    }
    const st = cs.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (st.terminated) reason = terminatedReason('Init:', st.terminated);
    else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') reason = `Init:${st.waiting.reason}`;
    else reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      const st = c.state ?? {};
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, finishedMs(c));
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated) reason = terminatedReason('', st.terminated);
      else if (c.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // back to Running if a container still runs (a Completed container next to a running one)
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  return {
    NAME: pod.metadata?.name ?? '',
    READY: `${readyContainers}/${totalContainers}`,
    STATUS: reason,
    RESTARTS: restartsStr,
    AGE: since(pod.metadata?.creationTimestamp, nowMs),
  };
}
