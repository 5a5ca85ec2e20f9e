// Twin of staging/src/k8s.io/endpointslice/reconciler.go: Reconcile → reconcileByAddressType →
// reconcileByPortMapping, the placeholder slice, and finalize's turning of creates into updates
// of slices that would otherwise be deleted. Pure: it answers with the slices to create, update
// and delete. Upstream pops endpoints from a hash set (PopAny) and walks sets unordered; here
// the order is the pods' (sorted by key), so the same cluster gives the same slices.
import type { KObject } from '../../api/types';
import { shouldPodBeInEndpoints } from './util/controller-utils';
import {
  type AddressType, type Endpoint, type EndpointPort, endpointKey, endpointsEqualBeyondHash, getAddressTypesForService, getEndpointPorts,
  getSliceToFill, newEndpointSlice, ownedBy, podToEndpoint, portMapKey, setEndpointSliceLabels, sliceEndpoints, slicePorts,
} from './utils';

export interface ReconcileResult {
  toCreate: KObject[];
  toUpdate: KObject[];
  toDelete: KObject[];
  /** endpoints added to / removed from slices (metrics in upstream, trace data here) */
  added: number;
  removed: number;
}

/** Reconcile: slices of address types the Service no longer has are deleted; the rest are reconciled per type. */
export function reconcile(svc: KObject, pods: KObject[], existing: KObject[], maxEndpoints: number): ReconcileResult {
  const types = getAddressTypesForService(svc);
  const out: ReconcileResult = { toCreate: [], toUpdate: [], toDelete: [], added: 0, removed: 0 };
  const stale = existing.filter((s) => !types.includes(s.addressType as AddressType));
  for (const t of types) {
    const r = reconcileByAddressType(svc, pods, existing.filter((s) => s.addressType === t), t, maxEndpoints);
    out.toCreate.push(...r.toCreate);
    out.toUpdate.push(...r.toUpdate);
    out.toDelete.push(...r.toDelete);
    out.added += r.added;
    out.removed += r.removed;
  }
  out.toDelete.push(...stale);
  return out;
}

function reconcileByAddressType(svc: KObject, pods: KObject[], existing: KObject[], addressType: AddressType, maxEndpoints: number): ReconcileResult {
  const toDelete: KObject[] = [];
  const existingByPortMap = new Map<string, KObject[]>();
  for (const s of existing) {
    if (!ownedBy(s, svc)) {
      toDelete.push(s);
      continue;
    }
    const k = portMapKey(slicePorts(s));
    existingByPortMap.set(k, [...(existingByPortMap.get(k) ?? []), s]);
  }
  // desired state: endpoints grouped by the ports each pod resolves
  const desiredMeta = new Map<string, EndpointPort[]>();
  const desiredEndpoints = new Map<string, Map<string, Endpoint>>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(svc, pod);
    const k = portMapKey(ports);
    if (!desiredEndpoints.has(k)) desiredEndpoints.set(k, new Map());
    if (!desiredMeta.has(k)) desiredMeta.set(k, ports);
    const ep = podToEndpoint(pod, svc, addressType);
    if (ep.addresses.length > 0) desiredEndpoints.get(k)!.set(endpointKey(ep), ep);
  }
  const out: ReconcileResult = { toCreate: [], toUpdate: [], toDelete, added: 0, removed: 0 };
  for (const [k, desired] of desiredEndpoints) {
    const r = reconcileByPortMapping(svc, existingByPortMap.get(k) ?? [], desired, desiredMeta.get(k)!, addressType, maxEndpoints);
    out.toCreate.push(...r.toCreate);
    out.toUpdate.push(...r.toUpdate);
    out.toDelete.push(...r.toDelete);
    out.added += r.added;
    out.removed += r.removed;
  }
  // port sets no longer desired at all
  for (const [k, slices] of existingByPortMap) if (!desiredEndpoints.has(k)) out.toDelete.push(...slices);
  // when no slice would exist, a placeholder (no endpoints, no ports) stands for the Service
  if (existing.length === out.toDelete.length && out.toCreate.length < 1) {
    const placeholder = newEndpointSlice(svc, [], addressType);
    if (out.toDelete.length === 1 && isPlaceholderOf(out.toDelete[0], placeholder)) out.toDelete = [];
    else out.toCreate.push(placeholder);
  }
  return finalize(svc, out);
}

