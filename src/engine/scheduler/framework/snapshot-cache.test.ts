// The snapshot's cached lists (issue 12's speed work) against the scans they replace: after any
// sequence of node and pod changes, list(), havePodsWithAffinityList() and
// havePodsWithRequiredAntiAffinityList() are what a fresh filter over the nodes gives, in order;
// and PodTopologySpread's per-node count equals counting the node's pods again.
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../../api/selectors';
import { countPodsMatchSelector, countPodsOnNode } from '../plugins/pod-topology-spread/common';
import { Rng } from '../../kernel/rng';
import { Snapshot } from './snapshot';
import { makeNode, makePod } from './testing/wrappers';

const names = (l: readonly { name: string }[]) => l.map((n) => n.name);

describe('Snapshot cached lists', () => {
  it('equal a fresh scan after random node and pod changes', () => {
    const rng = new Rng({}, 7, 'snapshot-cache');
    const s = new Snapshot();
    const pods = new Map<string, Pod>();
    for (let step = 0; step < 600; step++) {
      const r = rng.int(10);
      const node = `n${rng.int(12)}`;
      if (r === 0) s.addNode(makeNode(node).label('zone', `z${rng.int(3)}`).obj());
      else if (r === 1) s.removeNode(node);
      else if (r < 4 && pods.size) {
        const key = [...pods.keys()][rng.int(pods.size)];
        s.removePod(pods.get(key)!);
        pods.delete(key);
      } else {
        const name = `p${step}`;
        const w = makePod(name).uid(name).node(node).label('app', `a${rng.int(3)}`);
        const kind = rng.int(4);
        if (kind === 1) w.podAffinityIn('app', 'zone', ['a1']);
        if (kind === 2) w.podAntiAffinityIn('app', 'kubernetes.io/hostname', ['a2']);
        const p = w.obj();
        s.addPod(p);
        pods.set(name, p);
      }
      // ask in a varying order, as the plugins do
      if (step % 3 === 0) s.havePodsWithAffinityList();
      const all = [...(s as unknown as { nodeInfoMap: Map<string, { node?: unknown; name: string; podsWithAffinity: Map<string, unknown>; podsWithRequiredAntiAffinity: Map<string, unknown> }> }).nodeInfoMap.values()].filter((ni) => ni.node);
      expect(names(s.list())).toEqual(names(all));
      expect(names(s.havePodsWithAffinityList())).toEqual(names(all.filter((ni) => ni.podsWithAffinity.size > 0)));
      expect(names(s.havePodsWithRequiredAntiAffinityList())).toEqual(names(all.filter((ni) => ni.podsWithRequiredAntiAffinity.size > 0)));
    }
  });

  it('a node update keeps its place in the list', () => {
    const s = Snapshot.fromObjects([makeNode('a').obj(), makeNode('b').obj(), makeNode('c').obj()]);
    expect(names(s.list())).toEqual(['a', 'b', 'c']);
    s.updateNode(makeNode('a').label('x', 'y').obj());
    expect(names(s.list())).toEqual(['a', 'b', 'c']);
    expect(s.get('a')!.labels.x).toBe('y');
  });
});

describe('countPodsOnNode', () => {
  it('equals counting the pods again after each change of the node', () => {
    const s = Snapshot.fromObjects([makeNode('n').obj()]);
    const sel = labelSelectorAsSelector({ matchLabels: { app: 'web' } });
    const ni = () => s.get('n')!;
    const check = () => expect(countPodsOnNode(ni(), sel, 'default')).toBe(countPodsMatchSelector(ni().podInfos.values(), sel, 'default'));
    check();
    const a = makePod('a').uid('a').node('n').label('app', 'web').obj();
    const b = makePod('b').uid('b').node('n').label('app', 'db').obj();
    s.addPod(a);
    check();
    s.addPod(b);
    check();
    expect(countPodsOnNode(ni(), sel, 'default')).toBe(1);
    s.updatePod(b, { ...b, metadata: { ...b.metadata, labels: { app: 'web' } } });
    check();
    expect(countPodsOnNode(ni(), sel, 'default')).toBe(2);
    s.removePod(a);
    check();
    expect(countPodsOnNode(ni(), sel, 'other')).toBe(0);
  });
});
