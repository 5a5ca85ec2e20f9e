// Strict decoding (fieldValidation=Strict, kubectl's default) of the workload, Service, RBAC and
// ControllerRevision kinds, and a Job without a pod template, end to end through kubectl apply.
// Found by the VOPR: these kinds took unknown fields, mistyped labels and an empty Job spec.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';

const c = createCluster({ seed: 2, nodes: 1 });
c.runUntilIdle();
const apply = (o: object) => c.apply(o)[0];

const tmpl = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
const VALID: Record<string, Record<string, unknown>> = {
  StatefulSet: { apiVersion: 'apps/v1', spec: { serviceName: 'x', selector: { matchLabels: { app: 'x' } }, template: tmpl } },
  DaemonSet: { apiVersion: 'apps/v1', spec: { selector: { matchLabels: { app: 'x' } }, template: tmpl } },
  Job: { apiVersion: 'batch/v1', spec: { template: { spec: { ...tmpl.spec, restartPolicy: 'Never' } } } },
  CronJob: { apiVersion: 'batch/v1', spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { ...tmpl.spec, restartPolicy: 'Never' } } } } } },
  Service: { apiVersion: 'v1', spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', rules: [] },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'alice' }] },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' } },
  ControllerRevision: { apiVersion: 'apps/v1', revision: 1, data: {} },
};
const obj = (kind: string, name: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({ kind, metadata: { name, ...meta }, ...structuredClone(VALID[kind]), ...extra });

describe('strict decoding', () => {
  it.each(Object.keys(VALID))('%s: accepts the valid object, refuses an unknown field and a mistyped label map', (kind) => {
    const n = kind.toLowerCase();
    expect(apply(obj(kind, `${n}-ok`))).toMatchObject({ ok: true, action: 'created' });
    const unknown = apply(obj(kind, `${n}-unknown`, { bogusField: 1 }));
    expect(unknown.status).toMatchObject({ code: 400, reason: 'BadRequest', message: `${kind} in version "v1" cannot be handled as a ${kind}: strict decoding error: unknown field "bogusField"` });
    const meta = apply(obj(kind, `${n}-meta`, {}, { lables: { a: 'b' } }));
    expect(meta.status?.message).toBe(`${kind} in version "v1" cannot be handled as a ${kind}: strict decoding error: unknown field "metadata.lables"`);
    const labels = apply(obj(kind, `${n}-labels`, {}, { labels: ['a'] }));
    expect(labels.status?.message).toBe(`${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string`);
  });

  it('a spec field unknown to the workload kinds', () => {
    const r = apply(obj('StatefulSet', 'sts-spec', { spec: { ...(VALID.StatefulSet.spec as object), replica: 2 } }));
    expect(r.status?.message).toBe('StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"');
  });
});

describe('a Job without a pod template', () => {
  it('is refused: the template is defaulted as an empty pod spec, which has no containers and restarts Always', () => {
    const r = apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'empty' }, spec: {} });
    expect(r.status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Job.batch "empty" is invalid: [spec.template.spec.containers: Required value, spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"]',
    });
  });
});