/** placeholderSliceCompare: same namespace, labels, owner and (empty) endpoints and ports. */
function isPlaceholderOf(s: KObject, placeholder: KObject): boolean {
  const canon = (o: KObject) => JSON.stringify([o.metadata.namespace, Object.entries(o.metadata.labels ?? {}).sort(), (o.metadata.ownerReferences ?? []).map((r) => r.uid), o.addressType, sliceEndpoints(o).length, slicePorts(o).length]);
  return canon(s) === canon(placeholder);
}

/** finalize (the planning half): creates become updates of owned slices of the same type that would be deleted. */
function finalize(svc: KObject, r: ReconcileResult): ReconcileResult {
  for (let i = 0; i < r.toDelete.length && r.toCreate.length > 0; ) {
    const del = r.toDelete[i];
    const slice = r.toCreate[r.toCreate.length - 1];
    if (del.addressType === slice.addressType && ownedBy(del, svc)) {
      r.toCreate.pop();
      r.toUpdate.push({ ...slice, metadata: { ...del.metadata, labels: slice.metadata.labels, ownerReferences: slice.metadata.ownerReferences } });
      r.toDelete.splice(i, 1);
    } else i++;
  }
  // no new slices for a Service being deleted: the garbage collector races them
  if (svc.metadata.deletionTimestamp) r.toCreate = [];
  return r;
}

/**
 * reconcileByPortMapping: 1. keep desired endpoints in existing slices (update changed ones,
 * delete emptied slices); 2. fill slices already being updated, fullest first; 3. fit the rest
 * into one unchanged slice, or create new ones of at most maxEndpoints.
 */
function reconcileByPortMapping(svc: KObject, existing: KObject[], desired: Map<string, Endpoint>, ports: EndpointPort[], addressType: AddressType, maxEndpoints: number): ReconcileResult {
  const byName = new Map<string, KObject>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  let removed = 0;
  for (const s of existing) {
    byName.set(s.metadata.name, s);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of sliceEndpoints(s)) {
      const got = desired.get(endpointKey(ep));
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
      desired.delete(endpointKey(ep));
    }
    const { labels, updated: labelsChanged } = setEndpointSliceLabels(s, svc);
    if (endpointUpdated || kept.length !== sliceEndpoints(s).length) {
      removed += Math.max(0, sliceEndpoints(s).length - kept.length);
      if (kept.length === 0) toDelete.push(s.metadata.name);
      else {
        byName.set(s.metadata.name, { ...structuredClone(s), endpoints: kept, metadata: { ...structuredClone(s.metadata), labels } });
        toUpdate.push(s.metadata.name);
      }
    } else if (labelsChanged) {
      byName.set(s.metadata.name, { ...structuredClone(s), metadata: { ...structuredClone(s.metadata), labels } });
      toUpdate.push(s.metadata.name);
    } else unchanged.push(s.metadata.name);
  }
  const added = desired.size;
  const pop = (): Endpoint => {
    const [k, ep] = desired.entries().next().value as [string, Endpoint];
    desired.delete(k);
    return ep;
  };
  // 2. fill the slices being updated, fullest first
  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n)!).sort((a, b) => sliceEndpoints(b).length - sliceEndpoints(a).length);
    for (const s of slices) while (desired.size > 0 && sliceEndpoints(s).length < maxEndpoints) (s.endpoints as Endpoint[]).push(pop());
  }
  // 3. one unchanged slice that fits the rest, else new slices
  const toCreate: KObject[] = [];
  while (desired.size > 0) {
    let fill: KObject | undefined;
    if (desired.size < maxEndpoints && unchanged.length > 0) fill = getSliceToFill(unchanged.map((n) => byName.get(n)!), desired.size, maxEndpoints);
    if (!fill) fill = newEndpointSlice(svc, ports, addressType);
    else {
      fill = structuredClone(fill);
      byName.set(fill.metadata.name, fill);
    }
    fill.endpoints = [...sliceEndpoints(fill)];
    while (desired.size > 0 && sliceEndpoints(fill).length < maxEndpoints) (fill.endpoints as Endpoint[]).push(pop());
    if (fill.metadata.name) {
      if (!toUpdate.includes(fill.metadata.name)) toUpdate.push(fill.metadata.name);
      unchanged.splice(unchanged.indexOf(fill.metadata.name), 1);
    } else toCreate.push(fill);
  }
  return { toCreate, toUpdate: toUpdate.map((n) => byName.get(n)!), toDelete: toDelete.map((n) => byName.get(n)!), added, removed };
}
