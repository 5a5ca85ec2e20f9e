// The Terminal's `kubectl drain` on a cluster (the byte-for-byte comparison with the real kubectl
// is src/server/parity-drain.test.ts): what it refuses, its warnings, the evictions as the clock
// moves, and that a drain is an input like any other (a replay gives the same trace).
import { describe, expect, it } from 'vitest';
import { EPOCH_MS, createCluster } from '../../engine';
import { traceHash } from '../../engine/vopr/fnv';
import { handle } from '../handler';
import { KubectlSession } from './kubectl';
import { goDuration, parseGoDuration } from './drain';

const SOLO = `apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  nodeName: node-1
  containers:
  - name: c
    image: nginx:1.27
`;

describe('kubectl drain in the Terminal', () => {
  it('refuses an unmanaged pod, evicts it with --force as the clock moves, and replays to the same trace', () => {
    const c = createCluster({ seed: 9, nodes: 2 });
    c.runUntilIdle();
    const term = new KubectlSession({ handle: (r) => handle({ cluster: c, serverAddress: 'orrery.local' }, r), namespace: 'default', files: { 'solo.yaml': SOLO }, nowMs: () => EPOCH_MS + c.now() });
    expect(term.run('kubectl apply -f solo.yaml').stdout).toBe('pod/solo created\n');
    c.advance(10_000);
    const refused = term.run('kubectl drain node-1');
    expect(refused).toEqual({
      stdout: 'node/node-1 cordoned\n',
      stderr:
        'error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n',
      exitCode: 1,
    });
    const first = term.run('kubectl drain node-1 --force');
    expect(first).toEqual({ stdout: 'node/node-1 already cordoned\nevicting pod default/solo\n', stderr: 'Warning: deleting Pods that declare no controller: default/solo\n', exitCode: 0, watching: true });
    let out = '';
    let code: number | undefined;
    for (let i = 0; i < 60 && code === undefined; i++) {
      c.advance(1000);
      const p = term.pollDrain()!;
      out += p.stdout + p.stderr;
      code = p.exitCode;
    }
    expect(out).toBe('pod/solo evicted\nnode/node-1 drained\n');
    expect(code).toBe(0);
    expect(term.pollDrain()).toBeUndefined();
    expect(c.get('Pod', 'default', 'solo')).toBeUndefined();
    // the eviction was a request like kubectl's others: recorded, and replayed to the same story
    expect(c.inputs().some((i) => (i as { request?: { subresource?: string } }).request?.subresource === 'eviction')).toBe(true);
    c.runUntilIdle();
    const replay = createCluster({ seed: 9, nodes: 2, inputs: c.inputs() });
    while (replay.trace().length < c.trace().length && replay.nextDueMs() !== undefined) replay.step();
    expect(traceHash(replay.trace().slice(0, c.trace().length))).toBe(traceHash(c.trace()));
  });

  it('answers a missing node with the NotFound error, and no node with the usage line', () => {
    const c = createCluster({ seed: 9, nodes: 1 });
    c.runUntilIdle();
    const term = new KubectlSession({ handle: (r) => handle({ cluster: c, serverAddress: 'orrery.local' }, r), namespace: 'default', files: {} });
    expect(term.run('kubectl drain node-7')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "node-7" not found\n', exitCode: 1 });
    expect(term.run('kubectl drain').exitCode).toBe(1);
  });

  it('reads and prints durations as Go does', () => {
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('soon')).toBeUndefined();
    expect(goDuration(90_000)).toBe('1m30s');
    expect(goDuration(3000)).toBe('3s');
  });
});
