// Manifests for the VOPR: a valid object of every kind the apiserver serves, drawn from small
// name pools so that later operations update and delete what earlier ones created, and ways to
// break one (a required field missing, a bad name, a wrong type, an unknown field, a bad value).
import type { Rng } from '../kernel/rng';
import { kindInfo } from '../api/scheme';

type Obj = Record<string, any>;

export interface World {
  nodes: readonly string[];
  /** images pushed with registry.add */
  pushed: readonly string[];
}

export const NAMESPACES = ['default', 'default', 'team-a', 'team-b'] as const;
/** app labels that workloads carry and Services select */
export const APPS = ['web', 'db', 'batch', 'cache'] as const;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const nameIn = (rng: Rng, prefix: string, n: number) => `${prefix}-${rng.int(n)}`;

const CPU = ['', '', '10m', '50m', '100m', '250m', '500m', '1', '1500m', '3'];
const MEMORY = ['', '', '16Mi', '64Mi', '256Mi', '1Gi', '3Gi'];
const GRACE = [undefined, undefined, 0, 1, 5, 30];

function image(rng: Rng, w: World): { image: string; command?: string[]; server: boolean } {
  switch (rng.int(12)) {
    case 0:
    case 1:
    case 2:
      return { image: pick(rng, ['nginx:1.27', 'nginx:1.26', 'nginx:1.27-alpine']), server: true };
    case 3:
      return { image: pick(rng, ['httpd:2.4', 'redis:7', 'registry.k8s.io/pause:3.10']), server: false };
    case 4:
    case 5:
      return { image: 'busybox:1.36', command: ['sh', '-c', `echo up; sleep ${pick(rng, [5, 60, 3600])}`], server: false };
    case 6:
      // crashes: exits non-zero after a moment (CrashLoopBackOff under restartPolicy Always)
      return { image: 'busybox:1.36', command: ['sh', '-c', `sleep ${1 + rng.int(10)}; exit ${pick(rng, [0, 1, 2])}`], server: false };
    case 7:
      return { image: pick(rng, ['nope/missing:1.0', 'registry.k8s.io/e2e-test-images/agnhost:2.52']), server: false };
    case 8:
      return w.pushed.length ? { image: pick(rng, w.pushed), server: false } : { image: 'alpine:3.20', command: ['sleep', '600'], server: false };
    default:
      return { image: pick(rng, ['nginx:1.27', 'busybox:1.36']), command: undefined, server: true };
  }
}

function resources(rng: Rng): Obj | undefined {
  const cpu = pick(rng, CPU);
  const memory = pick(rng, MEMORY);
  if (!cpu && !memory) return undefined;
  const requests: Obj = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return rng.chance(1, 4) ? { requests, limits: { ...requests } } : { requests };
}

function container(rng: Rng, w: World, name: string): Obj {
  const img = image(rng, w);
  const c: Obj = { name, image: img.image };
  if (img.command) c.command = img.command;
  const r = resources(rng);
  if (r) c.resources = r;
  if (img.server && name === 'main' && rng.chance(1, 2)) {
    c.ports = [{ containerPort: 80, name: 'http' }];
    if (rng.chance(1, 2)) c.readinessProbe = { httpGet: { path: '/', port: rng.chance(4, 5) ? 'http' : 8081 }, periodSeconds: pick(rng, [1, 5, 10]) };
  }
  return c;
}

