// Admission as a user meets it: kubectl apply through a real cluster (createCluster), with the
// ServiceAccount, root-CA and resource quota controllers of kube-controller-manager running.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { createCluster } from '../../cluster/cluster';
import type { KObject } from '../../api/types';

type Obj = Record<string, any>;

const pod = (name: string, extra = '', ns = 'default') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
spec:${extra}
  containers:
  - name: app
    image: nginx:1.27
`;

const quota = (hard: string) => `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
spec:
  hard:
${hard}`;

describe('ServiceAccount admission and its controllers', () => {
  it('gives a pod the default ServiceAccount and the kube-api-access projected volume, as kubectl get -o yaml shows', () => {
    const t = TestCluster.create().apply(pod('web')).runUntilIdle();
    expect(t.lastResults[0]).toMatchObject({ ok: true, action: 'created' });
    const spec = t.pod('web')!.spec as Obj;
    expect(spec.serviceAccountName).toBe('default');
    const vol = spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true }]);
    t.expectPod('web').toHavePhase('Running');
    // the admit stage names each plugin and what it changed
    const admit = t.traceOf('apiserver.admit').find((e) => e.object?.name === 'web' || (e.detail as Obj)?.plugins?.length)!;
    const plugins = (admit.detail as Obj).plugins as Array<{ name: string; changed: string[] }>;
    expect(plugins.map((p) => p.name)).toEqual(['LimitRanger', 'ServiceAccount', 'Priority', 'DefaultTolerationSeconds']);
    expect(plugins[1].changed).toEqual(['spec.serviceAccountName', 'spec.containers[0].volumeMounts[0]', 'spec.volumes[0]']);
    expect(plugins[2].changed).toEqual(['spec.priority', 'spec.preemptionPolicy']);
    expect(t.traceOf('apiserver.validating_admission').at(-1)!.params).toEqual({ ok: true, message: '', plugin: '' });
  });

  it('has the default ServiceAccount and kube-root-ca.crt in every bootstrap namespace before kubectl is served', () => {
    const c = createCluster({ seed: 3 });
    // applied at once: kubectl's request waits until the cluster is usable, and never sees a 403
    const r = c.apply(pod('first'));
    expect(r[0]).toMatchObject({ ok: true, action: 'created' });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(c.get('ServiceAccount', ns, 'default')).toBeDefined();
      const cm = c.get('ConfigMap', ns, 'kube-root-ca.crt') as Obj;
      expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
      expect(cm.metadata.annotations['kubernetes.io/description']).toBe(
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
      );
    }
  });

  it('refuses a pod in a namespace created in the same instant (its ServiceAccount is not there yet), and admits it a moment later', () => {
    const t = TestCluster.create();
    const r = t.c.apply(`apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
${pod('early', '', 'team-a')}`);
    expect(r[0]).toMatchObject({ ok: true, action: 'created' });
    expect(r[1].status).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "early" is forbidden: error looking up service account team-a/default: serviceaccount "default" not found' });
    const refused = t.traceOf('apiserver.admit').at(-1)!;
    expect(refused.params).toMatchObject({ ok: false, plugin: 'ServiceAccount' });
    t.runUntilIdle();
    expect(t.c.get('ServiceAccount', 'team-a', 'default')).toBeDefined();
    expect(t.c.get('ConfigMap', 'team-a', 'kube-root-ca.crt')).toBeDefined();
    expect(t.c.apply(pod('early', '', 'team-a'))[0]).toMatchObject({ ok: true, action: 'created' });
  });

  it('mounts nothing when the pod or its ServiceAccount opts out of automounting', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: quiet
automountServiceAccountToken: false
`);
    t.apply(pod('a', '\n  automountServiceAccountToken: false')).apply(pod('b', '\n  serviceAccountName: quiet')).apply(pod('c', '\n  serviceAccountName: quiet\n  automountServiceAccountToken: true'));
    const vols = (n: string) => ((t.pod(n)!.spec as Obj).volumes ?? []).map((v: Obj) => v.name.replace(/-[a-z0-9]{5}$/, '-xxxxx'));
    expect([vols('a'), vols('b'), vols('c')]).toEqual([[], [], ['kube-api-access-xxxxx']]);
    expect(t.c.apply(pod('d', '\n  serviceAccountName: builder'))[0].status?.message).toBe(
      'pods "d" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found',
    );
  });
});

