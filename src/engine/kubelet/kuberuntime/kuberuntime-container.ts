// Twin of pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer: EnsureImageExists
// (ImageStatus, then pull per policy) → CreateContainer (Created) → StartContainer (Started),
// one CRI call per delivery; failures leave the container Waiting with the kubelet's reason.
import type * as CRI from '../runtime/cri';
import { checkImageName, ensureImageExists, pullFailed, pullPolicyOf, type EnsureDecision } from '../images/image-manager';
import { type KubeletHost, type PodWorker, record, scheduleStep, specOf } from '../pod-workers';
import { goDuration } from '../../api/time';
import { containerIdUri } from '../runtime/cri';
import { postStartHook } from '../lifecycle/handlers';
import { resourceValue } from '../../api/quantity';
import { expandCommandAndArgs, makeEnvironmentVariables } from '../kubelet-env';
import { containerMounts } from '../volumemanager/volume-manager';

const podRef = (pw: PodWorker) => ({ podUid: pw.uid, namespace: pw.namespace, name: pw.name });

/** A start attempt ended without a running container: record the reason and move on. */
function fail(kl: KubeletHost, pw: PodWorker, name: string, d: Extract<EnsureDecision, { kind: 'fail' }>): void {
  const r = record(pw, name);
  r.waiting = { reason: d.reason, message: d.message };
  for (const [type, reason, message] of d.events) kl.event(pw, type, reason, message);
  pw.op = undefined;
  if (pw.round) pw.round.hadError = true;
}

/** Step 1: ImageStatus (or, when resuming, the EnsureImageExists decision). */
export function beginStartContainer(kl: KubeletHost, pw: PodWorker, name: string, resume: boolean): void {
  const spec = specOf(pw.pod, name);
  if (!spec) {
    pw.op = undefined;
    return scheduleStep(kl, pw);
  }
  const image = spec.c.image ?? '';
  if (resume && pw.op?.step === 'image_decide') return decide(kl, pw, name, image, pullPolicyOf(spec.c));
  const invalid = checkImageName(image);
  if (invalid && invalid.kind === 'fail') {
    fail(kl, pw, name, invalid);
    kl.trace(pw, 'kubelet.start_failed', { container: name, image, reason: invalid.reason });
    return scheduleStep(kl, pw);
  }
  pw.op = { container: name, step: 'image_status' };
  pw.busy = true;
  kl.cri({ type: 'IMAGE_STATUS', ...podRef(pw), container: name, image });
}

export function onImageStatus(kl: KubeletHost, pw: PodWorker, m: CRI.ImageStatusResponse): void {
  if (pw.op?.container !== m.container || pw.op.step !== 'image_status') return;
  pw.busy = false;
  Object.assign(pw.op, { step: 'image_decide', present: m.present, imageRef: m.imageRef, repoDigest: m.repoDigest });
  kl.trace(pw, 'cri.image_status', { container: m.container, image: m.image, present: m.present });
  scheduleStep(kl, pw);
}

/** Step 2: use the local image, pull it, or fail (never / back-off). */
function decide(kl: KubeletHost, pw: PodWorker, name: string, image: string, policy: ReturnType<typeof pullPolicyOf>): void {
  const op = pw.op!;
  const d = ensureImageExists(kl.imageBackoff, pw.prevPullErr, pw.uid, image, policy, !!op.present, kl.now());
  if (d.kind === 'fail') {
    fail(kl, pw, name, d);
    const params = { container: name, image, reason: d.reason, ...(d.backoffMs ? { backoff: goDuration(d.backoffMs) } : {}) };
    kl.trace(pw, d.reason === 'ImagePullBackOff' ? 'kubelet.backoff' : 'kubelet.start_failed', params);
    return scheduleStep(kl, pw);
  }
  kl.event(pw, 'Normal', d.event[0], d.event[1]);
  pw.busy = true;
  if (d.kind === 'present') return create(kl, pw, name);
  op.step = 'pull';
  kl.cri({ type: 'PULL_IMAGE', ...podRef(pw), container: name, image });
}

export function onImagePulled(kl: KubeletHost, pw: PodWorker, m: CRI.ImagePulled): void {
  if (pw.op?.container !== m.container || pw.op.step !== 'pull') return;
  Object.assign(pw.op, { imageRef: m.imageRef, repoDigest: m.repoDigest });
  kl.trace(pw, 'cri.image_pulled', { container: m.container, image: m.image, durationMs: m.pullMs, sizeBytes: m.sizeBytes });
  kl.event(pw, 'Normal', 'Pulled', `Successfully pulled image "${m.image}" in ${goDuration(m.pullMs)} (${goDuration(m.totalMs)} including waiting). Image size: ${m.sizeBytes} bytes.`);
  if (pw.phase === 'terminating') {
    pw.busy = false;
    pw.op = undefined;
    return scheduleStep(kl, pw);
  }
  create(kl, pw, m.container);
}

