// Twin of pkg/kubelet/images/image_manager.go EnsureImageExists: decide from the pull policy and
// the runtime's ImageStatus whether to use the local image, pull it, or fail; keep the per
// (pod, image) pull back-off and the previous pull error for the ImagePullBackOff message.
import type { Container } from 'kubernetes-types/core/v1';
import { parseImageRef } from '../runtime/images';
import { backoffNext, isInBackOffSinceUpdate, type Backoff } from '../util/backoff';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** The apiserver defaults imagePullPolicy (A.3); this fallback only covers undefaulted objects. */
export function pullPolicyOf(c: Container): PullPolicy {
  if (c.imagePullPolicy) return c.imagePullPolicy as PullPolicy;
  const ref = parseImageRef(c.image ?? '');
  return 'error' in ref || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export type EnsureDecision =
  | { kind: 'present'; event: [reason: string, message: string] }
  | { kind: 'pull'; event: [reason: string, message: string] }
  /** no pull: the container waits with `reason`; events to post (Normal first, then Warning) */
  | { kind: 'fail'; reason: string; message: string; events: Array<['Normal' | 'Warning', string, string]>; backoffMs?: number };

const backOffKey = (podUid: string, image: string) => `${podUid}_${image}`;

/** Before any pull: an unparsable name fails with InvalidImageName (applyDefaultImageTag). */
export function checkImageName(image: string): EnsureDecision | undefined {
  const ref = parseImageRef(image);
  if (!('error' in ref)) return undefined;
  const message = `Failed to apply default image tag "${image}": ${ref.error}`;
  return { kind: 'fail', reason: 'InvalidImageName', message, events: [['Warning', 'InspectFailed', message], ['Warning', 'Failed', 'Error: InvalidImageName']] };
}

export function ensureImageExists(
  backoff: Backoff,
  prevPullErr: Record<string, string>,
  podUid: string,
  image: string,
  policy: PullPolicy,
  present: boolean,
  nowMs: number,
): EnsureDecision {
  if (present && policy !== 'Always') return { kind: 'present', event: ['Pulled', `Container image "${image}" already present on machine`] };
  if (!present && policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    return { kind: 'fail', reason: 'ErrImageNeverPull', message, events: [['Warning', 'ErrImageNeverPull', message], ['Warning', 'Failed', 'Error: ErrImageNeverPull']] };
  }
  const key = backOffKey(podUid, image);
  if (isInBackOffSinceUpdate(backoff, key, nowMs)) {
    const base = `Back-off pulling image "${image}"`;
    const prev = prevPullErr[image];
    return {
      kind: 'fail', reason: 'ImagePullBackOff', message: prev ? `${base}: ${prev}` : base,
      events: [['Normal', 'BackOff', base], ['Warning', 'Failed', 'Error: ImagePullBackOff']],
      backoffMs: backoff.entries[key]?.backoffMs,
    };
  }
  return { kind: 'pull', event: ['Pulling', `Pulling image "${image}"`] };
}

/** After a failed pull: back-off Next, remember the error, and the events to post. */
export function pullFailed(backoff: Backoff, prevPullErr: Record<string, string>, podUid: string, image: string, reason: string, error: string, nowMs: number): Extract<EnsureDecision, { kind: 'fail' }> {
  backoffNext(backoff, backOffKey(podUid, image), nowMs, nowMs);
  prevPullErr[image] = `${reason}: ${error}`;
  return { kind: 'fail', reason, message: error, events: [['Warning', 'Failed', `Failed to pull image "${image}": ${error}`], ['Warning', 'Failed', `Error: ${reason}`]] };
}
