import { describe, expect, it } from 'vitest';
import type { EtcdKeyView, WorkerMessage } from '../../protocol/messages';
import { keyTree, nextEtcdKeys } from './etcd-keys';
import { PMap } from '../../folds/pmap';

const key = (k: string, modRevision: number, version = 1): EtcdKeyView => ({ key: k, createRevision: version ? modRevision - version + 1 : 0, modRevision, version, history: [] });
const batch = (etcdKeys?: EtcdKeyView[], reset = false) =>
  ({ type: 'BATCH', clock: { nowMs: 0, playing: true, speed: 1, pacing: 'story', fastForward: false }, trace: [], objects: [], etcdKeys, reset }) as Extract<WorkerMessage, { type: 'BATCH' }>;

describe('etcd keys in the store', () => {
  it('merges changed keys, keeps the map when nothing changed, and starts over on reset', () => {
    const a = nextEtcdKeys(PMap.empty(), batch([key('/registry/pods/default/a', 5)]));
    expect(nextEtcdKeys(a, batch())).toBe(a);
    const b = nextEtcdKeys(a, batch([key('/registry/pods/default/a', 9, 2), key('/registry/pods/default/b', 8)]));
    expect(b.get('/registry/pods/default/a')).toMatchObject({ modRevision: 9, version: 2 });
    expect(a.get('/registry/pods/default/a')?.modRevision).toBe(5);
    expect([...nextEtcdKeys(b, batch([key('/registry/leases/kube-node-lease/n', 3)], true)).keys()]).toEqual(['/registry/leases/kube-node-lease/n']);
  });

  it('builds a sorted tree of path segments and counts the live keys under each prefix', () => {
    const t = keyTree([key('/registry/pods/default/web-10', 4), key('/registry/pods/default/web-9', 3), key('/registry/pods/kube-system/x', 2, 0), key('/registry/minions/node-1', 1)]);
    const registry = t.children[0];
    expect(registry.name).toBe('registry');
    expect(registry.children.map((c) => c.name)).toEqual(['minions', 'pods']);
    const pods = registry.children[1];
    expect(pods.live).toBe(2);
    expect(pods.children[0].children.map((c) => c.name)).toEqual(['web-9', 'web-10']);
    expect(pods.children[1].children[0].key?.version).toBe(0);
    expect(t.live).toBe(3);
  });
});
