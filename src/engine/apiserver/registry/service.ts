// Services: defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service), validation
// (pkg/apis/core/validation ValidateService, reduced) and the ClusterIP / NodePort allocators of
// pkg/registry/core/service (ipallocator, portallocator) with kubeadm's ranges. Allocation is
// random from the upper "dynamic" band, as KEP-3070/3668 split the ranges.
import type { KObject } from '../../api/types';
import type { Kernel } from '../../kernel/kernel';
import { type FieldError, duplicate, invalid, notSupported, required } from '../validation/field-errors';
import { isDNS1035Label, validateObjectMeta } from '../validation/names';

type Obj = Record<string, any>;

/** kubeadm's --service-cluster-ip-range */
export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
/** --service-node-port-range */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function ipToString(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function ipToNumber(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function defaultService(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  const set = (obj: Obj, f: string, v: unknown, path: string) => {
    if (obj[f] === undefined || obj[f] === null || obj[f] === '') {
      obj[f] = v;
      added.push(path);
    }
  };
  set(spec, 'type', 'ClusterIP', 'spec.type');
  if (spec.type === 'ExternalName') return added;
  set(spec, 'sessionAffinity', 'None', 'spec.sessionAffinity');
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= { clientIP: {} };
    spec.sessionAffinityConfig.clientIP ??= {};
    set(spec.sessionAffinityConfig.clientIP, 'timeoutSeconds', 10800, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds');
  }
  (Array.isArray(spec.ports) ? spec.ports : []).forEach((p: Obj, i: number) => {
    if (!p || typeof p !== 'object') return;
    set(p, 'protocol', 'TCP', `spec.ports[${i}].protocol`);
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') set(p, 'targetPort', p.port, `spec.ports[${i}].targetPort`);
  });
  set(spec, 'internalTrafficPolicy', 'Cluster', 'spec.internalTrafficPolicy');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') set(spec, 'externalTrafficPolicy', 'Cluster', 'spec.externalTrafficPolicy');
  if (spec.type === 'LoadBalancer') set(spec, 'allocateLoadBalancerNodePorts', true, 'spec.allocateLoadBalancerNodePorts');
  set(spec, 'ipFamilyPolicy', 'SingleStack', 'spec.ipFamilyPolicy');
  if (!Array.isArray(spec.ipFamilies)) {
    spec.ipFamilies = ['IPv4'];
    added.push('spec.ipFamilies');
  }
  return added;
}

export function validateService(o: Obj): FieldError[] {
  const errs = validateObjectMeta(o.metadata ?? {}, true, isDNS1035Label);
  const spec = o.spec ?? {};
  if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
    return errs;
  }
  const ports: Obj[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && spec.clusterIP !== 'None') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${path}.name`));
    if (p.name) {
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) errs.push(invalid(`${path}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) errs.push(invalid(`${path}.targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    if (p.nodePort !== undefined && spec.type === 'ClusterIP') errs.push({ type: 'FieldValueForbidden', field: `${path}.nodePort`, detail: 'may not be used when `type` is \'ClusterIP\'' });
  });
  if (!['None', 'ClientIP'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  // validation.go ValidateService: a headless Service has no node ports or load balancer
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && spec.clusterIP === 'None') {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  return errs;
}

function usedClusterIPs(cache: Record<string, KObject>): Set<string> {
  const used = new Set<string>();
  for (const [key, o] of Object.entries(cache)) if (key.startsWith('/registry/services/specs/')) for (const ip of ((o.spec as Obj)?.clusterIPs ?? [])) used.add(ip);
  return used;
}

function usedNodePorts(cache: Record<string, KObject>): Set<number> {
  const used = new Set<number>();
  for (const [key, o] of Object.entries(cache)) if (key.startsWith('/registry/services/specs/')) for (const p of ((o.spec as Obj)?.ports ?? [])) if (p.nodePort) used.add(p.nodePort);
  return used;
}

/** Allocate the ClusterIP and NodePorts of a new Service (rest.go Create → allocators). */
export function allocateService(o: Obj, cache: Record<string, KObject>, k: Kernel): FieldError[] {
  const spec = o.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const rng = k.rng('kube-apiserver/allocators');
  if (spec.clusterIP !== 'None') {
    const used = usedClusterIPs(cache);
    if (spec.clusterIP) {
      const n = ipToNumber(spec.clusterIP);
      if (n === undefined || n < CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE) {
        errs.push(invalid('spec.clusterIPs', spec.clusterIP, `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`));
      } else if (used.has(spec.clusterIP)) {
        errs.push(invalid('spec.clusterIPs', spec.clusterIP, `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
      }
    } else {
      // dynamic band: the upper part of the range, above the static band of min(max(16, size/16), 256)
      const staticBand = Math.min(Math.max(16, CIDR_SIZE / 16), 256);
      let ip = '';
      for (let tries = 0; tries < 64 && (!ip || used.has(ip)); tries++) ip = ipToString(CIDR_BASE + staticBand + rng.int(CIDR_SIZE - staticBand - 1));
      spec.clusterIP = ip;
    }
    spec.clusterIPs = [spec.clusterIP];
  } else spec.clusterIPs = ['None'];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const used = usedNodePorts(cache);
    (spec.ports ?? []).forEach((p: Obj, i: number) => {
      if (p.nodePort) {
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
        else if (used.has(p.nodePort)) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
        used.add(p.nodePort);
        return;
      }
      let port = 0;
      for (let tries = 0; tries < 64 && (!port || used.has(port)); tries++) port = NODE_PORT_MIN + rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
      p.nodePort = port;
      used.add(port);
    });
  }
  return errs;
}

/** clusterIP and allocated nodePorts survive updates that leave them unset (rest.go Update). */
export function prepareServiceUpdate(next: Obj, old: Obj): void {
  next.spec ??= {};
  if (!next.spec.clusterIP && old.spec?.clusterIP) next.spec.clusterIP = old.spec.clusterIP;
  if (!next.spec.clusterIPs && old.spec?.clusterIPs) next.spec.clusterIPs = old.spec.clusterIPs;
  for (const p of next.spec.ports ?? []) {
    const was = (old.spec?.ports ?? []).find((q: Obj) => q.port === p.port && q.protocol === p.protocol);
    if (!p.nodePort && was?.nodePort && (next.spec.type === 'NodePort' || next.spec.type === 'LoadBalancer')) p.nodePort = was.nodePort;
  }
  if (old.status !== undefined) next.status = old.status;
}

export function validateServiceUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateService(next);
  if (old.spec?.clusterIP && next.spec?.clusterIP !== old.spec.clusterIP && old.spec.type !== 'ExternalName') {
    errs.push(invalid('spec.clusterIPs[0]', next.spec?.clusterIP ?? '', 'may not change once set'));
  }
  return errs;
}
