// Twin of staging/src/k8s.io/endpointslice/util/controller_utils.go (ShouldPodBeInEndpoints,
// podEndpointsChanged, GetPodUpdateProjectionKey / GetServicesToUpdate, ShouldSetHostname) plus
// FindPort and the Service-port reading both endpoint controllers share. Services are read
// defensively: protocol, targetPort and port name get the apiserver's defaults when missing.
import type { KObject } from '../../../api/types';
import { isPodReady } from '../../pod-util';

type Obj = Record<string, any>;

/** discovery.LabelServiceName, discovery.LabelManagedBy, v1.IsHeadlessService */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';

/** A ServicePort with the defaults of pkg/apis/core/v1/defaults.go applied. */
export interface ServicePort {
  name: string;
  protocol: string;
  port: number;
  targetPort: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export function servicePorts(svc: KObject): ServicePort[] {
  return (((svc.spec as Obj | undefined)?.ports ?? []) as Obj[]).map((p) => {
    const sp: ServicePort = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: Number(p.port), targetPort: p.targetPort ?? Number(p.port) };
    if (p.nodePort) sp.nodePort = Number(p.nodePort);
    if (p.appProtocol) sp.appProtocol = p.appProtocol;
    return sp;
  });
}

/** helper.IsServiceIPSet: a ClusterIP that is neither empty nor "None". */
export function isServiceIPSet(svc: KObject): boolean {
  const ip = (svc.spec as Obj | undefined)?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The Service's selector map; undefined (nil) selects nothing, {} selects every pod. */
export function serviceSelector(svc: KObject): Record<string, string> | undefined {
  return (svc.spec as Obj | undefined)?.selector ?? undefined;
}

/** labels.Set(selector).AsSelectorPreValidated().Matches(podLabels) */
export function selectorMatches(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return Object.entries(sel).every(([k, v]) => Object.prototype.hasOwnProperty.call(l, k) && l[k] === v);
}

/** The pod's IPs (status.podIPs, else status.podIP). */
export function podIPs(pod: KObject): string[] {
  const st = (pod.status ?? {}) as Obj;
  const ips = ((st.podIPs ?? []) as Obj[]).map((p) => String(p.ip)).filter(Boolean);
  return ips.length ? ips : st.podIP ? [String(st.podIP)] : [];
}

function isPodTerminal(pod: KObject): boolean {
  const phase = (pod.status as Obj | undefined)?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless includeTerminating) not being deleted. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  const spec = (pod.spec ?? {}) as Obj;
  return !!spec.hostname && spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up in the pod's
 * containers (then restartable init containers) with the same protocol. undefined = no such port.
 */
export function findPort(pod: KObject, sp: ServicePort): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  const spec = (pod.spec ?? {}) as Obj;
  const sidecars = ((spec.initContainers ?? []) as Obj[]).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...((spec.containers ?? []) as Obj[]), ...sidecars]) {
    for (const p of (c.ports ?? []) as Obj[]) if (p.name === sp.targetPort && (p.protocol ?? 'TCP') === sp.protocol) return Number(p.containerPort);
  }
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** podEndpointsChanged: [podChanged, labelsChanged]. */
export function podEndpointsChanged(oldPod: KObject, newPod: KObject): [boolean, boolean] {
  const o = (oldPod.spec ?? {}) as Obj;
  const n = (newPod.spec ?? {}) as Obj;
  const labelsChanged = !same(canonicalLabels(oldPod), canonicalLabels(newPod)) || o.hostname !== n.hostname || o.subdomain !== n.subdomain;
  // upstream compares the deletionTimestamp pointers; values are compared here
  if (oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const oi = (((oldPod.status as Obj | undefined)?.podIPs ?? []) as Obj[]).map((p) => p.ip);
  const ni = (((newPod.status as Obj | undefined)?.podIPs ?? []) as Obj[]).map((p) => p.ip);
  if (!same(oi, ni)) return [true, labelsChanged];
  return [false, labelsChanged];
}

function canonicalLabels(p: KObject): Array<[string, string]> {
  return Object.entries((p.metadata.labels ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** getServicesForPod: keys of the Services in the namespace whose (non-nil) selector matches. */
export function getServicesForPod(services: Record<string, KObject>, namespace: string | undefined, labels: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const [key, svc] of Object.entries(services)) {
    if (svc.metadata.namespace !== namespace) continue;
    const sel = serviceSelector(svc);
    if (sel && selectorMatches(sel, labels)) out.push(key);
  }
  return out;
}

/**
 * GetPodUpdateProjectionKey + GetServicesToUpdate (+ determineNeededServiceUpdates): which
 * Services a pod event concerns. `old` is undefined for an add, `cur` for a delete.
 */
export function getServicesToUpdate(services: Record<string, KObject>, old: KObject | undefined, cur: KObject | undefined): string[] {
  const pod = cur ?? old;
  if (!pod) return [];
  const ns = pod.metadata.namespace;
  const labelsOf = (p: KObject) => p.metadata.labels as Record<string, string> | undefined;
  if (!old || !cur) return getServicesForPod(services, ns, labelsOf(pod));
  if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return [];
  const [podChanged, labelsChanged] = podEndpointsChanged(old, cur);
  if (!podChanged && !labelsChanged) return [];
  const now = getServicesForPod(services, ns, labelsOf(cur));
  if (!labelsChanged) return now;
  const before = getServicesForPod(services, ns, labelsOf(old));
  if (podChanged) return [...new Set([...now, ...before])];
  // only the labels changed: the symmetric difference
  return [...now.filter((k) => !before.includes(k)), ...before.filter((k) => !now.includes(k))];
}

/** The pods of a Service: same namespace, matching its selector (listers order, sorted by key). */
export function podsForService(pods: Record<string, KObject>, svc: KObject): KObject[] {
  const sel = serviceSelector(svc) ?? {};
  return Object.keys(pods)
    .sort()
    .map((k) => pods[k])
    .filter((p) => p.metadata.namespace === svc.metadata.namespace && selectorMatches(sel, p.metadata.labels as Record<string, string> | undefined));
}