/** A pod spec; `workload`: restartPolicy Always (as Deployments, StatefulSets and DaemonSets require). */
export function podSpec(rng: Rng, w: World, restartPolicy?: string): Obj {
  const spec: Obj = { containers: [container(rng, w, 'main')] };
  if (rng.chance(1, 5)) spec.containers.push(container(rng, w, 'side'));
  if (rng.chance(1, 6)) spec.initContainers = [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'], ...(rng.chance(1, 2) ? { resources: resources(rng) ?? {} } : {}) }];
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  const grace = pick(rng, GRACE);
  if (grace !== undefined) spec.terminationGracePeriodSeconds = grace;
  if (rng.chance(1, 6)) {
    const kind = rng.int(3);
    spec.volumes = [kind === 0 ? { name: 'v', configMap: { name: nameIn(rng, 'cm', 3), optional: rng.chance(1, 2) } } : kind === 1 ? { name: 'v', secret: { secretName: nameIn(rng, 'secret', 2) } } : { name: 'v', emptyDir: {} }];
    spec.containers[0].volumeMounts = [{ name: 'v', mountPath: '/data' }];
  }
  if (rng.chance(1, 10)) spec.priorityClassName = pick(rng, ['vopr-high', 'vopr-low']);
  if (rng.chance(1, 10)) spec.nodeSelector = { 'vopr/role': pick(rng, ['edge', 'core']) };
  return spec;
}

function meta(rng: Rng, name: string, ns?: string, labels?: Obj): Obj {
  const m: Obj = { name };
  if (ns) m.namespace = ns;
  if (labels) m.labels = labels;
  return m;
}

function template(rng: Rng, w: World, app: string): Obj {
  return { metadata: { labels: { app } }, spec: podSpec(rng, w) };
}

/** The kinds the generator makes, with how often (integer weights). */
export const KIND_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['Pod', 12], ['Deployment', 12], ['ReplicaSet', 3], ['StatefulSet', 6], ['DaemonSet', 4], ['Job', 4], ['CronJob', 2],
  ['Service', 8], ['ConfigMap', 4], ['Secret', 2], ['Namespace', 3], ['PersistentVolumeClaim', 2], ['PersistentVolume', 1],
  ['ServiceAccount', 1], ['LimitRange', 1], ['ResourceQuota', 1], ['Role', 1], ['ClusterRole', 1], ['RoleBinding', 1],
  ['ClusterRoleBinding', 1], ['PriorityClass', 2], ['PodDisruptionBudget', 1], ['Lease', 1], ['Event', 1], ['Endpoints', 1],
  ['EndpointSlice', 1], ['ControllerRevision', 1], ['Node', 2],
];

export function pickKind(rng: Rng): string {
  const total = KIND_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  let x = rng.int(total);
  for (const [k, w] of KIND_WEIGHTS) {
    if (x < w) return k;
    x -= w;
  }
  return 'Pod';
}

