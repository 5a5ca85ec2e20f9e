// Twin of pkg/kubelet/lifecycle/handlers.go HandlerRunner.Run for the postStart hook, called by
// kuberuntime_container.go startContainer after StartContainer: the container's start (and the
// pod worker) waits for the hook; a failure posts FailedPostStartHook, kills the container and
// leaves it Waiting with reason PostStartHookError.
import type { LifecycleHandler } from 'kubernetes-types/core/v1';
import type { ProbeReply } from '../runtime/cri';
import { type KubeletHost, type PodWorker, scheduleStep, specOf } from '../pod-workers';
import { probeAction } from '../prober/prober';
import { formatPod } from '../util/pod';
import { beginKill } from '../kuberuntime/kill-container';

/** handlers.go passes no timeout to ExecSync for hooks; a day stands for "until it returns". */
const HOOK_TIMEOUT_MS = 86_400_000;

const handlerKind = (h: LifecycleHandler) => (h.exec ? 'exec' : h.httpGet ? 'httpGet' : h.sleep ? 'sleep' : h.tcpSocket ? 'tcpSocket' : 'unknown');

export function postStartHook(pw: PodWorker, name: string): LifecycleHandler | undefined {
  return specOf(pw.pod, name)?.c.lifecycle?.postStart;
}

/** POSTSTART: run the hook (ExecSync or an HTTP GET to the pod IP; sleep just waits). */
export function runPostStart(kl: KubeletHost, pw: PodWorker, name: string): void {
  const op = pw.op;
  const h = postStartHook(pw, name);
  const r = pw.containers[name];
  if (op?.container !== name || op.step !== 'poststart' || !h || !r?.id) return;
  kl.trace(pw, 'kubelet.poststart', { container: name, handler: handlerKind(h), stage: 'running' });
  if (h.sleep) return kl.self({ type: 'PROBE_REPLY', uid: pw.uid, tag: `hook/${name}/postStart`, container: name, containerId: r.id, result: 'success', output: '' }, h.sleep.seconds * 1000);
  const { action } = probeAction(h as never, specOf(pw.pod, name)!.c);
  if (typeof action === 'string') return postStartDone(kl, pw, name, { type: 'PROBE_REPLY', podUid: pw.uid, namespace: pw.namespace, name: pw.name, tag: '', container: name, containerId: r.id, result: 'error', output: action });
  kl.cri({
    type: 'PROBE_REQUEST', podUid: pw.uid, namespace: pw.namespace, name: pw.name, tag: `hook/${name}/postStart`, container: name,
    containerId: r.id, sandboxId: pw.sandbox?.id ?? '', podIP: pw.sandbox?.ip ?? '', action, timeoutMs: HOOK_TIMEOUT_MS, periodic: false,
  });
}

/** The hook's message on failure (handlers.go Run). */
export function hookFailureMessage(pw: PodWorker, name: string, h: LifecycleHandler, m: Pick<ProbeReply, 'output' | 'exitCode'>): string {
  const who = `for Container "${name}" in Pod "${formatPod(pw.pod)}"`;
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const err = m.exitCode !== undefined ? `command '${cmd.join(' ')}' exited with ${m.exitCode}: ` : m.output;
    const output = m.exitCode !== undefined ? m.output : '';
    return `Exec lifecycle hook ([${cmd.join(' ')}]) ${who} failed - error: ${err}, message: ${JSON.stringify(output)}`;
  }
  return `HTTP lifecycle hook (${h.httpGet?.path ?? ''}) ${who} failed - error: ${m.output}`;
}

/** The hook returned: the start completes, or the container is killed. */
export function postStartDone(kl: KubeletHost, pw: PodWorker, name: string, m: ProbeReply): void {
  const h = postStartHook(pw, name);
  if (pw.op?.container !== name || pw.op.step !== 'poststart' || !h) return;
  // an HTTP hook only fails when the request fails; any status code will do
  const ok = m.result === 'success' || (!!h.httpGet && m.output.startsWith('HTTP probe failed'));
  kl.trace(pw, 'kubelet.poststart', { container: name, handler: handlerKind(h), stage: 'done', result: ok ? 'success' : 'failure' });
  pw.op = undefined;
  pw.busy = false;
  if (ok) {
    if (pw.round) pw.round.startedAny = true;
    return scheduleStep(kl, pw);
  }
  const msg = hookFailureMessage(pw, name, h, m);
  kl.event(pw, 'Warning', 'FailedPostStartHook', msg);
  pw.containers[name].waiting = { reason: 'PostStartHookError', message: msg };
  if (pw.round) pw.round.hadError = true;
  if (pw.phase === 'terminating') return scheduleStep(kl, pw);
  pw.busy = true;
  kl.self({ type: 'POSTSTART_KILL', uid: pw.uid, name }); // the kill is a step of its own
}

/** POSTSTART_KILL: startContainer kills the container whose hook failed. */
export function killAfterPostStart(kl: KubeletHost, pw: PodWorker, name: string): void {
  pw.busy = false;
  if (pw.phase === 'terminating') return scheduleStep(kl, pw);
  beginKill(kl, pw, name, 'postStart');
}