export function onImagePullFailed(kl: KubeletHost, pw: PodWorker, m: CRI.ImagePullFailed): void {
  if (pw.op?.container !== m.container || pw.op.step !== 'pull') return;
  pw.busy = false;
  kl.trace(pw, 'cri.image_pull_failed', { container: m.container, image: m.image, reason: m.reason, message: m.message });
  fail(kl, pw, m.container, pullFailed(kl.imageBackoff, pw.prevPullErr, pw.uid, m.image, m.reason, m.message, kl.now()));
  scheduleStep(kl, pw);
}

/**
 * Step 3: generateContainerConfig (environment, mounts, `$(VAR)` in command/args), then
 * CreateContainer. A config error (a missing ConfigMap, Secret or key) leaves the container
 * Waiting in CreateContainerConfigError with the Failed event `Error: <message>`.
 */
function create(kl: KubeletHost, pw: PodWorker, name: string): void {
  const spec = specOf(pw.pod, name)!;
  const r = record(pw, name);
  const env = makeEnvironmentVariables(kl, pw, spec.c);
  if ('error' in env) {
    pw.busy = false;
    pw.op = undefined;
    r.waiting = { reason: 'CreateContainerConfigError', message: env.error };
    if (pw.round) pw.round.hadError = true;
    kl.trace(pw, 'kubelet.start_failed', { container: name, reason: 'CreateContainerConfigError', message: env.error });
    kl.event(pw, 'Warning', 'Failed', `Error: ${env.error}`);
    return scheduleStep(kl, pw);
  }
  const { command, args } = expandCommandAndArgs(spec.c, env.env);
  pw.op!.step = 'create';
  pw.busy = true;
  kl.cri({
    type: 'CREATE_CONTAINER', ...podRef(pw), sandboxId: pw.sandbox?.id ?? '', container: name, image: spec.c.image ?? '',
    command, args, attempt: r.state === 'none' ? r.restartCount : r.restartCount + 1,
    memoryLimitBytes: resourceValue('memory', spec.c.resources?.limits?.memory as string | undefined),
    envs: env.env, mounts: containerMounts(pw, spec.c.volumeMounts),
    ...(spec.c.stdin ? { stdin: true } : {}), ...(spec.c.tty ? { tty: true } : {}),
  });
}

export function onContainerCreated(kl: KubeletHost, pw: PodWorker, m: CRI.ContainerCreated): void {
  const op = pw.op;
  if (op?.container !== m.container || op.step !== 'create') return;
  const r = record(pw, m.container);
  if (r.state === 'exited' && r.id) {
    r.last = { exitCode: r.exitCode ?? 0, reason: r.reason ?? 'Error', startedAtMs: r.startedAtMs ?? 0, finishedAtMs: r.finishedAtMs ?? 0, containerID: containerIdUri(r.id), message: r.message };
    r.restartCount++;
  }
  Object.assign(r, { id: m.containerId, state: 'created', imageRef: op.imageRef, repoDigest: op.repoDigest, exitCode: undefined, reason: undefined, message: undefined, startedAtMs: undefined, finishedAtMs: undefined });
  r.waiting = undefined;
  kl.trace(pw, 'cri.container_created', { container: m.container });
  kl.event(pw, 'Normal', 'Created', `Created container: ${m.container}`);
  op.step = 'start';
  kl.cri({ type: 'START_CONTAINER', ...podRef(pw), container: m.container, containerId: m.containerId });
}

export function onContainerStarted(kl: KubeletHost, pw: PodWorker, m: CRI.ContainerStarted): void {
  if (pw.op?.container !== m.container || pw.op.step !== 'start') return;
  const r = record(pw, m.container);
  Object.assign(r, { state: 'running', startedAtMs: m.startedAtMs });
  kl.trace(pw, 'cri.container_started', { container: m.container });
  kl.event(pw, 'Normal', 'Started', `Started container ${m.container}`);
  if (postStartHook(pw, m.container) && pw.phase !== 'terminating') {
    pw.op.step = 'poststart'; // startContainer blocks until the hook returns
    kl.self({ type: 'POSTSTART', uid: pw.uid, name: m.container });
    return;
  }
  pw.busy = false;
  pw.op = undefined;
  if (pw.round) pw.round.startedAny = true;
  scheduleStep(kl, pw);
}

/** StartContainer failed (exec: not found): StartError 128, Waiting RunContainerError. */
export function onContainerStartFailed(kl: KubeletHost, pw: PodWorker, m: CRI.ContainerStartFailed): void {
  if (pw.op?.container !== m.container || pw.op.step !== 'start') return;
  pw.busy = false;
  pw.op = undefined;
  const r = record(pw, m.container);
  const now = kl.now();
  Object.assign(r, { state: 'exited', exitCode: 128, reason: 'StartError', message: m.message, startedAtMs: now, finishedAtMs: now });
  r.waiting = { reason: 'RunContainerError', message: m.message };
  if (pw.round) pw.round.hadError = true;
  kl.trace(pw, 'kubelet.start_failed', { container: m.container, reason: 'RunContainerError', message: m.message });
  kl.event(pw, 'Warning', 'Failed', `Error: ${m.message}`);
  scheduleStep(kl, pw);
}
