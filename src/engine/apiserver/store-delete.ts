// Twin of the deletion path of apiserver/pkg/registry/generic/registry/store.go (Delete,
// deletionFinalizersForGarbageCollection, shouldOrphanDependents / shouldDeleteDependents,
// updateForGracefulDeletionAndFinalizers, markAsDeleting, ShouldDeleteDuringUpdate) with
// rest/delete.go BeforeDelete, the pod strategy's CheckGracefulDelete and the namespace REST's
// Delete (pkg/registry/core/namespace/storage/storage.go). Pure: the stored object and the
// DeleteOptions in, what to write out.
import { parseRfc3339, rfc3339 } from '../api/time';
import type { RequestOptions } from '../api/wire';
import { type FieldError, forbidden } from './validation/field-errors';

type Obj = Record<string, any>;
export type PropagationPolicy = NonNullable<RequestOptions['propagationPolicy']>;

/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

export type DeletePlan =
  /** remove the key from etcd now */
  | { action: 'delete' }
  /** keep the object, marked for deletion (deletionTimestamp, finalizers) */
  | { action: 'update'; next: Obj }
  /** nothing to change: the answer is the stored object */
  | { action: 'noop' };

/**
 * rest.GarbageCollectionDeleteStrategy DefaultGarbageCollectionPolicy: batch/v1 Jobs orphan their
 * pods for backwards compatibility (pkg/registry/batch/job/strategy.go); apps/v1 and everything
 * else delete dependents. kubectl always sends a policy, so this only shows through the raw API.
 */
export function defaultGarbageCollectionPolicy(kind: string): 'OrphanDependents' | 'DeleteDependents' {
  return kind === 'Job' ? 'OrphanDependents' : 'DeleteDependents';
}

function shouldOrphanDependents(kind: string, finalizers: string[], policy?: PropagationPolicy): boolean {
  if (policy) return policy === 'Orphan';
  // a finalizer already on the object overrides the default
  if (finalizers.includes(FINALIZER_ORPHAN)) return true;
  if (finalizers.includes(FINALIZER_DELETE_DEPENDENTS)) return false;
  return defaultGarbageCollectionPolicy(kind) === 'OrphanDependents';
}

function shouldDeleteDependents(finalizers: string[], policy?: PropagationPolicy): boolean {
  if (policy) return policy === 'Foreground';
  return finalizers.includes(FINALIZER_DELETE_DEPENDENTS);
}

/** store.go deletionFinalizersForGarbageCollection: the finalizers the object must carry for its policy. */
export function deletionFinalizersForGarbageCollection(kind: string, finalizers: string[], policy?: PropagationPolicy): { changed: boolean; finalizers: string[] } {
  const next = finalizers.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_DELETE_DEPENDENTS);
  if (shouldOrphanDependents(kind, finalizers, policy)) next.push(FINALIZER_ORPHAN);
  if (shouldDeleteDependents(finalizers, policy)) next.push(FINALIZER_DELETE_DEPENDENTS);
  const same = next.length === finalizers.length && next.every((f) => finalizers.includes(f));
  return same ? { changed: false, finalizers } : { changed: true, finalizers: next };
}

/** pkg/registry/core/pod/strategy.go CheckGracefulDelete: the grace period a pod DELETE gets. */
function podGracePeriod(pod: Obj, opts: RequestOptions): number {
  let grace: number = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
  if (!pod.spec?.nodeName) grace = 0; // never scheduled: nothing to stop
  if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') grace = 0; // already terminal
  return grace < 0 ? 1 : grace;
}

