// The engine's speed work (informer indexes, the scheduler's heap queue, shared stored objects)
// must not change what it decides: these runs' trace hashes were pinned from the engine before
// that work (commit 514daa0) and must not move. Each run exercises one of the changed paths at a
// size where a different order or a missed object would show: many pods queued at one virtual
// instant, priorities and back-off, ReplicaSets/Deployments/Jobs/DaemonSets/StatefulSets scanning
// their pods, scale-down choosing victims, garbage collection by owner.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index';
import { traceHash } from '../vopr/fnv';

function hashOf(c: Cluster): string {
  return `${c.trace().length}:${traceHash(c.trace())}`;
}

const deployment = (name: string, replicas: number, cpu = '10m') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests: {cpu: ${cpu}, memory: 16Mi}
`;

const pod = (name: string, cpu: string, priorityClass?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  ${priorityClass ? `priorityClassName: ${priorityClass}` : ''}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: ${cpu}, memory: 16Mi}
`;

function runDeployments(): Cluster {
  const c = createCluster({ seed: 7, nodes: 12 });
  c.runUntilIdle();
  c.apply(deployment('web', 60));
  c.apply(deployment('api', 20));
  c.runUntilIdle();
  c.apply(deployment('web', 15));
  c.apply(deployment('api', 20, '20m')); // a rollout
  c.runUntilIdle();
  c.delete({ kind: 'Deployment', name: 'api' });
  c.runUntilIdle();
  return c;
}

function runPriorities(): Cluster {
  const c = createCluster({ seed: 3, nodes: 3 });
  c.runUntilIdle();
  c.apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`);
  c.runUntilIdle();
  // more than fits: some wait unschedulable with back-off, the high ones preempt
  for (let i = 0; i < 16; i++) c.apply(pod(`low-${i}`, '900m'));
  for (let i = 0; i < 4; i++) c.apply(pod(`high-${i}`, '1500m', 'high'));
  c.runUntilIdle(120_000);
  for (let i = 0; i < 6; i++) c.delete({ kind: 'Pod', name: `low-${i}` });
  c.runUntilIdle(120_000);
  return c;
}

function runWorkloads(): Cluster {
  const c = createCluster({ seed: 11, nodes: 4 });
  c.runUntilIdle();
  c.apply(`apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  completions: 6
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 2"]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: nginx:1.27
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: nginx:1.27
`);
  c.runUntilIdle(60_000);
  c.apply(deployment('web', 8));
  c.runUntilIdle();
  c.delete({ kind: 'DaemonSet', name: 'agent' });
  c.delete({ kind: 'Job', name: 'batch' }, { propagationPolicy: 'Background' });
  c.runUntilIdle(60_000);
  return c;
}

describe('speed work decides exactly as before (trace hashes pinned before it)', () => {
  it('Deployments: 80 pods queued at once, scale-down, rollout, cascading delete', () => {
    const c = runDeployments();
    expect(c.list('Pod').filter((p) => (p.status as { phase?: string }).phase === 'Running').length).toBe(15);
    expect(hashOf(c)).toBe('20063:2cb294cf2d43822c');
  });
  it('priorities, unschedulable pods with back-off, preemption', () => {
    const c = runPriorities();
    const decisions = c.trace().filter((e) => e.type === 'scheduler.decision');
    expect(decisions.some((e) => Number((e.params as { victims?: number }).victims) > 0)).toBe(true);
    expect(decisions.some((e) => !(e.params as { node: string }).node)).toBe(true);
    expect(hashOf(c)).toBe('3863:7d92ec5d8f415371');
  });
  it('Job, DaemonSet, StatefulSet, Deployment and their deletion', () => {
    const c = runWorkloads();
    expect(c.trace().some((e) => e.type === 'controller.sync' && (e.params as { controller: string }).controller.includes('daemon'))).toBe(true);
    expect(hashOf(c)).toBe('4620:808af33be071cccf');
  });
});
