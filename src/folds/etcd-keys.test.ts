// etcd's keys as the played trace shows them, against the real engine's MVCC.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { STARTER_POD } from '../ui/editor/examples';
import { foldKeys, HISTORY_PER_KEY } from './etcd-keys';
import { PMap } from './pmap';
import type { EtcdKeyView } from '../protocol/messages';

const fixture = (e: AnyTraceEvent) => e as TraceEvent;

type Fold = { keys: PMap<EtcdKeyView>; revision: number };
const fold0 = (): Fold => ({ keys: PMap.empty(), revision: 0 });
const step = (f: Fold, events: readonly TraceEvent[]): Fold => foldKeys(f.keys, f.revision, events);

const POD_KEY = '/registry/pods/default/nginx';

function played() {
  const c = createCluster({ seed: 1, nodes: 2 });
  c.runUntilIdle();
  c.apply(STARTER_POD);
  c.runUntilIdle();
  return { c, fold: step(fold0(), c.trace()) };
}

describe('etcd keys fold', () => {
  it("gives a pod's key the create revision, mod revision and version etcd has", () => {
    const { c, fold } = played();
    const k = fold.keys.get(POD_KEY)!;
    const pod = c.get('Pod', 'default', 'nginx') as { metadata: { resourceVersion: string } };
    // created, bound by the scheduler, then the kubelet's status updates: one version per write
    expect(k.modRevision).toBe(Number(pod.metadata.resourceVersion));
    expect(k.createRevision).toBeLessThan(k.modRevision);
    expect(k.version).toBe(k.history.length);
    expect(k.version).toBeGreaterThanOrEqual(3);
    expect(k.history[0]).toMatchObject({ op: 'put', version: 1, revision: k.createRevision });
    expect(k.history.map((w) => w.revision)).toEqual([...k.history.map((w) => w.revision)].sort((a, b) => a - b));
    // the engine says them on each put (mvccpb.KeyValue), and they agree with counting
    const puts = c.trace().filter((e) => e.type === 'etcd.put').filter((e) => e.params.key === POD_KEY);
    expect(puts.map((e) => [e.params.createRevision, e.params.version])).toEqual(k.history.map((w) => [k.createRevision, w.version]));
    // the store's revision is the newest write's
    const newest = Math.max(...[...fold.keys.values()].map((x) => x.modRevision));
    expect(fold.revision).toBe(newest);
  });

  it('turns a delete into a tombstone that keeps the key history, and a re-create into a new generation', () => {
    const { c, fold: before } = played();
    let fold = before;
    const from = c.trace().length;
    c.delete({ kind: 'Pod', name: 'nginx' }, { gracePeriodSeconds: 0 });
    c.runUntilIdle();
    fold = step(fold, c.trace().slice(from));
    const gone = fold.keys.get(POD_KEY)!;
    expect(gone).toMatchObject({ version: 0, createRevision: 0 });
    expect(gone.history.at(-1)).toMatchObject({ op: 'delete', version: 0, revision: gone.modRevision });
    // a value: the fold before the delete still shows the live key
    expect(before.keys.get(POD_KEY)!.version).toBeGreaterThan(0);

    const again = c.trace().length;
    c.apply(STARTER_POD);
    fold = step(fold, c.trace().slice(again));
    const back = fold.keys.get(POD_KEY)!;
    expect(back.createRevision).toBeGreaterThan(gone.modRevision);
    expect(back.history.at(-1)).toMatchObject({ op: 'put', version: 1, revision: back.createRevision });
  });

  it('counts versions itself when a trace does not carry them, and caps the history', () => {
    // an older trace: a put without createRevision and version
    const put = (revision: number, ambient = true): TraceEvent => fixture({ seq: revision, t: revision * 10, type: 'etcd.put', key: 'etcd.put', from: 'kube-apiserver', to: 'etcd-0', params: { key: '/registry/leases/kube-node-lease/node-1', revision, size: 300 }, ambient });
    const fold = step(fold0(), Array.from({ length: HISTORY_PER_KEY + 3 }, (_, i) => put(10 + i)));
    const k = fold.keys.get('/registry/leases/kube-node-lease/node-1')!;
    expect(k).toMatchObject({ createRevision: 10, modRevision: 10 + HISTORY_PER_KEY + 2, version: HISTORY_PER_KEY + 3 });
    expect(k.history).toHaveLength(HISTORY_PER_KEY);
    // nothing etcd-related: the very same value comes back
    expect(step(fold, [{ ...put(41), type: 'raft.heartbeat' } as unknown as TraceEvent]).keys).toBe(fold.keys);
  });
});