/** A valid manifest of `kind` (valid as an object; the cluster may still refuse it, e.g. a missing namespace). */
export function validManifest(rng: Rng, kind: string, w: World): Obj {
  const ns = pick(rng, NAMESPACES);
  switch (kind) {
    case 'Pod': {
      const spec = podSpec(rng, w, pick(rng, ['Always', 'Always', 'OnFailure', 'Never']));
      if (rng.chance(1, 12) && w.nodes.length) spec.nodeName = pick(rng, w.nodes);
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'pod', 6), ns, { app: pick(rng, APPS) }), spec };
    }
    case 'Deployment': {
      const name = nameIn(rng, 'deploy', 3);
      const spec: Obj = { replicas: rng.int(5), selector: { matchLabels: { app: name } }, template: template(rng, w, name) };
      if (rng.chance(1, 4)) spec.strategy = rng.chance(1, 2) ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: pick(rng, [0, 1, '50%']), maxUnavailable: pick(rng, [1, '25%', 2]) } };
      if (rng.chance(1, 6)) spec.minReadySeconds = rng.int(10);
      return { apiVersion: 'apps/v1', kind, metadata: meta(rng, name, ns), spec };
    }
    case 'ReplicaSet': {
      const name = nameIn(rng, 'rs', 2);
      return { apiVersion: 'apps/v1', kind, metadata: meta(rng, name, ns), spec: { replicas: rng.int(4), selector: { matchLabels: { app: name } }, template: template(rng, w, name) } };
    }
    case 'StatefulSet': {
      const name = nameIn(rng, 'sts', 2);
      const spec: Obj = { serviceName: name, replicas: rng.int(4), selector: { matchLabels: { app: name } }, template: template(rng, w, name) };
      if (rng.chance(1, 2)) spec.podManagementPolicy = 'Parallel';
      if (rng.chance(1, 3)) {
        spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
        spec.template.spec.containers[0].volumeMounts = [...(spec.template.spec.containers[0].volumeMounts ?? []), { name: 'data', mountPath: '/var/data' }];
      }
      return { apiVersion: 'apps/v1', kind, metadata: meta(rng, name, ns), spec };
    }
    case 'DaemonSet': {
      const name = nameIn(rng, 'ds', 2);
      return { apiVersion: 'apps/v1', kind, metadata: meta(rng, name, ns), spec: { selector: { matchLabels: { app: name } }, template: template(rng, w, name) } };
    }
    case 'Job': {
      const name = nameIn(rng, 'job', 2);
      const tmpl = { metadata: { labels: { app: 'batch' } }, spec: podSpec(rng, w, pick(rng, ['Never', 'OnFailure'])) };
      return { apiVersion: 'batch/v1', kind, metadata: meta(rng, name, ns), spec: { completions: 1 + rng.int(3), parallelism: 1 + rng.int(2), backoffLimit: rng.int(4), template: tmpl } };
    }
    case 'CronJob': {
      const tmpl = { spec: { template: { spec: podSpec(rng, w, 'Never') }, backoffLimit: 1 } };
      return { apiVersion: 'batch/v1', kind, metadata: meta(rng, 'cron-0', ns), spec: { schedule: pick(rng, ['*/1 * * * *', '*/5 * * * *', '0 0 * * *']), jobTemplate: tmpl, concurrencyPolicy: pick(rng, ['Allow', 'Forbid', 'Replace']) } };
    }
    case 'Service': {
      const spec: Obj = { ports: [{ port: 80, targetPort: pick(rng, [80, 'http', 8080]) }] };
      if (rng.chance(5, 6)) spec.selector = { app: pick(rng, [...APPS, 'deploy-0', 'deploy-1', 'sts-0', 'sts-1', 'ds-0', 'rs-0']) };
      const t = rng.int(4);
      if (t === 1) spec.type = 'NodePort';
      if (t === 2) spec.clusterIP = 'None';
      if (rng.chance(1, 8)) spec.publishNotReadyAddresses = true;
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'svc', 3), ns), spec };
    }
    case 'ConfigMap': {
      const cm: Obj = { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'cm', 3), ns), data: { key: `v${rng.int(100)}` } };
      if (rng.chance(1, 6)) cm.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'deploy-0', uid: `00000000-0000-4000-8000-${String(rng.int(1e6)).padStart(12, '0')}` }];
      return cm;
    }
    case 'Secret':
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'secret', 2), ns), type: 'Opaque', stringData: { password: `p${rng.int(1000)}` } };
    case 'Namespace':
      return { apiVersion: 'v1', kind, metadata: meta(rng, pick(rng, ['team-a', 'team-b'])) };
    case 'PersistentVolumeClaim':
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'pvc', 2), ns), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: pick(rng, ['1Gi', '5Gi']) } } } };
    case 'PersistentVolume':
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'pv', 2)), spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/vopr' }, persistentVolumeReclaimPolicy: pick(rng, ['Retain', 'Delete']) } };
    case 'ServiceAccount':
      return { apiVersion: 'v1', kind, metadata: meta(rng, nameIn(rng, 'sa', 2), ns) };
    case 'LimitRange':
      return { apiVersion: 'v1', kind, metadata: meta(rng, 'limits', ns), spec: { limits: [{ type: 'Container', defaultRequest: { cpu: pick(rng, ['50m', '200m']) }, default: { cpu: '500m' } }] } };
    case 'ResourceQuota':
      return { apiVersion: 'v1', kind, metadata: meta(rng, 'quota', ns), spec: { hard: { pods: String(2 + rng.int(8)), ...(rng.chance(1, 2) ? { 'requests.cpu': '2' } : {}) } } };
    case 'Role':
      return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(rng, 'vopr-reader', ns), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] };
    case 'ClusterRole':
      return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(rng, 'vopr-viewer'), rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }] };
    case 'RoleBinding':
      return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(rng, 'vopr-reader', ns), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'vopr-reader' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] };
    case 'ClusterRoleBinding':
      return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(rng, 'vopr-viewer'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'vopr-viewer' }, subjects: [{ kind: 'Group', name: 'viewers', apiGroup: 'rbac.authorization.k8s.io' }] };
    case 'PriorityClass':
      return rng.chance(1, 2) ? { apiVersion: 'scheduling.k8s.io/v1', kind, metadata: meta(rng, 'vopr-high'), value: 1000 + rng.int(1000) } : { apiVersion: 'scheduling.k8s.io/v1', kind, metadata: meta(rng, 'vopr-low'), value: -10, preemptionPolicy: 'Never' };
    case 'PodDisruptionBudget':
      return { apiVersion: 'policy/v1', kind, metadata: meta(rng, 'pdb-0', ns), spec: { minAvailable: 1, selector: { matchLabels: { app: pick(rng, APPS) } } } };
    case 'Lease':
      return { apiVersion: 'coordination.k8s.io/v1', kind, metadata: meta(rng, 'vopr-lock', ns), spec: { holderIdentity: `holder-${rng.int(3)}`, leaseDurationSeconds: 15 } };
    case 'Event':
      return { apiVersion: 'v1', kind, metadata: meta(rng, `vopr.${rng.int(100)}`, ns), involvedObject: { kind: 'Pod', name: 'pod-0', namespace: ns }, reason: 'Testing', message: 'from the VOPR', type: 'Normal' };
    case 'Endpoints':
      return { apiVersion: 'v1', kind, metadata: meta(rng, 'external', ns), subsets: [{ addresses: [{ ip: `192.0.2.${1 + rng.int(200)}` }], ports: [{ port: 443 }] }] };
    case 'EndpointSlice':
      return { apiVersion: 'discovery.k8s.io/v1', kind, metadata: meta(rng, 'external-1', ns, { 'kubernetes.io/service-name': 'external' }), addressType: 'IPv4', endpoints: [{ addresses: [`192.0.2.${1 + rng.int(200)}`] }], ports: [{ port: 443, protocol: 'TCP' }] };
    case 'ControllerRevision':
      return { apiVersion: 'apps/v1', kind, metadata: meta(rng, 'vopr-rev', ns), revision: 1 + rng.int(5), data: { spec: { template: {} } } };
    case 'Node': {
      // label and cordon a real node (kubectl label / cordon as an apply)
      const m: Obj = { apiVersion: 'v1', kind, metadata: meta(rng, pick(rng, w.nodes.length ? w.nodes : ['node-1']), undefined, { 'vopr/role': pick(rng, ['edge', 'core']) }) };
      if (rng.chance(1, 3)) m.spec = { unschedulable: rng.chance(1, 2) };
      return m;
    }
  }
  throw new Error(`vopr: no manifest for kind ${kind}`);
}

