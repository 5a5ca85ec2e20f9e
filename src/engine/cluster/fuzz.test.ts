// Bad input never kills the engine (the worker's host): random YAML text and random objects
// through apply and delete must come back as results with a Status, and never change or
// corrupt what is already in the cluster.
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import { Rng } from '../kernel/rng';

const FRAGMENTS = [
  'apiVersion: v1', 'kind: Pod', 'kind: Podd', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: x', '  name: X_Y',
  '  namespace: nope', 'spec:', '  containers:', '  - name: c', '    image: nginx', '    image: 42', '  containers: "str"',
  '    resources: {requests: {cpu: lots}}', '    ports: [{containerPort: -1}]', '  replicas: -3', '---', ':', '- - -', '\t', '{', '[1, 2',
  'a: &x 1', 'b: *x', '!!binary', '"unterminated', '  restartPolicy: Sometimes', '  nodeName: node-9', '  unknownField: 1', 'null', '~', '',
];

function randomYaml(rng: Rng): string {
  const n = 1 + rng.int(14);
  return Array.from({ length: n }, () => FRAGMENTS[rng.int(FRAGMENTS.length)]).join('\n');
}

function randomValue(rng: Rng, depth: number): unknown {
  switch (rng.int(depth > 2 ? 4 : 7)) {
    case 0: return rng.int(1000) - 500;
    case 1: return ['', 'Pod', 'v1', 'nginx', 'x'.repeat(rng.int(300)), 'ünïcode'][rng.int(6)];
    case 2: return rng.chance(1, 2);
    case 3: return null;
    case 4: return Array.from({ length: rng.int(3) }, () => randomValue(rng, depth + 1));
    default: {
      const keys = ['apiVersion', 'kind', 'metadata', 'name', 'spec', 'containers', 'image', 'status', 'namespace', 'labels', 'selector', 'template'];
      const o: Record<string, unknown> = {};
      for (let i = rng.int(4); i >= 0; i--) o[keys[rng.int(keys.length)]] = randomValue(rng, depth + 1);
      return o;
    }
  }
}

describe('fuzzing the apply path', () => {
  it('answers every malformed manifest with a result and never corrupts existing objects', () => {
    const c = createCluster({ seed: 5 });
    c.runUntilIdle();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: keeper\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
    c.runUntilIdle();
    const before = c.get('Pod', 'default', 'keeper') as Record<string, any>;
    const rng = new Rng({}, 99, 'fuzz');
    for (let i = 0; i < 400; i++) {
      const input = i % 2 ? randomYaml(rng) : [randomValue(rng, 0), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'keeper' }, spec: randomValue(rng, 1) }][rng.int(2)];
      let results;
      expect(() => {
        results = i % 7 === 0 && typeof input === 'string' ? c.deleteManifest(input.replace(/keeper/g, 'other')) : c.apply(input as string | object);
      }, `input ${i}: ${JSON.stringify(input).slice(0, 200)}`).not.toThrow();
      for (const r of results as unknown as Array<{ ok: boolean; status?: { code: number; message: string } }>) {
        if (!r.ok) expect(r.status?.message, `input ${i}`).toBeTruthy();
      }
    }
    c.runUntilIdle();
    const after = c.get('Pod', 'default', 'keeper') as Record<string, any>;
    // the keeper may only have been changed in ways an update allows (never corrupted or lost)
    expect(after).toBeDefined();
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec.containers.map((x: { name: string }) => x.name)).toEqual(['c']);
    expect(after.status.phase).toBe('Running');
  });
});
