// Node-pressure eviction (E.11): a pod that allocates almost all of the node's memory drives
// memory.available under the 100Mi hard threshold; the kubelet reports MemoryPressure, the node
// gets the memory-pressure NoSchedule taint, and the pod using the most beyond its request is
// evicted (Failed / Evicted with the upstream message); the condition clears after 5 minutes.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { evictionMessage, rankMemoryPressure } from './eviction-manager';
import type { PodWorker } from '../pod-workers';

const pod = (name: string, container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  containers:
${container}`;

const HOG = pod('hog', `  - name: hog
    image: polinux/stress
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "7600M", "--vm-hang", "1"]
`);
const WEB = pod('web', `  - name: web
    image: nginx:1.27
    resources:
      requests:
        memory: 64Mi
`);

type Cond = { type: string; status: string; reason?: string; message?: string };
const nodeCond = (t: TestCluster, type: string) => ((t.c.get('Node', undefined, 'node-1')?.status as { conditions: Cond[] }).conditions).find((c) => c.type === type)!;
const taints = (t: TestCluster) => ((t.c.get('Node', undefined, 'node-1')?.spec as { taints?: Array<{ key: string; effect: string }> }).taints ?? []).map((x) => `${x.key}:${x.effect}`);

describe('node-pressure eviction (memory.available<100Mi)', () => {
  it('evicts the BestEffort pod that exceeds its request, with the exact status and event', () => {
    const t = TestCluster.create({ seed: 21 }).apply(WEB).runUntilIdle();
    t.apply(HOG).runUntil((x) => (x.pod('hog')?.status as { phase?: string })?.phase === 'Failed', 120_000);
    const st = t.pod('hog')!.status as Record<string, any>;
    // 8Gi − 512Mi (system) − 7600Mi (stress) − 2 idle processes of 1184Ki
    const message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 79552Ki. Container hog was using 7783584Ki, request is 0, has larger consumption of memory. ';
    expect(st).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    expect(st.conditions.find((c: Cond) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet', message });
    expect(t.status('hog')).toBe('Evicted');
    expect(t.events('hog').find((e) => e.reason === 'Evicted')).toMatchObject({ type: 'Warning', message });
    expect(t.pod('web')?.status).toMatchObject({ phase: 'Running' });

    // MemoryPressure and the NoSchedule taint the node lifecycle controller adds for it
    t.runFor(10_000);
    // the hard threshold kills with grace period 0 (StopContainer gets the 2 s minimum)
    expect(t.events('hog').some((e) => e.reason === 'Killing' && e.message === 'Stopping container hog')).toBe(true);
    expect(t.traceOf('cri.stop_container').find((e) => e.object?.name === 'hog')?.params).toMatchObject({ graceSeconds: 2 });
    expect(((t.pod('hog')!.status as Record<string, any>).containerStatuses[0].state.terminated)).toMatchObject({ exitCode: 0 });
    expect(nodeCond(t, 'MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' });
    expect(taints(t)).toContain('node.kubernetes.io/memory-pressure:NoSchedule');
    const nodeEvents = t.c.list('Event', 'default').filter((e) => (e.involvedObject as { kind: string }).kind === 'Node').map((e) => e.reason);
    expect(nodeEvents).toContain('NodeHasInsufficientMemory');

    // the hog is gone, but the condition holds for the pressure transition period (5 min)
    const evictedAt = t.traceOf('kubelet.evict')[0].t;
    t.runFor(240_000);
    expect(nodeCond(t, 'MemoryPressure').status).toBe('True');
    t.runUntil((x) => nodeCond(x, 'MemoryPressure').status === 'False', 120_000);
    const cleared = t.traceOf('kubelet.node_condition').filter((e) => e.params.status === 'False')[0].t;
    expect(cleared - evictedAt).toBeGreaterThanOrEqual(300_000);
    expect(cleared - evictedAt).toBeLessThan(310_000);
    t.runFor(10_000);
    expect(taints(t)).not.toContain('node.kubernetes.io/memory-pressure:NoSchedule');
  });
});

describe('rankMemoryPressure', () => {
  const pw = (name: string, priority: number) => ({ uid: name, pod: { metadata: { name }, spec: { priority, containers: [{ name, resources: {} }] } } }) as unknown as PodWorker;
  const u = (name: string, priority: number, usage: number, request: number) => ({ pw: pw(name, priority), usage, request, containers: [{ name, usage }] });
  it('puts pods over their request first, then lower priority, then the largest excess', () => {
    const ranked = rankMemoryPressure([u('under', 0, 50, 100), u('over-high', 1000, 500, 100), u('over-small', 0, 200, 100), u('over-big', 0, 900, 100)]);
    expect(ranked.map((p) => p.pw.uid)).toEqual(['over-big', 'over-small', 'over-high', 'under']);
  });
  it('names only the containers using more than they requested', () => {
    expect(evictionMessage(u('a', 0, 3 * 2 ** 20, 0), 50 * 2 ** 20)).toBe('The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container a was using 3Mi, request is 0, has larger consumption of memory. ');
  });
});
