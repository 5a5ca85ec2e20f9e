// A seed sweep (STYLE.md, after TigerBeetle's vopr): random workloads under many seeds, the
// invariants checked as the simulation runs; a failure prints the seed that reproduces it.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { Rng } from '../kernel/rng';
import { checkAll, revisionsIncrease } from './invariants';

function workload(seed: number) {
  const rng = new Rng({}, seed, 'workload');
  const ops: Array<{ at: number; yaml?: string; del?: string }> = [];
  let t = 0;
  for (let i = 0; i < 12; i++) {
    t += rng.int(4000);
    const cpu = [0, 100, 250, 500, 1000, 1500][rng.int(6)];
    const image = ['nginx:1.27', 'busybox:1.36', 'redis:7', 'httpd:2.4'][rng.int(4)];
    const cmd = image.startsWith('busybox') ? `\n    command: ["sleep", "${rng.int(60) + 1}"]` : '';
    const res = cpu ? `\n    resources:\n      requests:\n        cpu: ${cpu}m\n        memory: ${64 + rng.int(512)}Mi` : '';
    ops.push({ at: t, yaml: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: ${image}${cmd}${res}\n` });
    if (i > 2 && rng.chance(1, 3)) ops.push({ at: t + rng.int(3000), del: `p${rng.int(i)}` });
  }
  return ops.sort((a, b) => a.at - b.at);
}

describe('seed sweep', () => {
  it('keeps every invariant for 12 seeds of random pod workloads', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const c = createCluster({ seed, nodes: 2 + (seed % 3) });
      c.runUntilIdle();
      const start = c.now();
      let checked = 0;
      const fail = (where: string, v: string[]) => {
        if (v.length) throw new Error(`seed ${seed} (${where}, t=${c.now()}): ${v.slice(0, 3).join('; ')}`);
        checked = c.trace().length - 1;
      };
      for (const op of workload(seed)) {
        c.advance(start + op.at - c.now());
        if (op.yaml) c.apply(op.yaml);
        else if (op.del) c.delete({ kind: 'Pod', namespace: 'default', name: op.del });
        fail('after op', checkAll(c, checked));
      }
      for (let i = 0; i < 40; i++) {
        c.advance(2_000);
        fail('while running', checkAll(c, checked));
      }
      fail('revisions', revisionsIncrease(c.trace()));
      expect(c.list('Pod').length).toBeGreaterThan(0);
    }
  }, 120_000);
});
