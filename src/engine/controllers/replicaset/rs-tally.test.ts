// The ReplicaSet's kept tally must plan exactly what the walk over every pod plans: the same run
// with the tally and without it gives the same trace, through scale-up, scale-down, pods deleted,
// a pod relabelled out of the set (released) and back (adopted), minReadySeconds, and the
// ReplicaSet deleted with its pods orphaned.
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../index';
import { traceHash } from '../../vopr/fnv';
import { ReplicaSetController } from './replica-set';

const rs = (replicas: number, minReady = 0) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: ${replicas}
  minReadySeconds: ${minReady}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

function run(): string {
  const c = createCluster({ seed: 11, nodes: 3 });
  c.runUntilIdle();
  c.apply(rs(6));
  c.advance(20_000);
  const pods = () => (c.list('Pod', 'default') as Array<{ metadata: { name: string; labels?: Record<string, string> } }>).map((p) => p.metadata.name).sort();
  const relabel = (name: string, app: string) => {
    const p = c.get('Pod', 'default', name) as unknown as { metadata: Record<string, unknown> & { labels: Record<string, string> } };
    const { resourceVersion: _rv, ...metadata } = p.metadata;
    const [r] = c.apply({ ...p, metadata: { ...metadata, labels: { ...p.metadata.labels, app } } });
    expect(r.ok).toBe(true);
  };
  // a pod leaves the set (released, then replaced) and comes back to it (adopted, one too many deleted)
  const [first, second] = pods();
  relabel(first, 'other');
  c.advance(10_000);
  relabel(first, 'web');
  c.advance(10_000);
  c.delete({ kind: 'Pod', namespace: 'default', name: second });
  c.advance(10_000);
  c.apply(rs(9));
  c.advance(20_000);
  c.apply(rs(2));
  c.advance(40_000);
  c.apply(rs(4, 5));
  c.advance(30_000);
  c.delete({ kind: 'ReplicaSet', namespace: 'default', name: 'web' }, { cascade: 'orphan' });
  c.advance(20_000);
  expect(pods().length).toBeGreaterThanOrEqual(4);
  return `${c.trace().length}:${traceHash(c.trace())}`;
}

describe('the ReplicaSet tally', () => {
  afterEach(() => {
    ReplicaSetController.keepTally = true;
  });

  it('plans what the walk over every pod plans', () => {
    ReplicaSetController.keepTally = false;
    const walked = run();
    ReplicaSetController.keepTally = true;
    expect(run()).toBe(walked);
  });
});
