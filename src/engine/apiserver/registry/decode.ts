// Strict decoding, as kube-apiserver does with fieldValidation=Strict (kubectl's default since
// 1.27): wrong JSON types are a 400 "cannot be handled as a Pod", unknown fields a 400 "strict
// decoding error". The known-field tables below cover the workload, Service and RBAC kinds
// (registry/core-shapes.ts has the core/v1 and small-group kinds').
type Obj = Record<string, any>;

export type Shape = { t: 'object'; fields?: Record<string, Shape>; go: string; open?: boolean } | { t: 'array'; of: Shape; go: string } | { t: 'string' | 'integer' | 'boolean' | 'any' | 'quantity' };

export const S = { t: 'string' } as const;
export const I = { t: 'integer' } as const;
export const B = { t: 'boolean' } as const;
export const ANY = { t: 'any' } as const;
export const MAP = (go: string): Shape => ({ t: 'object', go, open: true });
export const OBJ = (go: string, fields: Record<string, Shape>): Shape => ({ t: 'object', go, fields });
export const ARR = (go: string, of: Shape): Shape => ({ t: 'array', go, of });

export const objectMeta = OBJ('v1.ObjectMeta', {
  name: S, generateName: S, namespace: S, uid: S, resourceVersion: S, generation: I, creationTimestamp: ANY,
  deletionTimestamp: ANY, deletionGracePeriodSeconds: I, labels: MAP('map[string]string'), annotations: MAP('map[string]string'),
  ownerReferences: ARR('[]v1.OwnerReference', ANY), finalizers: ARR('[]string', S), managedFields: ANY, selfLink: S,
});
const probe = ANY;
const container = OBJ('v1.Container', {
  name: S, image: S, command: ARR('[]string', S), args: ARR('[]string', S), workingDir: S,
  ports: ARR('[]v1.ContainerPort', OBJ('v1.ContainerPort', { name: S, hostPort: I, containerPort: I, protocol: S, hostIP: S })),
  envFrom: ARR('[]v1.EnvFromSource', ANY), env: ARR('[]v1.EnvVar', ANY),
  resources: OBJ('v1.ResourceRequirements', { limits: MAP('v1.ResourceList'), requests: MAP('v1.ResourceList'), claims: ANY }),
  resizePolicy: ANY, restartPolicy: S, volumeMounts: ARR('[]v1.VolumeMount', ANY), volumeDevices: ANY,
  livenessProbe: probe, readinessProbe: probe, startupProbe: probe, lifecycle: ANY, terminationMessagePath: S,
  terminationMessagePolicy: S, imagePullPolicy: S, securityContext: ANY, stdin: B, stdinOnce: B, tty: B,
});
const podSpec = OBJ('v1.PodSpec', {
  volumes: ARR('[]v1.Volume', ANY), initContainers: ARR('[]v1.Container', container), containers: ARR('[]v1.Container', container),
  ephemeralContainers: ANY, restartPolicy: S, terminationGracePeriodSeconds: I, activeDeadlineSeconds: I, dnsPolicy: S,
  nodeSelector: MAP('map[string]string'), serviceAccountName: S, serviceAccount: S, automountServiceAccountToken: B, nodeName: S,
  hostNetwork: B, hostPID: B, hostIPC: B, shareProcessNamespace: B, securityContext: ANY, imagePullSecrets: ANY, hostname: S,
  subdomain: S, affinity: ANY, schedulerName: S, tolerations: ARR('[]v1.Toleration', ANY), hostAliases: ANY, priorityClassName: S,
  priority: I, dnsConfig: ANY, readinessGates: ANY, runtimeClassName: S, enableServiceLinks: B, preemptionPolicy: S, overhead: ANY,
  topologySpreadConstraints: ANY, setHostnameAsFQDN: B, os: ANY, hostUsers: B, schedulingGates: ANY, resourceClaims: ANY, resources: ANY,
});

const podTemplate = OBJ('v1.PodTemplateSpec', { metadata: objectMeta, spec: podSpec });
export const labelSelector = OBJ('v1.LabelSelector', { matchLabels: MAP('map[string]string'), matchExpressions: ARR('[]v1.LabelSelectorRequirement', ANY) });

