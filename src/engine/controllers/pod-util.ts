// Twin of pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable, GetPodReadyCondition) plus the
// small object helpers the controllers share (metav1.GetControllerOf, NewControllerRef).
import { type KObject, metaNamespaceKey } from '../api/types';
import { parseRfc3339 } from '../api/time';

type Obj = Record<string, any>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export function podReadyCondition(pod: KObject): Obj | undefined {
  return ((pod.status as Obj | undefined)?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
}

/** What the controllers ask of a pod on every sync, derived once per stored object: the objects an
 * informer holds are never changed in place (a write makes a new one), and a sync of a large
 * ReplicaSet asks these of every one of its pods (controller_utils.go walks them the same way). */
interface PodFacts {
  ready: boolean;
  active: boolean;
  /** namespace/name: one string per object, so the store look-ups by it reuse its hash */
  key: string;
}
// Kept on the object under a symbol, not enumerable: no spread, Object.assign, JSON or structured
// clone copies it to another object (a spread of a pod being deleted must not inherit "active"), and
// it is a property read where a WeakMap look-up was a tenth of a large ReplicaSet's sync.
const FACTS = Symbol('podFacts');

function podFacts(pod: KObject): PodFacts {
  let f = (pod as unknown as { [FACTS]?: PodFacts })[FACTS];
  if (!f) {
    const phase = (pod.status as Obj | undefined)?.phase;
    f = {
      ready: podReadyCondition(pod)?.status === 'True',
      active: phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp,
      key: metaNamespaceKey(pod),
    };
    if (Object.isExtensible(pod)) Object.defineProperty(pod, FACTS, { value: f, enumerable: false });
  }
  return f;
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KObject): boolean {
  return podFacts(pod).ready;
}

/** IsPodAvailable: Ready for longer than minReadySeconds (strictly: lastTransition + minReady < now). */
export function isPodAvailable(pod: KObject, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const c = podReadyCondition(pod)!;
  if (!c.lastTransitionTime) return false;
  return parseRfc3339(String(c.lastTransitionTime)) + minReadySeconds * 1000 < nowMs;
}

/** metaNamespaceKey of a pod an informer holds (never changed in place), built once. */
export function storedPodKey(pod: KObject): string {
  return podFacts(pod).key;
}

/** controller_utils.go IsPodActive: not Succeeded/Failed and not being deleted. */
export function isPodActive(pod: KObject): boolean {
  return podFacts(pod).active;
}

/** controller_utils.go FilterActivePods */
export function filterActivePods(pods: KObject[]): KObject[] {
  return pods.filter(isPodActive);
}

/** metav1.GetControllerOf */
export function getControllerOf(obj: KObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences as OwnerReference[] | undefined)?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion both true. */
export function newControllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: String(owner.metadata.uid), controller: true, blockOwnerDeletion: true };
}

/** RFC 3339 seconds → ms for sorting; an empty time sorts as the zero time. */
export function timeMs(t: unknown): number | undefined {
  return typeof t === 'string' && t ? parseRfc3339(t) : undefined;
}

/** A JSON rendering with sorted keys: equality of plain objects (reflect.DeepEqual for our data). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
