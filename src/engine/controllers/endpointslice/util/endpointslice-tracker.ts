// Twin of staging/src/k8s.io/endpointslice/util/endpointslice_tracker.go: which slices (by UID)
// the controller wrote for each Service, and at what version, so that an informer cache that
// has not yet seen those writes is recognised as stale. Upstream records metadata.generation;
// the resourceVersion of the controller's own response stands in for it here (every write of
// the controller changes the slice, so both grow together). Plain data, kept in the actor state.
import type { KObject } from '../../../api/types';
import { LABEL_SERVICE_NAME } from './controller-utils';

/** service key → slice UID → resourceVersion written, or DELETION_EXPECTED */
export type EndpointSliceTrackerState = Record<string, Record<string, string>>;

export const DELETION_EXPECTED = 'deletion-expected';

const rv = (o: KObject) => Number(o.metadata.resourceVersion ?? 0);
export const serviceKeyOf = (slice: KObject) => `${slice.metadata.namespace}/${(slice.metadata.labels as Record<string, string> | undefined)?.[LABEL_SERVICE_NAME] ?? ''}`;

/** Has */
export function trackerHas(t: EndpointSliceTrackerState, slice: KObject): boolean {
  return !!t[serviceKeyOf(slice)]?.[String(slice.metadata.uid)];
}

/** ShouldSync: a slice the controller did not write, or a newer version than it wrote. */
export function trackerShouldSync(t: EndpointSliceTrackerState, slice: KObject): boolean {
  const g = t[serviceKeyOf(slice)]?.[String(slice.metadata.uid)];
  return g === undefined || (g !== DELETION_EXPECTED && rv(slice) > Number(g));
}

/** Update: remember the version the controller's own write produced. */
export function trackerUpdate(t: EndpointSliceTrackerState, serviceKey: string, slice: KObject): void {
  (t[serviceKey] ??= {})[String(slice.metadata.uid)] = String(slice.metadata.resourceVersion ?? '0');
}

/** ExpectDeletion */
export function trackerExpectDeletion(t: EndpointSliceTrackerState, serviceKey: string, uid: string): void {
  (t[serviceKey] ??= {})[uid] = DELETION_EXPECTED;
}

/** HandleDeletion: false when the deletion was not expected (someone else deleted our slice). */
export function trackerHandleDeletion(t: EndpointSliceTrackerState, slice: KObject): boolean {
  const key = serviceKeyOf(slice);
  const g = t[key]?.[String(slice.metadata.uid)];
  if (g === undefined) return true;
  delete t[key][String(slice.metadata.uid)];
  return g === DELETION_EXPECTED;
}

/** StaleSlices: the cache misses a slice the controller wrote, has an older one, or still has one it deleted. */
export function trackerStaleSlices(t: EndpointSliceTrackerState, serviceKey: string, slices: KObject[]): boolean {
  const gfs = t[serviceKey];
  if (!gfs) return false;
  const provided = new Set<string>();
  for (const s of slices) {
    const uid = String(s.metadata.uid);
    provided.add(uid);
    const g = gfs[uid];
    if (g !== undefined && (g === DELETION_EXPECTED || Number(g) > rv(s))) return true;
  }
  return Object.entries(gfs).some(([uid, g]) => g !== DELETION_EXPECTED && !provided.has(uid));
}

/** DeleteService */
export function trackerDeleteService(t: EndpointSliceTrackerState, serviceKey: string): void {
  delete t[serviceKey];
}
