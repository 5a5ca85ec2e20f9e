// The controller.sync trace carries what the Controllers panel shows: the work queue behind the
// synced key and the writes the sync planned.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';

const deployment = (name: string, replicas = 3) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe('controller.sync trace', () => {
  it('names the planned writes: the ReplicaSet controller creates 3 pods from the generated name', () => {
    const t = TestCluster.create({ seed: 1 }).apply(deployment('web')).runUntilIdle();
    const rs = t.traceOf('controller.sync').find((e) => e.params.controller === 'replicaset' && !e.ambient)!;
    const hash = String(rs.params.key).replace('default/web-', '');
    expect(rs.params).toMatchObject({ desired: 3, actual: 0, action: 'create 3 pod(s)', queued: 0 });
    expect(rs.detail).toEqual({ queue: [], writes: Array(3).fill(`create pods web-${hash}-*`), writeCount: 3 });
  });

  it('counts the keys still waiting in the work queue when a sync starts', () => {
    // more Deployments than the controller has workers (--concurrent-deployment-syncs 5)
    const yaml = Array.from({ length: 12 }, (_, i) => deployment(`d${i}`, 2)).join('---\n');
    const t = TestCluster.create({ seed: 1 }).apply(yaml).runUntilIdle();
    const syncs = t.traceOf('controller.sync').filter((e) => e.params.controller === 'deployment');
    const busiest = syncs.reduce((a, b) => (Number(b.params.queued) > Number(a.params.queued) ? b : a));
    const waiting = busiest.detail!.queue;
    expect(Number(busiest.params.queued)).toBeGreaterThan(0);
    expect(waiting).toHaveLength(Number(busiest.params.queued));
    expect(waiting).not.toContain(busiest.params.key);
    expect(waiting.every((k) => /^default\/d\d+$/.test(k))).toBe(true);
  });
});
