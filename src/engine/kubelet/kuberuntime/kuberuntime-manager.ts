// Twin of pkg/kubelet/kuberuntime/kuberuntime_manager.go: computePodActions (sandbox, init
// containers one at a time with sidecars kept running, then the regular containers) and SyncPod
// as a "round" that performs those actions one CRI call at a time, plus doBackOff (E.3).
import { podCgroupParent } from '../cm/pod-container-manager';
import type { Pod } from 'kubernetes-types/core/v1';
import { goDuration } from '../../api/time';
import { allContainers, ephemeralContainers, type ContainerRecord, type KubeletHost, type PodWorker, scheduleStep, scheduleSync } from '../pod-workers';
import { generateAPIPodStatus, setPodStatus, syncStatus } from '../status/status-manager';
import { backoffGet, backoffNext, isInBackOffSince } from '../util/backoff';
import { formatPod } from '../util/pod';
import { beginStartContainer } from './kuberuntime-container';
import { beginKill } from './kill-container';
import { addPod, isStarted, probeKillReason, triggerReadiness } from '../prober/prober-manager';

/** pod_workers.go: a sync that failed is retried after backOffPeriod. */
export const WORKER_BACKOFF_MS = 10_000;

function shouldRestart(pod: Pod, rec: ContainerRecord): boolean {
  if (rec.kind === 'sidecar') return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && rec.exitCode !== 0);
}

/**
 * computePodActions / computeInitContainerActions: the containers to kill (`kill:<name>`, a failed
 * liveness or startup probe) and to start in this round.
 */
export function computePodActions(pw: PodWorker): string[] {
  const actions: string[] = [];
  const recs = pw.containers;
  const initialized = Object.values(recs).some((r) => r.kind === 'regular' && r.state !== 'none');
  const policy = pw.pod.spec?.restartPolicy ?? 'Always';
  for (const { c, kind } of allContainers(pw.pod)) {
    const r = recs[c.name];
    if (probeKillReason(pw, c.name)) {
      if (kind === 'init') continue;
      actions.push(`kill:${c.name}`);
      if (kind === 'sidecar' || policy !== 'Never') actions.push(c.name);
      continue;
    }
    if (kind === 'sidecar') {
      if (r?.state === 'running') {
        if (!initialized && !isStarted(pw, c.name)) return actions; // the next init container waits for its startup probe
        continue;
      }
      if (r?.state === 'created') return actions;
      actions.push(c.name); // never started, or exited: (re)start it
      if (!initialized) return actions; // the next init container waits until this one has started
    } else if (kind === 'init') {
      if (initialized) continue;
      if (!r || r.state === 'none') return [...actions, c.name];
      if (r.state !== 'exited') return actions; // running: wait for it to complete
      if (r.exitCode === 0) continue;
      return pw.pod.spec?.restartPolicy === 'Never' ? actions : [...actions, c.name];
    } else if (!r || r.state === 'none' || (r.state === 'exited' && shouldRestart(pw.pod, r))) actions.push(c.name);
  }
  return actions;
}

/**
 * computePodActions' EphemeralContainersToStart: every ephemeral container the runtime has no
 * status for, started before the init containers (even while they run); they are never restarted.
 */
export function ephemeralContainersToStart(pw: PodWorker): string[] {
  return ephemeralContainers(pw.pod).filter((c) => (pw.containers[c.name]?.state ?? 'none') === 'none').map((c) => c.name);
}

/** Start a SyncPod round (SYNC_POD delivery). */
export function syncPod(kl: KubeletHost, pw: PodWorker): void {
  if (pw.phase !== 'syncing') return;
  if (pw.round || pw.busy) {
    pw.pendingSync = true;
    return;
  }
  const status = generateAPIPodStatus(kl, pw, false);
  setPodStatus(kl, pw, status);
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    beginTermination(kl, pw, false);
    return;
  }
  addPod(kl, pw); // the probe workers (idempotent)
  triggerReadiness(kl, pw);
  pw.round = { queue: [...(pw.sandbox ? [] : ['sandbox']), ...ephemeralContainersToStart(pw), ...computePodActions(pw)], hadError: false, startedAny: false, killed: [] };
  roundStep(kl, pw);
}

