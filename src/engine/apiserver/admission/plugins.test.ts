// Each plugin on its own, with listers over a hand-made cache (the table style of the upstream
// admission_test.go files).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { kindInfo } from '../../api/scheme';
import type { AdmissionContext, Attributes, Obj } from './interfaces';
import { serviceAccountMutation } from './service-account';
import { priorityMutation } from './priority';
import { limitRangerMutation, limitRangerValidation } from './limit-ranger';
import { resourceQuotaValidation } from './resource-quota';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { runMutating } from './chain';

function ctx(objects: Obj[]): AdmissionContext {
  let n = 0;
  return {
    list: (kind, ns) => objects.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns)) as KObject[],
    get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns)) as KObject | undefined,
    nowMs: 0,
    generateName: (base) => `${base}abc${n++}x`.slice(0, base.length + 5),
  };
}

const podAttrs = (spec: Obj, name = 'p', extra: Partial<Attributes> = {}): Attributes => ({
  operation: 'CREATE',
  info: kindInfo('Pod')!,
  namespace: 'default',
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec },
  ...extra,
});
const sa = (name: string, extra: Obj = {}) => ({ kind: 'ServiceAccount', metadata: { name, namespace: 'default' }, ...extra });

describe('ServiceAccount', () => {
  it('mounts the token in init and app containers but not where the path is already mounted', () => {
    const a = podAttrs({ initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b', volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }] });
    const r = serviceAccountMutation.admit(a, ctx([sa('default')]))!;
    expect(r.status).toBeUndefined();
    const spec = a.object.spec;
    expect(spec.initContainers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-abc0x', readOnly: true }]);
    expect(spec.containers[1].volumeMounts).toHaveLength(1);
    expect(spec.volumes.map((v: Obj) => v.name)).toEqual(['kube-api-access-abc0x']);
    expect(r.changed).toEqual(['spec.serviceAccountName', 'spec.initContainers[0].volumeMounts[0]', 'spec.containers[0].volumeMounts[0]', 'spec.volumes[0]']);
  });

  it('copies the ServiceAccount imagePullSecrets, and refuses a missing ServiceAccount naming the generateName', () => {
    const a = podAttrs({ containers: [{ name: 'a' }], automountServiceAccountToken: false });
    serviceAccountMutation.admit(a, ctx([sa('default', { imagePullSecrets: [{ name: 'regcred' }] })]));
    expect(a.object.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    const b = podAttrs({ containers: [{ name: 'a' }] });
    b.object.metadata = { generateName: 'web-5d4f-', namespace: 'default' };
    expect(serviceAccountMutation.admit(b, ctx([]))!.status).toMatchObject({
      code: 403,
      message: 'pods "web-5d4f-" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
      details: { name: 'web-5d4f-', kind: 'pods' },
    });
  });
});

describe('Priority', () => {
  const pc = (name: string, value: number, extra: Obj = {}) => ({ kind: 'PriorityClass', metadata: { name }, value, ...extra });
  it.each([
    [{}, [], { priority: 0, preemptionPolicy: 'PreemptLowerPriority' }],
    [{ priorityClassName: 'high' }, [pc('high', 1000, { preemptionPolicy: 'Never' })], { priority: 1000, preemptionPolicy: 'Never' }],
    [{}, [pc('a', 10, { globalDefault: true }), pc('b', 5, { globalDefault: true })], { priority: 5, priorityClassName: 'b' }],
    [{ priority: 1000, priorityClassName: 'high' }, [pc('high', 1000)], { priority: 1000 }],
  ])('resolves %j', (spec, classes, want) => {
    const a = podAttrs({ containers: [{ name: 'a' }], ...spec });
    expect(priorityMutation.admit(a, ctx(classes))!.status).toBeUndefined();
    expect(a.object.spec).toMatchObject(want);
  });

  it('refuses a preemptionPolicy that contradicts the class and keeps the priority on update', () => {
    const a = podAttrs({ containers: [{ name: 'a' }], priorityClassName: 'high', preemptionPolicy: 'PreemptLowerPriority' });
    expect(priorityMutation.admit(a, ctx([pc('high', 7, { preemptionPolicy: 'Never' })]))!.status?.message).toBe(
      'pods "p" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
    );
    const u = podAttrs({ containers: [{ name: 'a' }] }, 'p', { operation: 'UPDATE', oldObject: { spec: { priority: 7, preemptionPolicy: 'Never' } } });
    priorityMutation.admit(u, ctx([]));
    expect(u.object.spec).toMatchObject({ priority: 7, preemptionPolicy: 'Never' });
  });
});

describe('LimitRanger', () => {
  const lr = (limits: Obj[]) => ({ kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits } });

  it('defaults limits from max and requests from the default limit (SetDefaults_LimitRangeItem)', () => {
    const a = podAttrs({ containers: [{ name: 'app', resources: { requests: { cpu: '50m' } } }] });
    limitRangerMutation.admit(a, ctx([lr([{ type: 'Container', max: { cpu: '2', memory: '1Gi' } }])]));
    expect(a.object.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } });
    expect(a.object.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container app; cpu, memory limit for container app');
  });

  it.each([
    [[{ type: 'Container', max: { cpu: '500m' } }], { limits: { cpu: '1' } }, 'maximum cpu usage per Container is 500m, but limit is 1'],
    [[{ type: 'Container', max: { cpu: '500m' } }], {}, 'maximum cpu usage per Container is 500m.  No limit is specified'],
    [[{ type: 'Container', min: { memory: '64Mi' } }], { requests: { memory: '32Mi' } }, 'minimum memory usage per Container is 64Mi, but request is 32Mi'],
    [[{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }], { requests: { cpu: '100m' }, limits: { cpu: '500m' } }, 'cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000'],
    [[{ type: 'Pod', max: { memory: '1Gi' } }], { requests: { memory: '2Gi' }, limits: { memory: '2Gi' } }, 'maximum memory usage per Pod is 1Gi, but limit is 2Gi'],
    [[{ type: 'Container', max: { cpu: '1' } }, { type: 'Container', min: { cpu: '2' } }], { requests: { cpu: '1500m' }, limits: { cpu: '1500m' } }, '[maximum cpu usage per Container is 1, but limit is 1500m, minimum cpu usage per Container is 2, but request is 1500m]'],
  ])('validates %j against %j', (limits, resources, message) => {
    const a = podAttrs({ containers: [{ name: 'app', resources }] });
    expect(limitRangerValidation.validate(a, ctx([lr(limits)]))!.status?.message).toBe(`pods "p" is forbidden: ${message}`);
  });
});

describe('ResourceQuota', () => {
  const rq = (hard: Obj, used?: Obj) => ({ kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'default', resourceVersion: '7' }, spec: { hard }, status: used ? { hard, used } : { hard } });

  it('charges the quota in the same txn, guarded by its resourceVersion', () => {
    const a = podAttrs({ containers: [{ name: 'app' }] }, 'web-abcde');
    const r = resourceQuotaValidation.validate(a, ctx([rq({ pods: '3', 'count/pods': '10' }, { pods: '1', 'count/pods': '1' })]))!;
    expect(r.status).toBeUndefined();
    expect(r.writes!.map((w) => [w.key, w.modRevision])).toEqual([['/registry/resourcequotas/default/compute', 7]]);
    expect(JSON.parse((r.writes![0].op as { value: string }).value).status.used).toEqual({ pods: '2', 'count/pods': '2' });
  });

  it('refuses without usage stats, and leaves alone what the quota does not track', () => {
    expect(resourceQuotaValidation.validate(podAttrs({ containers: [{ name: 'a' }] }), ctx([rq({ pods: '3' })]))!.status?.message).toBe(
      'pods "p" is forbidden: status unknown for quota: compute, resources: pods',
    );
    const svc: Attributes = { operation: 'CREATE', info: kindInfo('Service')!, namespace: 'default', object: { metadata: { name: 's' }, spec: {} } };
    expect(resourceQuotaValidation.validate(svc, ctx([rq({ pods: '3' }, { pods: '3' })]))).toBeUndefined();
  });
});

describe('the chain', () => {
  it('runs the mutating plugins in upstream order and reports each one', () => {
    const a = podAttrs({ containers: [{ name: 'a' }] });
    const out = runMutating(a, ctx([sa('default')]));
    expect(out.plugins.map((p) => p.name)).toEqual(['LimitRanger', 'ServiceAccount', 'Priority', 'DefaultTolerationSeconds']);
    expect(out.plugins[3].changed).toEqual(['spec.tolerations[0]', 'spec.tolerations[1]']);
    // an empty-key toleration tolerates both taints
    const b = podAttrs({ containers: [{ name: 'a' }], tolerations: [{ operator: 'Exists' }] });
    expect(defaultTolerationSeconds.admit(b, ctx([]))!.changed).toEqual([]);
  });
});
