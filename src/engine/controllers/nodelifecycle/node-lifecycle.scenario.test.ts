// A node loses power: Ready=Unknown after --node-monitor-grace-period, unreachable taints, pods
// evicted 300 s later (DefaultTolerationSeconds), replacements Running elsewhere; power back: Ready.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import type { KObject } from '../../api/types';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: 'nginx:1.27'}]}
`;
type Obj = Record<string, any>;
const ready = (n: KObject | undefined) => ((n?.status as Obj)?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
const taints = (n: KObject | undefined) => (((n?.spec as Obj)?.taints ?? []) as Obj[]).map((t) => `${t.key}:${t.effect}`);

describe('node lifecycle: a node dies and comes back', () => {
  it('marks the node Unknown, taints it, evicts after 300 s and reschedules; node.start heals it', () => {
    const t = TestCluster.create({ seed: 3 }).apply(WEB).runFor(30_000);
    const pods = () => t.c.list('Pod', 'default', 'app=web');
    expect(pods().map((p) => t.status(p.metadata.name))).toEqual(['Running', 'Running', 'Running']);
    const victim = pods()[0];
    const dead = String((victim.spec as Obj).nodeName);
    const t0 = t.c.now();
    t.c.inject({ type: 'node.stop', target: dead });
    const node = () => t.c.get('Node', undefined, dead);
    t.runUntil(() => ready(node())?.status === 'Unknown', 120_000);
    const unknownAt = t.c.now() - t0;
    expect(unknownAt).toBeGreaterThanOrEqual(40_000);
    expect(unknownAt).toBeLessThanOrEqual(60_000);
    expect(ready(node())).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    t.runFor(10_000);
    expect(taints(node()).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect((((node()!.spec as Obj).taints) as Obj[]).every((x) => typeof x.timeAdded === 'string')).toBe(true);
    expect(ready(t.pod(victim.metadata.name))?.status).toBe('False');
    expect(t.events(victim.metadata.name).map((e) => e.reason)).toContain('NodeNotReady');
    expect(t.events(dead).map((e) => e.message)).toContain(`Node ${dead} status is now: NodeNotReady`);

    const taintAt = t.c.trace().find((e) => e.type === 'etcd.put' && e.object?.kind === 'Node' && e.t > t0 + unknownAt - 1 && JSON.stringify(t.c.get('Node', undefined, dead)).includes('NoExecute'))?.t ?? t.c.now();
    t.runUntil(() => !!(t.pod(victim.metadata.name)?.metadata.deletionTimestamp), 400_000);
    const evictedAfterTaint = t.c.now() - taintAt;
    expect(evictedAfterTaint).toBeGreaterThan(290_000);
    expect(evictedAfterTaint).toBeLessThan(320_000);
    // ~5m50s after the node died (50 s grace + 300 s toleration)
    expect(t.c.now() - t0).toBeGreaterThan(340_000);
    expect(t.c.now() - t0).toBeLessThan(375_000);
    const ev = t.events(victim.metadata.name).find((e) => e.reason === 'TaintManagerEviction');
    expect(ev?.message).toBe(`Marking for deletion Pod default/${victim.metadata.name}`);
    expect(((t.pod(victim.metadata.name)!.status as Obj).conditions as Obj[]).find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });

    t.runFor(60_000);
    const live = pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((p) => (p.spec as Obj).nodeName !== dead)).toBe(true);
    expect(live.map((p) => t.status(p.metadata.name))).toEqual(['Running', 'Running', 'Running']);
    // the kubelet cannot confirm: the old pod stays Terminating
    expect(t.status(victim.metadata.name)).toBe('Terminating');

    t.c.inject({ type: 'node.start', target: dead });
    t.runFor(30_000);
    expect(ready(node())?.status).toBe('True');
    expect(taints(node())).toEqual([]);
    expect(t.pod(victim.metadata.name)).toBeUndefined();
    expect(t.traceOf('node.stop')).toHaveLength(1);
    expect(t.traceOf('node.start')).toHaveLength(1);
    expect(t.traceOf('node.drop').every((e) => e.ambient)).toBe(true);
  });
});
