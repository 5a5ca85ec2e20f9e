// StatefulSet and DaemonSet defaulting and validation in the apiserver (pkg/apis/apps/v1/defaults.go,
// pkg/apis/apps/validation/validation.go).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';

type Obj = Record<string, any>;
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx:1.27
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;
const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
`;

function cluster() {
  const c = createCluster();
  c.runUntilIdle();
  return c;
}

describe('apps/v1 StatefulSet and DaemonSet in the apiserver', () => {
  it('defaults a StatefulSet as SetDefaults_StatefulSet does', () => {
    const c = cluster();
    expect(c.apply(STS)[0]).toMatchObject({ ok: true, action: 'created' });
    const s = (c.get('StatefulSet', 'default', 'db') as Obj).spec;
    expect(s).toMatchObject({ replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } });
    expect(s.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect((c.get('StatefulSet', 'default', 'db') as Obj).metadata.generation).toBe(1);
  });

  it('rejects a bad podManagementPolicy and a template that the selector misses', () => {
    const c = cluster();
    expect(c.apply(STS.replace('  serviceName: db', '  serviceName: db\n  podManagementPolicy: Random'))[0].status?.message).toBe(
      `StatefulSet.apps "db" is invalid: spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
    );
    expect(c.apply(STS.replace('      labels:\n        app: db', '      labels:\n        app: web'))[0].status?.message).toBe(
      'StatefulSet.apps "db" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('lets replicas change but not volumeClaimTemplates', () => {
    const c = cluster();
    c.apply(STS);
    expect(c.apply(STS.replace('  serviceName: db', '  serviceName: db\n  replicas: 3'))[0]).toMatchObject({ ok: true, action: 'configured' });
    const [r] = c.apply(STS.replace('storage: 1Gi', 'storage: 2Gi'));
    expect(r.status?.reason).toBe('Invalid');
    expect(r.status?.message).toContain("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy'");
  });

  it('defaults a DaemonSet and counts template generations', () => {
    const c = cluster();
    c.apply(DS);
    const ds = c.get('DaemonSet', 'default', 'agent') as Obj;
    expect(ds.spec).toMatchObject({ revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } });
    expect(ds.metadata.annotations['deprecated.daemonset.template.generation']).toBe('1');
    c.apply(DS.replace('busybox:1.36', 'busybox:1.37'));
    const next = c.get('DaemonSet', 'default', 'agent') as Obj;
    expect(next.metadata.annotations['deprecated.daemonset.template.generation']).toBe('2');
    expect(next.metadata.generation).toBe(2);
  });

  it('rejects a DaemonSet with restartPolicy Never and one with maxUnavailable and maxSurge both 0', () => {
    const c = cluster();
    expect(c.apply(DS.replace('    spec:\n      containers:', '    spec:\n      restartPolicy: Never\n      containers:'))[0].status?.message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    const zero = DS.replace('spec:\n  selector:', 'spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  selector:');
    expect(c.apply(zero)[0].status?.message).toBe('DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
  });
});
