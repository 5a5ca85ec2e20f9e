// The StatefulSet status follows its pods even while their re-creation is refused (performUpdate
// writes the status after updateStatefulSet's error). Found by the VOPR: a quota refused the pod,
// and status.replicas kept counting the pod that was gone.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';

type Obj = Record<string, any>;
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: nginx, image: nginx:1.27, resources: {requests: {cpu: 100m}}}
`;

describe('StatefulSet status when a pod create is refused', () => {
  it('counts the pods that are there', () => {
    const t = TestCluster.create({ seed: 4 }).apply(STS).runUntilIdle();
    expect((t.c.get('StatefulSet', 'default', 'web') as Obj).status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    t.apply('apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\nspec:\n  hard: {pods: "1"}\n').runUntilIdle();
    t.c.delete({ kind: 'Pod', namespace: 'default', name: 'web-0' }, { gracePeriodSeconds: 0 });
    t.runFor(30_000);
    expect(t.c.get('Pod', 'default', 'web-0')).toBeUndefined();
    expect(t.events('web').some((e) => e.reason === 'FailedCreate')).toBe(true);
    expect((t.c.get('StatefulSet', 'default', 'web') as Obj).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });
});
