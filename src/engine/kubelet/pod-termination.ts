// Twin of pkg/kubelet/kubelet.go SyncTerminatingPod / SyncTerminatedPod with
// kuberuntime_container.go killContainer and killPodWithSyncResult: Killing event, preStop hook
// (counts against the grace period), StopContainer with the remaining grace (at least 2 s),
// sidecars after the regular containers in reverse order, then StopPodSandbox, the terminal
// status, volume teardown and — for a pod being deleted — the final DELETE with grace 0.
import { specOf, type KubeletHost, type PodWorker, scheduleStep } from './pod-workers';
import { planProcess } from './runtime/process';
import { IMAGE_CATALOGUE, lookupImage } from './runtime/images';
import { setPodStatus, syncStatus } from './status/status-manager';
import type * as CRI from './runtime/cri';

/** kuberuntime_container.go minimumGracePeriodInSeconds */
const MIN_GRACE_SECONDS = 2;
const podRef = (pw: PodWorker) => ({ podUid: pw.uid, namespace: pw.namespace, name: pw.name });

/** POD_STEP while terminating. */
export function terminationStep(kl: KubeletHost, pw: PodWorker): void {
  const term = pw.term!;
  if (pw.busy) return;
  if (term.stage === 'kill') {
    if (!term.killsIssued) {
      term.killsIssued = true;
      const running = Object.values(pw.containers).filter((r) => r.state === 'running' || r.state === 'created');
      for (const r of running) {
        term.pending[r.name] = 'killing';
        kl.self({ type: 'KILL_CONTAINER', uid: pw.uid, name: r.name });
      }
      if (running.length) return;
    }
    if (Object.values(term.pending).some((s) => s !== 'done')) return;
    term.stage = 'sandbox';
  }
  if (term.stage === 'sandbox') {
    term.stage = 'status';
    if (pw.sandbox?.ready) {
      pw.busy = true;
      kl.cri({ type: 'STOP_POD_SANDBOX', ...podRef(pw), sandboxId: pw.sandbox.id });
      return;
    }
  }
  if (term.stage === 'status') {
    syncStatus(kl, pw, !!pw.pod.metadata?.deletionTimestamp || pw.deletedFromApi);
    term.stage = 'unmount';
    kl.self({ type: 'VOLUMES_UNMOUNTED', uid: pw.uid }, 10 + kl.rng().int(40));
  }
}

/** KILL_CONTAINER: the Killing event, then the preStop hook or the stop itself. */
export function killContainer(kl: KubeletHost, pw: PodWorker, name: string): void {
  const term = pw.term;
  if (!term || term.pending[name] !== 'killing') return;
  kl.trace(pw, 'kubelet.kill', { container: name, graceSeconds: term.graceSeconds });
  kl.event(pw, 'Normal', 'Killing', `Stopping container ${name}`);
  if (specOf(pw.pod, name)?.c.lifecycle?.preStop) {
    term.pending[name] = 'prestop';
    kl.self({ type: 'PRESTOP', uid: pw.uid, name });
  } else stopWhenItsTurn(kl, pw, name);
}

/** How long a preStop handler runs: sleep N s, an exec command as the process model says, httpGet ~10 ms. */
export function preStopDurationMs(pw: PodWorker, name: string): { handler: string; ms: number } {
  const spec = specOf(pw.pod, name)!;
  const h = spec.c.lifecycle!.preStop!;
  if (h.sleep) return { handler: 'sleep', ms: h.sleep.seconds * 1000 };
  if (h.exec) {
    const r = lookupImage(spec.c.image ?? '');
    const plan = planProcess(r.ok ? r.info : IMAGE_CATALOGUE['docker.io/library/busybox'], h.exec.command ?? [], []);
    return { handler: 'exec', ms: plan.exitAfterMs ?? Number.MAX_SAFE_INTEGER };
  }
  return { handler: h.httpGet ? 'httpGet' : 'tcpSocket', ms: 10 };
}

/** PRESTOP: run the hook; it is cut short at the end of the grace period. */
export function runPreStop(kl: KubeletHost, pw: PodWorker, name: string): void {
  const term = pw.term;
  if (!term || term.pending[name] !== 'prestop') return;
  const { handler, ms } = preStopDurationMs(pw, name);
  const left = term.graceSeconds * 1000 - (kl.now() - term.startedMs);
  const durationMs = Math.max(0, Math.min(ms, left));
  kl.trace(pw, 'kubelet.prestop', { container: name, handler, durationMs, deadlineMs: term.startedMs + term.graceSeconds * 1000 });
  kl.self({ type: 'PRESTOP_DONE', uid: pw.uid, name }, durationMs);
}

