// Twin of pkg/kubelet/prober/prober_manager.go (AddPod, UpdatePodStatus) and worker.go (run,
// doProbe): one worker per (container, probe kind) ticking every periodSeconds from the moment the
// pod is added (with a random delay up to one period while the kubelet has just started); the
// first probe waits for initialDelaySeconds since the container started; startup gates liveness
// and readiness; results change only after successThreshold / failureThreshold equal results in a
// row; a failed liveness/startup probe puts the worker on hold until a new container appears.
// The results manager is the worker's own (containerId, result) pair.
import type { Container } from 'kubernetes-types/core/v1';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { ProbeReply } from '../runtime/cri';
import { allContainers, requestSync, specOf, type KubeletHost, type PodWorker } from '../pod-workers';
import { probeAction, probeSpec, probeTiming, unhealthyMessage, type ProbeResult, type ProbeType } from './prober';

export interface ProbeWorker {
  container: string;
  type: ProbeType;
  /** the container instance the result belongs to */
  containerId?: string;
  result?: ProbeResult;
  lastResult?: 'success' | 'failure';
  /** how many times in a row the probe returned lastResult */
  resultRun: number;
  onHold: boolean;
  inFlight: boolean;
  stopped: boolean;
  manualQueued: boolean;
}

const TYPES: ProbeType[] = ['startup', 'readiness', 'liveness'];
const INITIAL: Record<ProbeType, ProbeResult> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };
export const probeKey = (container: string, type: ProbeType) => `${container}/${type}`;

/** AddPod: a worker for every probe of the regular containers and sidecars. */
export function addPod(kl: KubeletHost, pw: PodWorker): void {
  pw.probes ??= {};
  for (const { c, kind } of allContainers(pw.pod)) {
    if (kind === 'init') continue;
    for (const type of TYPES) {
      const spec = probeSpec(c, type);
      const key = probeKey(c.name, type);
      if (!spec || pw.probes[key]) continue;
      pw.probes[key] = { container: c.name, type, resultRun: 0, onHold: false, inFlight: false, stopped: false, manualQueued: false };
      const periodMs = probeTiming(spec).periodMs;
      // worker.run: right after a kubelet restart, wait a random part of the period first
      const jitterMs = periodMs > kl.now() - kl.startedAtMs ? kl.rng().int(periodMs) : 0;
      kl.self({ type: 'PROBE_TICK', uid: pw.uid, key }, jitterMs, true);
    }
  }
}

const worker = (pw: PodWorker, container: string, type: ProbeType): ProbeWorker | undefined => {
  const w = pw.probes?.[probeKey(container, type)];
  return w && !w.stopped ? w : undefined;
};

/** UpdatePodStatus's `started`: running, and the startup probe (if any) succeeded for this instance. */
export function isStarted(pw: PodWorker, name: string): boolean {
  const r = pw.containers[name];
  if (r?.state !== 'running') return false;
  const w = worker(pw, name, 'startup');
  return !w || (w.containerId === r.id && w.result === 'success');
}

/** UpdatePodStatus's `ready`: started, and the readiness probe (if any) succeeded for this instance. */
export function isReady(pw: PodWorker, name: string): boolean {
  if (!isStarted(pw, name)) return false;
  const w = worker(pw, name, 'readiness');
  return !w || (w.containerId === pw.containers[name].id && w.result === 'success');
}

/** computePodActions: why a running container must be killed (liveness, then startup), if it must. */
export function probeKillReason(pw: PodWorker, name: string): 'liveness' | 'startup' | undefined {
  const r = pw.containers[name];
  if (r?.state !== 'running') return undefined;
  for (const type of ['liveness', 'startup'] as const) {
    const w = pw.probes?.[probeKey(name, type)];
    if (w && w.containerId === r.id && w.result === 'failure') return type;
  }
  return undefined;
}

/** UpdatePodStatus: started/ready of running regular containers and sidecars from the probe results. */
export function applyProbeResults(pw: PodWorker, statuses: ContainerStatus[]): void {
  for (const s of statuses) {
    const kind = pw.containers[s.name]?.kind ?? specOf(pw.pod, s.name)?.kind;
    if (kind === 'init' || !s.state?.running) continue;
    s.started = isStarted(pw, s.name);
    s.ready = s.started && isReady(pw, s.name);
  }
}

/** UpdatePodStatus: a started container that is not ready yet gets an immediate readiness probe. */
export function triggerReadiness(kl: KubeletHost, pw: PodWorker): void {
  for (const w of Object.values(pw.probes ?? {})) {
    if (w.type !== 'readiness' || w.stopped || w.manualQueued || w.result === 'success' || !isStarted(pw, w.container)) continue;
    w.manualQueued = true;
    kl.self({ type: 'PROBE_TICK', uid: pw.uid, key: probeKey(w.container, w.type), manual: true });
  }
}

