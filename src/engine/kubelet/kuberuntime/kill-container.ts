// Twin of kuberuntime_container.go killContainer for a container the pod worker kills while the
// pod keeps running (computePodActions' ContainersToKill: a failed liveness or startup probe) or
// after a failed postStart hook: the Killing event with the reason, the preStop hook (it counts
// against the grace period), then StopContainer with what is left of it (at least 2 s).
// setTerminationGracePeriod: the pod's deletion grace, else the probe-level
// terminationGracePeriodSeconds for probe kills, else the pod's terminationGracePeriodSeconds.
import { type KubeletHost, type PodWorker, scheduleStep, specOf } from '../pod-workers';
import { preStopDurationMs } from '../pod-termination';

/** kuberuntime_container.go minimumGracePeriodInSeconds */
const MIN_GRACE_SECONDS = 2;
export type KillReason = 'liveness' | 'startup' | 'postStart';

export function killGraceSeconds(pw: PodWorker, name: string, reason: KillReason): number {
  const pod = pw.pod;
  if (pod.metadata?.deletionGracePeriodSeconds !== undefined) return pod.metadata.deletionGracePeriodSeconds;
  const tgps = pod.spec?.terminationGracePeriodSeconds;
  if (tgps === undefined) return MIN_GRACE_SECONDS;
  const c = specOf(pod, name)?.c;
  const probe = reason === 'liveness' ? c?.livenessProbe : reason === 'startup' ? c?.startupProbe : undefined;
  return probe?.terminationGracePeriodSeconds ?? tgps;
}

/** The Killing event's message (computePodActions / startContainer). */
export function killMessage(pw: PodWorker, name: string, reason: KillReason): string {
  if (reason === 'postStart') return 'FailedPostStartHook';
  const restart = (pw.pod.spec?.restartPolicy ?? 'Always') !== 'Never' || specOf(pw.pod, name)?.kind === 'sidecar';
  return `Container ${name} failed ${reason} probe${restart ? ', will be restarted' : ''}`;
}

/** First delivery: the Killing event; the hook and the stop follow in their own deliveries. */
export function beginKill(kl: KubeletHost, pw: PodWorker, name: string, reason: KillReason): void {
  const r = pw.containers[name];
  if (!r?.id || r.state !== 'running') return scheduleStep(kl, pw);
  const graceSeconds = killGraceSeconds(pw, name, reason);
  const preStop = !!specOf(pw.pod, name)?.c.lifecycle?.preStop && graceSeconds > 0;
  pw.busy = true;
  pw.kill = { container: name, containerId: r.id, stage: preStop ? 'prestop' : 'stop', startedMs: kl.now(), graceSeconds, ...(reason === 'postStart' ? { postStart: true } : {}) };
  const message = killMessage(pw, name, reason);
  kl.trace(pw, 'kubelet.kill', { container: name, reason: reason === 'postStart' ? 'FailedPostStartHook' : `${reason[0].toUpperCase()}${reason.slice(1)}Probe`, graceSeconds, message });
  kl.event(pw, 'Normal', 'Killing', message);
  kl.self({ type: 'KILL_STEP', uid: pw.uid });
}

/** KILL_STEP: run the preStop hook, then StopContainer. */
export function killStep(kl: KubeletHost, pw: PodWorker): void {
  const op = pw.kill;
  if (!op) return;
  if (op.stage === 'prestop') {
    const { handler, ms } = preStopDurationMs(pw, op.container);
    const durationMs = Math.max(0, Math.min(ms, op.graceSeconds * 1000));
    op.stage = 'stop';
    kl.trace(pw, 'kubelet.prestop', { container: op.container, handler, durationMs, deadlineMs: op.startedMs + op.graceSeconds * 1000 });
    kl.self({ type: 'KILL_STEP', uid: pw.uid }, durationMs);
    return;
  }
  if (op.stage !== 'stop') return;
  op.stage = 'stopping';
  const elapsed = Math.floor((kl.now() - op.startedMs) / 1000);
  const timeoutSeconds = Math.max(MIN_GRACE_SECONDS, op.graceSeconds - elapsed);
  kl.cri({ type: 'STOP_CONTAINER', podUid: pw.uid, namespace: pw.namespace, name: pw.name, container: op.container, containerId: op.containerId, timeoutSeconds });
}

/** The killed container exited: the pod worker continues (restart, or the next action). */
export function killDone(kl: KubeletHost, pw: PodWorker): void {
  pw.kill = undefined;
  pw.busy = false;
  scheduleStep(kl, pw);
}