/** store.go Delete for every kind but Namespace. */
export function planDelete(kind: string, old: Obj, opts: RequestOptions, nowMs: number): DeletePlan {
  const meta = old.metadata ?? {};
  const next = structuredClone(old);
  const m = next.metadata;
  let graceful = false;
  if (kind === 'Pod') {
    // rest/delete.go BeforeDelete
    const current: number | undefined = meta.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp && current !== undefined && current > 0) {
      const g = opts.gracePeriodSeconds;
      // only a shorter grace period may be asked for; otherwise the pending deletion stands
      // (and finalizers cannot be changed through DeleteOptions meanwhile)
      if (g === undefined || g >= current) return { action: 'noop' };
      const moved = Math.max(nowMs, parseRfc3339(meta.deletionTimestamp) - current * 1000 + g * 1000);
      m.deletionTimestamp = rfc3339(moved);
      m.deletionGracePeriodSeconds = g;
      graceful = g > 0;
    } else if (!meta.deletionTimestamp) {
      const grace = podGracePeriod(old, opts);
      if (grace > 0) {
        m.deletionTimestamp = rfc3339(nowMs + grace * 1000);
        m.deletionGracePeriodSeconds = grace;
        graceful = true;
      }
    }
  }
  const gc = deletionFinalizersForGarbageCollection(kind, meta.finalizers ?? [], opts.propagationPolicy);
  if (gc.changed) m.finalizers = gc.finalizers;
  if (!m.finalizers?.length) delete m.finalizers;
  const pendingFinalizers = (m.finalizers ?? []).length > 0;
  if (!graceful && !pendingFinalizers) return { action: 'delete' };
  if (!graceful) markAsDeleting(m, nowMs);
  // a first deletion bumps metadata.generation where the kind counts it (store.go / BeforeDelete)
  if (!meta.deletionTimestamp && typeof m.generation === 'number' && m.generation > 0) m.generation += 1;
  return JSON.stringify(next) === JSON.stringify(old) ? { action: 'noop' } : { action: 'update', next };
}

/** store.go markAsDeleting: deletionTimestamp now (unless already earlier) and a grace period of 0. */
function markAsDeleting(m: Obj, nowMs: number): void {
  if (!m.deletionTimestamp || parseRfc3339(m.deletionTimestamp) > nowMs) m.deletionTimestamp = rfc3339(nowMs);
  m.deletionGracePeriodSeconds = 0;
}

/**
 * Namespace REST Delete: the first DELETE only marks the namespace (deletionTimestamp, phase
 * Terminating, the orphan/foregroundDeletion finalizers the options ask for); the namespace
 * controller empties it and removes its spec.finalizers. A later DELETE answers with the
 * namespace while spec.finalizers remain, and deletes it once they are gone.
 */
export function planNamespaceDelete(old: Obj, opts: RequestOptions, nowMs: number): DeletePlan {
  if (old.metadata.deletionTimestamp) {
    if ((old.spec?.finalizers ?? []).length) return { action: 'noop' };
    return planDelete('Namespace', old, opts, nowMs);
  }
  const next = structuredClone(old);
  next.metadata.deletionTimestamp = rfc3339(nowMs);
  next.status = { ...(next.status ?? {}), phase: 'Terminating' };
  const current: string[] = next.metadata.finalizers ?? [];
  const policy = opts.propagationPolicy;
  const want = {
    [FINALIZER_ORPHAN]: policy ? policy === 'Orphan' : current.includes(FINALIZER_ORPHAN),
    [FINALIZER_DELETE_DEPENDENTS]: policy ? policy === 'Foreground' : current.includes(FINALIZER_DELETE_DEPENDENTS),
  };
  let finalizers = current.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_DELETE_DEPENDENTS);
  for (const [f, on] of Object.entries(want)) if (on) finalizers = [...finalizers, f];
  if (finalizers.length) next.metadata.finalizers = finalizers;
  else delete next.metadata.finalizers;
  return { action: 'update', next };
}

/**
 * apimachinery/pkg/api/validation/objectmeta.go ValidateNoNewFinalizers, run by
 * ValidateObjectMetaUpdate once the old object has a deletionTimestamp.
 */
export function validateNoNewFinalizers(next: Obj, old: Obj): FieldError[] {
  if (!old.metadata?.deletionTimestamp) return [];
  const before = new Set<string>(old.metadata.finalizers ?? []);
  const extra = [...new Set<string>(next.metadata?.finalizers ?? [])].filter((f) => !before.has(f)).sort();
  if (!extra.length) return [];
  // Go's %#v of the sorted set: []string{"a", "b"}
  const goList = `[]string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`;
  return [forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goList}`)];
}

/**
 * store.go ShouldDeleteDuringUpdate (and the namespace store's ShouldDeleteNamespaceDuringUpdate):
 * an update that leaves a deleting object without finalizers deletes it, once its grace period is 0.
 */
export function shouldDeleteDuringUpdate(kind: string, next: Obj, old: Obj): boolean {
  if ((next.metadata?.finalizers ?? []).length) return false;
  if (!old.metadata?.deletionTimestamp) return false;
  if (kind === 'Namespace' && (next.spec?.finalizers ?? []).length) return false;
  const grace = old.metadata.deletionGracePeriodSeconds;
  return grace === undefined || grace === null || grace === 0;
}
