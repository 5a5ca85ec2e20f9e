// The garbage collector verifies missing owners with the apiserver before collecting
// (garbagecollector.go attemptToDeleteItem / isDangling), and deletes nothing with a live owner.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { createCluster } from '../../cluster/cluster';

const rs = (owner: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: lonely
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: ${owner}, uid: 00000000-0000-4000-8000-000000000000, controller: true}
spec:
  replicas: 1
  selector:
    matchLabels: {app: lonely}
  template:
    metadata:
      labels: {app: lonely}
    spec:
      containers:
      - {name: c, image: nginx}
`;

describe('garbage collector', () => {
  it('collects a ReplicaSet whose owner does not exist, then its pods', () => {
    const t = TestCluster.create().apply(rs('ghost')).runUntilIdle();
    expect(t.c.get('ReplicaSet', 'default', 'lonely')).toBeUndefined();
    expect(t.c.list('Pod', 'default')).toEqual([]);
    const gets = t.traceOf('apiserver.request').filter((e) => e.params.verb === 'get' && e.params.resource === 'deployments');
    expect(gets.map((e) => e.params.name)).toContain('ghost');
  });

  it('keeps a bare ReplicaSet without owners and its pods', () => {
    const t = TestCluster.create().apply(rs('ghost').replace(/  ownerReferences:\n.*\n/, '')).runUntilIdle();
    expect(t.c.get('ReplicaSet', 'default', 'lonely')).toBeDefined();
    expect(t.c.list('Pod', 'default')).toHaveLength(1);
  });
});

describe('determinism', () => {
  it('same seed, same inputs ⇒ the same trace', () => {
    const run = () => {
      const c = createCluster({ seed: 9 });
      c.runUntilIdle();
      c.apply(rs('ghost').replace(/  ownerReferences:\n.*\n/, '').replace('replicas: 1', 'replicas: 4'));
      c.runUntilIdle();
      return JSON.stringify(c.trace());
    };
    expect(run()).toBe(run());
  });
});
