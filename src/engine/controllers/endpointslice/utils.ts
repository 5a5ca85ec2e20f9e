// Twin of staging/src/k8s.io/endpointslice/utils.go (podToEndpoint, getEndpointPorts,
// newEndpointSlice, setEndpointSliceLabels, ownedBy, getSliceToFill, getAddressTypesForService)
// and util/endpointset.go (hashEndpoint, EndpointsEqualBeyondHash). Zones and topology hints are
// left out: this cluster's nodes carry no topology.kubernetes.io/zone label.
import type { KObject } from '../../api/types';
import { isPodReady } from '../pod-util';
import { LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type ServicePort, findPort, isServiceIPSet, podIPs, servicePorts, shouldSetHostname } from './util/controller-utils';

type Obj = Record<string, any>;

export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface EndpointConditions {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** discovery/v1 Endpoint */
export interface Endpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
  nodeName?: string;
  zone?: string;
}

/** discovery/v1 EndpointPort: name is always set (possibly ""), as upstream's *string. */
export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export type AddressType = 'IPv4' | 'IPv6';

const isIPv6 = (ip: string) => ip.includes(':');

/** podToEndpoint */
export function podToEndpoint(pod: KObject, svc: KObject, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // "ready" is never true for a terminating pod, unless publishNotReadyAddresses is set
  const ready = !!(svc.spec as Obj | undefined)?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Endpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = String((pod.spec as Obj).hostname);
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  const nodeName = (pod.spec as Obj | undefined)?.nodeName;
  if (nodeName) ep.nodeName = String(nodeName);
  return ep;
}

/** getEndpointPorts: one EndpointPort per Service port whose targetPort the pod resolves. */
export function getEndpointPorts(svc: KObject, pod: KObject): EndpointPort[] {
  const out: EndpointPort[] = [];
  const ports: ServicePort[] = servicePorts(svc);
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue; // "Failed to find port for service"
    const ep: EndpointPort = { name: sp.name, port, protocol: sp.protocol };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** NewPortMapKey: a key for a set of ports, independent of their order. */
export function portMapKey(ports: EndpointPort[]): string {
  return ports.map((p) => JSON.stringify([p.name, p.port, p.protocol, p.appProtocol ?? null])).sort().join('|');
}

/** endpointset.go hashEndpoint: addresses, hostname and the target's namespace/name. */
export function endpointKey(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** EndpointsEqualBeyondHash: nodeName, zone, the three conditions and targetRef (without resourceVersion). */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  const c = (e: Endpoint) => JSON.stringify([e.nodeName ?? null, e.zone ?? null, e.conditions?.ready ?? null, e.conditions?.serving ?? null, e.conditions?.terminating ?? null]);
  const ref = (e: Endpoint) => (e.targetRef ? JSON.stringify([e.targetRef.kind, e.targetRef.namespace ?? '', e.targetRef.name, e.targetRef.uid ?? '']) : 'nil');
  return c(a) === c(b) && ref(a) === ref(b);
}

/**
 * getAddressTypesForService. This cluster is single-stack IPv4 and its apiserver defaults
 * spec.ipFamilies; while a Service has neither ipFamilies nor a ClusterIP the family of its
 * ClusterIP (IPv4) is assumed, instead of upstream's dual-stack fallback for pre-1.20 apiservers.
 */
export function getAddressTypesForService(svc: KObject): AddressType[] {
  const fams = ((svc.spec as Obj | undefined)?.ipFamilies ?? []) as string[];
  const out: AddressType[] = [];
  if (fams.includes('IPv4')) out.push('IPv4');
  if (fams.includes('IPv6')) out.push('IPv6');
  if (out.length) return out;
  const ip = String((svc.spec as Obj | undefined)?.clusterIP ?? '');
  return [isServiceIPSet(svc) && isIPv6(ip) ? 'IPv6' : 'IPv4'];
}

const isReservedLabelKey = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;

/** setEndpointSliceLabels: the Service's labels + the reserved ones; `updated` when they differ from the slice's. */
export function setEndpointSliceLabels(slice: KObject | undefined, svc: KObject): { labels: Record<string, string>; updated: boolean } {
  const strip = (l: Record<string, string> | undefined) => Object.fromEntries(Object.entries(l ?? {}).filter(([k]) => !isReservedLabelKey(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const epLabels = strip(slice?.metadata.labels as Record<string, string> | undefined);
  const labels: Record<string, string> = strip(svc.metadata.labels as Record<string, string> | undefined);
  const updated = JSON.stringify(epLabels) !== JSON.stringify(labels);
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, updated };
}

/** newEndpointSlice: generateName `<svc>-`, a controller reference to the Service, no endpoints yet. */
export function newEndpointSlice(svc: KObject, ports: EndpointPort[], addressType: AddressType): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: '',
      generateName: getEndpointSlicePrefix(svc.metadata.name),
      namespace: svc.metadata.namespace,
      labels: setEndpointSliceLabels(undefined, svc).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: String(svc.metadata.uid), controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** getEndpointSlicePrefix: `<svc>-` unless that is no longer a valid DNS subdomain prefix. */
function getEndpointSlicePrefix(name: string): string {
  return name.length + 1 <= 253 - 5 ? `${name}-` : name;
}

/** ownedBy: the slice has an ownerReference to this Service (UID, kind Service, apiVersion v1). */
export function ownedBy(slice: KObject, svc: KObject): boolean {
  return ((slice.metadata.ownerReferences ?? []) as Obj[]).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

export const sliceEndpoints = (s: KObject): Endpoint[] => ((s.endpoints as Endpoint[] | null | undefined) ?? []);
export const slicePorts = (s: KObject): EndpointPort[] => ((s.ports as EndpointPort[] | null | undefined) ?? []);

/** getSliceToFill: the slice that will be closest to full once numEndpoints are added. */
export function getSliceToFill(slices: KObject[], numEndpoints: number, maxEndpoints: number): KObject | undefined {
  let closestDiff = maxEndpoints;
  let closest: KObject | undefined;
  for (const s of slices) {
    const diff = maxEndpoints - (numEndpoints + sliceEndpoints(s).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) return closest;
    }
  }
  return closest;
}
