// Twin of pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container,
// SetDefaults_Probe, SetDefaults_Volume …), reduced to the fields a Pod manifest commonly carries.
// Returns the field paths it filled in, so the UI can show what defaulting added.
import { cpuMilli, isValidQuantity, parseQuantity } from '../../api/quantity';

type Obj = Record<string, any>;

function setIfMissing(o: Obj, field: string, value: unknown, path: string, added: string[]): void {
  if (o[field] === undefined || o[field] === null || o[field] === '') {
    o[field] = value;
    added.push(path);
  }
}

/** imagePullPolicy: Always for `:latest` or no tag (and no digest), else IfNotPresent (SetDefaults_Container). */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const lastSlash = image.lastIndexOf('/');
  const nameAndTag = image.slice(lastSlash + 1);
  if (image.includes('@')) {
    const tag = nameAndTag.split('@')[0].split(':')[1];
    return tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  const colon = nameAndTag.lastIndexOf(':');
  const tag = colon >= 0 ? nameAndTag.slice(colon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj | undefined, path: string, added: string[]): void {
  if (!p || typeof p !== 'object') return;
  setIfMissing(p, 'timeoutSeconds', 1, `${path}.timeoutSeconds`, added);
  setIfMissing(p, 'periodSeconds', 10, `${path}.periodSeconds`, added);
  setIfMissing(p, 'successThreshold', 1, `${path}.successThreshold`, added);
  setIfMissing(p, 'failureThreshold', 3, `${path}.failureThreshold`, added);
  if (p.httpGet && typeof p.httpGet === 'object') {
    setIfMissing(p.httpGet, 'path', '/', `${path}.httpGet.path`, added);
    setIfMissing(p.httpGet, 'scheme', 'HTTP', `${path}.httpGet.scheme`, added);
  }
}

/** SetDefaults_ResourceList rounds quantities up to milli scale; cpu shown canonically. */
function canonicalQuantity(name: string, q: unknown): unknown {
  if (!isValidQuantity(q)) return q;
  if (name === 'cpu' && typeof q === 'number') return String(q);
  if (name === 'cpu' && typeof q === 'string' && /^\d*\.\d+$/.test(q)) return `${cpuMilli(q)}m`;
  if (typeof q === 'number') return String(parseQuantity(q));
  return q;
}

function defaultContainer(c: Obj, path: string, added: string[], isPod: boolean): void {
  if (typeof c.image === 'string' && c.image) setIfMissing(c, 'imagePullPolicy', defaultImagePullPolicy(c.image), `${path}.imagePullPolicy`, added);
  setIfMissing(c, 'terminationMessagePath', '/dev/termination-log', `${path}.terminationMessagePath`, added);
  setIfMissing(c, 'terminationMessagePolicy', 'File', `${path}.terminationMessagePolicy`, added);
  if (Array.isArray(c.ports)) c.ports.forEach((p: Obj, i: number) => p && typeof p === 'object' && setIfMissing(p, 'protocol', 'TCP', `${path}.ports[${i}].protocol`, added));
  if (c.resources === undefined) {
    c.resources = {};
    added.push(`${path}.resources`);
  }
  const r = c.resources;
  if (r && typeof r === 'object') {
    for (const kind of ['limits', 'requests']) {
      if (r[kind] && typeof r[kind] === 'object') for (const k of Object.keys(r[kind])) r[kind][k] = canonicalQuantity(k, r[kind][k]);
    }
    // requests default from limits (SetDefaults_Pod; Pods only, not templates)
    if (isPod && r.limits && typeof r.limits === 'object') {
      for (const [k, v] of Object.entries(r.limits)) {
        r.requests ??= {};
        if (r.requests[k] === undefined) {
          r.requests[k] = v;
          added.push(`${path}.resources.requests.${k}`);
        }
      }
    }
  }
  // SetDefaults_ObjectFieldSelector: a fieldRef's apiVersion is v1
  if (Array.isArray(c.env)) c.env.forEach((e: Obj, i: number) => e?.valueFrom?.fieldRef && typeof e.valueFrom.fieldRef === 'object' && setIfMissing(e.valueFrom.fieldRef, 'apiVersion', 'v1', `${path}.env[${i}].valueFrom.fieldRef.apiVersion`, added));
  defaultProbe(c.livenessProbe, `${path}.livenessProbe`, added);
  defaultProbe(c.readinessProbe, `${path}.readinessProbe`, added);
  defaultProbe(c.startupProbe, `${path}.startupProbe`, added);
}

export function defaultPodSpec(spec: Obj, path: string, added: string[], isPod: boolean): void {
  setIfMissing(spec, 'restartPolicy', 'Always', `${path}.restartPolicy`, added);
  setIfMissing(spec, 'terminationGracePeriodSeconds', 30, `${path}.terminationGracePeriodSeconds`, added);
  setIfMissing(spec, 'dnsPolicy', 'ClusterFirst', `${path}.dnsPolicy`, added);
  if (spec.securityContext === undefined) {
    spec.securityContext = {};
    added.push(`${path}.securityContext`);
  }
  setIfMissing(spec, 'schedulerName', 'default-scheduler', `${path}.schedulerName`, added);
  if (Array.isArray(spec.containers)) spec.containers.forEach((c: Obj, i: number) => c && typeof c === 'object' && defaultContainer(c, `${path}.containers[${i}]`, added, isPod));
  if (Array.isArray(spec.initContainers)) spec.initContainers.forEach((c: Obj, i: number) => c && typeof c === 'object' && defaultContainer(c, `${path}.initContainers[${i}]`, added, isPod));
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((v: Obj, i: number) => {
      if (!v || typeof v !== 'object') return;
      const sources = Object.keys(v).filter((k) => k !== 'name');
      if (sources.length === 0) {
        v.emptyDir = {};
        added.push(`${path}.volumes[${i}].emptyDir`);
      }
      for (const src of ['configMap', 'secret', 'downwardAPI', 'projected']) {
        if (v[src] && typeof v[src] === 'object') setIfMissing(v[src], 'defaultMode', 420, `${path}.volumes[${i}].${src}.defaultMode`, added);
      }
    });
  }
}

