// Twin of pkg/controller/endpoint/endpoints_controller.go (the legacy Endpoints object, still run
// by kube-controller-manager 1.33): syncService builds subsets from the Service's pods — ready
// ones as `addresses`, others as `notReadyAddresses`, terminating ones left out unless
// publishNotReadyAddresses — repacks them and creates or updates the Endpoints named like the
// Service only when subsets or labels changed. The trigger-time annotation is not modelled.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { isPodReady } from '../pod-util';
import { LABEL_HEADLESS, findPort, getServicesToUpdate, isServiceIPSet, podIPs, podsForService, serviceSelector, servicePorts, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/util/controller-utils';
import { type EndpointAddress, type EndpointPortV1, type EndpointSubset, repackSubsets } from './endpoints-util';

type Obj = Record<string, any>;

export const SOURCE = 'endpoint-controller';
/** maxCapacity: Endpoints beyond 1000 addresses are truncated */
export const MAX_CAPACITY = 1000;
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

export class EndpointsController implements Controller {
  readonly name = 'endpoint';
  /** --concurrent-endpoint-syncs */
  readonly workers = 5;
  readonly maxRetries = 15;

  constructor(private readonly host: ControllerHost) {}

  private tracker(): Record<string, string> {
    return (this.host.state().endpointsTracker ??= {});
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'services') return this.host.enqueue(this.name, metaNamespaceKey(obj));
    if (informer === 'pods') {
      const svcs = this.host.lister('services');
      const keys = type === 'ADDED' ? getServicesToUpdate(svcs, undefined, obj) : type === 'DELETED' ? getServicesToUpdate(svcs, obj, undefined) : getServicesToUpdate(svcs, old, obj);
      for (const k of keys) this.host.enqueue(this.name, k);
      return;
    }
    if (informer === 'endpoints' && type === 'DELETED') {
      // onEndpointsDelete: recreate it if its Service still wants it
      delete this.tracker()[metaNamespaceKey(obj)];
      this.host.enqueue(this.name, metaNamespaceKey(obj));
    }
  }

  syncHandler(key: string): SyncPlan {
    const [ns, name] = splitKey(key);
    const svc = this.host.lister('services')[key];
    const current = this.host.lister('endpoints')[key];
    if (!svc) {
      // the Service is gone: delete the Endpoints named like it
      delete this.tracker()[key];
      if (!current) return { desired: '', actual: '', action: 'none', batches: [] };
      return { desired: 'none', actual: 'Endpoints', action: 'delete Endpoints', object: refObject(current), batches: [[{ req: { verb: 'delete', resource: 'endpoints', namespace: ns, name }, tag: 'delete', ignore: [404] }]] };
    }
    const spec = (svc.spec ?? {}) as Obj;
    if (spec.type === 'ExternalName' || serviceSelector(svc) === undefined) return { desired: '', actual: '', action: 'none', object: refObject(svc), batches: [] };
    const subsets = this.desiredSubsets(svc);
    const desired = describe(subsets);
    const actual = current ? describe((current.subsets ?? []) as EndpointSubset[]) : 'no Endpoints';
    // staleEndpointsTracker: the cache has not caught up with this controller's last write
    const written = this.tracker()[key];
    if (written && (!current || Number(current.metadata.resourceVersion) < Number(written))) {
      return { desired, actual, action: 'none (endpoints informer cache is out of date)', object: refObject(svc), batches: [], requeueRateLimited: true };
    }
    const labels = { ...((svc.metadata.labels ?? {}) as Record<string, string>) };
    const compareLabels = Object.fromEntries(Object.entries((current?.metadata.labels ?? {}) as Record<string, string>).filter(([k]) => k !== LABEL_HEADLESS));
    if (current && canon(current.subsets ?? []) === canon(subsets) && canon(compareLabels) === canon(labels) && !current.metadata.annotations?.[OVER_CAPACITY]) {
      return { desired, actual, action: 'none', object: refObject(svc), batches: [] };
    }
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
    const base: KObject = current ? structuredClone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
    // an empty label map is omitted on the wire (omitempty)
    if (Object.keys(labels).length) base.metadata.labels = labels;
    else delete base.metadata.labels;
    if (subsets.length) base.subsets = subsets;
    else delete base.subsets;
    const verb = current ? 'update' : 'create';
    const m = svc.metadata;
    const op: Op = {
      req: { verb, resource: 'endpoints', namespace: ns, ...(current ? { name } : {}), body: base },
      tag: 'write',
      onFailure: { source: SOURCE, object: refObject(base), type: 'Warning', reason: current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint', message: current ? `Failed to update endpoint ${m.namespace}/${m.name}: {error}` : `Failed to create endpoint for service ${m.namespace}/${m.name}: {error}` },
    };
    return { desired, actual, action: `${verb} Endpoints`, object: refObject(svc), batches: [[op]] };
  }

  /** The loop over pods and Service ports of syncService, then RepackSubsets. */
  private desiredSubsets(svc: KObject): EndpointSubset[] {
    const spec = (svc.spec ?? {}) as Obj;
    const tolerateUnready = !!spec.publishNotReadyAddresses;
    const ports = servicePorts(svc);
    const subsets: EndpointSubset[] = [];
    for (const pod of podsForService(this.host.lister('pods'), svc)) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const epa = podToEndpointAddress(pod, svc);
      if (!epa) continue;
      const add = (epp: EndpointPortV1 | undefined) => {
        const ps = epp ? [epp] : [];
        subsets.push(tolerateUnready || isPodReady(pod) ? { addresses: [epa], ports: ps } : { notReadyAddresses: [epa], ports: ps });
      };
      if (ports.length === 0) {
        if (spec.clusterIP === 'None') add(undefined);
        continue;
      }
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const epp: EndpointPortV1 = { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol };
        if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
        add(epp);
      }
    }
    return repackSubsets(subsets);
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): void {
    if (op.tag === 'write' && resp.code < 300 && resp.object) this.tracker()[sync.key] = String(resp.object.metadata.resourceVersion ?? '0');
  }
}

/** podToEndpointAddressForService: the pod's IP of the Service's family, its node and a reference. */
function podToEndpointAddress(pod: KObject, svc: KObject): EndpointAddress | undefined {
  const ip = podIPs(pod).find((a) => !a.includes(':'));
  if (!ip) return undefined;
  const a: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) a.hostname = String((pod.spec as Obj).hostname);
  const node = (pod.spec as Obj | undefined)?.nodeName;
  if (node) a.nodeName = String(node);
  a.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return a;
}

function describe(subsets: EndpointSubset[]): string {
  const ready = new Set(subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)));
  const notReady = new Set(subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)));
  return `${ready.size} ready, ${notReady.size} not ready`;
}

function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined && k !== 'resourceVersion').sort().map((k) => `${JSON.stringify(k)}:${canon(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