export function preStopDone(kl: KubeletHost, pw: PodWorker, name: string): void {
  if (pw.term?.pending[name] === 'prestop') stopWhenItsTurn(kl, pw, name);
}

/** terminationOrdering: a sidecar stops only after the regular containers and later sidecars. */
function isTurn(pw: PodWorker, name: string): boolean {
  const term = pw.term!;
  const spec = specOf(pw.pod, name);
  if (spec?.kind !== 'sidecar') return true;
  const live = (n: string) => term.pending[n] !== undefined && term.pending[n] !== 'done';
  if ((pw.pod.spec?.containers ?? []).some((c) => live(c.name))) return false;
  const inits = pw.pod.spec?.initContainers ?? [];
  const idx = inits.findIndex((c) => c.name === name);
  return !inits.slice(idx + 1).some((c) => live(c.name));
}

function stopWhenItsTurn(kl: KubeletHost, pw: PodWorker, name: string): void {
  const term = pw.term!;
  if (!isTurn(pw, name)) {
    term.pending[name] = 'waiting_turn';
    return;
  }
  const r = pw.containers[name];
  // the grace period is counted in whole seconds (time spent in preStop or waiting is truncated)
  const elapsed = Math.floor((kl.now() - term.startedMs) / 1000);
  const timeoutSeconds = Math.max(MIN_GRACE_SECONDS, term.graceSeconds - elapsed);
  term.pending[name] = 'stopping';
  kl.cri({ type: 'STOP_CONTAINER', ...podRef(pw), container: name, containerId: r?.id ?? '', timeoutSeconds });
}

/** A container exited during termination (StopContainer returned, or it died by itself). */
export function onStoppedDuringTermination(kl: KubeletHost, pw: PodWorker, m: CRI.ContainerExited): void {
  const term = pw.term!;
  term.pending[m.container] = 'done';
  for (const [n, s] of Object.entries(term.pending)) if (s === 'waiting_turn' && isTurn(pw, n)) stopWhenItsTurn(kl, pw, n);
  if (Object.values(term.pending).every((s) => s === 'done')) scheduleStep(kl, pw);
}

/** StopPodSandbox answered: networking is gone (CNI DEL released the IP). */
export function onSandboxStopped(kl: KubeletHost, pw: PodWorker, m: CRI.PodSandboxStopped): void {
  pw.busy = false;
  if (pw.sandbox) pw.sandbox.ready = false;
  kl.trace(pw, 'cri.sandbox_stopped', { ip: m.ip });
  scheduleStep(kl, pw);
}

/** VOLUMES_UNMOUNTED: resources reclaimed; the status manager may now delete the pod. */
export function volumesUnmounted(kl: KubeletHost, pw: PodWorker): void {
  if (pw.term?.stage !== 'unmount') return;
  pw.term.stage = 'done';
  pw.phase = 'terminated';
  kl.trace(pw, 'kubelet.volumes_unmounted', { volumes: (pw.pod.spec?.volumes ?? []).length });
  maybeDelete(kl, pw);
}

/** status_manager canBeDeleted: terminal, resources reclaimed and a deletionTimestamp set. */
export function maybeDelete(kl: KubeletHost, pw: PodWorker): void {
  if (pw.phase !== 'terminated' || pw.deleteSent || pw.deletedFromApi || !pw.pod.metadata?.deletionTimestamp) return;
  pw.deleteSent = true;
  kl.api({ verb: 'delete', resource: 'pods', namespace: pw.namespace, name: pw.name, options: { gracePeriodSeconds: 0 } }, { kind: 'pod.delete', uid: pw.uid });
}

/** status_manager.go syncPeriod: syncBatch compares every pod's status with the apiserver's this often. */
export const STATUS_SYNC_PERIOD_MS = 10_000;

/**
 * A status write or the final delete failed (a timeout while etcd was down): the status manager's
 * next syncBatch finds the apiserver's copy stale and makes it again (status_manager.go
 * syncBatch → syncPod, which also deletes a pod that canBeDeleted).
 */
export function resyncAfterFailure(kl: KubeletHost, pw: PodWorker, what: string): void {
  if (pw.deletedFromApi) return;
  if (what === 'pod.delete') {
    pw.deleteSent = false;
    return maybeDelete(kl, pw);
  }
  if (!pw.written) return;
  pw.writtenJson = undefined;
  setPodStatus(kl, pw, pw.written);
}