const ROOTS: Record<string, Shape> = {
  Pod: OBJ('v1.Pod', { apiVersion: S, kind: S, metadata: objectMeta, spec: podSpec, status: ANY }),
  Deployment: OBJ('v1.Deployment', {
    apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
    spec: OBJ('v1.DeploymentSpec', {
      replicas: I, selector: labelSelector, template: podTemplate, strategy: ANY, minReadySeconds: I,
      revisionHistoryLimit: I, paused: B, progressDeadlineSeconds: I,
    }),
  }),
  ReplicaSet: OBJ('v1.ReplicaSet', {
    apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
    spec: OBJ('v1.ReplicaSetSpec', { replicas: I, minReadySeconds: I, selector: labelSelector, template: podTemplate }),
  }),
};

// apps/v1 StatefulSet and DaemonSet, batch/v1 Job and CronJob, core/v1 Service, rbac/v1 and
// ControllerRevision: nested parts the simulation reads loosely (update strategies, PVC specs,
// failure policies) are left open
const pvcTemplate = OBJ('v1.PersistentVolumeClaim', { apiVersion: S, kind: S, metadata: objectMeta, spec: ANY, status: ANY });
const jobSpec = OBJ('v1.JobSpec', {
  parallelism: I, completions: I, activeDeadlineSeconds: I, podFailurePolicy: ANY, successPolicy: ANY, backoffLimit: I, backoffLimitPerIndex: I,
  maxFailedIndexes: I, selector: labelSelector, manualSelector: B, template: podTemplate, ttlSecondsAfterFinished: I, completionMode: S,
  suspend: B, podReplacementPolicy: S, managedBy: S,
});
const STRS = ARR('[]string', S);
const policyRule = OBJ('v1.PolicyRule', { verbs: STRS, apiGroups: STRS, resources: STRS, resourceNames: STRS, nonResourceURLs: STRS });
const roleRef = OBJ('v1.RoleRef', { apiGroup: S, kind: S, name: S });
const subject = OBJ('v1.Subject', { kind: S, apiGroup: S, name: S, namespace: S });
ROOTS.StatefulSet = OBJ('v1.StatefulSet', {
  apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
  spec: OBJ('v1.StatefulSetSpec', {
    replicas: I, selector: labelSelector, template: podTemplate, volumeClaimTemplates: ARR('[]v1.PersistentVolumeClaim', pvcTemplate), serviceName: S,
    podManagementPolicy: S, updateStrategy: ANY, revisionHistoryLimit: I, minReadySeconds: I, persistentVolumeClaimRetentionPolicy: ANY, ordinals: ANY,
  }),
});
ROOTS.DaemonSet = OBJ('v1.DaemonSet', {
  apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
  spec: OBJ('v1.DaemonSetSpec', { selector: labelSelector, template: podTemplate, updateStrategy: ANY, minReadySeconds: I, revisionHistoryLimit: I }),
});
ROOTS.Job = OBJ('v1.Job', { apiVersion: S, kind: S, metadata: objectMeta, spec: jobSpec, status: ANY });
ROOTS.CronJob = OBJ('v1.CronJob', {
  apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
  spec: OBJ('v1.CronJobSpec', {
    schedule: S, timeZone: S, startingDeadlineSeconds: I, concurrencyPolicy: S, suspend: B, jobTemplate: OBJ('v1.JobTemplateSpec', { metadata: objectMeta, spec: jobSpec }),
    successfulJobsHistoryLimit: I, failedJobsHistoryLimit: I,
  }),
});
ROOTS.Service = OBJ('v1.Service', {
  apiVersion: S, kind: S, metadata: objectMeta, status: ANY,
  spec: OBJ('v1.ServiceSpec', {
    ports: ARR('[]v1.ServicePort', OBJ('v1.ServicePort', { name: S, protocol: S, appProtocol: S, port: I, targetPort: ANY, nodePort: I })),
    selector: MAP('map[string]string'), clusterIP: S, clusterIPs: STRS, type: S, externalIPs: STRS, sessionAffinity: S, loadBalancerIP: S,
    loadBalancerSourceRanges: STRS, externalName: S, externalTrafficPolicy: S, healthCheckNodePort: I, publishNotReadyAddresses: B,
    sessionAffinityConfig: ANY, ipFamilies: STRS, ipFamilyPolicy: S, allocateLoadBalancerNodePorts: B, loadBalancerClass: S,
    internalTrafficPolicy: S, trafficDistribution: S,
  }),
});
ROOTS.Role = OBJ('v1.Role', { apiVersion: S, kind: S, metadata: objectMeta, rules: ARR('[]v1.PolicyRule', policyRule) });
ROOTS.ClusterRole = OBJ('v1.ClusterRole', { apiVersion: S, kind: S, metadata: objectMeta, rules: ARR('[]v1.PolicyRule', policyRule), aggregationRule: ANY });
ROOTS.RoleBinding = OBJ('v1.RoleBinding', { apiVersion: S, kind: S, metadata: objectMeta, subjects: ARR('[]v1.Subject', subject), roleRef });
ROOTS.ClusterRoleBinding = OBJ('v1.ClusterRoleBinding', { apiVersion: S, kind: S, metadata: objectMeta, subjects: ARR('[]v1.Subject', subject), roleRef });
ROOTS.ControllerRevision = OBJ('v1.ControllerRevision', { apiVersion: S, kind: S, metadata: objectMeta, data: ANY, revision: I });

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

