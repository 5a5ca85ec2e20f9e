import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster/cluster';

type Obj = Record<string, any>;
let c: Cluster;
beforeAll(() => {
  c = createCluster({ nodes: 1 });
  c.runUntilIdle();
});

const apply = (yaml: string) => c.apply(yaml)[0];
const message = (yaml: string) => apply(yaml).status?.message;

describe('Namespace', () => {
  it('applies the kubectl create shape: phase Active, finalizer kubernetes, the name label', () => {
    expect(apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: team-a\nspec: {}\nstatus: {}\n')).toMatchObject({ ok: true, action: 'created' });
    const ns = c.get('Namespace', undefined, 'team-a') as Obj;
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('names namespaces as DNS-1123 labels and rejects unknown fields', () => {
    expect(message('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n')).toBe(
      `Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(message('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nspec:\n  finalizer: [kubernetes]\n')).toBe(
      'Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "spec.finalizer"',
    );
  });
});

describe('ConfigMap', () => {
  it('applies and checks key names', () => {
    expect(apply('apiVersion: v1\ndata:\n  mode: prod\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app-config\n').ok).toBe(true);
    expect(message('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  conf/app.yaml: x\n')).toBe(
      `ConfigMap "bad" is invalid: data[conf/app.yaml]: Invalid value: "conf/app.yaml": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });

  it('refuses more than 1 MiB in total', () => {
    const half = 'x'.repeat(600 * 1024);
    expect(message(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: ${half}\n  b: ${half}\n`)).toBe('ConfigMap "big" is invalid: []: Too long: must have at most 1048576 bytes');
  });

  it('keeps data fixed once immutable', () => {
    const cm = (v: string, imm = 'true') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: ${imm}\ndata:\n  k: ${v}\n`;
    expect(apply(cm('1')).ok).toBe(true);
    expect(message(cm('2'))).toBe('ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect(message(cm('1', 'false'))).toBe('ConfigMap "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
  });

  it('rejects unknown fields and wrong types', () => {
    expect(message('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: b\n')).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"');
    expect(message('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nimmutable: "yes"\n')).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool',
    );
  });
});

describe('Secret', () => {
  it('defaults type Opaque and merges stringData into base64 data', () => {
    expect(apply('apiVersion: v1\ndata:\n  password: czNjcjN0\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: db\nstringData:\n  user: admin\n').ok).toBe(true);
    const s = c.get('Secret', 'default', 'db') as Obj;
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ password: 'czNjcjN0', user: 'YWRtaW4=' });
    expect(s.stringData).toBeUndefined();
  });

  it('refuses data that is not base64, missing keys of its type, and a type change', () => {
    expect(message('apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  password: s3cr3t!\n')).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 6',
    );
    expect(message('apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\ntype: kubernetes.io/tls\ndata:\n  tls.crt: eA==\n')).toBe('Secret "cert" is invalid: data[tls.key]: Required value');
    expect(message('apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: kubernetes.io/basic-auth\ndata:\n  username: eA==\n')).toBe('Secret "db" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});

describe('ServiceAccount, Lease, Endpoints, EndpointSlice', () => {
  it('applies valid ones', () => {
    expect(apply('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: builder\n').ok).toBe(true);
    expect(apply('apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: lock\nspec:\n  holderIdentity: me\n  leaseDurationSeconds: 15\n').ok).toBe(true);
    expect(apply('apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ext\nsubsets:\n- addresses:\n  - ip: 192.0.2.10\n  ports:\n  - port: 5432\n').ok).toBe(true);
    expect((c.get('Endpoints', 'default', 'ext') as Obj).subsets[0].ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    expect(apply('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ext-1\naddressType: IPv4\nendpoints:\n- addresses: [192.0.2.10]\nports:\n- port: 5432\n').ok).toBe(true);
  });

  it('gives the upstream field errors', () => {
    expect(message('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\nsecret: []\n')).toBe('ServiceAccount in version "v1" cannot be handled as a ServiceAccount: strict decoding error: unknown field "secret"');
    expect(message('apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: l\nspec:\n  leaseDurationSeconds: 0\n')).toBe('Lease.coordination.k8s.io "l" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0');
    expect(message('apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\nsubsets:\n- addresses:\n  - ip: db.local\n  ports:\n  - port: 70000\n')).toBe(
      'Endpoints "e" is invalid: [subsets[0].addresses[0].ip: Invalid value: "db.local": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(message('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\nendpoints:\n- addresses: []\n')).toBe(
      'EndpointSlice.discovery.k8s.io "s" is invalid: [addressType: Required value, endpoints[0].addresses: Required value: must contain at least 1 address]',
    );
  });
});

describe('PersistentVolumeClaim and PersistentVolume', () => {
  const pvc = (spec: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n${spec}`;
  it('defaults volumeMode Filesystem and phase Pending', () => {
    expect(apply(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n')).ok).toBe(true);
    const o = c.get('PersistentVolumeClaim', 'default', 'data') as Obj;
    expect(o.spec.volumeMode).toBe('Filesystem');
    expect(o.status).toEqual({ phase: 'Pending' });
  });

  it('requires access modes and a storage request, and keeps the spec of an unbound claim fixed', () => {
    expect(c.apply(pvc('  resources: {}\n').replace('name: data', 'name: d2'))[0].status?.message).toBe(
      'PersistentVolumeClaim "d2" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    expect(c.apply(pvc('  accessModes: [ReadWriteSometimes]\n  resources:\n    requests:\n      storage: 1Gi\n').replace('name: data', 'name: d3'))[0].status?.message).toBe(
      'PersistentVolumeClaim "d3" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
    expect(message(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n'))).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    expect(c.apply(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: lots\n').replace('name: data', 'name: d4'))[0].status?.message).toBe(
      `PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it('defaults a PersistentVolume to Retain and checks its source and capacity', () => {
    expect(apply('apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-1\nspec:\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data\n').ok).toBe(true);
    const pv = c.get('PersistentVolume', undefined, 'pv-1') as Obj;
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.status).toEqual({ phase: 'Pending' });
    expect(message('apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-2\nspec:\n  accessModes: [ReadWriteOnce]\n  capacity:\n    storage: 5Gi\n')).toBe(
      'PersistentVolume "pv-2" is invalid: spec: Required value: must specify a volume type',
    );
  });
});

describe('PriorityClass', () => {
  const pc = (name: string, value: number, extra = '') => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n${extra}`;
  it('applies the kubectl create shape and defaults preemptionPolicy', () => {
    expect(apply('apiVersion: scheduling.k8s.io/v1\ndescription: high\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: high\nvalue: 1000\n').ok).toBe(true);
    expect((c.get('PriorityClass', undefined, 'high') as Obj).preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('keeps the value, reserves the system- prefix and caps user values', () => {
    expect(message(pc('high', 2000))).toBe('PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.');
    expect(message(pc('system-important', 10))).toBe(
      "PriorityClass.scheduling.k8s.io \"system-important\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-important is not a known system priority class",
    );
    expect(message(pc('huge', 1000000001))).toBe('PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
    expect(message(pc('never', 5, 'preemptionPolicy: Sometimes\n'))).toBe(
      'PriorityClass.scheduling.k8s.io "never" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"',
    );
  });
});

describe('LimitRange and ResourceQuota', () => {
  it('applies valid ones', () => {
    expect(apply('apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr\nspec:\n  limits:\n  - type: Container\n    default:\n      cpu: 500m\n    defaultRequest:\n      cpu: 250m\n    max:\n      cpu: "1"\n').ok).toBe(true);
    expect(apply('apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    pods: "10"\n    requests.cpu: "4"\nstatus: {}\n').ok).toBe(true);
  });

  it('compares defaults with limits and refuses negative quotas', () => {
    expect(message('apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr2\nspec:\n  limits:\n  - type: Container\n    default:\n      cpu: "2"\n    max:\n      cpu: "1"\n')).toBe(
      'LimitRange "lr2" is invalid: spec.limits[0].default[cpu]: Invalid value: "2": default value 2 is greater than max value 1',
    );
    expect(message('apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q2\nspec:\n  hard:\n    pods: "-1"\n')).toBe('ResourceQuota "q2" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
  });
});

describe('PodDisruptionBudget', () => {
  const pdb = (name: string, spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
  it('applies the kubectl create shape', () => {
    expect(apply(pdb('web', '  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n')).ok).toBe(true);
    const o = c.get('PodDisruptionBudget', 'default', 'web') as Obj;
    expect(o.metadata.generation).toBe(1);
    expect(o.status).toEqual({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  });

  it('takes minAvailable or maxUnavailable, not both, and checks percentages', () => {
    expect(message(pdb('both', '  minAvailable: 1\n  maxUnavailable: 1\n'))).toMatch(
      /^PodDisruptionBudget\.policy "both" is invalid: spec: Invalid value: policy\.PodDisruptionBudgetSpec\{.*\}: minAvailable and maxUnavailable cannot be both set$/,
    );
    expect(message(pdb('pct', '  maxUnavailable: 150%\n'))).toBe('PodDisruptionBudget.policy "pct" is invalid: spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%');
    expect(message(pdb('sel', '  minAvailable: 1\n  selector:\n    matchExpressions:\n    - key: app\n      operator: In\n'))).toBe(
      "PodDisruptionBudget.policy \"sel\" is invalid: spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
  });
});

describe('Node', () => {
  it('checks taints', () => {
    expect(message('apiVersion: v1\nkind: Node\nmetadata:\n  name: edge-1\nspec:\n  taints:\n  - key: dedicated\n    effect: NoRun\n')).toBe(
      'Node "edge-1" is invalid: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"',
    );
  });
});
