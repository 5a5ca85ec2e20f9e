import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import { TestCluster } from '../testing/test-cluster';

const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

const hash = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

describe('cluster bootstrap', () => {
  it('registers three Ready nodes with 4 CPU / 8Gi / 110 pods and the system namespaces', () => {
    const t = TestCluster.create();
    const nodes = t.c.list('Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2', 'node-3']);
    const st = nodes[0].status as Record<string, any>;
    expect(st.allocatable).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(st.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(t.c.list('Namespace').map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
});

describe('a Pod from kubectl apply to Running', () => {
  it('is created, scheduled, pulled, created and started, in that order', () => {
    const t = TestCluster.create().apply(NGINX);
    expect(t.lastResults).toEqual([{ ok: true, kind: 'Pod', namespace: 'default', name: 'nginx', action: 'created', line: 1 }]);
    expect(t.status('nginx')).toBe('Pending');
    t.runUntil(() => t.status('nginx') === 'ContainerCreating', 5_000);
    t.runUntilIdle();
    t.expectPod('nginx').toHavePhase('Running').toHaveStatus('Running');
    const reasons = t.events('nginx').map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const ev = t.events('nginx');
    expect(ev[0].message).toMatch(/^Successfully assigned default\/nginx to node-[123]$/);
    expect(ev[1].message).toBe('Pulling image "nginx:1.27"');
    expect(ev[2].message).toMatch(/^Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    // plausible virtual times: scheduled within ms, image pull takes seconds
    expect(ev[0].storedAt).toBeLessThan(100);
    expect(ev[2].storedAt - ev[1].storedAt).toBeGreaterThan(500);
    expect(ev[4].storedAt).toBeLessThan(30_000);
    const pod = t.pod('nginx') as Record<string, any>;
    expect(pod.status.podIP).toMatch(/^10\.244\.[123]\.\d+$/);
    expect(pod.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`).sort()).toEqual(
      ['ContainersReady=True', 'Initialized=True', 'PodReadyToStartContainers=True', 'PodScheduled=True', 'Ready=True'],
    );
  });

  it('traces the request through every apiserver stage, etcd, the watch and the scheduler', () => {
    const t = TestCluster.create();
    const from = t.c.trace().length;
    t.apply(NGINX).runUntilIdle();
    // Raft's replication steps (raft.propose/append/commit) come between; etcd/raft.test.ts covers them
    const story = t.c.trace().slice(from).filter((e) => !e.ambient && !e.type.startsWith('raft.'));
    const types = story.map((e) => e.type);
    const firstPost = story.findIndex((e) => e.type === 'apiserver.request' && e.params.verb === 'create');
    expect(types.slice(firstPost, firstPost + 8)).toEqual([
      'apiserver.request', 'apiserver.authenticate', 'apiserver.authorize', 'apiserver.admit', 'apiserver.validate', 'apiserver.validating_admission', 'etcd.put', 'apiserver.response',
    ]);
    const order = (['scheduler.filter', 'scheduler.score', 'scheduler.decision'] as const).map((x) => types.indexOf(x));
    expect(order.every((i, n) => i > firstPost && (n === 0 || i > order[n - 1]))).toBe(true);
    const decision = t.traceOf('scheduler.decision')[0].detail!;
    expect(Object.keys(decision.filter).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(decision.weights).toMatchObject({ TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1 });
    expect(decision.chosen).toMatch(/^node-[123]$/);
  });

  it('apply again is unchanged; a label change is configured; a port change is refused', () => {
    const t = TestCluster.create().apply(NGINX).runUntilIdle();
    expect(t.apply(NGINX).lastResults[0].action).toBe('unchanged');
    expect(t.apply(NGINX.replace('name: nginx\nspec', 'name: nginx\n  labels:\n    app: web\nspec')).lastResults[0].action).toBe('configured');
    expect(t.pod('nginx')?.metadata.labels).toEqual({ app: 'web' });
    const r = t.apply(NGINX.replace('containerPort: 80', 'containerPort: 8080')).lastResults[0];
    expect(r.ok).toBe(false);
    expect(r.status?.code).toBe(422);
    expect(r.status?.message).toMatch(/^Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });
});

describe('scheduling', () => {
  it('leaves a pod that fits nowhere Pending with the exact FailedScheduling message', () => {
    const t = TestCluster.create().apply(NGINX.replace('name: nginx\nspec', 'name: big\nspec').replace('    ports:', '    resources:\n      requests:\n        cpu: "16"\n    ports:')).runUntilIdle(60_000);
    t.expectPod('big').toHavePhase('Pending').toHaveStatus('Pending');
    const failed = t.events('big').filter((e) => e.reason === 'FailedScheduling');
    // v1.30+ appends the PostFilter message without an extra period (framework/types.go FitError.Error)
    expect(failed[0]?.message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const cond = ((t.pod('big') as Record<string, any>).status.conditions as Array<Record<string, string>>).find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: failed[0].message });
  });

  it('prefers the least allocated node (LeastAllocated)', () => {
    const busy = (name: string, node: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests:
        cpu: "2"
        memory: 2Gi
`;
    const t = TestCluster.create().apply(busy('a', 'node-1')).apply(busy('b', 'node-2')).runUntilIdle();
    t.apply(NGINX).runUntilIdle();
    expect((t.pod('nginx') as Record<string, any>).spec.nodeName).toBe('node-3');
  });
});

describe('graceful deletion', () => {
  it('shows Terminating while nginx shuts down, then the pod is gone from etcd', () => {
    const t = TestCluster.create().apply(NGINX).runUntilIdle();
    const t0 = t.c.now();
    t.delete('Pod', 'nginx');
    expect(t.lastResults[0]).toMatchObject({ ok: true, action: 'deleted' });
    t.expectPod('nginx').toHaveStatus('Terminating');
    t.runUntil((x) => x.pod('nginx') === undefined, 31_000);
    expect(t.c.now() - t0).toBeLessThan(5_000);
    expect(t.events('nginx').map((e) => e.reason)).toContain('Killing');
    expect(t.traceOf('etcd.delete').some((e) => e.object?.name === 'nginx')).toBe(true);
  });

  it('SIGKILLs a process that ignores SIGTERM when the 30 s grace period ends', () => {
    const sleeper = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - name: sleeper
    image: busybox:1.36
    command: ["sleep", "3600"]
`;
    const t = TestCluster.create().apply(sleeper).runUntilIdle();
    t.expectPod('sleeper').toHaveStatus('Running');
    const t0 = t.c.now();
    t.delete('Pod', 'sleeper');
    t.runFor(29_000).expectPod('sleeper').toHaveStatus('Terminating');
    t.runUntil((x) => x.pod('sleeper') === undefined, 5_000);
    expect(t.c.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(t.c.now() - t0).toBeLessThan(32_000);
  });
});

describe('bad input', () => {
  it('rejects an invalid manifest with a Status and its line, and changes nothing', () => {
    const t = TestCluster.create().apply(NGINX).runUntilIdle();
    const before = t.c.list('Pod').map((p) => p.metadata.resourceVersion);
    const bad = `apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: web
`;
    const [r] = t.apply(bad).lastResults;
    expect(r).toMatchObject({ ok: false, line: 7, status: { code: 422, reason: 'Invalid', message: 'Pod "broken" is invalid: spec.containers[0].image: Required value' } });
    expect(t.c.list('Pod').map((p) => p.metadata.resourceVersion)).toEqual(before);
    expect(t.apply('kind: Pod\napiVersion: v1\nmetadata: {name: x}\nspec: [').lastResults[0].status?.reason).toBe('BadRequest');
    expect(t.apply('apiVersion: v1\nkind: Podd\nmetadata: {name: x}\n').lastResults[0].status?.message).toContain('no matches for kind "Podd" in version "v1"');
  });

  it('answers a forbidden user with 403 at the authorization stage', () => {
    const c = createCluster();
    c.runUntilIdle();
    const [r] = c.apply(NGINX, { user: 'alice' });
    expect(r.status).toMatchObject({ code: 403, message: 'pods "nginx" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"' });
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const c = createCluster({ seed });
    c.runUntilIdle();
    c.apply(NGINX);
    c.runUntilIdle();
    c.delete({ kind: 'Pod', namespace: 'default', name: 'nginx' });
    c.runUntilIdle();
    return hash(JSON.stringify(c.trace()));
  };

  it('gives the same trace, byte for byte, for the same seed and inputs', () => {
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });

  it('continues after snapshot/restore exactly as if it had never stopped', () => {
    const a = createCluster({ seed: 3 });
    a.runUntilIdle();
    a.apply(NGINX);
    a.advance(1_500);
    const snap = a.snapshot();
    a.runUntilIdle();
    const straight = JSON.stringify(a.trace());
    a.restore(snap);
    a.runUntilIdle();
    expect(JSON.stringify(a.trace())).toBe(straight);
    // a snapshot carries no trace: another cluster restored from it records from the snapshot on
    const b = createCluster({ seed: 3 });
    b.restore(structuredClone(snap));
    b.runUntilIdle();
    expect(JSON.stringify(b.trace())).toBe(JSON.stringify(a.trace().slice(snap.kernel.kernel.traceSeq)));
  });
});
