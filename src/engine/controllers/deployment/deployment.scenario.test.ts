// Seed 001/002 as stories: kubectl apply of a Deployment → the deployment controller creates a
// ReplicaSet → the ReplicaSet controller creates the pods; self-healing, rolling update and
// Recreate with their guarantees checked after every step, scaling, and cascading deletion.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import type { KObject } from '../../api/types';

type Obj = Record<string, any>;

const deployment = (image: string, replicas = 3, strategy = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}${strategy}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const replicaSets = (t: TestCluster) => t.c.list('ReplicaSet', 'default');
const pods = (t: TestCluster) => t.c.list('Pod', 'default');
const ready = (p: KObject) => ((p.status as Obj)?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
const ownerOf = (p: KObject) => (p.metadata.ownerReferences as Obj[] | undefined)?.[0]?.name;
/** pods the controllers count: not terminating */
const live = (t: TestCluster) => pods(t).filter((p) => !p.metadata.deletionTimestamp);

function started(): TestCluster {
  return TestCluster.create().apply(deployment('nginx:1.27')).runUntilIdle();
}

describe('Deployment → ReplicaSet → Pods (seed 001)', () => {
  it('creates one ReplicaSet web-<hash> and three Running pods web-<hash>-<5 chars>', () => {
    const t = started();
    expect(t.lastResults[0]).toMatchObject({ ok: true, action: 'created' });
    const [rs, ...more] = replicaSets(t);
    expect(more).toEqual([]);
    expect(rs.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true })]);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const ps = pods(t);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(t.status(p.metadata.name)).toBe('Running');
    }
    const d = t.c.get('Deployment', 'default', 'web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const conds = Object.fromEntries(((d.status as Obj).conditions as Obj[]).map((c) => [c.type, c]));
    expect(conds.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(conds.Progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
  });

  it('records ScalingReplicaSet, then SuccessfulCreate three times', () => {
    const t = started();
    const rs = replicaSets(t)[0].metadata.name;
    const evs = t.events().filter((e) => e.object === 'Deployment/web' || e.object === `ReplicaSet/${rs}`);
    expect(evs.map((e) => e.reason)).toEqual(['ScalingReplicaSet', 'SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(evs[0].message).toBe(`Scaled up replica set ${rs} from 0 to 3`);
    expect(evs.slice(1).map((e) => e.message).sort()).toEqual(pods(t).map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('traces every reconcile as controller.sync with desired and actual', () => {
    const t = started();
    // (the ServiceAccount and root-CA controllers' bootstrap syncs come before)
    const acted = t.traceOf('controller.sync').filter((e) => !e.ambient && ['deployment', 'replicaset'].includes(String(e.params.controller)));
    expect(acted[0].params).toMatchObject({ controller: 'deployment', key: 'default/web', desired: 3, actual: 0 });
    expect(acted[1].params).toMatchObject({ controller: 'replicaset', desired: 3, actual: 0, action: 'create 3 pod(s)' });
    expect(t.traceOf('controller.sync').some((e) => e.ambient && e.params.action === 'none')).toBe(true);
  });

  it('replaces a deleted pod (seed 000 step 6)', () => {
    const t = started();
    const victim = pods(t)[0].metadata.name;
    t.delete('Pod', victim).runUntilIdle();
    expect(t.pod(victim)).toBeUndefined();
    const ps = pods(t);
    expect(ps).toHaveLength(3);
    expect(ps.every((p) => t.status(p.metadata.name) === 'Running')).toBe(true);
    expect(t.events().filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(4);
  });
});

describe('rolling update', () => {
  it('never exceeds replicas + maxSurge nor drops below replicas − maxUnavailable', () => {
    const t = started();
    const oldRS = replicaSets(t)[0].metadata.name;
    t.apply(deployment('nginx:1.28'));
    let maxTotal = 0;
    let minAvailable = Infinity;
    t.runUntil(() => {
      const rss = replicaSets(t);
      const total = rss.reduce((n, rs) => n + Number((rs.spec as Obj).replicas), 0);
      maxTotal = Math.max(maxTotal, total);
      minAvailable = Math.min(minAvailable, live(t).filter(ready).length);
      // 3 replicas, 25% / 25% ⇒ surge 1 (rounded up), unavailable 0 (rounded down)
      expect(total).toBeLessThanOrEqual(4);
      expect(live(t).filter(ready).length).toBeGreaterThanOrEqual(3);
      const newRS = rss.find((rs) => rs.metadata.name !== oldRS);
      return !!newRS && (newRS.status as Obj)?.availableReplicas === 3 && pods(t).length === 3;
    });
    expect(maxTotal).toBe(4);
    expect(minAvailable).toBe(3);
    t.runUntilIdle();
    const rss = Object.fromEntries(replicaSets(t).map((rs) => [rs.metadata.name, rs]));
    const newName = Object.keys(rss).find((n) => n !== oldRS)!;
    expect((rss[newName].spec as Obj).replicas).toBe(3);
    expect((rss[oldRS].spec as Obj).replicas).toBe(0);
    expect(rss[newName].metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(pods(t).every((p) => ownerOf(p) === newName)).toBe(true);
    const scaling = t.events('web').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling).toEqual([
      `Scaled up replica set ${oldRS} from 0 to 3`,
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${newName} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newName} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(t.c.get('Deployment', 'default', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('rolls back by re-applying the old template: the old ReplicaSet becomes revision 3', () => {
    const t = started();
    const first = replicaSets(t)[0].metadata.name;
    t.apply(deployment('nginx:1.28')).runUntilIdle();
    t.apply(deployment('nginx:1.27')).runUntilIdle();
    const rs = t.c.get('ReplicaSet', 'default', first)!;
    expect((rs.spec as Obj).replicas).toBe(3);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(replicaSets(t)).toHaveLength(2);
  });
});

describe('scaling', () => {
  it('scales to 5 and back to 2', () => {
    const t = started();
    const rs = replicaSets(t)[0].metadata.name;
    t.apply(deployment('nginx:1.27', 5)).runUntilIdle();
    expect(live(t)).toHaveLength(5);
    expect(t.c.get('Deployment', 'default', 'web')!.status).toMatchObject({ replicas: 5, availableReplicas: 5 });
    t.apply(deployment('nginx:1.27', 2)).runUntilIdle();
    expect(live(t)).toHaveLength(2);
    expect(replicaSets(t)).toHaveLength(1);
    expect(t.events('web').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)).toEqual([
      `Scaled up replica set ${rs} from 0 to 3`,
      `Scaled up replica set ${rs} from 3 to 5`,
      `Scaled down replica set ${rs} from 5 to 2`,
    ]);
    expect(t.events(rs).filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(3);
  });
});

describe('Recreate', () => {
  it('removes every old pod before the new ReplicaSet gets any', () => {
    const strategy = '\n  strategy:\n    type: Recreate';
    const t = TestCluster.create().apply(deployment('nginx:1.27', 3, strategy)).runUntilIdle();
    const oldRS = replicaSets(t)[0].metadata.name;
    t.apply(deployment('nginx:1.28', 3, strategy));
    t.runUntil(() => {
      const owners = new Set(pods(t).map(ownerOf));
      expect(owners.has(oldRS) && owners.size > 1).toBe(false);
      return replicaSets(t).length === 2 && live(t).filter(ready).length === 3 && !owners.has(oldRS);
    });
    t.runUntilIdle();
    const scaling = t.events('web').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling[1]).toBe(`Scaled down replica set ${oldRS} from 3 to 0`);
    expect(scaling[2]).toMatch(/^Scaled up replica set web-\w+ from 0 to 3$/);
  });
});

describe('garbage collection', () => {
  it('deleting the Deployment removes its ReplicaSets and pods (Background)', () => {
    const t = started();
    t.apply(deployment('nginx:1.28')).runUntilIdle();
    const names = replicaSets(t).map((rs) => rs.metadata.name);
    expect(names).toHaveLength(2);
    t.delete('Deployment', 'web').runUntilIdle();
    expect(t.c.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(replicaSets(t)).toEqual([]);
    expect(pods(t)).toEqual([]);
    const gc = t.traceOf('controller.sync').filter((e) => e.params.controller === 'garbagecollector' && !e.ambient);
    expect(gc.map((e) => e.params.key)).toEqual(expect.arrayContaining(names.map((n) => `replicasets/default/${n}`)));
    expect(gc.some((e) => String(e.params.key).startsWith('pods/'))).toBe(true);
  });
});
