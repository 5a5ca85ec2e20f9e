// StatefulSet scenarios through the real cluster: ordered creation, reverse-order scale down,
// Parallel, claims from volumeClaimTemplates, a rolling update from the highest ordinal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';

type Obj = Record<string, any>;
const EXAMPLE = readFileSync(join(__dirname, '../../../../examples/statefulset.yaml'), 'utf8');
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const created = (t: TestCluster, name: string) => t.c.trace().find((e) => e.type === 'etcd.put' && e.object?.kind === 'Pod' && e.object.name === name)?.t;
const firstPut = (t: TestCluster, kind: string, name: string) => t.c.trace().find((e) => e.type === 'etcd.put' && e.object?.kind === kind && e.object.name === name)?.t ?? -1;
const readyAt = (t: TestCluster, name: string) => Date.parse((t.pod(name)?.status as Obj).conditions.find((c: Obj) => c.type === 'Ready').lastTransitionTime) - Date.parse('2025-01-01T00:00:00Z');
const stsEvents = (t: TestCluster) => t.events('web').filter((e) => e.object === 'StatefulSet/web').map((e) => `${e.reason}: ${e.message}`);

describe('StatefulSet controller', () => {
  it('OrderedReady creates web-0, then web-1 only once web-0 is Ready, then web-2', () => {
    const t = TestCluster.create({ seed: 7 }).apply(STS).runUntilIdle();
    expect(t.c.list('Pod', 'default').map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    for (const n of ['web-0', 'web-1', 'web-2']) t.expectPod(n).toHaveStatus('Running');
    expect(firstPut(t, 'Pod', 'web-1')).toBeGreaterThanOrEqual(readyAt(t, 'web-0'));
    expect(firstPut(t, 'Pod', 'web-2')).toBeGreaterThanOrEqual(readyAt(t, 'web-1'));
    expect(firstPut(t, 'Pod', 'web-1')).toBeGreaterThan(firstPut(t, 'Pod', 'web-0') + 1000);
    expect(stsEvents(t)).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    const pod = t.pod('web-1') as Obj;
    const sts = t.c.get('StatefulSet', 'default', 'web') as Obj;
    expect(pod.metadata.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': sts.status.updateRevision });
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    const [rev] = t.c.list('ControllerRevision', 'default') as Obj[];
    expect(rev.metadata.name).toBe(sts.status.updateRevision);
    expect(rev.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev).toMatchObject({ revision: 1, data: { spec: { template: { $patch: 'replace' } } } });
    expect(rev.metadata.labels['controller.kubernetes.io/hash']).toBe(rev.metadata.name.slice('web-'.length));
  });

  it('scaling to 1 deletes web-2, waits for it to be gone, then deletes web-1', () => {
    const t = TestCluster.create({ seed: 7 }).apply(STS).runUntilIdle();
    t.apply(STS.replace('replicas: 3', 'replicas: 1')).runUntilIdle();
    expect(t.c.list('Pod', 'default').map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(stsEvents(t).slice(3)).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
    const gone = (n: string) => t.c.trace().find((e) => e.type === 'etcd.delete' && e.object?.name === n)?.t ?? -1;
    const deleteAsked = (n: string) => t.events().find((e) => e.message === `delete Pod ${n} in StatefulSet web successful`)!.storedAt;
    expect(gone('web-2')).toBeGreaterThan(0);
    expect(deleteAsked('web-1')).toBeGreaterThan(gone('web-2'));
    expect((t.c.get('StatefulSet', 'default', 'web') as Obj).status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it('Parallel creates every pod at once', () => {
    const t = TestCluster.create({ seed: 7 }).apply(STS.replace('  serviceName: nginx', '  serviceName: nginx\n  podManagementPolicy: Parallel'));
    t.runFor(500);
    expect(t.c.list('Pod', 'default').map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    t.runUntilIdle();
    for (const n of ['web-0', 'web-1', 'web-2']) t.expectPod(n).toHaveStatus('Running');
  });

  it('creates and binds a claim per pod before the pod, from volumeClaimTemplates', () => {
    const t = TestCluster.create({ seed: 3 }).apply(EXAMPLE).runUntilIdle();
    const claims = t.c.list('PersistentVolumeClaim', 'default') as Obj[];
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    for (const c of claims) {
      expect(c.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
      expect(c.metadata.labels).toEqual({ app: 'nginx' });
      expect(c.spec.volumeName).toBe(`pvc-${c.metadata.uid}`);
      expect((t.c.get('PersistentVolume', undefined, c.spec.volumeName) as Obj).status.phase).toBe('Bound');
    }
    for (const i of [0, 1, 2]) {
      expect(firstPut(t, 'PersistentVolumeClaim', `www-web-${i}`)).toBeLessThan(firstPut(t, 'Pod', `web-${i}`));
      t.expectPod(`web-${i}`).toHaveStatus('Running');
      expect((t.pod(`web-${i}`) as Obj).spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: `www-web-${i}` } });
    }
    expect(stsEvents(t).slice(0, 2)).toEqual(['SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful']);
    const claimEvents = t.events('www-web-0').map((e) => `${e.reason}: ${e.message}`);
    expect(claimEvents).toContain(`ProvisioningSucceeded: Successfully provisioned volume ${(t.c.get('PersistentVolumeClaim', 'default', 'www-web-0') as Obj).spec.volumeName}`);
    expect(claimEvents[0]).toBe("ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that your external provisioner is running and correctly registered.");
    // the headless Service gets no ClusterIP and selects the three pods
    expect((t.c.get('Service', 'default', 'nginx') as Obj).spec.clusterIP).toBe('None');
  });

  it('rolls a template change out from the highest ordinal down', () => {
    const t = TestCluster.create({ seed: 7 }).apply(STS).runUntilIdle();
    const before = (t.c.get('StatefulSet', 'default', 'web') as Obj).status.updateRevision;
    t.apply(STS.replace('nginx:1.27', 'nginx:1.28')).runUntilIdle();
    const sts = t.c.get('StatefulSet', 'default', 'web') as Obj;
    expect(sts.status.updateRevision).not.toBe(before);
    expect(sts.status).toMatchObject({ currentRevision: sts.status.updateRevision, updatedReplicas: 3, readyReplicas: 3 });
    expect(stsEvents(t).filter((e) => e.startsWith('SuccessfulDelete'))).toEqual(['web-2', 'web-1', 'web-0'].map((n) => `SuccessfulDelete: delete Pod ${n} in StatefulSet web successful`));
    for (const n of ['web-0', 'web-1', 'web-2']) expect((t.pod(n) as Obj).spec.containers[0].image).toBe('nginx:1.28');
    expect(t.c.list('ControllerRevision', 'default').map((r) => (r as Obj).revision).sort()).toEqual([1, 2]);
  });

  it('refuses spec changes outside the mutable fields, in the upstream words', () => {
    const t = TestCluster.create({ seed: 7 }).apply(STS).runUntilIdle();
    t.apply(STS.replace('serviceName: nginx', 'serviceName: other'));
    expect(t.lastResults[0].status?.message).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});