/** One action of the round (POD_STEP delivery): at most one visible step. */
export function roundStep(kl: KubeletHost, pw: PodWorker): void {
  const round = pw.round;
  if (!round || pw.busy) return;
  if (pw.op) return beginStartContainer(kl, pw, pw.op.container, true);
  const action = round.queue.shift();
  if (action === undefined) return endRound(kl, pw);
  if (action === 'sandbox') {
    pw.busy = true;
    kl.cri({ type: 'RUN_POD_SANDBOX', podUid: pw.uid, namespace: pw.namespace, name: pw.name, cgroupParent: podCgroupParent(pw.pod, pw.uid) });
    return;
  }
  if (action.startsWith('kill:')) {
    const name = action.slice(5);
    const reason = probeKillReason(pw, name);
    if (!reason) return scheduleStep(kl, pw);
    round.killed.push(name);
    return beginKill(kl, pw, name, reason);
  }
  if (doBackOff(kl, pw, action)) {
    round.hadError = true;
    return scheduleStep(kl, pw);
  }
  beginStartContainer(kl, pw, action, false);
}

function endRound(kl: KubeletHost, pw: PodWorker): void {
  const round = pw.round;
  pw.round = undefined;
  syncStatus(kl, pw);
  if (!round) return;
  if (pw.pendingSync || round.startedAny) {
    pw.pendingSync = false;
    scheduleSync(kl, pw); // PLEG would report the started containers: sync again
  } else if (round.hadError) scheduleSync(kl, pw, WORKER_BACKOFF_MS);
}

/**
 * doBackOff: a container that exited is restarted at once the first time, then only after
 * 10 s, 20 s, 40 s … 300 s measured from its finishedAt; meanwhile it waits in CrashLoopBackOff.
 */
export function doBackOff(kl: KubeletHost, pw: PodWorker, name: string): boolean {
  const r = pw.containers[name];
  if (!r || r.state !== 'exited' || r.finishedAtMs === undefined) return false;
  // killed in this very sync: the pod status it computed with still showed it running, so the
  // newest exited instance is the one before (if any)
  const finishedAtMs = pw.round?.killed.includes(name) ? r.last?.finishedAtMs : r.finishedAtMs;
  if (finishedAtMs === undefined) return false;
  const key = `${pw.name}_${pw.namespace}_${pw.uid}_${name}`;
  if (isInBackOffSince(kl.crashBackoff, key, finishedAtMs, kl.now())) {
    const backoff = goDuration(backoffGet(kl.crashBackoff, key));
    const pod = formatPod(pw.pod);
    r.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${backoff} restarting failed container=${name} pod=${pod}` };
    kl.event(pw, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${pod}`);
    kl.trace(pw, 'kubelet.backoff', { container: name, reason: 'CrashLoopBackOff', backoff, restartCount: r.restartCount });
    return true;
  }
  backoffNext(kl.crashBackoff, key, finishedAtMs, kl.now());
  return false;
}

/** RunPodSandbox answered: the pod has its IP (PodReadyToStartContainers). */
export function onSandboxReady(kl: KubeletHost, pw: PodWorker, sandboxId: string, ip: string): void {
  pw.busy = false;
  pw.sandbox = { id: sandboxId, ip, ready: true };
  kl.trace(pw, 'cri.sandbox_ready', { ip });
  scheduleStep(kl, pw);
}

/** A container exited on its own (what PLEG reports as ContainerDied). */
export function onContainerDied(kl: KubeletHost, pw: PodWorker): void {
  if (pw.phase === 'syncing') {
    if (pw.round || pw.busy) pw.pendingSync = true;
    else scheduleSync(kl, pw);
  }
}

/** Hand a pod over to termination (SyncTerminatingPod); `deleting` when the API object is being deleted. */
export function beginTermination(kl: KubeletHost, pw: PodWorker, deleting: boolean): void {
  if (pw.phase === 'terminating' || pw.phase === 'terminated') return;
  const p = pw.pod;
  const grace = deleting ? (p.metadata?.deletionGracePeriodSeconds ?? p.spec?.terminationGracePeriodSeconds ?? 30) : (p.spec?.terminationGracePeriodSeconds ?? 30);
  pw.phase = 'terminating';
  pw.round = undefined;
  pw.term = { graceSeconds: grace, startedMs: kl.now(), stage: 'kill', killsIssued: false, pending: {} };
  if (!pw.busy) scheduleStep(kl, pw);
}