const RBAC = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** Paths whose absence the apiserver must refuse, per kind. */
const REQUIRED: Record<string, string[][]> = {
  Pod: [['spec', 'containers'], ['spec']],
  Deployment: [['spec', 'selector'], ['spec', 'template']],
  ReplicaSet: [['spec', 'selector']],
  StatefulSet: [['spec', 'selector'], ['spec', 'template']],
  DaemonSet: [['spec', 'selector'], ['spec', 'template']],
  Job: [['spec', 'template']],
  CronJob: [['spec', 'schedule'], ['spec', 'jobTemplate']],
  Service: [['spec', 'ports']],
  PersistentVolumeClaim: [['spec', 'accessModes']],
  PersistentVolume: [['spec', 'capacity']],
  Role: [],
  RoleBinding: [['roleRef']],
  ClusterRoleBinding: [['roleRef']],
  Lease: [],
  Event: [['involvedObject']],
  EndpointSlice: [['addressType']],
};

function unset(o: Obj, path: string[]): void {
  let cur = o;
  for (const p of path.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') return;
    cur = cur[p];
  }
  delete cur[path[path.length - 1]];
}

/** Break a valid manifest in one way; returns what was done (for the log). */
export function breakManifest(rng: Rng, o: Obj): string {
  const spec = o.spec as Obj | undefined;
  switch (rng.int(8)) {
    case 0: {
      const paths = REQUIRED[o.kind] ?? [];
      if (paths.length) {
        const p = pick(rng, paths);
        unset(o, p);
        // a headless Service may have no ports (and one applied over a headless one stays headless): a NodePort may not
        if (o.kind === 'Service' && spec) {
          delete spec.clusterIP;
          spec.type = 'NodePort';
        }
        return `missing ${p.join('.')}`;
      }
      delete o.metadata.name;
      return 'missing metadata.name';
    }
    case 1:
      // RBAC names are path segments (ValidatePathSegmentName): only '.', '..', '/' and '%' are bad there
      o.metadata.name = RBAC.includes(o.kind) ? pick(rng, ['..', 'a%b']) : pick(rng, ['Bad_Name', 'UPPER', `${'x'.repeat(254)}`, '-lead', 'dots..x']);
      return `bad name ${String(o.metadata.name).slice(0, 20)}`;
    case 2:
      if (spec && 'replicas' in spec) spec.replicas = pick(rng, ['three', -1, 1.5, true]);
      else if (spec?.containers) spec.containers = pick(rng, ['str', [{ name: 'c' }], [{ image: 'nginx' }], 7]);
      else if (spec?.template?.spec) spec.template.spec.containers = pick(rng, ['str', [], [{ name: 'c', image: 'nginx', ports: [{ containerPort: 'x' }] }]]);
      else o.metadata.labels = pick(rng, [['a'], 'label', { 'bad key!': 'v' }, { ok: 'bad value!' }]);
      return 'wrong type or value';
    case 3:
      (spec ?? o)[pick(rng, ['bogusField', 'replica', 'contaners'])] = 1;
      return 'unknown field';
    case 4:
      o.metadata[pick(rng, ['bogus', 'lables'])] = { x: 'y' };
      return 'unknown metadata field';
    case 5:
      if (rng.chance(1, 2)) o.apiVersion = pick(rng, ['apps/v2', 'v2', 'extensions/v1beta1', o.apiVersion === 'batch/v1' ? 'batch/v2' : 'batch/v1']);
      else o.kind = pick(rng, ['Podd', 'Deploymnet', 'service']);
      return `wrong apiVersion/kind ${o.apiVersion} ${o.kind}`;
    case 6:
      // (an image is only checked for being set and trimmed; a namespace only matters to namespaced kinds)
      if (spec?.selector?.matchLabels && spec.template) spec.selector.matchLabels = { app: 'mismatch' };
      else if (spec?.containers) spec.containers[0].image = pick(rng, ['', ' nginx', 'nginx:1.27 ']);
      else if (spec?.template?.spec?.containers) spec.template.spec.containers[0].resources = { requests: { cpu: 'lots' } };
      else if (kindInfo(o.kind)?.namespaced) o.metadata.namespace = pick(rng, ['Bad_NS', 'does-not-exist']);
      else o.metadata.labels = { app: 'bad value!' };
      return 'invalid value';
    default:
      if (spec?.template?.spec?.containers) spec.template.spec.containers[0].ports = [{ containerPort: 70000 }];
      else if (spec?.containers) spec.containers.push({ ...spec.containers[0] });
      else o.metadata.labels = { ['x'.repeat(70)]: 'v' };
      return 'invalid field value';
  }
}
