// Failures for the timeline's marks: a refused request, a pod nothing fits, a failed pull or start,
// a back-off, a failing probe, a container that died, an eviction. Story events only.
import type { TraceEvent } from '../protocol/messages';

export interface FailureMark {
  seq: number;
  /** what failed, as kubectl or the kubelet would say it */
  label: string;
}

/** Marks kept: enough for a long lesson; the oldest go first. */
export const FAILURES_CAP = 500;

function failureOf(e: TraceEvent): string | null {
  if (e.ambient) return null;
  const obj = e.object ? `${e.object.kind}/${e.object.name}` : '';
  switch (e.type) {
    case 'apiserver.response':
      return e.to === 'kubectl' && Number(e.params.code) >= 400 ? `${e.params.code} ${e.params.reason || 'error'} ${obj}`.trim() : null;
    case 'scheduler.decision':
      return e.params.node ? null : `FailedScheduling ${obj}`;
    case 'cri.image_pull_failed':
      return `ErrImagePull ${obj}`;
    case 'kubelet.backoff':
      return `${e.params.reason} ${obj}`;
    case 'kubelet.start_failed':
      return `${e.params.reason} ${obj}`;
    case 'kubelet.mount_failed':
      return `FailedMount ${obj}`;
    case 'kubelet.evict':
      return `Evicted ${obj}`;
    case 'kubelet.probe':
      return e.params.result === 'success' ? null : `${e.params.probe} probe failed ${obj}`;
    case 'cri.container_exited':
      return Number(e.params.exitCode) !== 0 && e.params.reason !== 'Completed' ? `${e.params.reason || 'Error'} (exit ${e.params.exitCode}) ${obj}` : null;
    default:
      return null;
  }
}

export function foldMarks(prev: FailureMark[], events: readonly TraceEvent[]): FailureMark[] {
  let next: FailureMark[] | null = null;
  for (const e of events) {
    const label = failureOf(e);
    if (!label) continue;
    next ??= [...prev];
    next.push({ seq: e.seq, label });
  }
  if (!next) return prev;
  return next.length > FAILURES_CAP ? next.slice(next.length - FAILURES_CAP) : next;
}
