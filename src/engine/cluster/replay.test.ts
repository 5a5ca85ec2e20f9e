// The run as data: replay from inputs() reproduces the trace byte for byte; seek(k) lands at the
// same state as a fresh replay stepped to k; an input after a seek back forks the run.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index';
import { Rng } from '../kernel/rng';
import { traceHash } from '../vopr/fnv';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
const SVC_AND_BROKEN = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: x
`;

/** equal hashes ⇔ (practically) equal traces */
function hash(c: Cluster): string {
  return `${c.trace().length}:${traceHash(c.trace())}`;
}

/** A run with inputs at awkward moments: mid-delivery steps, after advance, several per apply. */
function recordedRun(seed = 7): Cluster {
  const c = createCluster({ seed, nodes: 3 });
  c.runUntilIdle();
  c.apply(POD);
  for (let i = 0; i < 17; i++) c.step();
  c.apply(DEPLOY);
  c.advance(1234);
  c.apply(SVC_AND_BROKEN, { user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] });
  c.inject({ type: 'image.remove', target: 'nginx:1.27', node: 'node-1' });
  c.runUntilIdle();
  c.delete({ kind: 'Pod', name: 'nginx' }, { gracePeriodSeconds: 5 });
  c.inject({ type: 'node.stop', target: 'node-2' });
  c.advance(70_000);
  c.delete({ kind: 'Deployment', name: 'web' }, { cascade: 'foreground' });
  c.runUntilIdle();
  return c;
}

function replayTo(inputs: ReturnType<Cluster['inputs']>, length: number, seed = 7): Cluster {
  const r = createCluster({ seed, nodes: 3, inputs });
  while (r.trace().length < length) if (!r.step()) break;
  return r;
}

describe('the input log', () => {
  it('records every user action with its position, as plain JSON', () => {
    const c = recordedRun();
    const inputs = c.inputs();
    expect(inputs.map((i) => i.type)).toEqual(['apply', 'apply', 'apply', 'apply', 'inject', 'delete', 'inject', 'delete']);
    expect(JSON.parse(JSON.stringify(inputs))).toEqual(inputs);
    for (let i = 1; i < inputs.length; i++) expect(inputs[i].at.delivered).toBeGreaterThanOrEqual(inputs[i - 1].at.delivered);
    const del = inputs[5];
    expect(del).toMatchObject({ type: 'delete', ref: { kind: 'Pod', namespace: 'default', name: 'nginx' }, opts: { gracePeriodSeconds: 5 } });
    // one input per document: the invalid Pod was still sent (the apiserver refused it)
    expect(inputs[2]).toMatchObject({ type: 'apply', object: { kind: 'Service' }, as: { user: 'kubernetes-admin' } });
    expect(inputs[3]).toMatchObject({ type: 'apply', object: { kind: 'Pod', metadata: { name: 'broken' } } });
    expect(inputs[3].at.delivered).toBeGreaterThan(inputs[2].at.delivered);
  });

  it('replays to the same trace, byte for byte', () => {
    const c = recordedRun();
    const r = replayTo(c.inputs(), c.trace().length);
    expect(hash(r)).toBe(hash(c));
    expect(r.list('Pod').map((p) => p.metadata.name)).toEqual(c.list('Pod').map((p) => p.metadata.name));
  });

  it('a log whose positions go backwards is refused', () => {
    const inputs = recordedRun().inputs();
    [inputs[1], inputs[2]] = [inputs[2], inputs[1]];
    expect(() => createCluster({ seed: 7, nodes: 3, inputs })).toThrow(/recorded before/);
  });
});

describe('seek', () => {
  const c = recordedRun();
  const full = c.trace().map((e) => JSON.stringify(e));
  const inputs = c.inputs();

  it('seek(k) gives the same trace, clock and objects as a fresh replay stepped to k', () => {
    const rng = new Rng({}, 99, 'seek');
    const ks = [0, 5, full.length - 1, ...Array.from({ length: 5 }, () => rng.int(full.length))];
    for (const k of ks) {
      c.seek(k);
      expect(c.trace().length).toBe(k + 1);
      expect(JSON.stringify(c.trace()[k])).toBe(full[k]);
      const fresh = createCluster({ seed: 7, nodes: 3, inputs });
      while (fresh.trace().length <= k) fresh.step();
      expect(c.now()).toBe(fresh.now());
      expect(c.list('Pod')).toEqual(fresh.list('Pod'));
      expect(c.list('Deployment')).toEqual(fresh.list('Deployment'));
    }
  }, 60_000);

  it('plays forward from a seek exactly as the original run', () => {
    c.seek(Math.floor(full.length / 3));
    while (c.trace().length < full.length) c.step();
    expect(c.trace().map((e) => JSON.stringify(e))).toEqual(full);
  });

  it('listeners hear nothing during the seek, then every event from the new position on', () => {
    const heard: number[] = [];
    const off = c.onTrace((e) => heard.push(e.seq));
    c.seek(100);
    expect(heard).toEqual([]);
    c.step();
    c.step();
    off();
    expect(heard).toEqual([101, 102]);
  });
});

describe('seek through a rollout', () => {
  it('replays from any checkpoint to the very same trace (a checkpoint may hold a pod the scheduler only assumed)', () => {
    const c = createCluster({ seed: 1, nodes: 3 });
    c.runUntilIdle();
    const steps = [DEPLOY, DEPLOY.replace('replicas: 2', 'replicas: 5'), DEPLOY.replace('replicas: 2', 'replicas: 5').replace('nginx:1.27', 'nginx:1.28')];
    for (const m of steps) {
      c.apply(m);
      c.runUntilIdle();
      c.advance(20_000);
    }
    const full = c.trace().map((e) => JSON.stringify(e));
    const rng = new Rng({}, 7, 'bench');
    for (let i = 0; i < 12; i++) {
      const seq = rng.int(full.length);
      c.seek(seq);
      const t = c.trace();
      for (let k = Math.max(0, seq - 300); k <= seq; k++) expect(JSON.stringify(t[k])).toBe(full[k]);
    }
  }, 60_000);
});

describe('fork', () => {
  it('an input after a seek back drops the later inputs, keeps them as the abandoned branch, and can return', () => {
    const c = recordedRun();
    const original = c.inputs();
    const originalHash = hash(c);
    const forkAt = original[1].at.seq + 3; // just after the Deployment was sent
    c.seek(forkAt);
    c.apply(POD.replace('nginx:1.27', 'nginx:1.28').replace('name: nginx', 'name: other'));
    const forked = c.inputs();
    expect(forked.length).toBe(3);
    expect(forked.slice(0, 2)).toEqual(original.slice(0, 2));
    expect(forked[2]).toMatchObject({ type: 'apply', object: { metadata: { name: 'other' } } });
    const branch = c.abandonedBranch()!;
    expect(branch.inputs).toEqual(original.slice(2));
    expect(branch.forkSeq).toBe(forkAt + 1);
    c.runUntilIdle();
    expect(c.get('Pod', 'default', 'other')).toBeDefined();
    // the fork replays on its own as well
    const r = replayTo(c.inputs(), c.trace().length);
    expect(hash(r)).toBe(hash(c));
    // back to the original run: same inputs, and played out, the same trace
    c.returnToBranch();
    expect(c.inputs()).toEqual(original);
    while (c.trace().length < Number(originalHash.split(':')[0])) c.step();
    expect(hash(c)).toBe(originalHash);
    expect(c.abandonedBranch()!.inputs[0]).toMatchObject({ object: { metadata: { name: 'other' } } });
  });
});

describe('checkpoints', () => {
  it('snapshots no longer carry the trace, and restore ends the trace at the snapshot', () => {
    const c = createCluster({ seed: 3 });
    c.runUntilIdle();
    const snap = c.snapshot();
    expect('trace' in snap.kernel).toBe(false);
    const at = c.trace().length;
    c.apply(POD);
    c.runUntilIdle();
    c.restore(snap);
    expect(c.trace().length).toBe(at);
    expect(c.inputs()).toEqual([]);
    expect(c.get('Pod', 'default', 'nginx')).toBeUndefined();
  });

  it('stay bounded on a long run', () => {
    const c = recordedRun();
    c.advance(30 * 60_000);
    const st = c.checkpointStats();
    expect(st.count).toBeGreaterThan(2);
    expect(st.count).toBeLessThanOrEqual(48);
    // within the memory budget, and sparse enough that cloning costs at most 8 KiB per event
    expect(st.snapshotBytes).toBeGreaterThan(100_000);
    expect(st.count * st.snapshotBytes).toBeLessThanOrEqual(192 * 2 ** 20 + st.snapshotBytes);
    expect(st.interval).toBeGreaterThanOrEqual(st.snapshotBytes / 0.6 / 16_384);
    // and a seek still lands exactly
    const full = c.trace().length;
    c.seek(Math.floor(full / 2));
    expect(c.trace().length).toBe(Math.floor(full / 2) + 1);
  }, 60_000);
});