/**
 * defaultHostNetworkPorts (pkg/apis/core/v1/defaults.go): with host networking every container port's unset
 * (zero) hostPort becomes its containerPort. Called by SetDefaults_Pod only, for containers and init
 * containers: not for ephemeral containers (which may not declare ports) and, since v1.28, not for pod
 * templates (the DefaultHostNetworkHostPortsInPodTemplates gate that restored that was removed in v1.31).
 */
export function defaultHostNetworkPorts(containers: unknown, path: string, added: string[]): void {
  if (!Array.isArray(containers)) return;
  containers.forEach((c: Obj, i: number) => {
    if (!c || typeof c !== 'object' || !Array.isArray(c.ports)) return;
    c.ports.forEach((p: Obj, j: number) => {
      if (!p || typeof p !== 'object') return;
      if ((p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) && typeof p.containerPort === 'number' && p.containerPort !== 0) {
        p.hostPort = p.containerPort;
        added.push(`${path}[${i}].ports[${j}].hostPort`);
      }
    });
  });
}

/** SetDefaults_Pod + SetDefaults_PodSpec on a decoded Pod; returns the paths it filled. */
export function defaultPod(pod: Obj): string[] {
  const added: string[] = [];
  pod.spec ??= {};
  if (pod.spec && typeof pod.spec === 'object' && !Array.isArray(pod.spec)) {
    defaultPodSpec(pod.spec, 'spec', added, true);
    setIfMissing(pod.spec, 'enableServiceLinks', true, 'spec.enableServiceLinks', added);
    if (pod.spec.hostNetwork === true) {
      defaultHostNetworkPorts(pod.spec.containers, 'spec.containers', added);
      defaultHostNetworkPorts(pod.spec.initContainers, 'spec.initContainers', added);
    }
  }
  return added;
}
