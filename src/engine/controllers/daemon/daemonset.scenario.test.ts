// DaemonSet scenarios through the real cluster: one pod per eligible node, pinned by node
// affinity and placed by the default scheduler; tainted and unlabelled nodes skipped; nodes that
// join and leave.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';

type Obj = Record<string, any>;
const DS = readFileSync(join(__dirname, '../../../../examples/daemonset.yaml'), 'utf8');
const dsPods = (t: TestCluster) => (t.c.list('Pod', 'default') as Obj[]).filter((p) => p.metadata.name.startsWith('node-logger-'));
const onNodes = (t: TestCluster) => dsPods(t).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName).sort();
const dsEvents = (t: TestCluster) => t.events('node-logger').map((e) => `${e.reason}: ${e.message}`);

describe('DaemonSet controller', () => {
  it('runs one pod per node, pinned by node affinity, with the daemon tolerations', () => {
    const t = TestCluster.create({ seed: 5 }).apply(DS).runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1', 'node-2', 'node-3']);
    const pods = dsPods(t);
    for (const p of pods) {
      expect(t.status(p.metadata.name)).toBe('Running');
      expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }] });
      expect(p.metadata.labels).toMatchObject({ app: 'node-logger', 'pod-template-generation': '1' });
      expect(p.metadata.labels['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    }
    expect(pods[0].spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const ds = t.c.get('DaemonSet', 'default', 'node-logger') as Obj;
    expect(ds.metadata.annotations['deprecated.daemonset.template.generation']).toBe('1');
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.status).toEqual({ currentNumberScheduled: 3, desiredNumberScheduled: 3, numberMisscheduled: 0, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, observedGeneration: 1 });
    expect(dsEvents(t).sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(t.c.list('ControllerRevision', 'default').map((r) => r.metadata.name)).toEqual([`node-logger-${pods[0].metadata.labels['controller-revision-hash']}`]);
  });

  it('writes its status even when its pods are refused (found by the VOPR: a failed create dropped the status update)', () => {
    const t = TestCluster.create({ seed: 5 }).apply(DS.replace('      containers:', '      priorityClassName: missing\n      containers:')).runUntilIdle();
    expect(dsPods(t)).toEqual([]);
    expect(dsEvents(t)[0]).toBe('FailedCreate: Error creating: pods "node-logger-" is forbidden: no PriorityClass with name missing was found');
    const ds = t.c.get('DaemonSet', 'default', 'node-logger') as Obj;
    expect(ds.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 3, numberMisscheduled: 0, numberReady: 0, numberUnavailable: 3, observedGeneration: 1 });
  });

  it('skips a node with an untolerated NoSchedule taint', () => {
    const t = TestCluster.create({ seed: 5 });
    const node = t.c.get('Node', undefined, 'node-2') as Obj;
    t.apply(JSON.stringify({ ...node, metadata: { name: 'node-2', labels: node.metadata.labels }, spec: { ...node.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, status: undefined })).runUntilIdle();
    t.apply(DS).runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1', 'node-3']);
    expect((t.c.get('DaemonSet', 'default', 'node-logger') as Obj).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
  });

  it('adds a pod when a node joins the cluster', () => {
    const t = TestCluster.create({ seed: 5 });
    // node-3 is powered off and removed before the DaemonSet exists
    t.c.inject({ type: 'node.stop', target: 'node-3' });
    t.c.delete({ kind: 'Node', name: 'node-3' });
    t.runUntilIdle();
    t.apply(DS).runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1', 'node-2']);
    expect((t.c.get('DaemonSet', 'default', 'node-logger') as Obj).status).toMatchObject({ desiredNumberScheduled: 2 });
    // it boots and registers again: the DaemonSet follows
    t.c.inject({ type: 'node.start', target: 'node-3' });
    t.runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(dsEvents(t).filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3);
    expect((t.c.get('DaemonSet', 'default', 'node-logger') as Obj).status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
  });

  it('deletes its pod from a node that stops matching the nodeSelector', () => {
    const t = TestCluster.create({ seed: 5, nodes: [{ labels: { logs: 'yes' } }, { labels: { logs: 'yes' } }, {}] });
    t.apply(DS.replace('    spec:\n      containers:', '    spec:\n      nodeSelector:\n        logs: "yes"\n      containers:')).runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1', 'node-2']);
    const node = t.c.get('Node', undefined, 'node-2') as Obj;
    const victim = dsPods(t).find((p) => p.spec.nodeName === 'node-2')!.metadata.name;
    t.apply(JSON.stringify({ ...node, metadata: { name: 'node-2', labels: { ...node.metadata.labels, logs: 'no' } }, status: undefined })).runUntilIdle();
    expect(onNodes(t)).toEqual(['node-1']);
    expect(dsEvents(t)).toContain(`SuccessfulDelete: Deleted pod: ${victim}`);
  });

  it('keeps its pod on a node that stops answering (it tolerates unreachable:NoExecute)', () => {
    const t = TestCluster.create({ seed: 5 }).apply(DS).runUntilIdle();
    t.c.inject({ type: 'node.stop', target: 'node-2' });
    t.runFor(400_000);
    const node = t.c.get('Node', undefined, 'node-2') as Obj;
    expect(node.spec.taints.map((x: Obj) => `${x.key}:${x.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    expect(onNodes(t)).toEqual(['node-1', 'node-2', 'node-3']);
    expect((t.c.get('DaemonSet', 'default', 'node-logger') as Obj).status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
  });

  it('replaces pods one node at a time on a template change (maxUnavailable 1)', () => {
    const t = TestCluster.create({ seed: 5 }).apply(DS).runUntilIdle();
    const old = dsPods(t).map((p) => p.metadata.name);
    t.apply(DS.replace('busybox:1.36', 'busybox:1.37')).runUntilIdle();
    const pods = dsPods(t);
    expect(onNodes(t)).toEqual(['node-1', 'node-2', 'node-3']);
    for (const p of pods) expect(p.metadata.labels['pod-template-generation']).toBe('2');
    const deletes = dsEvents(t).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes.sort()).toEqual(old.map((n) => `SuccessfulDelete: Deleted pod: ${n}`).sort());
    // one at a time: each delete waits for the previous replacement to be available
    const times = t.events('node-logger').filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.storedAt);
    expect(times[1] - times[0]).toBeGreaterThan(1000);
    expect((t.c.get('DaemonSet', 'default', 'node-logger') as Obj).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });
});