/** PROBE_TICK: the worker's ticker fired (or a manual trigger). */
export function probeTick(kl: KubeletHost, pw: PodWorker, key: string, manual: boolean): void {
  const w = pw.probes?.[key];
  if (!w || w.stopped) return;
  const spec = specOf(pw.pod, w.container);
  const probe = spec && probeSpec(spec.c, w.type);
  if (!spec || !probe) return void (w.stopped = true);
  if (manual) w.manualQueued = false;
  else kl.self({ type: 'PROBE_TICK', uid: pw.uid, key }, probeTiming(probe).periodMs, true);
  if (!doProbe(kl, pw, w, spec.c, manual)) w.stopped = true;
}

/** worker.doProbe up to the probe itself; returns whether the worker keeps going. */
function doProbe(kl: KubeletHost, pw: PodWorker, w: ProbeWorker, c: Container, manual: boolean): boolean {
  if (pw.phase === 'terminated' || pw.phase === 'rejected') return false;
  const phase = pw.written?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const r = pw.containers[w.container];
  // a created-not-started instance never reaches the status manager (SyncPod starts it at once)
  if (!r?.id || r.state === 'created') return true;
  if (w.containerId !== r.id) {
    Object.assign(w, { containerId: r.id, result: INITIAL[w.type], onHold: false });
  }
  if (w.onHold) return true;
  if (r.state !== 'running') {
    w.result = 'failure';
    return !(r.state === 'exited' && !r.waiting && pw.pod.spec?.restartPolicy === 'Never');
  }
  if (pw.pod.metadata?.deletionTimestamp && w.type !== 'readiness') {
    w.result = 'success'; // a quiet shutdown
    return false;
  }
  const probe = probeSpec(c, w.type)!;
  if (Math.floor((kl.now() - (r.startedAtMs ?? 0)) / 1000) < probeTiming(probe).initialDelaySeconds) return true;
  if (isStarted(pw, w.container) === (w.type === 'startup')) return true; // startup runs only until started; the others only after
  if (w.inFlight) return true;
  const { action } = probeAction(probe, c);
  if (typeof action === 'string') {
    kl.event(pw, 'Warning', 'Unhealthy', unhealthyMessage(w.type, 'error', action));
    return true;
  }
  w.inFlight = true;
  kl.cri({
    type: 'PROBE_REQUEST', podUid: pw.uid, namespace: pw.namespace, name: pw.name, tag: `probe/${probeKey(w.container, w.type)}`,
    container: w.container, containerId: r.id, sandboxId: pw.sandbox?.id ?? '', podIP: pw.sandbox?.ip ?? '', action,
    timeoutMs: probeTiming(probe).timeoutMs, periodic: !manual,
  });
  return true;
}

/** PROBE_REPLY: count the result, set it once past the threshold, tell the pod worker on a change. */
export function probeReply(kl: KubeletHost, pw: PodWorker, key: string, m: ProbeReply): void {
  const w = pw.probes?.[key];
  if (!w) return;
  w.inFlight = false;
  if (w.stopped || w.onHold || m.containerId !== w.containerId) return;
  const spec = specOf(pw.pod, w.container);
  const probe = spec && probeSpec(spec.c, w.type);
  if (!spec || !probe) return;
  const t = probeTiming(probe);
  const { mechanism } = probeAction(probe, spec.c);
  const base = { container: w.container, probe: w.type, mechanism };
  if (m.result === 'error') {
    // prober error: the result is thrown away
    kl.event(pw, 'Warning', 'Unhealthy', unhealthyMessage(w.type, 'error', m.output));
    kl.trace(pw, 'kubelet.probe', { ...base, result: 'failure', errored: true, consecutive: w.resultRun, threshold: t.failureThreshold, output: m.output });
    return;
  }
  const result = m.result;
  if (result === 'failure') kl.event(pw, 'Warning', 'Unhealthy', unhealthyMessage(w.type, 'failure', m.output));
  if (w.lastResult === result) w.resultRun++;
  else Object.assign(w, { lastResult: result, resultRun: 1 });
  const threshold = result === 'failure' ? t.failureThreshold : t.successThreshold;
  const consecutive = w.resultRun;
  const params = { ...base, result, consecutive, threshold, ...(result === 'failure' ? { output: m.output.replace(/\n$/, '') } : {}) };
  if (consecutive < threshold) {
    kl.trace(pw, 'kubelet.probe', params, result === 'success');
    return;
  }
  const changed = w.result !== result;
  w.result = result;
  if (w.type !== 'readiness' && result === 'failure') Object.assign(w, { onHold: true, resultRun: 0 });
  kl.trace(pw, 'kubelet.probe', { ...params, changed }, result === 'success' && !changed);
  if (changed && !(w.type === 'liveness' && result === 'success')) requestSync(kl, pw);
}
