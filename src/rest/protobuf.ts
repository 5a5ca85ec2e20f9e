// kubectl's typed commands (create deployment/namespace/configmap/secret/service/job/cronjob/pdb, auth can-i)
// send their object as Kubernetes protobuf: the 4-byte magic "k8s\0", then a runtime.Unknown
// {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}
// (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go) whose raw bytes
// are the object's message. This decodes those messages for the kinds kubectl's generators make,
// with the field numbers of k8s.io/api's generated.proto (core/v1, apps/v1, meta/v1) for the
// fields the generators set; fields not listed are skipped. gogo-protobuf writes every non-pointer
// field, so zero values are dropped (as JSON's omitempty would) except for pointer fields ("*").
type Obj = Record<string, unknown>;

/** field number → [json name, type]; a type is a scalar, `map`, `bytesmap`, `quantitymap`, `[]T` (repeated) or a message name */
type Schema = Record<number, [string, string]>;

const S: Record<string, Schema> = {
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 11: ['labels', 'map'], 12: ['annotations', 'map'], 13: ['ownerReferences', '[]OwnerReference'], 14: ['finalizers', '[]string'] },
  OwnerReference: { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', '*bool'], 7: ['blockOwnerDeletion', '*bool'] },
  LabelSelector: { 1: ['matchLabels', 'map'], 2: ['matchExpressions', '[]LabelSelectorRequirement'] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', '[]string'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: { 1: ['replicas', '*int'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['strategy', 'DeploymentStrategy'], 5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', '*int'], 7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', '*int'] },
  DeploymentStrategy: { 1: ['type', 'string'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    2: ['containers', '[]Container'], 3: ['restartPolicy', 'string'], 4: ['terminationGracePeriodSeconds', '*int'], 6: ['dnsPolicy', 'string'], 7: ['nodeSelector', 'map'],
    8: ['serviceAccountName', 'string'], 10: ['nodeName', 'string'], 16: ['hostname', 'string'], 19: ['schedulerName', 'string'], 20: ['initContainers', '[]Container'], 24: ['priorityClassName', 'string'],
  },
  Container: {
    1: ['name', 'string'], 2: ['image', 'string'], 3: ['command', '[]string'], 4: ['args', '[]string'], 5: ['workingDir', 'string'], 6: ['ports', '[]ContainerPort'], 7: ['env', '[]EnvVar'],
    8: ['resources', 'ResourceRequirements'], 13: ['terminationMessagePath', 'string'], 14: ['imagePullPolicy', 'string'], 16: ['stdin', 'bool'], 17: ['stdinOnce', 'bool'], 18: ['tty', 'bool'], 20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'], 5: ['hostIP', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'quantitymap'], 2: ['requests', 'quantitymap'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'] },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map'], 3: ['binaryData', 'bytesmap'], 4: ['immutable', '*bool'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'bytesmap'], 3: ['type', 'string'], 4: ['stringData', 'map'], 5: ['immutable', '*bool'] },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'] },
  ServiceSpec: { 1: ['ports', '[]ServicePort'], 2: ['selector', 'map'], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 5: ['externalIPs', '[]string'], 7: ['sessionAffinity', 'string'], 10: ['externalName', 'string'] },
  ServicePort: { 1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', 'IntOrString'], 5: ['nodePort', 'int'] },
  // k8s.io/api/batch/v1 (kubectl create job / cronjob)
  Job: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  JobSpec: { 1: ['parallelism', '*int'], 2: ['completions', '*int'], 3: ['activeDeadlineSeconds', '*int'], 6: ['template', 'PodTemplateSpec'], 7: ['backoffLimit', '*int'], 8: ['ttlSecondsAfterFinished', '*int'], 9: ['completionMode', 'string'], 10: ['suspend', '*bool'] },
  CronJob: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'CronJobSpec'] },
  CronJobSpec: { 1: ['schedule', 'string'], 2: ['startingDeadlineSeconds', '*int'], 3: ['concurrencyPolicy', 'string'], 4: ['suspend', '*bool'], 5: ['jobTemplate', 'JobTemplateSpec'], 6: ['successfulJobsHistoryLimit', '*int'], 7: ['failedJobsHistoryLimit', '*int'], 8: ['timeZone', 'string'] },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  // k8s.io/api/policy/v1 (kubectl create poddisruptionbudget)
  PodDisruptionBudget: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodDisruptionBudgetSpec'] },
  PodDisruptionBudgetSpec: { 1: ['minAvailable', '*IntOrString'], 2: ['selector', 'LabelSelector'], 3: ['maxUnavailable', '*IntOrString'], 4: ['unhealthyPodEvictionPolicy', 'string'] },
  // k8s.io/api/authorization/v1 (kubectl auth can-i)
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: { 1: ['namespace', 'string'], 2: ['verb', 'string'], 3: ['group', 'string'], 4: ['version', 'string'], 5: ['resource', 'string'], 6: ['subresource', 'string'], 7: ['name', 'string'] },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  // k8s.io/api/rbac/v1 (kubectl create role / clusterrole / rolebinding / clusterrolebinding)
  Role: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', '[]PolicyRule'] },
  ClusterRole: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', '[]PolicyRule'] },
  PolicyRule: { 1: ['verbs', '[]string'], 2: ['apiGroups', '[]string'], 3: ['resources', '[]string'], 4: ['resourceNames', '[]string'], 5: ['nonResourceURLs', '[]string'] },
  RoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', '[]Subject'], 3: ['roleRef', 'RoleRef'] },
  ClusterRoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', '[]Subject'], 3: ['roleRef', 'RoleRef'] },
  Subject: { 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] },
  RoleRef: { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] },
};
const TOP = new Set(['Deployment', 'Pod', 'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'Job', 'CronJob', 'SelfSubjectAccessReview', 'PodDisruptionBudget', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  varint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('unexpected EOF');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (!(b & 0x80)) return result;
      mul *= 128;
    }
  }
  bytes(): Uint8Array {
    const n = this.varint();
    if (this.pos + n > this.buf.length) throw new Error('unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();
const str = (b: Uint8Array) => utf8.decode(b);
const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** a map entry message {key=1, value=2} */
function entry(b: Uint8Array, value: (v: Uint8Array) => unknown): [string, unknown] {
  const r = new Reader(b);
  let key = '';
  let val: unknown = '';
  while (r.pos < b.length) {
    const tag = r.varint();
    if (tag >> 3 === 1 && (tag & 7) === 2) key = str(r.bytes());
    else if (tag >> 3 === 2 && (tag & 7) === 2) val = value(r.bytes());
    else r.skip(tag & 7);
  }
  return [key, val];
}

function intOrString(b: Uint8Array): unknown {
  const r = new Reader(b);
  let type = 0;
  let i = 0;
  let s = '';
  while (r.pos < b.length) {
    const tag = r.varint();
    if (tag >> 3 === 1) type = r.varint();
    else if (tag >> 3 === 2) i = r.varint();
    else if (tag >> 3 === 3) s = str(r.bytes());
    else r.skip(tag & 7);
  }
  return type === 1 ? s : i;
}

function message(name: string, b: Uint8Array): Obj {
  const schema = S[name];
  const out: Obj = {};
  const r = new Reader(b);
  while (r.pos < b.length) {
    const tag = r.varint();
    const f = schema[tag >> 3];
    if (!f) {
      r.skip(tag & 7);
      continue;
    }
    const [key, type] = f;
    const pointer = type.startsWith('*');
    const t = type.replace(/^\*|^\[\]/, '');
    const repeated = type.startsWith('[]');
    let v: unknown;
    if (t === 'int') v = toInt32(r.varint());
    else if (t === 'bool') v = r.varint() !== 0;
    else if (t === 'string') v = str(r.bytes());
    else if (t === 'map' || t === 'bytesmap' || t === 'quantitymap') {
      const [k, val] = entry(r.bytes(), (x) => (t === 'map' ? str(x) : t === 'bytesmap' ? base64(x) : str(quantity(x))));
      ((out[key] ??= {}) as Obj)[k] = val;
      continue;
    } else if (t === 'IntOrString') v = intOrString(r.bytes());
    else v = message(t, r.bytes());
    if (repeated) {
      ((out[key] ??= []) as unknown[]).push(v);
      continue;
    }
    const zero = v === '' || v === 0 || v === false || (typeof v === 'object' && v !== null && Object.keys(v).length === 0 && key !== 'resources');
    if (zero && !pointer) continue;
    out[key] = v;
  }
  return out;
}

/** resource.Quantity {string=1} */
function quantity(b: Uint8Array): Uint8Array {
  const r = new Reader(b);
  while (r.pos < b.length) {
    const tag = r.varint();
    if (tag >> 3 === 1) return r.bytes();
    r.skip(tag & 7);
  }
  return new Uint8Array();
}

function toInt32(n: number): number {
  return n >= 2 ** 63 ? n - 2 ** 64 : n;
}

/** Decode a protobuf-encoded object; throws with the apiserver's words when it cannot. */
export function decodeProtobuf(buf: Uint8Array): Obj {
  const magic = [0x6b, 0x38, 0x73, 0x00];
  if (buf.length < 4 || magic.some((m, i) => buf[i] !== m)) throw new Error('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const r = new Reader(buf.subarray(4));
  let typeMeta: Obj = {};
  let raw: Uint8Array | undefined;
  while (r.pos < r.buf.length) {
    const tag = r.varint();
    if (tag >> 3 === 1) typeMeta = message('TypeMeta', r.bytes());
    else if (tag >> 3 === 2) raw = r.bytes();
    else r.skip(tag & 7);
  }
  const kind = String(typeMeta.kind ?? '');
  if (!TOP.has(kind)) throw new Error(`no kind "${kind}" is registered for the protobuf encoding in this server (send JSON)`);
  return { apiVersion: typeMeta.apiVersion, kind, ...message(kind, raw ?? new Uint8Array()) };
}
