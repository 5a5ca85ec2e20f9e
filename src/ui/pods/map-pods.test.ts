// The large cluster's Pods table: the first rows of a merge of the map's rows equal the first rows
// of every pod sorted by key, with several namespaces and rows of any length.
import { describe, expect, it } from 'vitest';
import type { PodCell } from '../../folds/cluster-map';
import { mapPods } from './MapPodRows';

const collator = new Intl.Collator('en', { numeric: true });
const cell = (namespace: string, name: string): PodCell => ({ key: `Pod/${namespace}/${name}`, name, namespace, status: 'Running', ready: '1/1', restarts: 0, ip: '', createdMs: 0, story: -1 });

describe('mapPods', () => {
  it('lists the first pods in key order, as a sort of all of them would', () => {
    let seed = 3;
    const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows = new Map<string, { name: string; pods: PodCell[] }>();
    for (let n = 0; n < 40; n++) {
      const pods = Array.from({ length: Math.floor(r() * 12) }, () => cell(r() < 0.5 ? 'default' : 'team-a', `web-${Math.floor(r() * 500)}-${n}`));
      // a row is sorted by name, then namespace (the fold's order)
      pods.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.namespace, b.namespace));
      rows.set(n ? `node-${n}` : '', { name: n ? `node-${n}` : '', pods });
    }
    const all = [...rows.values()].flatMap((row) => row.pods.map((c) => ({ cell: c, node: row.name }))).sort((a, b) => collator.compare(a.cell.key, b.cell.key));
    expect(mapPods(rows, 25)).toEqual(all.slice(0, 25));
    expect(mapPods(rows)).toEqual(all);
    expect(mapPods(new Map(), 5)).toEqual([]);
  });
});

describe('mapPods in one namespace', () => {
  it('lists a row in name order as key order (no sort), numbers as numbers', () => {
    const names = ['web-2', 'web-10', 'web-1', 'api-3', 'web-9'];
    const pods = names.map((n) => cell('default', n)).sort((a, b) => collator.compare(a.name, b.name));
    const rows = new Map([['', { name: '', pods }]]);
    expect(mapPods(rows).map((p) => p.cell.name)).toEqual(['api-3', 'web-1', 'web-2', 'web-9', 'web-10']);
    const keys = [...names].map((n) => `Pod/default/${n}`).sort(collator.compare);
    expect(mapPods(rows).map((p) => p.cell.key)).toEqual(keys);
  });
});
