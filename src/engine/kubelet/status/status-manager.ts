// Twin of pkg/kubelet/status/status_manager.go + kubelet_pods.go generateAPIPodStatus /
// convertToAPIContainerStatuses: builds the API status from the worker's records and writes it
// through pods/status only when it changed. The write carries no resourceVersion (unconditional).
import type { Container, ContainerStateTerminated, ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../api/time';
import type { KObject } from '../../api/types';
import { getPhase, type PodPhase } from '../kubelet-pods';
import { getPodQOS } from '../../api/helper/qos';
import { containerIdUri } from '../runtime/cri';
import { allContainers, ephemeralContainers, type ContainerRecord, type KubeletHost, type PodWorker } from '../pod-workers';
import { applyProbeResults } from '../prober/prober-manager';
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  generatePodReadyToStartContainersCondition,
} from './generate';

const KUBELET_CONDITIONS = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'];

function terminated(r: { exitCode: number; reason: string; startedAtMs: number; finishedAtMs: number; containerID: string; message?: string }): ContainerStateTerminated {
  const t: ContainerStateTerminated = {
    containerID: r.containerID, exitCode: r.exitCode, finishedAt: rfc3339(r.finishedAtMs), reason: r.reason, startedAt: rfc3339(r.startedAtMs),
  };
  if (r.message) t.message = r.message;
  return t;
}

function current(rec: ContainerRecord) {
  return {
    exitCode: rec.exitCode ?? 0, reason: rec.reason ?? 'Error', startedAtMs: rec.startedAtMs ?? 0, finishedAtMs: rec.finishedAtMs ?? 0,
    containerID: containerIdUri(rec.id ?? ''), message: rec.message,
  };
}

/** convertToAPIContainerStatuses for one container. */
export function containerStatus(c: Container, rec: ContainerRecord | undefined, defaultReason: string): ContainerStatus {
  const s: ContainerStatus = { name: c.name, image: rec?.imageRef ?? c.image ?? '', imageID: rec?.repoDigest ?? '', ready: false, restartCount: rec?.restartCount ?? 0, started: false, state: {}, lastState: {} };
  if (rec?.id) s.containerID = containerIdUri(rec.id);
  const last: NonNullable<ContainerStatus['lastState']> = rec?.last ? { terminated: terminated(rec.last) } : {};
  if (!rec || rec.state === 'none') {
    s.state = { waiting: { reason: rec?.waiting?.reason ?? defaultReason, ...(rec?.waiting?.message ? { message: rec.waiting.message } : {}) } };
    s.lastState = last;
  } else if (rec.state === 'created') {
    s.state = { waiting: { reason: 'ContainerCreating' } };
    s.lastState = last;
  } else if (rec.state === 'running') {
    s.state = { running: { startedAt: rfc3339(rec.startedAtMs ?? 0) } };
    s.lastState = last;
    s.started = true;
    s.ready = true; // no readiness probe: ready once started
  } else if (rec.waiting) {
    s.state = { waiting: { reason: rec.waiting.reason, ...(rec.waiting.message ? { message: rec.waiting.message } : {}) } };
    s.lastState = { terminated: terminated(current(rec)) };
  } else {
    s.state = { terminated: terminated(current(rec)) };
    s.lastState = last;
    if (rec.kind === 'init') s.ready = rec.exitCode === 0; // a completed init container counts as ready
  }
  return s;
}

/** Keep lastTransitionTime when a condition's status did not change (status_manager updateLastTransitionTime). */
function stamp(c: PodCondition, old: PodCondition[] | undefined, nowMs: number): PodCondition {
  const prev = old?.find((o) => o.type === c.type);
  const t = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : rfc3339(nowMs);
  return { type: c.type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime: t, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) };
}

/** generateAPIPodStatus: phase, conditions, container statuses, IPs, QoS. */
export function generateAPIPodStatus(kl: KubeletHost, pw: PodWorker, podIsTerminal: boolean): PodStatus {
  const pod = pw.pod;
  const old = pw.written ?? pod.status ?? {};
  const hasInit = (pod.spec?.initContainers ?? []).length > 0;
  const def = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const init: ContainerStatus[] = [];
  const regular: ContainerStatus[] = [];
  for (const { c, kind } of allContainers(pod)) (kind === 'regular' ? regular : init).push(containerStatus(c, pw.containers[c.name], def));
  applyProbeResults(pw, [...init, ...regular]);
  const initialized = Object.values(pw.containers).some((r) => r.kind === 'regular' && (r.state === 'created' || r.state === 'running'));
  let phase: PodPhase = getPhase(pod, [...regular, ...init], podIsTerminal, initialized || undefined);
  if (pw.evicted) phase = 'Failed'; // eviction manager's status function: the pod is Failed whatever its containers do
  const wasTerminal = old.phase === 'Succeeded' || old.phase === 'Failed';
  if (wasTerminal && phase !== old.phase) phase = old.phase as PodPhase; // terminal phases are sticky
  const all = [...init, ...regular];
  const now = kl.now();
  const extra = pw.extraConditions ?? [];
  const conds: PodCondition[] = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type) && !extra.some((e) => e.type === c.type));
  conds.push(...extra);
  conds.push(stamp(generatePodReadyToStartContainersCondition(!!pw.sandbox?.ready), old.conditions, now));
  conds.push(stamp(generatePodInitializedCondition(pod, all, phase), old.conditions, now));
  conds.push(stamp(generatePodReadyCondition(pod, conds, all, phase), old.conditions, now));
  conds.push(stamp(generateContainersReadyCondition(pod, all, phase), old.conditions, now));
  const scheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'True');
  conds.push(scheduled ?? stamp({ type: 'PodScheduled', status: 'True' }, old.conditions, now));
  const s: PodStatus = { phase, conditions: conds, hostIP: kl.hostIP, hostIPs: [{ ip: kl.hostIP }] };
  if (phase === old.phase && old.reason) s.reason = old.reason;
  if (phase === old.phase && old.message) s.message = old.message;
  if (pw.evicted) Object.assign(s, pw.evicted);
  if (pw.sandbox?.ip) {
    s.podIP = pw.sandbox.ip;
    s.podIPs = [{ ip: pw.sandbox.ip }];
  }
  s.startTime = rfc3339(pw.startTimeMs);
  if (init.length) s.initContainerStatuses = init;
  s.containerStatuses = regular;
  const eph = ephemeralContainers(pod);
  // ephemeral containers have no probes and never count as ready
  if (eph.length) s.ephemeralContainerStatuses = eph.map((c) => ({ ...containerStatus(c, pw.containers[c.name], def), ready: false }));
  s.qosClass = getPodQOS(pod);
  return s;
}

/** SetPodStatus + syncPod: write the status when it differs from the last one written. */
export function setPodStatus(kl: KubeletHost, pw: PodWorker, status: PodStatus): void {
  if (pw.deletedFromApi) return;
  const json = JSON.stringify(status);
  if (json === pw.writtenJson) return;
  pw.written = status;
  pw.writtenJson = json;
  const { resourceVersion: _rv, ...metadata } = pw.pod.metadata ?? {};
  const body = { ...pw.pod, metadata, status } as unknown as KObject;
  kl.api({ verb: 'update', resource: 'pods', subresource: 'status', namespace: pw.namespace, name: pw.name, body }, { kind: 'pod.status', uid: pw.uid });
}

/** generate + set in one go (the common case). */
export function syncStatus(kl: KubeletHost, pw: PodWorker, podIsTerminal = false): PodStatus {
  const s = generateAPIPodStatus(kl, pw, podIsTerminal);
  setPodStatus(kl, pw, s);
  return s;
}
