// Scenarios through the whole cluster (TestCluster): pod anti-affinity spreading a Deployment, a pod waiting
// for pod affinity with the exact FailedScheduling text, and preemption of a low-priority pod (the victim
// gets the DisruptionTarget condition and a deletionTimestamp, the preemptor status.nominatedNodeName, then
// runs there). The preemption scenario uses priorityClassName, resolved by the Priority admission plugin.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';

const pause = (name: string, extra = '', cpu = '100m') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
${extra}  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
    resources:
      requests:
        cpu: ${cpu}
`;

describe('InterPodAffinity in the cluster', () => {
  it('required anti-affinity spreads the 3 replicas of a Deployment over the 3 nodes', () => {
    const t = TestCluster.create({ seed: 3 }).apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: web
            topologyKey: kubernetes.io/hostname
      containers:
      - name: nginx
        image: nginx:1.27
`);
    t.runUntilIdle();
    const pods = t.c.list('Pod', 'default', 'app=web');
    expect(pods.length).toBe(3);
    expect(new Set(pods.map((p) => (p.spec as { nodeName?: string }).nodeName)).size).toBe(3);
    expect(pods.every((p) => (p.status as { phase?: string }).phase === 'Running')).toBe(true);
    // a fourth replica has nowhere to go
    t.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: web
            topologyKey: kubernetes.io/hostname
      containers:
      - name: nginx
        image: nginx:1.27
`).runFor(5_000);
    const pending = t.c.list('Pod', 'default', 'app=web').find((p) => !(p.spec as { nodeName?: string }).nodeName)!;
    const failed = t.events(pending.metadata.name).filter((e) => e.reason === 'FailedScheduling');
    expect(failed[0].message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it('a pod requiring affinity to a missing pod stays Pending, and schedules next to it once it runs', () => {
    const t = TestCluster.create({ seed: 5 }).apply(pause('app', `  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: cache
        topologyKey: kubernetes.io/hostname
`));
    t.runFor(10_000);
    expect(t.status('app')).toBe('Pending');
    const failed = t.events('app').filter((e) => e.reason === 'FailedScheduling');
    expect(failed[0].message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    const cond = ((t.pod('app')!.status as Record<string, any>).conditions as Array<Record<string, string>>).find((c) => c.type === 'PodScheduled')!;
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: failed[0].message });
    // the cache pod being bound requeues it (InterPodAffinity's QueueingHint for an assigned pod)
    t.apply(pause('cache')).runUntilIdle();
    t.expectPod('app').toHavePhase('Running');
    expect((t.pod('app')!.spec as { nodeName: string }).nodeName).toBe((t.pod('cache')!.spec as { nodeName: string }).nodeName);
  });
});

describe('DefaultPreemption in the cluster', () => {
  it('a high-priority pod preempts a low-priority one on a full cluster, then runs on the nominated node', () => {
    const t = TestCluster.create({ seed: 11 }).apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: 100
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`);
    for (const n of ['low-1', 'low-2', 'low-3']) t.apply(pause(n, '  priorityClassName: low\n', '3'));
    t.runUntilIdle();
    for (const n of ['low-1', 'low-2', 'low-3']) t.expectPod(n).toHavePhase('Running');
    expect((t.pod('low-1')!.spec as { priority: number }).priority).toBe(100);

    t.apply(pause('urgent', '  priorityClassName: high\n', '2'));
    const urgentUid = t.pod('urgent')!.metadata.uid;
    t.runUntil(() => !!(t.pod('urgent')?.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName, 10_000);
    const nominated = (t.pod('urgent')!.status as { nominatedNodeName: string }).nominatedNodeName;
    const victim = ['low-1', 'low-2', 'low-3'].find((n) => (t.pod(n)!.spec as { nodeName: string }).nodeName === nominated)!;
    t.runUntil(() => !!t.pod(victim)?.metadata.deletionTimestamp, 5_000);
    const v = t.pod(victim)!;
    const dt = ((v.status as Record<string, any>).conditions as Array<Record<string, string>>).find((c) => c.type === 'DisruptionTarget');
    expect(dt).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
    expect(t.status(victim)).toBe('Terminating');
    const decision = t.traceOf('scheduler.decision').find((e) => e.params.pod === 'default/urgent')!;
    expect(decision.detail).toMatchObject({ chosen: null, preemption: { nominatedNode: nominated, victims: [{ name: victim, priority: 100 }] } });
    expect(t.events('urgent').find((e) => e.reason === 'FailedScheduling')!.message).toBe('0/3 nodes are available: 3 Insufficient cpu.');

    t.runUntilIdle();
    expect(t.events(victim).find((e) => e.reason === 'Preempted')!.message).toBe(`Preempted by pod ${urgentUid} on node ${nominated}`);
    t.expectPod(victim).toBeGone();
    t.expectPod('urgent').toHavePhase('Running');
    expect((t.pod('urgent')!.spec as { nodeName: string }).nodeName).toBe(nominated);
    // the two other low-priority pods are untouched
    expect(['low-1', 'low-2', 'low-3'].filter((n) => t.pod(n)).length).toBe(2);
  });
});

describe('VolumeBinding in the cluster', () => {
  it('waits for a missing claim, and is retried when the claim appears (still unbound: Immediate binding)', () => {
    const t = TestCluster.create({ seed: 2 }).apply(pause('db', `  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`));
    t.runFor(5_000);
    expect(t.status('db')).toBe('Pending');
    const notFound = '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(t.events('db').filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)).toEqual([notFound]);
    const appliedAt = t.c.now();
    t.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`);
    // VolumeBinding's PVC event requeues the pod at once (after its back-off), not after 5 minutes
    t.runUntil(() => t.events('db').filter((e) => e.reason === 'FailedScheduling').length === 2, 10_000);
    const second = t.events('db').filter((e) => e.reason === 'FailedScheduling')[1];
    expect(second.message).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(second.storedAt - appliedAt).toBeLessThan(3_000);
  });
});