describe('Priority admission', () => {
  it('resolves priorityClassName, the global default, and refuses an unknown class or a contradicting priority', () => {
    const t = TestCluster.create().apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: batch-low
value: 100
globalDefault: true
preemptionPolicy: Never
`);
    t.apply(pod('crit', '\n  priorityClassName: system-cluster-critical')).apply(pod('plain'));
    expect(t.pod('crit')!.spec).toMatchObject({ priority: 2000000000, preemptionPolicy: 'PreemptLowerPriority', priorityClassName: 'system-cluster-critical' });
    expect(t.pod('plain')!.spec).toMatchObject({ priority: 100, preemptionPolicy: 'Never', priorityClassName: 'batch-low' });
    expect(t.c.apply(pod('x', '\n  priorityClassName: gold'))[0].status).toMatchObject({ code: 403, message: 'pods "x" is forbidden: no PriorityClass with name gold was found' });
    expect(t.c.apply(pod('y', '\n  priorityClassName: system-node-critical\n  priority: 5'))[0].status?.message).toBe(
      'pods "y" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name',
    );
    const second = t.c.apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: other
value: 5
globalDefault: true
`)[0];
    expect(second.status).toMatchObject({ code: 403, message: 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass batch-low is already marked as default. Only one default can exist' });
  });
});

describe('LimitRanger admission', () => {
  const limits = `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m}
    max: {cpu: "1"}
`;

  it('fills in default requests and limits, and annotates the pod', () => {
    const t = TestCluster.create().apply(limits).apply(pod('defaults'));
    const p = t.pod('defaults')!;
    expect((p.spec as Obj).containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
    expect((p.status as Obj).qosClass).toBe('Burstable');
  });

  it('refuses a container above max at the validating admission stage, with the real message', () => {
    const t = TestCluster.create().apply(limits);
    const r = t.c.apply(pod('big').replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    resources:\n      limits: {cpu: "2"}\n'));
    expect(r[0].status).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2' });
    expect(t.traceOf('apiserver.validating_admission').at(-1)!.params).toEqual({ ok: false, message: r[0].status!.message, plugin: 'LimitRanger' });
    expect(t.pod('big')).toBeUndefined();
  });
});

describe('ResourceQuota admission and the resource quota controller', () => {
  it('writes status.hard and status.used, refuses the third pod with the exact 403, and frees room on delete', () => {
    const t = TestCluster.create().apply(quota('    pods: "2"\n    count/configmaps: "5"\n')).runUntilIdle();
    const status = () => t.c.get('ResourceQuota', 'default', 'compute')!.status as Obj;
    // the root-CA ConfigMap counts too
    expect(status()).toEqual({ hard: { pods: '2', 'count/configmaps': '5' }, used: { pods: '0', 'count/configmaps': '1' } });
    t.apply(pod('one')).apply(pod('two'));
    expect(status().used.pods).toBe('2'); // charged by admission, in the same etcd txn as each pod
    const third = t.c.apply(pod('three'))[0];
    expect(third.status).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "three" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2' });
    expect(t.traceOf('apiserver.validating_admission').at(-1)!.params).toMatchObject({ ok: false, plugin: 'ResourceQuota' });
    t.runUntilIdle().delete('Pod', 'one').runUntilIdle();
    expect(t.pod('one')).toBeUndefined();
    expect(status().used.pods).toBe('1'); // replenished by the controller
    expect(t.c.apply(pod('three'))[0]).toMatchObject({ ok: true, action: 'created' });
  });

  it('requires cpu and memory on every container once they are under quota, and charges requests', () => {
    const t = TestCluster.create().apply(quota('    requests.cpu: "1"\n    limits.memory: 1Gi\n')).runUntilIdle();
    expect(t.c.apply(pod('bare'))[0].status?.message).toBe('pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: app; requests.cpu for: app');
    const sized = pod('sized').replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    resources:\n      requests: {cpu: 600m}\n      limits: {memory: 512Mi}\n');
    expect(t.c.apply(sized)[0]).toMatchObject({ ok: true });
    expect((t.c.get('ResourceQuota', 'default', 'compute')!.status as Obj).used).toEqual({ 'requests.cpu': '600m', 'limits.memory': '512Mi' });
    expect(t.c.apply(sized.replace('name: sized', 'name: sized2'))[0].status?.message).toBe(
      'pods "sized2" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
  });

  it('shows a Deployment held at the quota: the ReplicaSet records FailedCreate with the quota message', () => {
    const t = TestCluster.create().apply(quota('    pods: "2"\n')).runUntilIdle();
    t.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`).runFor(20_000);
    const pods = t.c.list('Pod', 'default');
    expect(pods).toHaveLength(2);
    const rs = t.c.list('ReplicaSet', 'default')[0] as KObject;
    const failed = t.events(rs.metadata.name).filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    // validating admission runs after the name is generated (store.go Create), so the event names the pod
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].message).toMatch(new RegExp(`^Error creating: pods "${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2$`));
  });
});