function check(v: unknown, shape: Shape, path: string, goParent: string): string | undefined {
  if (v === null || v === undefined || shape.t === 'any') return undefined;
  const bad = (want: string) => `json: cannot unmarshal ${typeName(v)} into Go struct field ${goParent}.${path} of type ${want}`;
  switch (shape.t) {
    case 'string':
      return typeof v === 'string' ? undefined : bad('string');
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : bad('int64');
    case 'boolean':
      return typeof v === 'boolean' ? undefined : bad('bool');
    case 'quantity':
      return undefined;
    case 'array': {
      if (!Array.isArray(v)) return bad(shape.go);
      for (let i = 0; i < v.length; i++) {
        const e = check(v[i], shape.of, `${path}`, goParent);
        if (e) return e;
      }
      return undefined;
    }
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return bad(shape.go);
      if (shape.open || !shape.fields) return undefined;
      for (const [k, child] of Object.entries(v as Obj)) {
        const f = shape.fields[k];
        if (f) {
          const e = check(child, f, path ? `${path}.${k}` : k, shape.go.replace(/^v1\./, ''));
          if (e) return e;
        }
      }
      return undefined;
    }
  }
}

function unknownFields(v: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape.t === 'array' && Array.isArray(v)) v.forEach((e, i) => unknownFields(e, shape.of, `${path}[${i}]`, out));
  if (shape.t !== 'object' || shape.open || !shape.fields || !v || typeof v !== 'object' || Array.isArray(v)) return;
  for (const [k, child] of Object.entries(v as Obj)) {
    const p = path ? `${path}.${k}` : k;
    const f = shape.fields[k];
    if (!f) out.push(p);
    else unknownFields(child, f, p, out);
  }
}

/** Returns the BadRequest message, or undefined when the object decodes strictly. */
export function strictDecodeError(kind: string, version: string, obj: Obj): string | undefined {
  const root = ROOTS[kind];
  if (!root) return undefined;
  return strictDecodeWith(root, kind, version, obj);
}

/** check() finds no error: the same walk without building field paths (every write decodes its body). */
function valid(v: unknown, shape: Shape): boolean {
  if (v === null || v === undefined || shape.t === 'any') return true;
  switch (shape.t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'quantity':
      return true;
    case 'array':
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!valid(v[i], shape.of)) return false;
      return true;
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      if (shape.open || !shape.fields) return true;
      for (const k in v as Obj) {
        const f = shape.fields[k];
        if (f && !valid((v as Obj)[k], f)) return false;
      }
      return true;
    }
  }
  return true;
}

/** unknownFields() finds one: the same walk without building field paths. */
function hasUnknown(v: unknown, shape: Shape): boolean {
  if (shape.t === 'array' && Array.isArray(v)) for (const e of v) if (hasUnknown(e, shape.of)) return true;
  if (shape.t !== 'object' || shape.open || !shape.fields || !v || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k in v as Obj) {
    const f = shape.fields[k];
    if (!f || hasUnknown((v as Obj)[k], f)) return true;
  }
  return false;
}

/** Strict decoding of `obj` against a shape table (registry/core-shapes.ts has the core kinds'). */
export function strictDecodeWith(root: Shape, kind: string, version: string, obj: Obj): string | undefined {
  const typeErr = valid(obj, root) ? undefined : check(obj, root, '', kind);
  if (typeErr) return `${kind} in version "${version}" cannot be handled as a ${kind}: ${typeErr}`;
  if (!hasUnknown(obj, root)) return undefined;
  const unknown: string[] = [];
  unknownFields(obj, root, '', unknown);
  if (unknown.length === 0) return undefined;
  const list = unknown.map((u) => `unknown field "${u}"`).join(', ');
  return `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${list}`;
}
