// Pure helpers of the Pod view: the containers of a played Pod object with their status, their
// probes from the spec, and the countdowns (back-off, grace period) in virtual time.
import type { KubeObject } from '../../protocol/messages';
import type { BackoffClock, TermSteps } from '../../folds/node-views';
import { virtualMsOf } from '../time/time';

export type ContainerKind = 'init' | 'sidecar' | 'app' | 'ephemeral';

export interface ProbeSpec {
  probe: 'startup' | 'liveness' | 'readiness';
  mechanism: string;
  periodSeconds: number;
  failureThreshold: number;
  successThreshold: number;
}

type Obj = Record<string, any>;

export interface ContainerDetail {
  name: string;
  kind: ContainerKind;
  image: string;
  /** `Waiting: CrashLoopBackOff`, `Running`, `Terminated: Error (exit 1)` */
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  /** virtual ms */
  startedAtMs?: number;
  finishedAtMs?: number;
  ready?: boolean;
  started?: boolean;
  restartCount: number;
  last?: { reason?: string; exitCode?: number; finishedAtMs?: number };
  probes: ProbeSpec[];
}

const PROBES = [['startupProbe', 'startup'], ['livenessProbe', 'liveness'], ['readinessProbe', 'readiness']] as const;

function probeSpecs(c: Obj): ProbeSpec[] {
  const out: ProbeSpec[] = [];
  for (const [field, probe] of PROBES) {
    const p = c[field] as Obj | undefined;
    if (!p) continue;
    const mechanism = ['exec', 'httpGet', 'tcpSocket', 'grpc'].find((m) => p[m]) ?? 'exec';
    // defaults as the apiserver sets them (pkg/apis/core/v1/defaults.go SetDefaults_Probe)
    out.push({ probe, mechanism, periodSeconds: p.periodSeconds ?? 10, failureThreshold: p.failureThreshold ?? 3, successThreshold: p.successThreshold ?? 1 });
  }
  return out;
}

function stateOf(st: Obj | undefined): Pick<ContainerDetail, 'state' | 'reason' | 'message' | 'exitCode' | 'signal' | 'startedAtMs' | 'finishedAtMs'> {
  if (st?.waiting) return { state: 'waiting', reason: st.waiting.reason, message: st.waiting.message };
  if (st?.running) return { state: 'running', startedAtMs: virtualMsOf(st.running.startedAt) };
  if (st?.terminated) {
    const t = st.terminated;
    return { state: 'terminated', reason: t.reason, message: t.message, exitCode: t.exitCode, signal: t.signal, startedAtMs: virtualMsOf(t.startedAt), finishedAtMs: virtualMsOf(t.finishedAt) };
  }
  return { state: 'unknown' };
}

/** Every container of the pod, in the order the kubelet starts them: init (and sidecars), app, ephemeral. */
export function containersOf(pod: KubeObject): ContainerDetail[] {
  const spec = (pod.spec ?? {}) as Obj;
  const status = (pod.status ?? {}) as Obj;
  const groups: Array<[Obj[] | undefined, Obj[] | undefined, (c: Obj) => ContainerKind]> = [
    [spec.initContainers, status.initContainerStatuses, (c) => (c.restartPolicy === 'Always' ? 'sidecar' : 'init')],
    [spec.containers, status.containerStatuses, () => 'app'],
    [spec.ephemeralContainers, status.ephemeralContainerStatuses, () => 'ephemeral'],
  ];
  return groups.flatMap(([cs, sts, kind]) =>
    (cs ?? []).map((c) => {
      const s = (sts ?? []).find((x) => x.name === c.name);
      const last = s?.lastState?.terminated;
      return {
        name: c.name, kind: kind(c), image: c.image ?? '', ...stateOf(s?.state), ready: s?.ready, started: s?.started, restartCount: s?.restartCount ?? 0,
        ...(last ? { last: { reason: last.reason, exitCode: last.exitCode, finishedAtMs: virtualMsOf(last.finishedAt) } } : {}),
        probes: kind(c) === 'ephemeral' ? [] : probeSpecs(c),
      };
    }),
  );
}

/** Seconds (ceil) until the back-off ends, or undefined when the container is not waiting one out. */
export function backoffLeftMs(b: BackoffClock | undefined, c: ContainerDetail, nowMs: number): number | undefined {
  if (!b || c.state !== 'waiting' || c.reason !== b.reason) return undefined;
  return Math.max(0, b.startT + b.backoffMs - nowMs);
}

/** The pod's grace period: deletionTimestamp is the instant the grace period ends (now + grace at deletion). */
export function graceLeftMs(pod: KubeObject, nowMs: number): { leftMs: number; graceSeconds: number } | undefined {
  const m = pod.metadata as Obj;
  if (!m.deletionTimestamp) return undefined;
  const endMs = virtualMsOf(m.deletionTimestamp);
  if (Number.isNaN(endMs)) return undefined;
  return { leftMs: Math.max(0, endMs - nowMs), graceSeconds: Number(m.deletionGracePeriodSeconds ?? 0) };
}

export type TermPhase = 'preStop' | 'stopSignal' | 'exited' | 'sigkill';

/** Where a container's stop is, and how long until SIGKILL (the runtime's deadline). */
export function termPhase(t: TermSteps, nowMs: number): { phase: TermPhase; killInMs?: number } {
  if (t.sigkillT !== undefined && t.sigkillT <= nowMs) return { phase: 'sigkill' };
  if (t.exited) return { phase: 'exited' };
  if (t.stop) return { phase: 'stopSignal', killInMs: Math.max(0, t.stop.deadlineMs - nowMs) };
  const deadline = t.preStop?.deadlineMs ?? t.killT + t.graceSeconds * 1000;
  return { phase: 'preStop', killInMs: Math.max(0, deadline - nowMs) };
}

/** `12s`, `1m05s`: a countdown in whole seconds, rounded up. */
export function countdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
