// Twin of kubectl's printPod (pkg/printers/internalversion/printers.go): the READY, STATUS and
// RESTARTS columns computed from a played Pod object. Kept in the UI because the UI may not run
// engine code; it is a pure function of the object, so it agrees with the engine's own printer.
import type { KubeObject } from '../../protocol/messages';
import { virtualMsOf } from '../time/time';

interface Terminated { exitCode?: number; signal?: number; reason?: string; finishedAt?: string }
interface ContainerState { waiting?: { reason?: string }; running?: object; terminated?: Terminated }
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  image?: string;
  state?: ContainerState;
  lastState?: { terminated?: Terminated };
}
interface Spec { containers?: Array<{ name: string; image?: string }>; initContainers?: Array<{ name: string; restartPolicy?: string }>; nodeName?: string }
interface Status {
  phase?: string;
  reason?: string;
  podIP?: string;
  conditions?: Array<{ type: string; status: string; reason?: string }>;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export interface PodColumns {
  ready: string;
  status: string;
  restarts: number;
  /** virtual ms of the latest restart, NaN if none */
  lastRestartMs: number;
}

const specOf = (pod: KubeObject) => (pod.spec ?? {}) as Spec;
const statusOf = (pod: KubeObject) => (pod.status ?? {}) as Status;
const condition = (s: Status, type: string) => s.conditions?.find((c) => c.type === type);

function terminatedReason(t: Terminated, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

function latest(a: number, t: Terminated | undefined): number {
  const ms = virtualMsOf(t?.finishedAt);
  return Number.isNaN(ms) ? a : Number.isNaN(a) ? ms : Math.max(a, ms);
}

export function podColumns(pod: KubeObject): PodColumns {
  const spec = specOf(pod);
  const st = statusOf(pod);
  const inits = spec.initContainers ?? [];
  const restartable = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let total = (spec.containers ?? []).length + restartable.size;
  let ready = 0, restarts = 0, sidecarRestarts = 0;
  let lastRestartMs = NaN, sidecarLastRestartMs = NaN;
  let reason = st.reason || st.phase || 'Pending';
  if (st.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    lastRestartMs = latest(lastRestartMs, c.lastState?.terminated);
    if (restartable.has(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      sidecarLastRestartMs = latest(sidecarLastRestartMs, c.lastState?.terminated);
    }
    const t = c.state?.terminated;
    const w = c.state?.waiting;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (restartable.has(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t) reason = terminatedReason(t, 'Init:');
    else if (w?.reason && w.reason !== 'PodInitializing') reason = `Init:${w.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }

  if (!initializing || condition(st, 'Initialized')?.status === 'True') {
    restarts = sidecarRestarts;
    lastRestartMs = sidecarLastRestartMs;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestartMs = latest(lastRestartMs, c.lastState?.terminated);
      const s = c.state ?? {};
      if (s.waiting?.reason) reason = s.waiting.reason;
      else if (s.terminated) reason = terminatedReason(s.terminated, '');
      else if (c.ready && s.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = condition(st, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  }

  const metadata = pod.metadata as { deletionTimestamp?: string };
  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  total = Math.max(total, 0);
  return { ready: `${ready}/${total}`, status: reason, restarts, lastRestartMs };
}
